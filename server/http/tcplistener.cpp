#include "server/http/tcplistener.h"

#include "server/http/tlsbridge.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace craftchat::http {

void TcpListener::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    const int fd = int(descriptor);
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    int pair[2] = {-1, -1};
    const int flags = ::fcntl(fd, F_GETFL);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0 || flags < 0
        || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0
        || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) {
        ::close(fd);
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const QHostAddress peer(reinterpret_cast<const sockaddr *>(&address));
    quint16 port = 0;
    if (address.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
    else if (address.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);

    TlsSession session(m_tls.get(), fd);
    if (!session.isValid()) {
        ::close(fd);
        ::close(pair[0]);
        ::close(pair[1]);
        return;
    }
    auto *bridge = new TlsBridge(fd, pair[0], std::move(session), m_closeTimeoutMs, this);
    auto *socket = new TlsBridgeSocket(bridge, this);
    if (!socket->adopt(pair[1], peer, port)) {
        delete socket;
        ::close(pair[1]); // the bridge sees the end and goes
        return;
    }
    addPendingConnection(socket);
}

} // namespace craftchat::http
