#include "ui/net/apiclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QUrlQuery>

namespace craftchat::ui {

namespace {
constexpr qint64 MaxResponseBytes = 16 * 1024 * 1024;
constexpr int TimeoutMs = 20000;

QByteArray jsonBody(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ApiResult badResponse(ApiResult r)
{
    r.errorCode = QStringLiteral("BAD_RESPONSE");
    r.errorMessage = QCoreApplication::translate("ApiClient", "The server sent an unexpected answer.");
    return r;
}

std::optional<AuthResult> parseAuth(const QJsonValue &body)
{
    const QJsonObject o = body.toObject();
    const QString token = o.value(QStringLiteral("token")).toString();
    auto user = contract::UserProfile::fromJson(o.value(QStringLiteral("user")).toObject());
    if (token.isEmpty() || !user)
        return std::nullopt;
    return AuthResult{token, *user};
}

template <typename T, typename Parse>
std::function<void(const ApiResult &)> listOf(ApiClient::Done<QList<T>> done, Parse parse)
{
    return [done = std::move(done), parse](const ApiResult &r) {
        QList<T> items;
        if (!r.ok())
            return done(r, items);
        if (!r.body.isArray())
            return done(badResponse(r), items);
        for (const QJsonValue &v : r.body.toArray()) {
            if (auto item = parse(v.toObject()))
                items.append(*item);
        }
        done(r, items);
    };
}
} // namespace

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setTransferTimeout(TimeoutMs);
    // Every request of this manager (the API, images, files) follows the one trust rule.
    connect(m_nam, &QNetworkAccessManager::sslErrors, this, &ApiClient::checkTls);
}

namespace {
const char *const TlsProblemProperty = "craftchatTlsProblem";
} // namespace

void ApiClient::checkTls(QNetworkReply *reply, const QList<QSslError> &errors)
{
    const QUrl url = reply->url();
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    const TrustStore::Decision decision = TrustStore().decide(url.host(), url.port(443), peer, errors);
    if (decision.verdict == TrustStore::Verdict::Pinned) {
        reply->ignoreSslErrors(decision.ignore);
        return;
    }
    reply->setProperty(TlsProblemProperty,
                       QVariant::fromValue(TrustStore::problem(url.host(), url.port(443), peer, decision, errors)));
}

QString describeTlsProblem(const TlsProblem &problem)
{
    switch (problem.kind) {
    case TlsProblem::Kind::Unknown:
        return QCoreApplication::translate("ApiClient", "The certificate of %1 is not trusted yet.")
            .arg(problem.address());
    case TlsProblem::Kind::Changed:
        return QCoreApplication::translate("ApiClient", "%1 presented another certificate than the one trusted before. "
                                                        "The connection was refused.")
            .arg(problem.address());
    case TlsProblem::Kind::Invalid:
        return QCoreApplication::translate("ApiClient", "The certificate of %1 is not valid: %2")
            .arg(problem.address(), problem.details);
    case TlsProblem::Kind::None:
        break;
    }
    return {};
}

QUrl ApiClient::resolve(const QString &pathOrUrl) const
{
    const QUrl url(pathOrUrl);
    return url.isRelative() ? m_base.resolved(url) : url;
}

QNetworkRequest ApiClient::request(const QString &path, const QByteArray &contentType) const
{
    const QUrl url = m_base.resolved(QUrl(path, QUrl::StrictMode));
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

QNetworkReply *ApiClient::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                               const QByteArray &contentType, RawDone done)
{
    QNetworkReply *reply = m_nam->sendCustomRequest(request(path, contentType), verb, body);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxResponseBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] { finished(reply, done); });
    return reply;
}

void ApiClient::finished(QNetworkReply *reply, const RawDone &done)
{
    reply->deleteLater();
    ApiResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->read(MaxResponseBytes);
    if (r.status == 0 && reply->property(TlsProblemProperty).isValid()) {
        r.tls = reply->property(TlsProblemProperty).value<TlsProblem>();
        r.errorCode = r.tls.kind == TlsProblem::Kind::Unknown   ? QStringLiteral("TLS_UNTRUSTED")
                      : r.tls.kind == TlsProblem::Kind::Changed ? QStringLiteral("TLS_CHANGED")
                                                                : QStringLiteral("TLS_INVALID");
        r.errorMessage = describeTlsProblem(r.tls);
        return done(r);
    }
    if (r.status == 0) {
        r.errorCode = QStringLiteral("NETWORK");
        r.errorMessage = tr("Cannot reach the server (%1).").arg(reply->errorString());
        return done(r);
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        r.body = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    if (r.status < 200 || r.status >= 300) {
        const QJsonObject o = r.body.toObject();
        r.errorCode = o.value(QStringLiteral("code")).toString(QStringLiteral("HTTP_%1").arg(r.status));
        r.errorMessage = o.value(QStringLiteral("message")).toString().left(500);
        bool isNumber = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&isNumber);
        r.retryAfterSeconds = isNumber && retryAfter > 0 ? retryAfter : 0;
        if (r.errorMessage.isEmpty())
            r.errorMessage = tr("The server answered with status %1.").arg(r.status);
    } else if (parseError.error != QJsonParseError::NoError && !(r.status == 204 && data.isEmpty())) {
        r = badResponse(r); // 204 No Content (logout) carries no body by definition
    }
    done(r);
}

