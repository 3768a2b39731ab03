// A Socket.IO namespace: its middleware, its connected sockets and its rooms.
#pragma once

#include "server/socketio/broadcast.h"
#include "server/socketio/roomindex.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace craftchat::socketio {

class Socket;
class SocketIoServer;

// A middleware refusal: sent to the client as CONNECT_ERROR {message, data?}.
struct ConnectError
{
    QString message;
    QJsonValue data = QJsonValue::Undefined;
};

class Namespace : public QObject
{
    Q_OBJECT
public:
    // Runs for every CONNECT before the socket is admitted; the socket's handshake (auth,
    // headers, query, address) is filled in. Returning an error refuses the connection.
    using Middleware = std::function<std::optional<ConnectError>(Socket &socket)>;

    const QString &name() const { return m_name; }
    SocketIoServer *server() const { return m_server; }

    void use(Middleware middleware) { m_middlewares.push_back(std::move(middleware)); }

    const QHash<QString, Socket *> &sockets() const { return m_sockets; }
    Socket *socket(const QString &id) const { return m_sockets.value(id); }
    RoomIndex &rooms() { return m_rooms; }
    const RoomIndex &rooms() const { return m_rooms; }

    // Broadcasting: io.of("/").to("room").emit(...).
    BroadcastOperator to(const QString &room) { return BroadcastOperator(this).to(room); }
    BroadcastOperator to(const QStringList &rooms) { return BroadcastOperator(this).to(rooms); }
    BroadcastOperator except(const QString &room) { return BroadcastOperator(this).except(room); }
    void emitEvent(const QString &event, const QJsonArray &args = {})
    {
        BroadcastOperator(this).emitEvent(event, args);
    }

signals:
    void connected(craftchat::socketio::Socket *socket);
    // After the socket left all rooms; the socket is deleted later.
    void disconnected(craftchat::socketio::Socket *socket, const QString &reason);

private:
    friend class SocketIoServer;
    friend class Connection;
    friend class Socket;
    Namespace(SocketIoServer *server, QString name);
    std::optional<ConnectError> runMiddleware(Socket &socket);
    void add(Socket *socket);
    void remove(Socket *socket, const QString &reason);
    // Connection state recovery: the socket with that private id, if it still exists.
    Socket *socketByPid(const QString &pid) const { return m_byPid.value(pid); }

    SocketIoServer *m_server;
    QString m_name;
    std::vector<Middleware> m_middlewares;
    QHash<QString, Socket *> m_sockets;
    QHash<QString, Socket *> m_byPid; // recovery on: every socket by its private id
    RoomIndex m_rooms;
};

} // namespace craftchat::socketio
