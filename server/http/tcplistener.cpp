#include "server/http/tcplistener.h"

#include <QSslSocket>

#include <unistd.h>

namespace craftchat::http {

void TcpListener::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    socket->setSslConfiguration(*m_tls);
    addPendingConnection(socket);
}

} // namespace craftchat::http
