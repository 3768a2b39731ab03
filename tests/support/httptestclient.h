// Blocking HTTP calls for integration tests (QNetworkAccessManager under a local event loop):
// any method, raw or JSON bodies, optional Bearer token and extra headers.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

namespace craftchat::testsupport {

struct HttpResult
{
    int status = 0;                       // 0: no answer (network error or timeout)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    QByteArray header(const QByteArray &name) const;
    // The `code` of a {message, code} error body.
    QString errorCode() const { return object().value(QStringLiteral("code")).toString(); }
};

class HttpTestClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit HttpTestClient(quint16 port) : m_port(port) {}

    HttpResult request(const QByteArray &method, const QString &pathAndQuery,
                       const QByteArray &body = {}, const QString &token = {},
                       const Headers &headers = {}, int timeoutMs = 30000);
    HttpResult get(const QString &pathAndQuery, const QString &token = {})
    {
        return request("GET", pathAndQuery, {}, token);
    }
    HttpResult postJson(const QString &path, const QJsonObject &body, const QString &token = {})
    {
        return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token,
                       {{"Content-Type", "application/json"}});
    }

    quint16 port() const { return m_port; }

private:
    quint16 m_port;
    QNetworkAccessManager m_nam;
};

} // namespace craftchat::testsupport
