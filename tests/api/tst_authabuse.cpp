// Hostile input (issue 16). Password hashing as a weapon: the hashing queue is bounded (503
// BUSY with Retry-After when full), a job whose client left before it started is dropped, not
// hashed, and a failed login is logged with the peer's address and a short hash of the
// account. Rate limits: registrations per address, chat and job creations per client (429
// RATE_LIMIT with Retry-After), typing and join-chat per socket (dropped, one error per
// second), refused joins counted instead of logged; registrations refused when the disk is
// nearly full (507 DISK_LOW).
#include "tests/support/siotestclient.h"
#include "tests/support/testserver.h"

#include "common/contract/contract.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QMutex>
#include <QRegularExpression>
#include <QTest>

#include <limits>
#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

const QString MetricsToken = QStringLiteral("metrics-token-for-abuse-tests");

QStringList s_authLog;
QtMessageHandler s_previousHandler = nullptr;

void captureAuthLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArray(context.category) == "craftchat.auth")
        s_authLog.append(message);
    if (s_previousHandler)
        s_previousHandler(type, context, message);
}

QByteArray registerBody(const QString &email)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("fullName"), QStringLiteral("Flood Test")},
                                     {QStringLiteral("email"), email},
                                     {QStringLiteral("password"), QStringLiteral("password-1234")},
                                     {QStringLiteral("role"), contract::RoleClient}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestAuthAbuse : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;

    // One hashing thread at the real (slow) cost, so that jobs wait behind each other.
    void startSlowHasher(int queue)
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().passwordHashLimits = auth::PasswordHashLimits::interactive();
        m_server->config().passwordHashThreads = 1;
        m_server->config().passwordHashQueue = queue;
        m_server->config().metricsToken = MetricsToken;
        QVERIFY(m_server->start());
    }

    qint64 metric(const QString &line)
    {
        const HttpReply r = m_server->http().get(QStringLiteral("/metrics"), MetricsToken);
        const QRegularExpression re(QLatin1Char('^') + QRegularExpression::escape(line) + QStringLiteral(" (\\d+)$"),
                                    QRegularExpression::MultilineOption);
        const auto match = re.match(QString::fromUtf8(r.body));
        return match.hasMatch() ? match.captured(1).toLongLong() : -1;
    }

    bool waitForMetric(const QString &line, qint64 value, int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (metric(line) == value)
                return true;
            QTest::qWait(20);
        }
        qWarning("%s stayed %lld, expected %lld", qPrintable(line), metric(line), value);
        return false;
    }

    std::unique_ptr<HttpCall> registerAsync(const QString &email)
    {
        return std::make_unique<HttpCall>(m_server->port(), "POST", "/api/auth/register", registerBody(email),
                                          HttpHeaders{{"Content-Type", "application/json"}});
    }

