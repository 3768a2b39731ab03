#include "tests/http/rawhttpclient.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QSignalSpy>

namespace craftchat::http::test {

QByteArray RawReply::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RawHttpClient::connectTo(quint16 port, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QTcpSocket::connected);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.state() == QAbstractSocket::ConnectedState || connected.wait(timeoutMs);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawHttpClient::waitForData(int timeoutMs)
{
    if (m_socket.bytesAvailable() > 0)
        return true;
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return false;
    QSignalSpy readyRead(&m_socket, &QTcpSocket::readyRead);
    QSignalSpy disconnected(&m_socket, &QTcpSocket::disconnected);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_socket.bytesAvailable() > 0)
            return true;
        if (m_socket.state() != QAbstractSocket::ConnectedState || !disconnected.isEmpty())
            return m_socket.bytesAvailable() > 0;
        readyRead.wait(int(std::max<qint64>(1, std::min<qint64>(deadline.remainingTime(), 100))));
    }
    return m_socket.bytesAvailable() > 0;
}

std::optional<RawReply> RawHttpClient::tryParse(bool withBody)
{
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    RawReply reply;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return std::nullopt;
    reply.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    const qsizetype length = withBody ? reply.header("content-length").toLongLong() : 0;
    const qsizetype total = headEnd + 4 + length;
    if (m_buffer.size() < total)
        return std::nullopt;
    reply.body = m_buffer.mid(headEnd + 4, length);
    m_buffer.remove(0, total);
    return reply;
}

std::optional<RawReply> RawHttpClient::readReply(int timeoutMs, bool withBody)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_buffer += m_socket.readAll();
        if (auto reply = tryParse(withBody))
            return reply;
        if (deadline.hasExpired() || !waitForData(int(deadline.remainingTime())))
            return std::nullopt;
    }
}

bool RawHttpClient::waitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QSignalSpy disconnected(&m_socket, &QTcpSocket::disconnected);
    while (m_socket.state() != QAbstractSocket::UnconnectedState) {
        if (deadline.hasExpired())
            return false;
        m_buffer += m_socket.readAll();
        disconnected.wait(int(std::max<qint64>(1, std::min<qint64>(deadline.remainingTime(), 100))));
    }
    m_buffer += m_socket.readAll();
    return true;
}

bool RawHttpClient::staysSilent(int timeoutMs)
{
    if (m_socket.bytesAvailable() > 0 || !m_buffer.isEmpty())
        return false;
    QSignalSpy readyRead(&m_socket, &QTcpSocket::readyRead);
    return !readyRead.wait(timeoutMs) && m_socket.bytesAvailable() == 0;
}

QByteArray RawHttpClient::takeBuffered()
{
    m_buffer += m_socket.readAll();
    return std::exchange(m_buffer, QByteArray());
}

} // namespace craftchat::http::test
