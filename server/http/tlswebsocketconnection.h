// A WebSocketConnection over TLS: the descriptor path (the connection is its own read notifier
// on the TCP descriptor) with the bytes going through a TlsSession instead of recv()/send().
// Idle, it holds what a plain connection holds plus one SSL object from the shared context
// (no record buffers: SSL_MODE_RELEASE_BUFFERS), no Qt socket and no buffer of its own: the
// connection's queue is the only output buffer, with the same bounds (slow consumer).
//
// A read drains the session (SSL_pending) into the hub's buffer; what a capped read pass
// leaves inside the session is read in the next event-loop pass, since the descriptor will not
// announce it again. A read that needs to write (TLS 1.3 key update) or a write that needs to
// read waits for that readiness. The write side is not half-closed (as before with
// QSslSocket): the closing handshake waits for the peer's close frame with the connection
// open, then close_notify and FIN go out together. Internal to the http library; made by
// WebSocketHub::accept().
#pragma once

#include "server/http/tlssession.h"
#include "server/http/websocketconnection.h"

namespace craftchat::http {

class TlsWebSocketConnection final : public WebSocketConnection
{
    Q_OBJECT
public:
    ~TlsWebSocketConnection() override;

protected:
    bool event(QEvent *event) override;

private:
    friend class WebSocketHub;
    TlsWebSocketConnection(int fd, TlsSession session, WebSocketHub *hub);

    qint64 transportReceive(char *buffer, qint64 size) override;
    qint64 transportSend(const char *data, qint64 size) override;
    void transportWaitForRoom() override;
    void transportShutdownWrite() override;
    void transportClose(bool reset) override;

    void readPass();
    void onTlsWritable();
    void watchWritable();

    TlsSession m_session;
    QSocketNotifier *m_tlsWriter = nullptr; // only while the session waits to write
    bool m_readWantsWrite = false;
    bool m_writeWantsRead = false;
    bool m_readPassQueued = false;
};

} // namespace craftchat::http
