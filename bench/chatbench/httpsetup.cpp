#include "bench/chatbench/httpsetup.h"

#include "bench/chatbench/eventwait.h"
#include "bench/chatbench/monoclock.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <memory>

namespace craftchat::bench {
namespace {

QString idOf(const QJsonObject &o)
{
    const QJsonValue v = o.value(QStringLiteral("_id"));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'f', 0);
    return o.value(QStringLiteral("id")).toString();
}

QJsonObject toJson(const QMap<QString, int> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace

QJsonObject SetupResult::toJson(int clients, int craftsmen) const
{
    return {{QStringLiteral("usersWanted"), double(users.size())},
            {QStringLiteral("users"), usersOk},
            {QStringLiteral("clients"), clients},
            {QStringLiteral("craftsmen"), craftsmen},
            {QStringLiteral("chatsWanted"), chatsWanted},
            {QStringLiteral("chats"), double(chats.size())},
            {QStringLiteral("registerMs"), registerMs.summary().toJson()},
            {QStringLiteral("createChatMs"), createChatMs.summary().toJson()},
            {QStringLiteral("rateLimitedAnswers"), rateLimitedAnswers},
            {QStringLiteral("errors"), bench::toJson(errors)},
            {QStringLiteral("seconds"), round2(seconds)}};
}

HttpSetup::HttpSetup(const BenchOptions &options, QString runId, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_runId(std::move(runId))
{}

void HttpSetup::request(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &token,
                        AnswerHandler handler)
{
    QUrl url = m_options.url;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setTransferTimeout(int(m_options.httpTimeout * 1000));
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.sendCustomRequest(req, verb, payload);
    connect(reply, &QNetworkReply::finished, this, [reply, handler = std::move(handler)] {
        reply->deleteLater();
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->read(4 * 1024 * 1024);
        const QJsonDocument doc = QJsonDocument::fromJson(data);
        if (doc.isObject()) {
            a.body = doc.object();
            a.code = a.body.value(QStringLiteral("code")).toString();
        }
        if (a.status == 0)
            a.code = reply->error() == QNetworkReply::OperationCanceledError ? QStringLiteral("HTTP_TIMEOUT")
                                                                             : QStringLiteral("HTTP_NETWORK");
        handler(a);
    });
}

bool HttpSetup::waitHealthy(double timeoutMs)
{
    const double end = monoNowMs() + timeoutMs;
    while (monoNowMs() < end) {
        bool answered = false, ok = false;
        request("GET", QStringLiteral("/health"), {}, {}, [&](const Answer &a) {
            answered = true;
            ok = a.status == 200;
        });
        waitUntil([&] { return answered; }, m_options.httpTimeout * 1000 + 1000);
        if (ok)
            return true;
        waitMs(250);
    }
    return false;
}

void HttpSetup::runPool(int n, int concurrency, const std::function<void(int, std::function<void()>)> &task)
{
    int next = 0, finished = 0;
    std::function<void()> startOne;
    startOne = [&] {
        if (next >= n)
            return;
        const int i = next++;
        // done() runs from a reply's finished handler, so the next request starts there
        task(i, [&] {
            ++finished;
            startOne();
        });
    };
    for (int i = 0; i < std::min(n, concurrency); ++i)
        startOne();
    waitUntil([&] { return finished >= n; }, 1e12, 5);
}

void HttpSetup::noteError(const QString &what, const Answer &answer)
{
    const QString code = answer.code.isEmpty() ? QStringLiteral("HTTP_%1").arg(answer.status) : answer.code;
    m_result.errors[what + QLatin1Char(':') + code]++;
}

bool HttpSetup::shouldRetry(const Answer &answer, int attempt)
{
    // The server's password hashing queue is full (503 BUSY): it asks to come back in a
    // moment; the setup's concurrency can exceed the queue, so wait for longer.
    if (answer.status == 503 && answer.code == QLatin1String("BUSY"))
        return attempt < 30;
    if (attempt >= 3)
        return false;
    if (answer.status == 429 || answer.code == QLatin1String("RATE_LIMIT")) {
        ++m_result.rateLimitedAnswers;
        return true;
    }
    return answer.status == 0 || answer.status >= 500;
}

void HttpSetup::registerUser(int index, int attempt, std::function<void()> done)
{
    const bool client = index < int(m_result.users.size()) / 2;
    const QString role = client ? QStringLiteral("client") : QStringLiteral("craftsman");
    const QString email = m_options.reuseUsers
                              ? QStringLiteral("%1-%2@bench.test").arg(m_options.prefix).arg(index)
                              : QStringLiteral("%1-%2-%3@bench.test").arg(m_options.prefix, m_runId).arg(index);
    const QJsonObject body{{QStringLiteral("fullName"), QStringLiteral("Bench %1 %2").arg(role).arg(index)},
                           {QStringLiteral("email"), email},
                           {QStringLiteral("password"), m_options.password},
                           {QStringLiteral("role"), role}};
    const double t0 = monoNowMs();
    request("POST", QStringLiteral("/api/auth/register"), body, {},
            [this, index, attempt, client, t0, email, done = std::move(done)](const Answer &a) mutable {
                m_result.registerMs.add(monoNowMs() - t0);
                const QJsonObject user = a.body.value(QStringLiteral("user")).toObject();
                const QString token = a.body.value(QStringLiteral("token")).toString();
                if ((a.status == 200 || a.status == 201) && !token.isEmpty() && !idOf(user).isEmpty()) {
                    m_result.users[size_t(index)] = {true, client, idOf(user), token};
                    ++m_result.usersOk;
                    return done();
                }
                if (m_options.reuseUsers && a.status == 409) {
                    // Known from an earlier run: log in instead.
                    const QJsonObject login{{QStringLiteral("email"), email},
                                            {QStringLiteral("password"), m_options.password}};
                    request("POST", QStringLiteral("/api/auth/login"), login, {},
                            [this, index, client, done](const Answer &l) mutable {
                                const QJsonObject u = l.body.value(QStringLiteral("user")).toObject();
                                const QString t = l.body.value(QStringLiteral("token")).toString();
                                if (l.status == 200 && !t.isEmpty() && !idOf(u).isEmpty()) {
                                    m_result.users[size_t(index)] = {true, client, idOf(u), t};
                                    ++m_result.usersOk;
                                } else {
                                    noteError(QStringLiteral("login"), l);
                                }
                                done();
                            });
                    return;
                }
                noteError(QStringLiteral("register"), a);
                if (!shouldRetry(a, attempt))
                    return done();
                QTimer::singleShot(300 * qMin(attempt + 1, 3), this, [this, index, attempt, done]() mutable {
                    registerUser(index, attempt + 1, std::move(done));
                });
            });
}

void HttpSetup::createChat(int pair, int attempt, std::function<void()> done)
{
    // Plain names, not a structured binding: clang 15 (the sanitizer build) cannot capture those.
    const int a = m_pairs[size_t(pair)].first;
    const int b = m_pairs[size_t(pair)].second;
    const BenchUser &client = m_result.users[size_t(a)];
    const BenchUser &craftsman = m_result.users[size_t(b)];
    if (!client.valid || !craftsman.valid)
        return done();
    const double t0 = monoNowMs();
    request("POST", QStringLiteral("/api/messages/chats"), {{QStringLiteral("craftsmanId"), craftsman.id}},
            client.token, [this, pair, attempt, a, b, t0, done = std::move(done)](const Answer &ans) mutable {
                m_result.createChatMs.add(monoNowMs() - t0);
                const QString id = idOf(ans.body);
                if ((ans.status == 200 || ans.status == 201) && !id.isEmpty()) {
                    m_made[size_t(pair)] = BenchChat{id, a, b};
                    return done();
                }
                noteError(QStringLiteral("createChat"), ans);
                if (!shouldRetry(ans, attempt))
                    return done();
                QTimer::singleShot(300 * (attempt + 1), this, [this, pair, attempt, done]() mutable {
                    createChat(pair, attempt + 1, std::move(done));
                });
            });
}

SetupResult HttpSetup::run()
{
    const double t0 = monoNowMs();
    const int users = m_options.users;
    const int clients = users / 2;
    const int craftsmen = users - clients;
    m_result.users.assign(size_t(users), BenchUser{});
    runPool(users, m_options.httpConcurrency,
            [this](int i, std::function<void()> done) { registerUser(i, 0, std::move(done)); });

    // round j pairs client c with craftsman (c + j) mod craftsmen: distinct pairs while j < craftsmen
    const int wanted = m_options.chats > 0 ? m_options.chats : clients * m_options.chatsPerClient;
    for (int j = 0; j < craftsmen && int(m_pairs.size()) < wanted; ++j)
        for (int c = 0; c < clients && int(m_pairs.size()) < wanted; ++c)
            m_pairs.emplace_back(c, clients + (c + j) % craftsmen);
    m_result.chatsWanted = wanted;
    m_made.assign(m_pairs.size(), std::nullopt);
    runPool(int(m_pairs.size()), m_options.httpConcurrency,
            [this](int i, std::function<void()> done) { createChat(i, 0, std::move(done)); });
    for (const auto &c : m_made)
        if (c)
            m_result.chats.push_back(*c);
    m_result.seconds = (monoNowMs() - t0) / 1000.0;
    return std::move(m_result);
}

} // namespace craftchat::bench
