// The server's HTTP API (docs/API.md, section 2) over QNetworkAccessManager. Every call is
// asynchronous; the reply is parsed and bounded before the callback sees it.
#pragma once

#include "common/contract/payloads.h"
#include "ui/net/truststore.h"

#include <QJsonValue>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;

namespace craftchat::ui {

struct ApiResult
{
    int status = 0; // HTTP status, 0 when the server could not be reached
    QJsonValue body;
    QString errorMessage;      // the server's {message}, or a local description
    QString errorCode;         // the server's {code}, "NETWORK", "BAD_RESPONSE" or "TLS_UNTRUSTED",
                               // "TLS_CHANGED", "TLS_INVALID" (the certificate was refused, see tls)
    TlsProblem tls;            // why TLS refused the server (TrustStore's rule)
    int retryAfterSeconds = 0; // a 429's or 503's Retry-After (delta seconds), 0 when absent
    bool ok() const { return status >= 200 && status < 300 && errorCode.isEmpty(); }
};

// The answer of POST /api/uploads: where the file is and what the server made of it.
struct UploadResult
{
    QString url; // "/uploads/<random name>"
    QString name;
    qint64 size = 0;
    QString mimeType;
};

struct AuthResult
{
    QString token;
    contract::UserProfile user;
};

// What the user is told when TLS refused a server (ApiResult::errorMessage of TLS_* codes).
QString describeTlsProblem(const TlsProblem &problem);

} // namespace craftchat::ui

Q_DECLARE_METATYPE(craftchat::ui::AuthResult)

namespace craftchat::ui {

class ApiClient : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Done = std::function<void(const ApiResult &, const T &)>;

    explicit ApiClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url) { m_base = url; }
    QUrl baseUrl() const { return m_base; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    QNetworkAccessManager *network() const { return m_nam; }
    // A server path ("/uploads/x.png") or absolute URL as a full URL.
    QUrl resolve(const QString &pathOrUrl) const;

    void login(const QString &email, const QString &password, Done<AuthResult> done);
    // inviteCode "" sends none.
    void registerUser(const QString &fullName, const QString &email, const QString &password, const QString &role,
                      const QString &inviteCode, Done<AuthResult> done);
    // GET /api/auth/registration: "open", "clients" or "invite" (a server without the call: "open").
    void registrationMode(Done<QString> done);
    // POST /api/invitations {role}: the new invitation's code.
    void createInvitation(const QString &role, Done<QString> done);
    void me(Done<contract::UserProfile> done);
    // A fresh token for the signed-in user (POST /api/auth/refresh).
    void refreshToken(Done<AuthResult> done);
    // Revokes the current token on the server (POST /api/auth/logout); done(ok).
    void logout(Done<bool> done);
    void craftsmen(const QString &query, Done<QList<contract::UserProfile>> done);
    // Profiles by role ("" = every role) and name part, at most 100 (GET /api/users).
    void users(const QString &role, const QString &query, Done<QList<contract::UserProfile>> done);
    void createJob(const QString &title, Done<QString> done); // the job's id
    void createChat(const QString &craftsmanId, const QString &jobId, const QString &initialMessage,
                    Done<contract::ChatDetails> done);
    void chats(Done<QList<contract::ChatDetails>> done);
    // Oldest first; before = "" for the newest page.
    void messages(const QString &chatId, const QString &before, int limit, Done<QList<contract::Message>> done);
    // Oldest first: the page just after the message `after` (catching up after a reconnect).
    void messagesAfter(const QString &chatId, const QString &after, int limit, Done<QList<contract::Message>> done);
    void upload(const QByteArray &imageBytes, Done<QString> done); // the image's URL path
    // Uploads `body` (opened for reading; the reply takes ownership) with the original file
    // name in X-File-Name. Returns the reply, so that the caller can follow its uploadProgress
    // or abort() it (a cancel).
    QNetworkReply *uploadFile(QIODevice *body, qint64 size, const QString &fileName, Done<UploadResult> done);
    // GET /api/messages/search: newest first; chatId "" searches every chat of the user.
    void searchMessages(const QString &query, const QString &chatId, int limit, Done<QList<contract::SearchHit>> done);
    void socketDebug(Done<QJsonObject> done);
    void health(Done<bool> done);

private:
    using RawDone = std::function<void(const ApiResult &)>;
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &body,
                        const QByteArray &contentType, RawDone done);
    QNetworkRequest request(const QString &path, const QByteArray &contentType) const;
    void history(const QString &chatId, const QString &key, const QString &id, int limit,
                 Done<QList<contract::Message>> done);
    void finished(QNetworkReply *reply, const RawDone &done);
    void checkTls(QNetworkReply *reply, const QList<QSslError> &errors);

    QNetworkAccessManager *m_nam;
    QUrl m_base;
    QString m_token;
};

} // namespace craftchat::ui
