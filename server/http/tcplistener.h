// The HttpServer's listening socket: QTcpServer, except that in TLS mode every accepted
// descriptor gets a TlsSession from the current SSL_CTX and a TlsBridge, and the pending
// connection is the HTTP end of the bridge's socketpair (a TlsBridgeSocket reporting the
// client's address). The handshake runs in the bridge while the HttpServer admits the
// connection (connection caps) and its HttpConnection's deadline covers it, so a client that
// never finishes it is closed by the sweep.
#pragma once

#include <QTcpServer>

#include <memory>

using SSL_CTX = struct ssl_ctx_st;

namespace craftchat::http {

class TcpListener : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

    // Set: connections accepted from now on speak TLS with this context (connections already
    // open keep theirs: each session holds a reference). Null: plain TCP.
    void setTlsContext(std::shared_ptr<SSL_CTX> context) { m_tls = std::move(context); }
    bool isTls() const { return m_tls != nullptr; }
    // How long a closed TLS connection waits for the client's end after close_notify.
    void setCloseTimeoutMs(int ms) { m_closeTimeoutMs = ms; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::shared_ptr<SSL_CTX> m_tls;
    int m_closeTimeoutMs = 2'000;
};

} // namespace craftchat::http
