#include "server/http/websockethub.h"

#include "server/http/tlswebsocketconnection.h"
#include "server/http/websocketconnection.h"

#include <QCryptographicHash>
#include <QTimerEvent>

#include <algorithm>

namespace craftchat::http {

namespace {
constexpr std::size_t kBufferBytes = 64 * 1024;
}

WebSocketHub::WebSocketHub(QObject *parent)
    : QObject(parent)
    , m_buffer(kBufferBytes)
{
    m_clock.start();
}

WebSocketHub::~WebSocketHub()
{
    while (m_first) {
        delete m_first; // unlinks itself; tells its handler
    }
}

void WebSocketHub::setLimits(qint64 maxFrameBytes, qint64 maxMessageBytes, int closeTimeoutMs, qint64 maxQueuedBytes)
{
    m_maxQueued = maxQueuedBytes;
    m_maxFrame = maxFrameBytes;
    m_maxMessage = maxMessageBytes;
    m_closeTimeoutMs = closeTimeoutMs;
}

QByteArray WebSocketHub::acceptKey(QByteArrayView clientKey)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(clientKey.trimmed());
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

WebSocketConnection *WebSocketHub::accept(int fd, QByteArrayView clientKey, std::size_t addressKey)
{
    return adopt(new WebSocketConnection(fd, this), clientKey, addressKey);
}

WebSocketConnection *WebSocketHub::accept(int fd, TlsSession session, QByteArrayView clientKey, std::size_t addressKey,
                                          const QByteArray &earlierOutput)
{
    return adopt(new TlsWebSocketConnection(fd, std::move(session), this), clientKey, addressKey, earlierOutput);
}

WebSocketConnection *WebSocketHub::adopt(WebSocketConnection *connection, QByteArrayView clientKey,
                                         std::size_t addressKey, const QByteArray &earlierOutput)
{
    connection->m_addressKey = addressKey;
    connection->m_next = m_first;
    if (m_first)
        m_first->m_prev = connection;
    m_first = connection;
    ++m_count;
    QByteArray answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Accept: ";
    answer += acceptKey(clientKey);
    answer += "\r\n\r\n";
    connection->queue(earlierOutput);
    connection->queue(answer);
    return connection;
}

void WebSocketHub::feedEarlyInput(WebSocketConnection *connection, const QByteArray &bytes)
{
    if (!bytes.isEmpty() && connection->state() != WebSocketConnection::State::Closed)
        connection->feed(bytes.constData(), bytes.size());
}

void WebSocketHub::remove(WebSocketConnection *connection)
{
    if (connection->m_prev)
        connection->m_prev->m_next = connection->m_next;
    else if (m_first == connection)
        m_first = connection->m_next;
    if (connection->m_next)
        connection->m_next->m_prev = connection->m_prev;
    connection->m_prev = connection->m_next = nullptr;
    --m_count;
    m_totalQueued -= connection->queuedBytes(); // 0 unless it goes with output still queued
    forget(connection);
    if (m_onRemoved)
        m_onRemoved(connection->m_addressKey);
}

void WebSocketHub::forget(WebSocketConnection *connection)
{
    if (connection->m_flushScheduled) {
        connection->m_flushScheduled = false;
        std::replace(m_dirty.begin(), m_dirty.end(), connection, static_cast<WebSocketConnection *>(nullptr));
    }
    if (connection->m_deadline != 0) {
        connection->m_deadline = 0;
        std::erase(m_closing, connection);
    }
}

void WebSocketHub::scheduleFlush(WebSocketConnection *connection)
{
    connection->m_flushScheduled = true;
    m_dirty.push_back(connection);
    // Zero interval: runs in the next pass, after the dispatcher has polled, so everything a
    // pass writes to one connection leaves with one send().
    if (m_flushTimer == 0)
        m_flushTimer = startTimer(0);
}

void WebSocketHub::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_flushTimer)
        return QObject::timerEvent(event);
    killTimer(m_flushTimer);
    m_flushTimer = 0;
    // Flushing may close connections (and a deletion clears its entry) or schedule new
    // flushes (into the fresh list).
    const auto dirty = std::exchange(m_dirty, {});
    for (WebSocketConnection *connection : dirty) {
        if (connection && connection->m_flushScheduled) {
            connection->m_flushScheduled = false;
            connection->onFlushPass();
        }
    }
    if (m_dirty.empty() && m_dirty.capacity() > 4096)
        m_dirty.shrink_to_fit();
}

void WebSocketHub::watchClosing(WebSocketConnection *connection)
{
    connection->m_deadline = nowMs() + m_closeTimeoutMs;
    m_closing.push_back(connection);
}

void WebSocketHub::sweep()
{
    if (m_closing.empty())
        return;
    const qint64 now = nowMs();
    std::vector<WebSocketConnection *> overdue;
    for (WebSocketConnection *connection : m_closing) {
        if (connection->m_deadline <= now)
            overdue.push_back(connection);
    }
    for (WebSocketConnection *connection : overdue)
        connection->onDeadline(); // closes the descriptor, leaves m_closing
}

} // namespace craftchat::http
