// What the HttpServer's WebSocketConnections share: the handshake answer, the limits, one read
// buffer, one zero-interval timer that flushes every connection written to during an
// event-loop pass (one send() each), the closing deadlines (checked from the server's sweep),
// and ownership of the connections still alive when the server goes.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <algorithm>
#include <functional>
#include <vector>

namespace craftchat::http {

class TlsSession;
class WebSocketConnection;

class WebSocketHub : public QObject
{
    Q_OBJECT
public:
    explicit WebSocketHub(QObject *parent = nullptr);
    ~WebSocketHub() override;

    void setLimits(qint64 maxFrameBytes, qint64 maxMessageBytes, int closeTimeoutMs, qint64 maxQueuedBytes);
    qint64 maxFrameBytes() const { return m_maxFrame; }
    qint64 maxMessageBytes() const { return m_maxMessage; }
    qint64 maxQueuedBytes() const { return m_maxQueued; }
    // The most bytes any connection had queued for the kernel at once (never above
    // maxQueuedBytes()): for tests and diagnostics.
    qint64 peakQueuedBytes() const { return m_peakQueued; }
    // Bytes queued by every connection together, and their bound (0: none). Broadcast frames
    // shared by several connections count once per connection.
    qint64 totalQueuedBytes() const { return m_totalQueued; }
    void setMaxTotalQueuedBytes(qint64 bytes) { m_maxTotalQueued = bytes; }
    bool totalQueuedWouldExceed(qint64 more) const
    {
        return m_maxTotalQueued > 0 && m_totalQueued + more > m_maxTotalQueued;
    }

    // Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455 section 4.2.2).
    static QByteArray acceptKey(QByteArrayView clientKey);
    // Takes over fd (a connected TCP socket whose upgrade request was accepted), queues the
    // 101 answer and returns the connection; input that came behind the request goes to
    // feedEarlyInput() once the caller has set the handler.
    // addressKey: the peer address's slot, given back to the onRemoved callback when the
    // connection goes.
    WebSocketConnection *accept(int fd, QByteArrayView clientKey, std::size_t addressKey = 0);
    // The same over TLS: fd with its established session; earlierOutput (plaintext the HTTP
    // phase had not sent yet) goes out before the 101 answer.
    WebSocketConnection *accept(int fd, TlsSession session, QByteArrayView clientKey, std::size_t addressKey,
                                const QByteArray &earlierOutput);
    int closeTimeoutMs() const { return m_closeTimeoutMs; }
    void setOnRemoved(std::function<void(std::size_t addressKey)> callback) { m_onRemoved = std::move(callback); }
    static void feedEarlyInput(WebSocketConnection *connection, const QByteArray &bytes);

    int connectionCount() const { return m_count; }
    // Closes the connections whose closing handshake is overdue. From the HttpServer's sweep.
    void sweep();

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class WebSocketConnection;
    qint64 nowMs() const { return m_clock.elapsed(); }
    char *buffer() { return m_buffer.data(); }
    qsizetype bufferSize() const { return qsizetype(m_buffer.size()); }
    void scheduleFlush(WebSocketConnection *connection);
    void noteQueued(qint64 bytes) { m_peakQueued = std::max(m_peakQueued, bytes); }
    void addQueued(qint64 delta) { m_totalQueued += delta; }
    void watchClosing(WebSocketConnection *connection);
    void forget(WebSocketConnection *connection); // its descriptor is closed
    void remove(WebSocketConnection *connection); // it is being deleted
    WebSocketConnection *adopt(WebSocketConnection *connection, QByteArrayView clientKey, std::size_t addressKey,
                               const QByteArray &earlierOutput = {});

    std::vector<char> m_buffer;
    std::vector<WebSocketConnection *> m_dirty;   // to flush; nullptr when deleted meanwhile
    std::vector<WebSocketConnection *> m_closing; // with a closing deadline
    WebSocketConnection *m_first = nullptr;       // every live connection (intrusive list)
    QElapsedTimer m_clock;
    qint64 m_maxFrame = 1'000'000;
    qint64 m_maxMessage = 1'000'000;
    qint64 m_maxQueued = 4 * 1024 * 1024;
    qint64 m_peakQueued = 0;
    qint64 m_totalQueued = 0;
    qint64 m_maxTotalQueued = 0;
    int m_closeTimeoutMs = 10'000;
    int m_count = 0;
    int m_flushTimer = 0;
    std::function<void(std::size_t)> m_onRemoved;
};

} // namespace craftchat::http
