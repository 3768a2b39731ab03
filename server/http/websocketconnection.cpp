#include "server/http/websocketconnection.h"

#include "server/http/httpconnection.h"
#include "server/http/websockethub.h"
#include "server/logging/logcategories.h"

#include <QEvent>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace craftchat::http {

using logging::lcHttp;

namespace {
// Reads per readiness notification before other sockets get their turn (x 64 KB).
constexpr int kReadRounds = 4;
} // namespace

WebSocketConnection::WebSocketConnection(int fd, WebSocketHub *hub)
    : QSocketNotifier(fd, QSocketNotifier::Read)
    , m_hub(hub)
    , m_parser(hub->maxFrameBytes(), hub->maxMessageBytes())
    , m_fd(fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

bool WebSocketConnection::event(QEvent *event)
{
    if (event->type() == QEvent::SockAct) {
        onReadable();
        return true;
    }
    return QSocketNotifier::event(event);
}

WebSocketConnection::~WebSocketConnection()
{
    if (WebSocketHandler *handler = std::exchange(m_handler, nullptr))
        handler->webSocketDeleted(this);
    m_hub->remove(this);
    if (m_fd >= 0) {
        setEnabled(false);
        if (m_writer)
            m_writer->setEnabled(false);
        ::close(m_fd);
    }
}

QHostAddress WebSocketConnection::peerAddress() const
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (m_fd < 0 || ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

quint16 WebSocketConnection::peerPort() const
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (m_fd < 0 || ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return 0;
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port);
    return 0;
}

// --- sending ------------------------------------------------------------------------------

void WebSocketConnection::sendText(QByteArrayView utf8)
{
    if (m_state == State::Open)
        queue(WebSocketFrame::build(WebSocketOpcode::Text, utf8));
}

void WebSocketConnection::sendBinary(QByteArrayView bytes)
{
    if (m_state == State::Open)
        queue(WebSocketFrame::build(WebSocketOpcode::Binary, bytes));
}

void WebSocketConnection::sendFrame(const QByteArray &frame)
{
    if (m_state == State::Open)
        queue(frame);
}

void WebSocketConnection::queue(const QByteArray &bytes)
{
    if (m_state == State::Closed || m_closeQueued || bytes.isEmpty())
        return;
    const qsizetype wanted = queuedBytes() + bytes.size();
    // Its own bound, and the bound on all connections together: over that, a peer that has
    // not taken what it was given before is dropped (one that has is given the bytes).
    if (wanted > m_hub->maxQueuedBytes() || (queuedBytes() > 0 && m_hub->totalQueuedWouldExceed(bytes.size()))) {
        dropSlowConsumer(wanted);
        return;
    }
    m_hub->addQueued(bytes.size());
    m_hub->noteQueued(wanted);
    if (m_out.isEmpty()) {
        m_out = bytes; // shared with every other recipient of the same frame
        m_outSent = 0;
    } else {
        // Keep only what the kernel has not taken: a peer that reads, but never quite
        // catches up, must not make the sent prefix grow without end.
        if (m_outSent > 0)
            m_out.remove(0, std::exchange(m_outSent, 0));
        m_out.append(bytes);
    }
    if (!m_awaitingRoom && !m_flushScheduled)
        m_hub->scheduleFlush(this);
}

void WebSocketConnection::flush()
{
    if (m_fd < 0 || m_awaitingRoom || m_out.isEmpty())
        return;
    while (m_outSent < m_out.size()) {
        const qint64 n = transportSend(m_out.constData() + m_outSent, m_out.size() - m_outSent);
        if (n > 0) {
            m_outSent += n;
            m_hub->addQueued(-n);
            continue;
        }
        if (n == 0) {
            // The kernel is full: wait for room; further writes append behind.
            m_awaitingRoom = true;
            transportWaitForRoom();
            return;
        }
        // The peer is gone (EPIPE, ECONNRESET): drop the output; the read side sees the end
        // and reports it, outside of whatever called flush().
        m_hub->addQueued(-qint64(queuedBytes()));
        m_out = QByteArray();
        m_outSent = 0;
        return;
    }
    m_out = QByteArray();
    m_outSent = 0;
    afterWritesDone();
}

void WebSocketConnection::dropSlowConsumer(qsizetype wanted)
{
    // Once per connection (it is closed right after); the address, never what was sent.
    qCInfo(lcHttp).nospace().noquote() << "WebSocket peer " << peerAddress().toString()
                                       << " does not read: aborted with " << wanted << " bytes to queue (limit "
                                       << m_hub->maxQueuedBytes() << ")";
    m_slowConsumer = true;
    if (m_handler)
        m_notifyPending = true; // closeDescriptor() leaves the deletion to onFlushPass()
    // A reset instead of a FIN: the kernel drops what it still holds for this peer now.
    closeDescriptor(true);
}

void WebSocketConnection::onFlushPass()
{
    if (m_notifyPending) {
        // After dropSlowConsumer(): tell the handler from the event loop, then go.
        m_notifyPending = false;
        notifyClosed();
        deleteLater();
        return;
    }
    flush();
}

void WebSocketConnection::onWritable()
{
    if (m_writer) {
        m_writer->setEnabled(false);
        m_writer->deleteLater(); // we are inside its signal
        m_writer = nullptr;
    }
    m_awaitingRoom = false;
    flush();
}

// --- the descriptor transport -------------------------------------------------------------

qint64 WebSocketConnection::transportSend(const char *data, qint64 size)
{
    for (;;) {
        const ssize_t n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            return n;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return -1;
    }
}

void WebSocketConnection::transportWaitForRoom()
{
    m_writer = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    connect(m_writer, &QSocketNotifier::activated, this, &WebSocketConnection::onWritable);
}

qint64 WebSocketConnection::transportReceive(char *buffer, qint64 size)
{
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, size_t(size), 0);
        if (n > 0)
            return n;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return -1; // end of stream or a reset
    }
}

