#include "server/socketio/namespace.h"

#include "server/socketio/socket.h"
#include "server/socketio/socketioserver.h"

namespace craftchat::socketio {

Namespace::Namespace(SocketIoServer *server, QString name)
    : QObject(server)
    , m_server(server)
    , m_name(std::move(name))
    , m_rooms(&m_sockets)
{}

std::optional<ConnectError> Namespace::runMiddleware(Socket &socket)
{
    for (const Middleware &middleware : m_middlewares) {
        if (auto error = middleware(socket))
            return error;
    }
    return std::nullopt;
}

void Namespace::add(Socket *socket)
{
    m_sockets.insert(socket->id(), socket);
    if (!socket->privateId().isEmpty())
        m_byPid.insert(socket->privateId(), socket);
}

void Namespace::remove(Socket *socket, const QString &reason)
{
    m_rooms.leaveAll(socket);
    m_sockets.remove(socket->id());
    if (!socket->privateId().isEmpty())
        m_byPid.remove(socket->privateId());
    emit disconnected(socket, reason);
}

} // namespace craftchat::socketio