void ApiClient::login(const QString &email, const QString &password, Done<AuthResult> done)
{
    send("POST", QStringLiteral("/api/auth/login"),
         jsonBody({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), "application/json",
         [done = std::move(done)](const ApiResult &r) {
             const auto auth = r.ok() ? parseAuth(r.body) : std::nullopt;
             if (r.ok() && !auth)
                 return done(badResponse(r), {});
             done(r, auth.value_or(AuthResult{}));
         });
}

void ApiClient::registerUser(const QString &fullName, const QString &email, const QString &password,
                             const QString &role, const QString &inviteCode, Done<AuthResult> done)
{
    QJsonObject body{{QStringLiteral("fullName"), fullName},
                     {QStringLiteral("email"), email},
                     {QStringLiteral("password"), password},
                     {QStringLiteral("role"), role}};
    if (!inviteCode.isEmpty())
        body.insert(QStringLiteral("inviteCode"), inviteCode);
    send("POST", QStringLiteral("/api/auth/register"), jsonBody(body), "application/json",
         [done = std::move(done)](const ApiResult &r) {
             const auto auth = r.ok() ? parseAuth(r.body) : std::nullopt;
             if (r.ok() && !auth)
                 return done(badResponse(r), {});
             done(r, auth.value_or(AuthResult{}));
         });
}

void ApiClient::registrationMode(Done<QString> done)
{
    send("GET", QStringLiteral("/api/auth/registration"), {}, {}, [done = std::move(done)](const ApiResult &r) {
        // A server that does not know the call (404) registers everyone: "open".
        if (r.status == 404) {
            ApiResult open;
            open.status = 200;
            return done(open, QStringLiteral("open"));
        }
        const QString mode = r.body.toObject().value(QStringLiteral("mode")).toString();
        if (r.ok() && mode != QLatin1String("open") && mode != QLatin1String("clients")
            && mode != QLatin1String("invite"))
            return done(badResponse(r), {});
        done(r, mode);
    });
}

void ApiClient::createInvitation(const QString &role, Done<QString> done)
{
    send("POST", QStringLiteral("/api/invitations"), jsonBody({{QStringLiteral("role"), role}}), "application/json",
         [done = std::move(done)](const ApiResult &r) {
             const QString code = r.body.toObject().value(QStringLiteral("code")).toString();
             if (r.ok() && (code.isEmpty() || code.size() > 64))
                 return done(badResponse(r), {});
             done(r, code);
         });
}

void ApiClient::refreshToken(Done<AuthResult> done)
{
    send("POST", QStringLiteral("/api/auth/refresh"), QByteArrayLiteral("{}"), "application/json",
         [done = std::move(done)](const ApiResult &r) {
             const auto auth = r.ok() ? parseAuth(r.body) : std::nullopt;
             if (r.ok() && !auth)
                 return done(badResponse(r), {});
             done(r, auth.value_or(AuthResult{}));
         });
}

void ApiClient::logout(Done<bool> done)
{
    send("POST", QStringLiteral("/api/auth/logout"), QByteArrayLiteral("{}"), "application/json",
         [done = std::move(done)](const ApiResult &r) { done(r, r.ok()); });
}

void ApiClient::me(Done<contract::UserProfile> done)
{
    send("GET", QStringLiteral("/api/users/me"), {}, {}, [done = std::move(done)](const ApiResult &r) {
        const auto user = r.ok() ? contract::UserProfile::fromJson(r.body.toObject()) : std::nullopt;
        if (r.ok() && !user)
            return done(badResponse(r), {});
        done(r, user.value_or(contract::UserProfile{}));
    });
}

void ApiClient::craftsmen(const QString &query, Done<QList<contract::UserProfile>> done)
{
    users(QStringLiteral("craftsman"), query, std::move(done));
}

void ApiClient::users(const QString &role, const QString &query, Done<QList<contract::UserProfile>> done)
{
    QUrlQuery q;
    if (!role.isEmpty())
        q.addQueryItem(QStringLiteral("role"), role);
    if (!query.trimmed().isEmpty())
        q.addQueryItem(QStringLiteral("q"), query.trimmed());
    send("GET", QStringLiteral("/api/users?") + q.toString(QUrl::FullyEncoded), {}, {},
         listOf<contract::UserProfile>(std::move(done), &contract::UserProfile::fromJson));
}

void ApiClient::createJob(const QString &title, Done<QString> done)
{
    send("POST", QStringLiteral("/api/jobs"), jsonBody({{QStringLiteral("title"), title}}), "application/json",
         [done = std::move(done)](const ApiResult &r) {
             const QString id = r.body.toObject().value(QStringLiteral("_id")).toString();
             if (r.ok() && id.isEmpty())
                 return done(badResponse(r), {});
             done(r, id);
         });
}

void ApiClient::createChat(const QString &craftsmanId, const QString &jobId, const QString &initialMessage,
                           Done<contract::ChatDetails> done)
{
    QJsonObject body{{QStringLiteral("craftsmanId"), craftsmanId}};
    if (!jobId.isEmpty())
        body.insert(QStringLiteral("jobId"), jobId);
    if (!initialMessage.isEmpty())
        body.insert(QStringLiteral("initialMessage"), initialMessage);
    send("POST", QStringLiteral("/api/messages/chats"), jsonBody(body), "application/json",
         [done = std::move(done)](const ApiResult &r) {
             const auto chat = r.ok() ? contract::ChatDetails::fromJson(r.body.toObject()) : std::nullopt;
             if (r.ok() && !chat)
                 return done(badResponse(r), {});
             done(r, chat.value_or(contract::ChatDetails{}));
         });
}

void ApiClient::chats(Done<QList<contract::ChatDetails>> done)
{
    send("GET", QStringLiteral("/api/messages/chats"), {}, {},
         listOf<contract::ChatDetails>(std::move(done), &contract::ChatDetails::fromJson));
}

void ApiClient::messages(const QString &chatId, const QString &before, int limit, Done<QList<contract::Message>> done)
{
    history(chatId, QStringLiteral("before"), before, limit, std::move(done));
}

void ApiClient::messagesAfter(const QString &chatId, const QString &after, int limit,
                              Done<QList<contract::Message>> done)
{
    history(chatId, QStringLiteral("after"), after, limit, std::move(done));
}

void ApiClient::history(const QString &chatId, const QString &key, const QString &id, int limit,
                        Done<QList<contract::Message>> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!id.isEmpty())
        q.addQueryItem(key, id);
    const QString path = QStringLiteral("/api/messages/chats/") + QString::fromLatin1(QUrl::toPercentEncoding(chatId))
                         + QStringLiteral("/messages?") + q.toString(QUrl::FullyEncoded);
    send("GET", path, {}, {}, listOf<contract::Message>(std::move(done), &contract::Message::fromJson));
}