void WebSocketConnection::transportShutdownWrite()
{
    ::shutdown(m_fd, SHUT_WR);
}

void WebSocketConnection::transportClose(bool reset)
{
    if (reset) {
        const linger abortive{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    }
    // Notifiers are disabled, not deleted: this may run inside the read notifier's event.
    setEnabled(false);
    if (m_writer)
        m_writer->setEnabled(false);
    ::close(m_fd);
}

void WebSocketConnection::afterWritesDone()
{
    if (m_state != State::Closing || !m_closeQueued || m_fd < 0)
        return;
    if (m_peerClosed) {
        // Both close frames are exchanged: the server ends the TCP connection first.
        closeDescriptor();
        return;
    }
    if (!m_writeShut) {
        m_writeShut = true;
        transportShutdownWrite();
    }
}

// --- receiving ----------------------------------------------------------------------------

void WebSocketConnection::onReadable()
{
    if (m_fd < 0)
        return;
    char *buffer = m_hub->buffer();
    const qsizetype size = m_hub->bufferSize();
    for (int round = 0; round < kReadRounds && m_fd >= 0; ++round) {
        const qint64 n = transportReceive(buffer, size);
        if (n > 0) {
            if (!m_discardInput)
                feed(buffer, n);
            if (n < size)
                return; // the kernel had no more; the notifier fires again when it has
            continue;
        }
        if (n == 0)
            return;
        peerGone(); // end of stream or a reset
        return;
    }
}

void WebSocketConnection::feed(const char *data, qsizetype size)
{
    while (size > 0 && m_state != State::Closed && !m_discardInput) {
        const qsizetype used = m_parser.parse(data, size);
        data += used;
        size -= used;
        if (m_parser.hasEvent())
            handleEvent(m_parser.takeEvent());
        else if (used == 0)
            break;
    }
}

void WebSocketConnection::handleEvent(WebSocketFrameParser::Event &&event)
{
    using Kind = WebSocketFrameParser::Event::Kind;
    switch (event.kind) {
    case Kind::Text:
    case Kind::Binary:
        // After a close frame went out, data is ignored (RFC 6455 section 5.5.1).
        if (m_state == State::Open && m_handler)
            m_handler->webSocketMessage(this, event.payload, event.kind == Kind::Binary);
        break;
    case Kind::Ping:
        if (m_state == State::Open)
            queue(WebSocketFrame::build(WebSocketOpcode::Pong, event.payload));
        break;
    case Kind::Pong:
        break;
    case Kind::Close:
        m_peerClosed = true;
        m_peerCloseCode = event.closeCode;
        if (m_state == State::Open) {
            queueClose(event.closeCode, {}); // echo the code
            notifyClosed();
        } else if (m_closeQueued && m_out.isEmpty()) {
            closeDescriptor(); // the answer to our close frame
        }
        break;
    case Kind::Error:
        fail(event.closeCode);
        break;
    case Kind::None:
        break;
    }
}

// --- closing ------------------------------------------------------------------------------

void WebSocketConnection::queueClose(quint16 code, QByteArrayView reason)
{
    queue(WebSocketFrame::build(WebSocketOpcode::Close, WebSocketFrame::closePayload(code, reason)));
    if (m_state == State::Closed)
        return; // even the close frame did not fit: dropped as a slow consumer
    m_closeQueued = true;
    m_state = State::Closing;
    m_hub->watchClosing(this);
}

void WebSocketConnection::close(quint16 code, QByteArrayView reason)
{
    if (m_state != State::Open)
        return;
    queueClose(code, reason.first(std::min<qsizetype>(reason.size(), WebSocketFrame::MaxControlPayload - 2)));
}

void WebSocketConnection::fail(quint16 code)
{
    if (m_state != State::Open) {
        closeDescriptor();
        return;
    }
    // The close frame goes out, then the write side closes; what the peer still sends (the
    // rest of an oversized message) is read and dropped, so that no reset destroys the close
    // frame before the peer has read it.
    m_discardInput = true;
    queueClose(code, {});
    notifyClosed();
}

void WebSocketConnection::abort()
{
    m_handler = nullptr;
    closeDescriptor();
}

void WebSocketConnection::peerGone()
{
    const bool wasOpen = m_state == State::Open;
    closeDescriptor();
    if (wasOpen)
        notifyClosed();
}

void WebSocketConnection::onDeadline()
{
    closeDescriptor();
}

void WebSocketConnection::notifyClosed()
{
    if (WebSocketHandler *handler = std::exchange(m_handler, nullptr))
        handler->webSocketClosed(this);
}

void WebSocketConnection::closeDescriptor(bool reset)
{
    if (m_fd < 0)
        return;
    transportClose(reset);
    m_fd = -1;
    m_state = State::Closed;
    m_hub->addQueued(-qint64(queuedBytes()));
    m_out = QByteArray();
    m_outSent = 0;
    m_parser = WebSocketFrameParser(0, 0);
    m_hub->forget(this);
    if (m_notifyPending) {
        m_hub->scheduleFlush(this); // onFlushPass() tells the handler, then deletes
        return;
    }
    deleteLater();
}

} // namespace craftchat::http
