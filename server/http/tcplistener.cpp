#include "tcplistener.h"

#include <unistd.h>

namespace craftchat::http {

TcpListener::TcpListener(QObject *parent) : QTcpServer(parent), m_flusher(new WriteFlusher(this))
{
}

void TcpListener::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new DirectWriteSocket(m_flusher, this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        ::close(int(socketDescriptor));
        return;
    }
    addPendingConnection(socket);
}

} // namespace craftchat::http
