#include "server/http/tlswebsocketconnection.h"

#include "server/http/websockethub.h"

#include <QEvent>
#include <QMetaObject>

#include <sys/socket.h>
#include <unistd.h>

namespace craftchat::http {

TlsWebSocketConnection::TlsWebSocketConnection(int fd, TlsSession session, WebSocketHub *hub)
    : WebSocketConnection(fd, hub)
    , m_session(std::move(session))
{
    // What the session already holds (the HTTP phase read past the upgrade request) is not
    // announced by the descriptor: one read pass after the early input was fed.
    m_readPassQueued = true;
    QMetaObject::invokeMethod(this, &TlsWebSocketConnection::readPass, Qt::QueuedConnection);
}

TlsWebSocketConnection::~TlsWebSocketConnection()
{
    if (m_tlsWriter)
        m_tlsWriter->setEnabled(false);
}

bool TlsWebSocketConnection::event(QEvent *event)
{
    if (event->type() == QEvent::SockAct) {
        readPass();
        return true;
    }
    return WebSocketConnection::event(event);
}

void TlsWebSocketConnection::readPass()
{
    m_readPassQueued = false;
    onReadable();
    if (socketDescriptor() < 0)
        return;
    if (m_writeWantsRead && isAwaitingRoom()) {
        m_writeWantsRead = false;
        onWritable();
        if (socketDescriptor() < 0)
            return;
    }
    // Bytes inside the session (a read pass stops after a few buffers) are not announced by
    // the descriptor again: read them in the next pass.
    if (!m_readPassQueued && !m_readWantsWrite && m_session.hasPending()) {
        m_readPassQueued = true;
        QMetaObject::invokeMethod(this, &TlsWebSocketConnection::readPass, Qt::QueuedConnection);
    }
}

qint64 TlsWebSocketConnection::transportReceive(char *buffer, qint64 size)
{
    const TlsSession::Step step = m_session.read(buffer, size);
    switch (step.status) {
    case TlsSession::Status::Done:
        return step.bytes;
    case TlsSession::Status::WantRead:
        return 0;
    case TlsSession::Status::WantWrite:
        m_readWantsWrite = true;
        watchWritable();
        return 0;
    case TlsSession::Status::Closed:
    case TlsSession::Status::Failed:
        break;
    }
    return -1;
}

qint64 TlsWebSocketConnection::transportSend(const char *data, qint64 size)
{
    const TlsSession::Step step = m_session.write(data, size);
    switch (step.status) {
    case TlsSession::Status::Done:
        return step.bytes;
    case TlsSession::Status::WantWrite:
        return 0; // transportWaitForRoom() follows
    case TlsSession::Status::WantRead:
        m_writeWantsRead = true; // the read notifier is on: readPass() retries
        return 0;
    case TlsSession::Status::Closed:
    case TlsSession::Status::Failed:
        break;
    }
    return -1;
}

void TlsWebSocketConnection::transportWaitForRoom()
{
    if (!m_writeWantsRead)
        watchWritable();
}

void TlsWebSocketConnection::watchWritable()
{
    if (!m_tlsWriter) {
        m_tlsWriter = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Write, this);
        connect(m_tlsWriter, &QSocketNotifier::activated, this, &TlsWebSocketConnection::onTlsWritable);
    }
    m_tlsWriter->setEnabled(true);
}

void TlsWebSocketConnection::onTlsWritable()
{
    m_tlsWriter->setEnabled(false);
    m_tlsWriter->deleteLater(); // we are inside its signal; idle connections keep none
    m_tlsWriter = nullptr;
    if (std::exchange(m_readWantsWrite, false)) {
        readPass();
        if (socketDescriptor() < 0)
            return;
    }
    if (isAwaitingRoom())
        onWritable();
}

void TlsWebSocketConnection::transportShutdownWrite()
{
    // No half-close over TLS: wait for the peer's close frame (or the closing deadline).
}

void TlsWebSocketConnection::transportClose(bool reset)
{
    const int fd = int(socketDescriptor());
    if (reset) {
        // Slow consumer: a TCP reset, the kernel drops what it holds for this peer.
        const linger abortive{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    } else {
        m_session.shutdown(); // close_notify, as far as the socket takes it; FIN follows
    }
    // Notifiers are disabled, not deleted: this may run inside one of their events.
    setEnabled(false);
    if (m_tlsWriter)
        m_tlsWriter->setEnabled(false);
    m_session = TlsSession();
    ::close(fd);
}

} // namespace craftchat::http
