#include "tests/support/httptestclient.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QUrl>

#include <algorithm>
#include <utility>

namespace craftchat::testsupport {

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpReply::hasHeader(QByteArrayView name) const
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &entry) {
        return QByteArrayView(entry.first).compare(name, Qt::CaseInsensitive) == 0;
    });
}

std::optional<HttpReply> takeHttpReply(QByteArray &buffer, bool withBody)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    HttpReply reply;
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
    if (buffer.size() < total)
        return std::nullopt;
    reply.body = buffer.mid(headEnd + 4, length);
    buffer.remove(0, total);
    return reply;
}

// ---------------------------------------------------------------------------------------------
// HttpCall

HttpCall::HttpCall(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                   const HttpHeaders &headers, QObject *parent)
    : QObject(parent)
{
    m_request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    const bool ownConnectionHeader = std::any_of(headers.cbegin(), headers.cend(), [](const auto &header) {
        return header.first.compare("connection", Qt::CaseInsensitive) == 0;
    });
    if (!ownConnectionHeader)
        m_request += "Connection: close\r\n";
    for (const auto &[name, value] : headers)
        m_request += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        m_request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    m_request += "\r\n" + body;

    connect(&m_socket, &QTcpSocket::connected, this, [this] { m_socket.write(m_request); });
    connect(&m_socket, &QTcpSocket::readyRead, this, &HttpCall::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        onReadyRead();
        finish();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            finish();
    });
    m_socket.connectToHost(QHostAddress::LocalHost, port);
}

HttpCall::~HttpCall()
{
    // The socket may emit while it is torn down; this object is no longer interested.
    disconnect(&m_socket, nullptr, this, nullptr);
    m_socket.abort();
}

bool HttpCall::waitForReply(int timeoutMs)
{
    if (!m_finished) {
        QSignalSpy spy(this, &HttpCall::finished);
        spy.wait(timeoutMs);
    }
    return m_finished && m_reply.status != 0;
}

HttpReply HttpCall::run(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                        const HttpHeaders &headers, int timeoutMs)
{
    HttpCall call(port, method, target, body, headers);
    call.waitForReply(timeoutMs);
    return call.reply();
}

void HttpCall::onReadyRead()
{
    if (m_finished)
        return;
    m_buffer += m_socket.readAll();
    if (auto reply = takeHttpReply(m_buffer)) {
        m_reply = std::move(*reply);
        finish();
    }
}

void HttpCall::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

// ---------------------------------------------------------------------------------------------
// RawHttpConnection

bool RawHttpConnection::connectTo(quint16 port, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QTcpSocket::connected);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.state() == QAbstractSocket::ConnectedState || connected.wait(timeoutMs);
}

void RawHttpConnection::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool RawHttpConnection::waitForData(int timeoutMs)
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

std::optional<HttpReply> RawHttpConnection::readReply(int timeoutMs, bool withBody)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_buffer += m_socket.readAll();
        if (auto reply = takeHttpReply(m_buffer, withBody))
            return reply;
        if (deadline.hasExpired() || !waitForData(int(deadline.remainingTime())))
            return std::nullopt;
    }
}

bool RawHttpConnection::waitClosed(int timeoutMs)
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

bool RawHttpConnection::staysSilent(int timeoutMs)
{
    if (m_socket.bytesAvailable() > 0 || !m_buffer.isEmpty())
        return false;
    QSignalSpy readyRead(&m_socket, &QTcpSocket::readyRead);
    return !readyRead.wait(timeoutMs) && m_socket.bytesAvailable() == 0;
}

QByteArray RawHttpConnection::takeBuffered()
{
    m_buffer += m_socket.readAll();
    return std::exchange(m_buffer, QByteArray());
}

// ---------------------------------------------------------------------------------------------
// HttpTestClient

HttpReply HttpTestClient::request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                  const QString &token, const Headers &headers, int timeoutMs)
{
    Headers all = headers;
    if (!token.isEmpty())
        all.append({QByteArray("Authorization"), "Bearer " + token.toUtf8()});
    const bool hasContentType = std::any_of(all.cbegin(), all.cend(), [](const auto &h) {
        return h.first.compare("content-type", Qt::CaseInsensitive) == 0;
    });
    if (!body.isEmpty() && !hasContentType)
        all.append({QByteArray("Content-Type"), QByteArray("application/octet-stream")});
    // Encoded as QNetworkAccessManager would: a space in a query is sent as %20.
    return HttpCall::run(m_port, method, QUrl(pathAndQuery).toEncoded(), body, all, timeoutMs);
}

} // namespace craftchat::testsupport
