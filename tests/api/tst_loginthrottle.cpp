// Login throttling and the client address (issue 14): failed logins per account (the
// normalised email, known or not; loopback included) and per client address, 429
// LOGIN_THROTTLED with Retry-After, a correct password refused while throttled, a success
// clearing the account; X-Forwarded-For believed only from a trusted proxy (right-most entry
// that is not itself trusted), malformed entries falling back to the peer. Real server on
// loopback.
#include "tests/support/testserver.h"

#include "common/contract/contract.h"

#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

const QString WrongPassword = QStringLiteral("wrong-password-0");

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;

    bool start(int perAccount, int perAddress, bool limitLoopback = false, const QStringList &proxies = {})
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().loginFailuresPerAccount = perAccount;
        m_server->config().loginFailuresPerAddress = perAddress;
        m_server->config().loginFailureWindow = std::chrono::seconds(600);
        m_server->config().rateLimitLoopback = limitLoopback;
        m_server->config().trustedProxies = proxies;
        return m_server->start();
    }

    HttpReply login(const QString &email, const QString &password, const QByteArray &forwardedFor = {})
    {
        HttpHeaders headers{{"Content-Type", "application/json"}};
        if (!forwardedFor.isNull())
            headers.append({"X-Forwarded-For", forwardedFor});
        const QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
        return m_server->http().request("POST", QStringLiteral("/api/auth/login"),
                                        QJsonDocument(body).toJson(QJsonDocument::Compact), {}, headers);
    }

    static bool isThrottled(const HttpReply &r)
    {
        if (r.status != 429 || r.errorCode() != contract::code::LoginThrottled)
            return false;
        const qint64 retryAfter = r.header("retry-after").toLongLong();
        return retryAfter >= 1 && retryAfter <= 600;
    }

