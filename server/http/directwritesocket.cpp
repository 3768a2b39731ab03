#include "directwritesocket.h"

#include <QTimerEvent>
#include <QWebSocket>

#include <cerrno>
#include <sys/socket.h>

namespace craftchat::http {

void WriteFlusher::schedule(DirectWriteSocket *socket)
{
    m_dirty.emplace_back(socket);
    if (m_timerId == 0)
        m_timerId = startTimer(0);
}

void WriteFlusher::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timerId)
        return QObject::timerEvent(event);
    killTimer(m_timerId);
    m_timerId = 0;
    // A flush may emit bytesWritten, whose receivers may write again (scheduling anew) or
    // delete sockets (the QPointers turn null).
    const auto dirty = std::exchange(m_dirty, {});
    for (const auto &socket : dirty) {
        if (socket)
            socket->flushPending();
    }
}

DirectWriteSocket::DirectWriteSocket(WriteFlusher *flusher, QObject *parent)
    : QTcpSocket(parent), m_flusher(flusher)
{
}

DirectWriteSocket *DirectWriteSocket::of(QWebSocket *webSocket)
{
    return webSocket ? webSocket->findChild<DirectWriteSocket *>(QString(), Qt::FindDirectChildrenOnly)
                     : nullptr;
}

qint64 DirectWriteSocket::writeData(const char *data, qint64 size)
{
    // Qt's buffer already holds bytes (the kernel was full): append behind them, in order.
    if (!m_direct || !m_flusher || state() != ConnectedState || QTcpSocket::bytesToWrite() > 0) {
        flushPending(); // keeps the order if the flusher went away with bytes gathered
        return QTcpSocket::writeData(data, size);
    }
    m_pending.append(data, size);
    if (!m_scheduled) {
        m_scheduled = true;
        m_flusher->schedule(this);
    }
    return size;
}

void DirectWriteSocket::flushPending()
{
    m_scheduled = false;
    if (m_pending.isEmpty())
        return;
    const QByteArray bytes = std::exchange(m_pending, QByteArray());
    qint64 sent = 0;
    if (state() == ConnectedState && QTcpSocket::bytesToWrite() == 0) {
        while (sent < bytes.size()) {
            const ssize_t n = ::send(int(socketDescriptor()), bytes.constData() + sent,
                                     size_t(bytes.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            break; // full (EAGAIN) or failed: Qt's buffer takes the rest and reports errors
        }
    }
    // abort() drops its write channel before it closes: then the rest is dropped as well.
    if (sent < bytes.size() && writeChannelCount() > 0)
        QTcpSocket::writeData(bytes.constData() + sent, bytes.size() - sent);
    if (sent > 0)
        emit bytesWritten(sent);
}

qint64 DirectWriteSocket::bytesToWrite() const
{
    return QTcpSocket::bytesToWrite() + m_pending.size();
}

void DirectWriteSocket::close()
{
    flushPending();
    QTcpSocket::close();
}

void DirectWriteSocket::disconnectFromHost()
{
    flushPending();
    QTcpSocket::disconnectFromHost();
}

bool DirectWriteSocket::waitForBytesWritten(int msecs)
{
    flushPending();
    return QTcpSocket::waitForBytesWritten(msecs);
}

} // namespace craftchat::http
