// Emitting one event to many sockets: the packet is encoded once and the same bytes are
// handed to every recipient's Engine.IO session.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace craftchat::engineio {
class PreparedMessage;
}

namespace craftchat::socketio {

class Namespace;
class Socket;

class BroadcastOperator
{
public:
    explicit BroadcastOperator(Namespace *nsp)
        : m_nsp(nsp)
    {}

    BroadcastOperator &to(const QString &room)
    {
        m_rooms.append(room);
        return *this;
    }
    BroadcastOperator &to(const QStringList &rooms)
    {
        m_rooms.append(rooms);
        return *this;
    }
    BroadcastOperator &except(const QString &room)
    {
        m_except.append(room);
        return *this;
    }
    // Leaves out one socket (socket.to(room) semantics: everyone but the sender).
    BroadcastOperator &exceptSocket(const Socket *socket)
    {
        m_exceptSocket = socket;
        return *this;
    }

    // Returns the number of sockets the event was written to.
    int emitEvent(const QString &event, const QJsonArray &args = {}, const QList<QByteArray> &attachments = {}) const;

    // The same with the arguments' JSON already written (sio::encodeArguments, or a payload's
    // toJsonText(): one object is one argument). No attachments.
    int emitEncoded(const QString &event, QByteArrayView arguments) const;

    QList<Socket *> recipients() const;

private:
    int deliver(const engineio::PreparedMessage &message, const QList<Socket *> &sockets, qint64 offset) const;

    Namespace *m_nsp;
    QStringList m_rooms;
    QStringList m_except;
    const Socket *m_exceptSocket = nullptr;
};

} // namespace craftchat::socketio