private slots:
    void cleanup() { m_server.reset(); }

    void fullQueueAnswers503WithRetryAfter()
    {
        startSlowHasher(2);
        // The server hashes one dummy password at start (unknown e-mails are checked against it).
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 0));
        auto first = registerAsync(QStringLiteral("first@example.test"));
        auto second = registerAsync(QStringLiteral("second@example.test"));
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 2));

        const HttpReply busy = m_server->http().request("POST", QStringLiteral("/api/auth/register"),
                                                        registerBody(QStringLiteral("third@example.test")), {},
                                                        {{"Content-Type", "application/json"}});
        QCOMPARE(busy.status, 503);
        QCOMPARE(busy.errorCode(), QStringLiteral("BUSY"));
        QVERIFY(!busy.object().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(busy.header("retry-after"), QByteArray("2"));
        const HttpReply busyLogin = m_server->http().postJson(
            QStringLiteral("/api/auth/login"), QJsonObject{{QStringLiteral("email"), QStringLiteral("x@example.test")},
                                                           {QStringLiteral("password"), QStringLiteral("whatever")}});
        QCOMPARE(busyLogin.status, 503);
        QCOMPARE(metric(QStringLiteral("auth_password_jobs_total{outcome=\"refused\"}")), 2);

        // The queued ones are served; afterwards there is room again.
        QVERIFY(first->waitForReply(60000));
        QVERIFY(second->waitForReply(60000));
        QCOMPARE(first->reply().status, 201);
        QCOMPARE(second->reply().status, 201);
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 0));
        const HttpReply later
            = m_server->http().postJson(QStringLiteral("/api/auth/login"),
                                        QJsonObject{{QStringLiteral("email"), QStringLiteral("first@example.test")},
                                                    {QStringLiteral("password"), QStringLiteral("password-1234")}});
        QCOMPARE(later.status, 200);
    }

    void jobOfAClientThatLeftIsNotHashed()
    {
        startSlowHasher(8);
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 0));
        const qint64 doneAtStart = metric(QStringLiteral("auth_password_jobs_total{outcome=\"done\"}"));
        auto running = registerAsync(QStringLiteral("running@example.test"));
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 1));

        // A second request queues behind it; its client goes away before its turn.
        RawHttpConnection leaving;
        QVERIFY(leaving.connectTo(m_server->port()));
        const QByteArray body = registerBody(QStringLiteral("leaving@example.test"));
        leaving.send("POST /api/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 2));
        leaving.socket().abort();

        QVERIFY(running->waitForReply(60000));
        QCOMPARE(running->reply().status, 201);
        QVERIFY(waitForMetric(QStringLiteral("auth_password_jobs_pending"), 0));
        QCOMPARE(metric(QStringLiteral("auth_password_jobs_total{outcome=\"dropped\"}")), 1);
        QCOMPARE(metric(QStringLiteral("auth_password_jobs_total{outcome=\"done\"}")), doneAtStart + 1);
        // Nothing was stored for the one that left.
        const HttpReply again = m_server->http().request("POST", QStringLiteral("/api/auth/register"), body, {},
                                                         {{"Content-Type", "application/json"}});
        QCOMPARE(again.status, 201);
    }

    void registrationsPerAddressAreLimited()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().registrationsPerHour = 2;
        m_server->config().rateLimitLoopback = true;
        QVERIFY(m_server->start());
        QVERIFY(!m_server->registerUser(contract::RoleClient).id.isEmpty());
        QVERIFY(!m_server->registerUser(contract::RoleCraftsman).id.isEmpty());
        const HttpReply third = m_server->http().request("POST", QStringLiteral("/api/auth/register"),
                                                         registerBody(QStringLiteral("third@example.test")), {},
                                                         {{"Content-Type", "application/json"}});
        QCOMPARE(third.status, 429);
        QCOMPARE(third.errorCode(), QStringLiteral("RATE_LIMIT"));
        const qint64 retryAfter = third.header("retry-after").toLongLong();
        QVERIFY2(retryAfter >= 3500 && retryAfter <= 3600, third.header("retry-after").constData());
        // Bad input is still answered as bad input, and logins are not affected.
        QCOMPARE(m_server->http().postJson(QStringLiteral("/api/auth/register"), QJsonObject{}).status, 400);
    }

    void loopbackIsNotLimitedByDefault()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().registrationsPerHour = 1;
        QVERIFY(m_server->start());
        for (int i = 0; i < 3; ++i)
            QVERIFY(!m_server->registerUser(contract::RoleClient).id.isEmpty());
    }

    void chatAndJobCreationsPerClientAreLimited()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().chatCreationsPerHour = 2;
        m_server->config().jobCreationsPerHour = 2;
        QVERIFY(m_server->start());
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        const TestUser other = m_server->registerUser(contract::RoleClient);
        QList<TestUser> craftsmen;
        for (int i = 0; i < 3; ++i)
            craftsmen.append(m_server->registerUser(contract::RoleCraftsman));

        int status = 0;
        m_server->createChat(clara, craftsmen[0], {}, &status);
        QCOMPARE(status, 201);
        m_server->createChat(clara, craftsmen[1], {}, &status);
        QCOMPARE(status, 201);
        const HttpReply third
            = m_server->http().postJson(QStringLiteral("/api/messages/chats"),
                                        QJsonObject{{QStringLiteral("craftsmanId"), craftsmen[2].id}}, clara.token);
        QCOMPARE(third.status, 429);
        QCOMPARE(third.errorCode(), QStringLiteral("RATE_LIMIT"));
        QVERIFY(third.header("retry-after").toLongLong() > 0);
        // A retry of an existing chat is answered as always; another client is not affected.
        m_server->createChat(clara, craftsmen[0], {}, &status);
        QCOMPARE(status, 200);
        m_server->createChat(other, craftsmen[2], {}, &status);
        QCOMPARE(status, 201);

        const auto job = [this](const TestUser &user) {
            return m_server->http().postJson(QStringLiteral("/api/jobs"),
                                             QJsonObject{{QStringLiteral("title"), QStringLiteral("Fix it")}},
                                             user.token);
        };
        QCOMPARE(job(clara).status, 201);
        QCOMPARE(job(clara).status, 201);
        const HttpReply refused = job(clara);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), QStringLiteral("RATE_LIMIT"));
        QVERIFY(refused.header("retry-after").toLongLong() > 0);
        QCOMPARE(job(other).status, 201);
    }

    void typingFloodIsDroppedWithOneErrorPerSecond()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().socketEventsPerSecond = 10;
        m_server->config().socketEventBurst = 5;
        m_server->config().metricsToken = MetricsToken;
        QVERIFY(m_server->start());
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        const TestUser piet = m_server->registerUser(contract::RoleCraftsman);
        const QString chatId = m_server->createChat(clara, piet).value(QStringLiteral("_id")).toString();
        QVERIFY(!chatId.isEmpty());
        SioTestClient sender(m_server->port());
        QVERIFY(sender.connectWithToken(clara.token));
        SioTestClient receiver(m_server->port());
        QVERIFY(receiver.connectWithToken(piet.token));

        for (int i = 0; i < 50; ++i)
            sender.emitEvent(contract::event::TypingStart, chatId);
        // An ack still answers (with the error) while over the limit.
        const auto acked = sender.emitWithAck(contract::event::TypingStart, chatId);
        QVERIFY(acked.has_value());
        QCOMPARE(acked->at(0).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("RATE_LIMIT"));
        QTest::qWait(200);
        QVERIFY(receiver.count(contract::event::UserTyping) >= 5);
        QVERIFY2(receiver.count(contract::event::UserTyping) <= 8,
                 qPrintable(QString::number(receiver.count(contract::event::UserTyping))));
        const QList<QJsonValue> errors = sender.eventsNamed(contract::event::Error);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().toObject().value(QStringLiteral("code")).toString(), QStringLiteral("RATE_LIMIT"));
        QVERIFY(metric(QStringLiteral("chat_rate_limited_events_total")) >= 40);
        QVERIFY(sender.isConnected());

        // The bucket fills again.
        QTest::qWait(600);
        const auto later = sender.emitWithAck(contract::event::TypingStop, chatId);
        QVERIFY(later.has_value());
        QCOMPARE(later->at(0).toObject(), (QJsonObject{{QStringLiteral("success"), true}}));
    }

    void refusedJoinsAreCountedNotLogged()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().metricsToken = MetricsToken;
        QVERIFY(m_server->start());
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        SioTestClient socket(m_server->port());
        QVERIFY(socket.connectWithToken(clara.token));
        s_authLog.clear();
        s_previousHandler
            = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
                  s_authLog.append(message);
                  if (s_previousHandler)
                      s_previousHandler(type, context, message);
              });
        for (int i = 0; i < 3; ++i) {
            const auto ack = socket.emitWithAck(contract::event::JoinChat, QStringLiteral("no-such-chat-%1").arg(i));
            QVERIFY(ack.has_value());
            QCOMPARE(ack->at(0).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("UNAUTHORIZED"));
        }
        qInstallMessageHandler(s_previousHandler);
        QVERIFY(socket.waitForEvents(contract::event::Error, 3));
        QCOMPARE(metric(QStringLiteral("chat_refused_joins_total")), 3);
        QVERIFY2(s_authLog.filter(QStringLiteral("no-such-chat")).isEmpty(),
                 qPrintable(s_authLog.join(QLatin1Char('\n'))));
        QVERIFY(s_authLog.filter(QStringLiteral("error to socket")).isEmpty());
    }

    void registrationIsRefusedWhenTheDiskIsNearlyFull()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().minFreeDiskBytes = std::numeric_limits<qint64>::max() / 2;
        QVERIFY(m_server->start());
        const HttpReply r = m_server->http().request("POST", QStringLiteral("/api/auth/register"),
                                                     registerBody(QStringLiteral("full@example.test")), {},
                                                     {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 507);
        QCOMPARE(r.errorCode(), QStringLiteral("DISK_LOW"));
        QVERIFY(!r.object().value(QStringLiteral("message")).toString().isEmpty());
    }

    void failedLoginIsLoggedWithAddressAndAccountTag()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        const TestUser bo = m_server->registerUser(contract::RoleClient);
        s_authLog.clear();
        s_previousHandler = qInstallMessageHandler(captureAuthLog);
        const HttpReply r = m_server->http().postJson(
            QStringLiteral("/api/auth/login"),
            QJsonObject{{QStringLiteral("email"), QStringLiteral("  ") + bo.email.toUpper()},
                        {QStringLiteral("password"), QStringLiteral("wrong-password")}});
        qInstallMessageHandler(s_previousHandler);
        QCOMPARE(r.status, 401);

        const QString tag = QString::fromLatin1(
            QCryptographicHash::hash(bo.email.toLower().toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
        const QStringList lines = s_authLog.filter(QStringLiteral("login failed"));
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first(), QStringLiteral("login failed from 127.0.0.1 account ") + tag);
        QVERIFY(!lines.first().contains(bo.email, Qt::CaseInsensitive));
    }
};

QTEST_MAIN(TestAuthAbuse)
#include "tst_authabuse.moc"
