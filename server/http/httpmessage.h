// Plain value types of the HTTP/1.1 layer: a parsed request and a response to write.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace craftchat::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>; // names lower-cased on parse

struct HttpRequest
{
    QByteArray method;        // "GET", "POST", "OPTIONS", ...
    QByteArray target;        // raw request target: "/socket.io/?EIO=4&transport=polling"
    QString path;             // percent-decoded path without the query: "/socket.io/"
    QUrlQuery query;          // parsed query (fully decoded values via query.queryItemValue(k, QUrl::FullyDecoded))
    HeaderList headers;       // in arrival order, names lower-case
    QByteArray body;
    int httpMajor = 1;
    int httpMinor = 1;
    bool keepAlive = true;    // after HTTP/1.0 defaults and the Connection header
    bool upgrade = false;     // Connection: upgrade + Upgrade: websocket
    QHostAddress peerAddress;
    quint16 peerPort = 0;

    // First value of a header (name matched case-insensitively), empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

struct HttpResponse
{
    int status = 200;
    HeaderList headers;       // Content-Length, Date and Connection are added by the server
    QByteArray body;

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
