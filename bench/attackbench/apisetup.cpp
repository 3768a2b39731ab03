#include "bench/attackbench/apisetup.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace craftchat::bench {

ApiSetup::ApiSetup(QString baseUrl)
    : m_baseUrl(std::move(baseUrl))
{}

ApiAnswer ApiSetup::call(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &token,
                         const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest request(QUrl(m_baseUrl + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    ApiAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = QJsonDocument::fromJson(reply->readAll()).object();
    answer.error = answer.status == 0 ? reply->errorString() : answer.body.value(QStringLiteral("code")).toString();
    reply->deleteLater();
    return answer;
}

bool ApiSetup::waitHealthy(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (call("GET", QStringLiteral("/health"), {}, {}, "application/json", 1000).status == 200)
            return true;
        QEventLoop pause;
        QTimer::singleShot(100, &pause, &QEventLoop::quit);
        pause.exec();
    }
    return false;
}

ApiUser ApiSetup::registerUser(const QString &name, const QString &email, const QString &role)
{
    const QJsonObject body{{QStringLiteral("fullName"), name},
                           {QStringLiteral("email"), email},
                           {QStringLiteral("password"), password()},
                           {QStringLiteral("role"), role}};
    const ApiAnswer answer
        = call("POST", QStringLiteral("/api/auth/register"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (answer.status != 201) {
        m_lastError = QStringLiteral("register %1: HTTP %2 %3").arg(email).arg(answer.status).arg(answer.error);
        return {};
    }
    return {answer.body.value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString(),
            answer.body.value(QStringLiteral("token")).toString(), email};
}

QString ApiSetup::createChat(const QString &clientToken, const QString &craftsmanId)
{
    const QJsonObject body{{QStringLiteral("craftsmanId"), craftsmanId}};
    const ApiAnswer answer = call("POST", QStringLiteral("/api/messages/chats"),
                                  QJsonDocument(body).toJson(QJsonDocument::Compact), clientToken);
    if (answer.status != 201 && answer.status != 200) {
        m_lastError = QStringLiteral("create chat: HTTP %1 %2").arg(answer.status).arg(answer.error);
        return {};
    }
    return answer.body.value(QStringLiteral("_id")).toString();
}

QString ApiSetup::upload(const QString &token, const QByteArray &image)
{
    const ApiAnswer answer = call("POST", QStringLiteral("/api/uploads"), image, token, "image/png");
    if (answer.status != 201) {
        m_lastError = QStringLiteral("upload: HTTP %1 %2").arg(answer.status).arg(answer.error);
        return {};
    }
    return answer.body.value(QStringLiteral("url")).toString();
}

} // namespace craftchat::bench