void ApiClient::upload(const QByteArray &imageBytes, Done<QString> done)
{
    send("POST", QStringLiteral("/api/uploads"), imageBytes, "application/octet-stream",
         [done = std::move(done)](const ApiResult &r) {
             const QString url = r.body.toObject().value(QStringLiteral("url")).toString();
             if (r.ok() && url.isEmpty())
                 return done(badResponse(r), {});
             done(r, url);
         });
}

QNetworkReply *ApiClient::uploadFile(QIODevice *body, qint64 size, const QString &fileName, Done<UploadResult> done)
{
    QNetworkRequest r = request(QStringLiteral("/api/uploads"), "application/octet-stream");
    r.setHeader(QNetworkRequest::ContentLengthHeader, size);
    r.setRawHeader("X-File-Name", QUrl::toPercentEncoding(fileName));
    // Streamed from the device as it is read: a 25 MiB file is never held in memory here.
    QNetworkReply *reply = m_nam->post(r, body);
    body->setParent(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        finished(reply, [done](const ApiResult &result) {
            const QJsonObject o = result.body.toObject();
            UploadResult u{o.value(QStringLiteral("url")).toString(), o.value(QStringLiteral("name")).toString(),
                           qint64(o.value(QStringLiteral("size")).toDouble()),
                           o.value(QStringLiteral("mimeType")).toString()};
            if (result.ok() && !u.url.startsWith(QLatin1String("/uploads/")))
                return done(badResponse(result), {});
            done(result, u);
        });
    });
    return reply;
}

void ApiClient::searchMessages(const QString &query, const QString &chatId, int limit,
                               Done<QList<contract::SearchHit>> done)
{
    // Every value percent-encoded by hand: "+", "&" and "#" in a search are text, not syntax.
    QString path = QStringLiteral("/api/messages/search?q=") + QString::fromLatin1(QUrl::toPercentEncoding(query));
    if (!chatId.isEmpty())
        path += QStringLiteral("&chatId=") + QString::fromLatin1(QUrl::toPercentEncoding(chatId));
    path += QStringLiteral("&limit=") + QString::number(limit);
    send("GET", path, {}, {}, listOf<contract::SearchHit>(std::move(done), &contract::SearchHit::fromJson));
}

void ApiClient::socketDebug(Done<QJsonObject> done)
{
    send("GET", QStringLiteral("/api/messages/admin/socket-debug"), {}, {},
         [done = std::move(done)](const ApiResult &r) { done(r, r.body.toObject()); });
}

void ApiClient::health(Done<bool> done)
{
    send("GET", QStringLiteral("/health"), {}, {}, [done = std::move(done)](const ApiResult &r) {
        done(r, r.ok() && r.body.toObject().value(QStringLiteral("status")).toString() == QLatin1String("ok"));
    });
}

} // namespace craftchat::ui
