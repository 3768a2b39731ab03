// Plain value types of the HTTP/1.1 layer: a parsed request and a response to write.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <memory>

class QIODevice;

namespace craftchat::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>; // names lower-cased on parse

// Where a request body goes instead of HttpRequest::body when the server's body-sink factory
// gives one for the request's head (e.g. an upload written to a temporary file as it arrives).
// Whoever made it cleans up in its destructor what was not kept: the connection drops its
// reference when the client goes or the request fails, the handler when it has answered.
class HttpBodySink
{
public:
    virtual ~HttpBodySink() = default;
    // The next bytes of the body. False: the request fails (500) and the connection closes.
    virtual bool write(const char *data, qsizetype size) = 0;
};

struct HttpRequest
{
    QByteArray method;  // "GET", "POST", "OPTIONS", ...
    QByteArray target;  // raw request target: "/socket.io/?EIO=4&transport=polling"
    QString path;       // percent-decoded path without the query: "/socket.io/"
    QUrlQuery query;    // parsed query (fully decoded values via query.queryItemValue(k, QUrl::FullyDecoded))
    HeaderList headers; // in arrival order, names lower-case
    QByteArray body;    // empty when the body went to bodySink
    std::shared_ptr<HttpBodySink> bodySink;
    qint64 bodyBytes = 0; // body bytes received (in body or in bodySink)
    int httpMajor = 1;
    int httpMinor = 1;
    bool keepAlive = true; // after HTTP/1.0 defaults and the Connection header
    bool upgrade = false;  // Connection: upgrade + Upgrade: websocket
    QHostAddress peerAddress;
    quint16 peerPort = 0;

    // First value of a header (name matched case-insensitively), empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers; // Content-Length, Date and Connection are added by the server
    QByteArray body;
    // Instead of body: bodyStreamSize bytes read from this device (e.g. an open file) as the
    // client takes them, never more than a bounded amount queued at once. The connection
    // drops (closes) it when the body is sent or the client goes.
    std::shared_ptr<QIODevice> bodyStream;
    qint64 bodyStreamSize = 0;

    HttpResponse &setHeader(const QByteArray &name, const QByteArray &value);
    static HttpResponse json(int status, const QJsonDocument &doc);
    static HttpResponse text(int status, const QByteArray &body,
                             const QByteArray &contentType = "text/plain; charset=UTF-8");
    // {"message": message, "code": code} with the given status.
    static HttpResponse error(int status, const QString &message, const QString &code);
};

// "OK", "Not Found", ... for the status codes the project uses.
QByteArray reasonPhrase(int status);

} // namespace craftchat::http
