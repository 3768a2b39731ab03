// The HttpServer's listening socket: accepts connections as DirectWriteSockets that share one
// WriteFlusher (see directwritesocket.h).
#pragma once

#include "directwritesocket.h"

#include <QTcpServer>

namespace craftchat::http {

class TcpListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit TcpListener(QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    WriteFlusher *m_flusher;
};

} // namespace craftchat::http
