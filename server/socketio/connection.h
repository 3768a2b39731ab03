// The Socket.IO side of one Engine.IO session: decodes its packets, admits it to namespaces
// and routes packets to the sockets (one per namespace) that live on it.
#pragma once

#include "common/protocol/socketiopacket.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVarLengthArray>

namespace craftchat::engineio {
class EngineSession;
class PreparedMessage;
} // namespace craftchat::engineio
namespace craftchat::protocol::eio {
struct Packet;
}

namespace craftchat::socketio {

class Namespace;
class Socket;
class SocketIoServer;

class Connection : public QObject
{
    Q_OBJECT
public:
    Connection(SocketIoServer *server, engineio::EngineSession *session);
    ~Connection() override;

    engineio::EngineSession *session() const { return m_session; }
    void send(const protocol::sio::Packet &packet);
    // A text packet already encoded (encodeEvent, encodeAck).
    void sendText(const QByteArray &text);
    void sendPrepared(const engineio::PreparedMessage &message);
    // Closes the Engine.IO session (and so every socket on it).
    void close(const QString &reason);
    // From SocketIoServer when connectTimeout has passed: closes if no namespace was joined.
    void onConnectTimeout();
    // Called by a socket that left its namespace.
    void forget(Socket *socket);

private:
    void onEnginePacket(const protocol::eio::Packet &packet);
    void onEngineClosed(const QString &reason);
    void handle(protocol::sio::Packet &&packet);
    void connectTo(protocol::sio::Packet &&packet);
    // Connection state recovery: true when the CONNECT's {pid, offset} named a socket of
    // nsp that could be recovered exactly (it is then attached here, its missed packets sent).
    bool recover(Namespace *nsp, const QJsonObject &auth);
    void sendConnectReply(Socket *socket);
    void closeForBadInput(const QString &why);
    QString generateSocketId() const;
    Socket *socketFor(const QString &nsp) const;

    SocketIoServer *m_server;
    QPointer<engineio::EngineSession> m_session;
    protocol::sio::Decoder m_decoder;
    // One socket per namespace joined, usually one: kept inline, looked up by name.
    QVarLengthArray<Socket *, 1> m_sockets;
    bool m_closed = false;
};

} // namespace craftchat::socketio
