// A WebSocketConnection over TLS. The TLS session cannot leave Qt's QSslSocket, so instead of
// recv()/send() on the descriptor this connection reads and writes through the QSslSocket:
// readyRead drives the same reading loop, and bytes go to the socket while what it holds
// (plain and encrypted, not yet taken by the kernel) stays under a window of its own; beyond
// that they wait in the connection's queue, which keeps the same bound (slow consumer) as the
// descriptor path. The write side is not half-closed (Qt has no TLS half-close): the closing
// handshake waits for the peer's close frame with the connection open, then close_notify and
// FIN go out together. Internal to the http library; made by WebSocketHub::accept().
#pragma once

#include "server/http/websocketconnection.h"

class QSslSocket;

namespace craftchat::http {

class TlsWebSocketConnection final : public WebSocketConnection
{
    Q_OBJECT
public:
    ~TlsWebSocketConnection() override;

    QHostAddress peerAddress() const override { return m_peerAddress; }
    quint16 peerPort() const override { return m_peerPort; }

private:
    friend class WebSocketHub;
    TlsWebSocketConnection(QSslSocket *socket, WebSocketHub *hub);

    qint64 transportReceive(char *buffer, qint64 size) override;
    qint64 transportSend(const char *data, qint64 size) override;
    void transportWaitForRoom() override;
    void transportShutdownWrite() override;
    void transportClose(bool reset) override;

    void onEncryptedBytesWritten();
    void onDisconnected();
    qint64 heldBytes() const; // in the QSslSocket, not yet taken by the kernel

    QSslSocket *m_socket; // null once closed
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
};

} // namespace craftchat::http
