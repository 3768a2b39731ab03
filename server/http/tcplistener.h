// The HttpServer's listening socket: QTcpServer, except that in TLS mode every accepted
// descriptor is wrapped in a QSslSocket (given the current TLS configuration) instead of a
// QTcpSocket. The handshake is not started here: the HttpServer admits the connection first
// (connection caps) and its HttpConnection starts it, so that the request timeout sweep covers
// the handshake too (Qt 6.4's QSslServer has no handshake timeout).
#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace craftchat::http {

class TcpListener : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

    // Set: connections accepted from now on speak TLS with this configuration (connections
    // already open keep theirs). nullopt: plain TCP.
    void setTlsConfiguration(std::optional<QSslConfiguration> configuration) { m_tls = std::move(configuration); }
    bool isTls() const { return m_tls.has_value(); }
    const std::optional<QSslConfiguration> &tlsConfiguration() const { return m_tls; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::optional<QSslConfiguration> m_tls;
};

} // namespace craftchat::http