private slots:
    void cleanup() { m_server.reset(); }

    void sixthAttemptOfAnAccountIsThrottled()
    {
        QVERIFY(start(5, 0));
        const TestUser ann = m_server->registerUser(contract::RoleClient);
        const TestUser bob = m_server->registerUser(contract::RoleClient);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(ann.email, WrongPassword).status, 401);
        const HttpReply sixth = login(ann.email, WrongPassword);
        QCOMPARE(sixth.status, 429);
        QCOMPARE(sixth.errorCode(), contract::code::LoginThrottled);
        // Seconds until the oldest failure leaves the 600 s window.
        const qint64 retryAfter = sixth.header("retry-after").toLongLong();
        QVERIFY2(retryAfter >= 590 && retryAfter <= 600, sixth.header("retry-after").constData());
        // The correct password is refused as well, in any spelling of the email.
        QVERIFY(isThrottled(login(ann.email, ann.password)));
        QVERIFY(isThrottled(login(QStringLiteral("  ") + ann.email.toUpper(), ann.password)));
        // Another account is not affected.
        QCOMPARE(login(bob.email, bob.password).status, 200);
    }

    void unknownEmailIsThrottledLikeAKnownOne()
    {
        QVERIFY(start(3, 0));
        const TestUser ann = m_server->registerUser(contract::RoleClient);
        const QString nobody = QStringLiteral("nobody@example.test");
        for (int i = 0; i < 3; ++i) {
            const HttpReply known = login(ann.email, WrongPassword);
            const HttpReply unknown = login(nobody, WrongPassword);
            QCOMPARE(known.status, 401);
            QCOMPARE(unknown.status, 401);
            QCOMPARE(unknown.body, known.body);
        }
        const HttpReply known = login(ann.email, WrongPassword);
        const HttpReply unknown = login(nobody, WrongPassword);
        QVERIFY(isThrottled(known));
        QVERIFY(isThrottled(unknown));
        QCOMPARE(unknown.body, known.body);
        QCOMPARE(unknown.header("retry-after").isEmpty(), false);
    }

    void successClearsTheAccountsFailures()
    {
        QVERIFY(start(3, 0));
        const TestUser ann = m_server->registerUser(contract::RoleClient);
        QCOMPARE(login(ann.email, WrongPassword).status, 401);
        QCOMPARE(login(ann.email, WrongPassword).status, 401);
        QCOMPARE(login(ann.email, ann.password).status, 200);
        // Three fresh failures are allowed again, the fourth attempt is not.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(login(ann.email, WrongPassword).status, 401);
        QVERIFY(isThrottled(login(ann.email, ann.password)));
    }

    void perAddressWithLoopbackLimited()
    {
        QVERIFY(start(100, 3, true));
        const TestUser ann = m_server->registerUser(contract::RoleClient);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(login(QStringLiteral("guess%1@example.test").arg(i), WrongPassword).status, 401);
        QVERIFY(isThrottled(login(QStringLiteral("guess9@example.test"), WrongPassword)));
        QVERIFY(isThrottled(login(ann.email, ann.password)));
    }

    void loopbackAddressIsNotLimitedByDefault()
    {
        QVERIFY(start(100, 2, false));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(QStringLiteral("guess%1@example.test").arg(i), WrongPassword).status, 401);
    }

    void forwardedForFromATrustedProxy()
    {
        QVERIFY(start(100, 2, false, {QStringLiteral("127.0.0.1"), QStringLiteral("10.0.0.0/8")}));
        const auto guess = [this](int i, const QByteArray &xff) {
            return login(QStringLiteral("guess%1@example.test").arg(i), WrongPassword, xff);
        };
        QCOMPARE(guess(1, "203.0.113.5").status, 401);
        // A spoofed entry on the left is not the client; a trusted hop on the right is skipped.
        QCOMPARE(guess(2, "198.51.100.1, 203.0.113.5, 10.1.2.3").status, 401);
        QVERIFY(isThrottled(guess(3, "203.0.113.5")));
        QVERIFY(isThrottled(guess(4, "192.0.2.77, 203.0.113.5")));
        // Another client behind the proxy has its own budget (two headers form one list).
        QCOMPARE(guess(5, "203.0.113.6").status, 401);
        HttpHeaders twoHeaders{{"Content-Type", "application/json"},
                               {"X-Forwarded-For", "203.0.113.5"},
                               {"X-Forwarded-For", "203.0.113.6"}};
        const QJsonObject body{{QStringLiteral("email"), QStringLiteral("g6@example.test")},
                               {QStringLiteral("password"), WrongPassword}};
        QCOMPARE(m_server->http()
                     .request("POST", QStringLiteral("/api/auth/login"), QJsonDocument(body).toJson(), {}, twoHeaders)
                     .status,
                 401);
        QVERIFY(isThrottled(guess(7, "203.0.113.6")));
        // An IPv6 client with a port, as some proxies write it.
        QCOMPARE(guess(8, "[2001:db8::1]:4711").status, 401);
        QCOMPARE(guess(9, "2001:db8::1").status, 401);
        QVERIFY(isThrottled(guess(10, "2001:db8::1")));
        // Without the header the peer (loopback, not limited here) is the client.
        QCOMPARE(guess(11, QByteArray()).status, 401);
        QCOMPARE(guess(12, QByteArray()).status, 401);
        QCOMPARE(guess(13, QByteArray()).status, 401);
    }

    void forwardedForFromAnUntrustedPeerIsIgnored()
    {
        QVERIFY(start(100, 2, true));
        QCOMPARE(login(QStringLiteral("a@example.test"), WrongPassword, "203.0.113.1").status, 401);
        QCOMPARE(login(QStringLiteral("b@example.test"), WrongPassword, "203.0.113.2").status, 401);
        // Every request came from 127.0.0.1, whatever the header says.
        QVERIFY(isThrottled(login(QStringLiteral("c@example.test"), WrongPassword, "203.0.113.3")));
    }

    void malformedForwardedForFallsBackToThePeer_data()
    {
        QTest::addColumn<QByteArray>("forwardedFor");
        QTest::newRow("word") << QByteArray("unknown");
        QTest::newRow("empty entry") << QByteArray("203.0.113.5, ");
        QTest::newRow("host name") << QByteArray("proxy.example.com");
        QTest::newRow("cidr") << QByteArray("203.0.113.0/24");
        QTest::newRow("open bracket") << QByteArray("[2001:db8::1");
        QTest::newRow("zone id") << QByteArray("fe80::1%eth0");
        QTest::newRow("too long") << QByteArray(200, '1');
        QTest::newRow("only trusted hops") << QByteArray("127.0.0.1, 127.0.0.1");
        QTest::newRow("long trusted chain") << (QByteArray("203.0.113.9") + QByteArray(", 127.0.0.1").repeated(40));
    }

    void malformedForwardedForFallsBackToThePeer()
    {
        QFETCH(QByteArray, forwardedFor);
        QVERIFY(start(100, 2, true, {QStringLiteral("127.0.0.1")}));
        // Both malformed requests count against the peer, 127.0.0.1.
        QCOMPARE(login(QStringLiteral("a@example.test"), WrongPassword, forwardedFor).status, 401);
        QCOMPARE(login(QStringLiteral("b@example.test"), WrongPassword).status, 401);
        QVERIFY(isThrottled(login(QStringLiteral("c@example.test"), WrongPassword, forwardedFor)));
        // A well-formed client address still has its own budget.
        QCOMPARE(login(QStringLiteral("d@example.test"), WrongPassword, "203.0.113.9").status, 401);
    }

    void registrationLimitUsesTheClientAddress()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().registrationsPerHour = 1;
        m_server->config().trustedProxies = {QStringLiteral("127.0.0.1")};
        QVERIFY(m_server->start());
        const auto registerFrom = [this](const QByteArray &xff, int i) {
            const QJsonObject body{{QStringLiteral("fullName"), QStringLiteral("Proxy User")},
                                   {QStringLiteral("email"), QStringLiteral("proxied%1@example.test").arg(i)},
                                   {QStringLiteral("password"), QStringLiteral("password-1234")},
                                   {QStringLiteral("role"), contract::RoleClient}};
            return m_server->http().request("POST", QStringLiteral("/api/auth/register"),
                                            QJsonDocument(body).toJson(QJsonDocument::Compact), {},
                                            {{"Content-Type", "application/json"}, {"X-Forwarded-For", xff}});
        };
        QCOMPARE(registerFrom("203.0.113.5", 1).status, 201);
        const HttpReply second = registerFrom("203.0.113.5", 2);
        QCOMPARE(second.status, 429);
        QCOMPARE(second.errorCode(), contract::code::RateLimit);
        QCOMPARE(registerFrom("203.0.113.6", 3).status, 201);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
