// The test kit's one HTTP client, over its own QTcpSocket to 127.0.0.1 (the server runs on the
// test's event loop, in the same thread), with one response parser and one reply type:
//   HttpTestClient     convenient and blocking: request(), get(), postJson() with an optional
//                      Bearer token; each request on a connection of its own
//   HttpCall           one request answered asynchronously, so that a test can hold a
//                      long-poll open while it does something else
//   RawHttpConnection  raw bytes on one connection: send what the test wrote verbatim and
//                      read the responses (pipelining, malformed requests, closes)
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTcpSocket>

#include <optional>

namespace craftchat::testsupport {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpReply
{
    int status = 0;      // 0: no (complete) answer: network error, close or timeout
    HttpHeaders headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject object() const { return json(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    // The `code` of a {message, code} error body.
    QString errorCode() const { return object().value(QStringLiteral("code")).toString(); }
};

// Takes one complete response (head and Content-Length body) from the front of `buffer`;
// nullopt while it is incomplete. withBody false: the answer to a HEAD request.
std::optional<HttpReply> takeHttpReply(QByteArray &buffer, bool withBody = true);

class HttpCall : public QObject
{
    Q_OBJECT
public:
    // "Connection: close" unless `headers` has its own Connection header (e.g. an upgrade).
    HttpCall(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
             const HttpHeaders &headers = {}, QObject *parent = nullptr);
    ~HttpCall() override;

    bool isFinished() const { return m_finished; }
    // True when a complete response arrived within the time.
    bool waitForReply(int timeoutMs = 10000);
    const HttpReply &reply() const { return m_reply; }

    // Request and wait in one go; status 0 when nothing (complete) came back.
    static HttpReply run(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                         const HttpHeaders &headers = {}, int timeoutMs = 10000);

signals:
    void finished();

private:
    void onReadyRead();
    void finish();

    QTcpSocket m_socket;
    QByteArray m_request;
    QByteArray m_buffer;
    HttpReply m_reply;
    bool m_finished = false;
};

class RawHttpConnection
{
public:
    bool connectTo(quint16 port, int timeoutMs = 5000);
    void send(const QByteArray &bytes);
    // One complete response, or nullopt on timeout or close.
    std::optional<HttpReply> readReply(int timeoutMs = 10000, bool withBody = true);
    // True once the server has closed the connection and every byte was read.
    bool waitClosed(int timeoutMs = 10000);
    // True if no byte arrives within the given time.
    bool staysSilent(int timeoutMs);
    QTcpSocket &socket() { return m_socket; }
    QByteArray takeBuffered();

private:
    bool waitForData(int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

class HttpTestClient
{
public:
    using Headers = HttpHeaders;

    explicit HttpTestClient(quint16 port)
        : m_port(port)
    {}

    HttpReply request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                      const QString &token = {}, const Headers &headers = {}, int timeoutMs = 30000);
    HttpReply get(const QString &pathAndQuery, const QString &token = {})
    {
        return request("GET", pathAndQuery, {}, token);
    }
    HttpReply postJson(const QString &path, const QJsonObject &body, const QString &token = {})
    {
        return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token,
                       {{"Content-Type", "application/json"}});
    }

    quint16 port() const { return m_port; }

private:
    quint16 m_port;
};

} // namespace craftchat::testsupport
