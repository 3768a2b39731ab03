// A QTcpSocket whose writes, once enabled, bypass Qt's write buffer while the kernel takes them.
//
// Qt's buffered QTcpSocket keeps the 32 KB chunk of its write buffer after the buffer has been
// flushed, so every socket that was ever written to holds 32 KB for as long as it lives: with
// thousands of idle WebSockets that was the largest part of the server's memory per connection.
// With direct writes on, what a socket writes during one event-loop pass is gathered in a small
// per-socket byte array and handed to the kernel with one send() in the next pass, after the
// dispatcher has polled (one zero-interval timer of a WriteFlusher for all sockets written to;
// like Qt's own write notifier, so frames written after an explicit flush still leave in a
// later segment than the flushed ones); only what the kernel does not
// take goes to Qt's buffer, which then works as before (write notifier, bytesWritten). The byte
// array is released after each flush. Bytes sent directly are reported through bytesWritten()
// and counted by bytesToWrite() until they are sent, so callers see a normal QTcpSocket.
//
// Thread: the socket and its flusher belong to one thread.
#pragma once

#include <QPointer>
#include <QTcpSocket>
#include <vector>

class QWebSocket;

namespace craftchat::http {

class DirectWriteSocket;

// Flushes the sockets written to during one event-loop pass, from one posted event.
class WriteFlusher : public QObject
{
    Q_OBJECT
public:
    explicit WriteFlusher(QObject *parent = nullptr) : QObject(parent) {}
    void schedule(DirectWriteSocket *socket);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    std::vector<QPointer<DirectWriteSocket>> m_dirty;
    int m_timerId = 0;
};

class DirectWriteSocket : public QTcpSocket
{
    Q_OBJECT
public:
    explicit DirectWriteSocket(WriteFlusher *flusher, QObject *parent = nullptr);

    // From now on writes take the direct path (e.g. after the WebSocket hand-over).
    void enableDirectWrites() { m_direct = true; }
    // Hands the gathered bytes to the kernel now (the rest to Qt's buffer).
    void flushPending();
    // The DirectWriteSocket under a QWebSocket accepted by the HttpServer, or nullptr.
    static DirectWriteSocket *of(QWebSocket *webSocket);

    qint64 bytesToWrite() const override;
    void close() override;
    void disconnectFromHost() override;
    bool waitForBytesWritten(int msecs = 30000) override;

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    QPointer<WriteFlusher> m_flusher;
    QByteArray m_pending;
    bool m_direct = false;
    bool m_scheduled = false;
    friend class WriteFlusher;
};

} // namespace craftchat::http
