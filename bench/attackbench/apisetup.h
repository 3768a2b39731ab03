// The setup phase over the HTTP API (QNetworkAccessManager, one request at a time): health,
// register, create a chat, upload an image.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

namespace craftchat::bench {

struct ApiAnswer
{
    int status = 0; // 0: network error or timeout
    QJsonObject body;
    QString error; // network error text, or the body's "code"
};

struct ApiUser
{
    QString id;
    QString token;
    QString email;
};

class ApiSetup
{
public:
    explicit ApiSetup(QString baseUrl);

    // Blocks (running an event loop) for at most timeoutMs.
    ApiAnswer call(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &token = {},
                   const QByteArray &contentType = "application/json", int timeoutMs = 30000);
    bool waitHealthy(int timeoutMs);
    // Empty id on failure (what failed in lastError()).
    ApiUser registerUser(const QString &name, const QString &email, const QString &role);
    QString createChat(const QString &clientToken, const QString &craftsmanId);
    QString upload(const QString &token, const QByteArray &image); // "/uploads/<name>"
    QString lastError() const { return m_lastError; }

    static QString password() { return QStringLiteral("attackbench-pass"); }

private:
    QString m_baseUrl;
    QNetworkAccessManager m_network;
    QString m_lastError;
};

} // namespace craftchat::bench
