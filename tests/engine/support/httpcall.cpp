#include "tests/engine/support/httpcall.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSignalSpy>

#include <algorithm>

namespace craftchat::enginetest {

QByteArray HttpReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool HttpReply::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers)
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpCall::HttpCall(quint16 port, const QByteArray &method, const QByteArray &target,
                   const QByteArray &body, const Headers &headers, QObject *parent)
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

HttpReply HttpCall::run(quint16 port, const QByteArray &method, const QByteArray &target,
                        const QByteArray &body, const Headers &headers, int timeoutMs)
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
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    HttpReply reply;
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    reply.status = statusLine.value(1).toInt();
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        reply.headers.append({name, value});
        if (name == "content-length")
            contentLength = value.toLongLong();
    }
    const qsizetype bodyStart = headEnd + 4;
    if (m_buffer.size() - bodyStart < contentLength)
        return;
    reply.body = m_buffer.mid(bodyStart, contentLength);
    m_reply = reply;
    finish();
}

void HttpCall::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished();
}

} // namespace craftchat::enginetest
