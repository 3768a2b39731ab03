// Accounts against hostile or careless use (issue 16): token refresh, logout (revocation of
// one token), password change (every older token stops working, open sockets close), token
// versions with the contract's tokens that carry none, and deleting a user (admins only;
// HTTP 401 and CONNECT refused for its tokens at once, its sockets closed, its messages kept
// under "Deleted account").
#include "tests/support/siotestclient.h"
#include "tests/support/testserver.h"

#include "common/contract/contract.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

class TestAccounts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;

    HttpTestClient &http() { return m_server->http(); }

    int meStatus(const QString &token) { return http().get(QStringLiteral("/api/users/me"), token).status; }

    bool socketConnects(const QString &token)
    {
        SioTestClient client(m_server->port());
        return client.connectWithToken(token);
    }

    HttpReply changePassword(const TestUser &user, const QString &current, const QString &next)
    {
        const QJsonObject body{{QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), next}};
        return http().request("PUT", QStringLiteral("/api/users/me/password"),
                              QJsonDocument(body).toJson(QJsonDocument::Compact), user.token,
                              {{"Content-Type", "application/json"}});
    }

private slots:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }

    void cleanup() { m_server.reset(); }

    void refreshGivesAFreshTokenOfTheSameUser()
    {
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        const HttpReply r = http().request("POST", QStringLiteral("/api/auth/refresh"), {}, clara.token);
        QCOMPARE(r.status, 200);
        const QString token = r.object().value(QStringLiteral("token")).toString();
        QVERIFY(!token.isEmpty());
        QVERIFY(token != clara.token);
        QCOMPARE(r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString(), clara.id);
        QCOMPARE(meStatus(token), 200);
        QCOMPARE(meStatus(clara.token), 200); // the old one stays valid until it expires

        const HttpReply none = http().request("POST", QStringLiteral("/api/auth/refresh"));
        QCOMPARE(none.status, 401);
        QCOMPARE(none.errorCode(), QStringLiteral("UNAUTHORIZED"));
    }

    void logoutRevokesOnlyThatToken()
    {
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        const QString second = http()
                                   .postJson(QStringLiteral("/api/auth/login"),
                                             QJsonObject{{QStringLiteral("email"), clara.email},
                                                         {QStringLiteral("password"), clara.password}})
                                   .object()
                                   .value(QStringLiteral("token"))
                                   .toString();
        QVERIFY(!second.isEmpty());
        SioTestClient firstSocket(m_server->port());
        QVERIFY(firstSocket.connectWithToken(clara.token));
        SioTestClient secondSocket(m_server->port());
        QVERIFY(secondSocket.connectWithToken(second));

        const HttpReply out = http().request("POST", QStringLiteral("/api/auth/logout"), {}, clara.token);
        QCOMPARE(out.status, 204);
        // The socket of the logged-out token is disconnected at once, the other one stays.
        QVERIFY(firstSocket.waitForClosed(5000));
        QTest::qWait(100);
        QVERIFY(secondSocket.isConnected() && !secondSocket.isClosed());
        QCOMPARE(meStatus(clara.token), 401);
        QVERIFY(!socketConnects(clara.token));
        QCOMPARE(http().request("POST", QStringLiteral("/api/auth/refresh"), {}, clara.token).status, 401);
        QCOMPARE(http().request("POST", QStringLiteral("/api/auth/logout"), {}, clara.token).status, 401);
        // The other session of the same user goes on.
        QCOMPARE(meStatus(second), 200);
        QVERIFY(socketConnects(second));
    }

    // A token without tv and jti (as the contract's jsonwebtoken makes them) works while the
    // user's version is 0, stops after a password change, and its logout revokes it by iat.
    void tokensWithoutVersionAreVersionZero()
    {
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QString plain = TestServer::mintToken(clara.id, clara.role, now, now + 600);
        QCOMPARE(meStatus(plain), 200);
        QVERIFY(socketConnects(plain));
        QCOMPARE(http().request("POST", QStringLiteral("/api/auth/logout"), {}, plain).status, 204);
        QCOMPARE(meStatus(plain), 401);
        QCOMPARE(meStatus(clara.token), 200); // issued with its own jti

        const QString plain2 = TestServer::mintToken(clara.id, clara.role, now - 5, now + 600);
        QCOMPARE(meStatus(plain2), 200);
        QCOMPARE(changePassword(clara, clara.password, QStringLiteral("a-new-password")).status, 200);
        QCOMPARE(meStatus(plain2), 401);
    }

    void passwordChangeRevokesOlderTokensAndClosesSockets()
    {
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        SioTestClient socket(m_server->port());
        QVERIFY(socket.connectWithToken(clara.token));

        const HttpReply r = changePassword(clara, clara.password, QStringLiteral("brand-new-secret"));
        QCOMPARE(r.status, 200);
        const QString fresh = r.object().value(QStringLiteral("token")).toString();
        QCOMPARE(r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString(), clara.id);
        QVERIFY(socket.waitForClosed(5000));
        QCOMPARE(meStatus(clara.token), 401);
        QVERIFY(!socketConnects(clara.token));
        QCOMPARE(meStatus(fresh), 200);
        QVERIFY(socketConnects(fresh));

        // The new password logs in, the old one does not.
        const auto login = [this, &clara](const QString &password) {
            return http()
                .postJson(QStringLiteral("/api/auth/login"),
                          QJsonObject{{QStringLiteral("email"), clara.email}, {QStringLiteral("password"), password}})
                .status;
        };
        QCOMPARE(login(QStringLiteral("brand-new-secret")), 200);
        QCOMPARE(login(clara.password), 401);
    }

    void passwordChangeRefusals()
    {
        TestUser clara = m_server->registerUser(contract::RoleClient);
        const HttpReply wrong
            = changePassword(clara, QStringLiteral("not-the-password"), QStringLiteral("whatever-new"));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.errorCode(), QStringLiteral("UNAUTHORIZED"));
        QCOMPARE(wrong.object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("Invalid email or password"));
        const HttpReply tooShort = changePassword(clara, clara.password, QStringLiteral("short"));
        QCOMPARE(tooShort.status, 400);
        QCOMPARE(tooShort.errorCode(), QStringLiteral("INVALID_INPUT"));
        const HttpReply missing = http().request("PUT", QStringLiteral("/api/users/me/password"), "{}", clara.token,
                                                 {{"Content-Type", "application/json"}});
        QCOMPARE(missing.status, 400);
        clara.token.clear();
        QCOMPARE(changePassword(clara, QStringLiteral("x"), QStringLiteral("yyyyyyyyyy")).status, 401);
    }

    void deleteUserEndsItsTokensAndSocketsAndKeepsItsMessages()
    {
        const TestUser admin = m_server->createAdmin();
        const TestUser clara = m_server->registerUser(contract::RoleClient, QStringLiteral("Clara Client"));
        const TestUser piet = m_server->registerUser(contract::RoleCraftsman, QStringLiteral("Piet Plumber"));
        const QJsonObject chat = m_server->createChat(
            clara, piet, QJsonObject{{QStringLiteral("initialMessage"), QStringLiteral("Hello")}});
        const QString chatId = chat.value(QStringLiteral("_id")).toString();
        QVERIFY(!chatId.isEmpty());

        SioTestClient claraSocket(m_server->port());
        QVERIFY(claraSocket.connectWithToken(clara.token));
        SioTestClient pietSocket(m_server->port());
        QVERIFY(pietSocket.connectWithToken(piet.token));

        const HttpReply r = http().request("DELETE", QStringLiteral("/api/users/") + clara.id, {}, admin.token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("fullName")).toString(), QStringLiteral("Deleted account"));
        QVERIFY(!r.object().contains(QStringLiteral("email")));

        QVERIFY(claraSocket.waitForClosed(5000));
        QVERIFY(pietSocket.isConnected() && !pietSocket.isClosed());
        QCOMPARE(meStatus(clara.token), 401);
        QVERIFY(!socketConnects(clara.token));
        const HttpReply login = http().postJson(
            QStringLiteral("/api/auth/login"),
            QJsonObject{{QStringLiteral("email"), clara.email}, {QStringLiteral("password"), clara.password}});
        QCOMPARE(login.status, 401);

        // Her message stays, attributed to the deleted account.
        const HttpReply history = http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(chatId), piet.token);
        QCOMPARE(history.status, 200);
        QCOMPARE(history.array().size(), 1);
        const QJsonObject sender = history.array().at(0).toObject().value(QStringLiteral("senderId")).toObject();
        QCOMPARE(sender.value(QStringLiteral("_id")).toString(), clara.id);
        QCOMPARE(sender.value(QStringLiteral("fullName")).toString(), QStringLiteral("Deleted account"));
        // Not listed among users any more.
        const HttpReply users = http().get(QStringLiteral("/api/users?role=client"), piet.token);
        for (const QJsonValue &u : users.array())
            QVERIFY(u.toObject().value(QStringLiteral("_id")).toString() != clara.id);
        // The address may register again, as a new account.
        const HttpReply again = http().postJson(QStringLiteral("/api/auth/register"),
                                                QJsonObject{{QStringLiteral("fullName"), QStringLiteral("Clara Again")},
                                                            {QStringLiteral("email"), clara.email},
                                                            {QStringLiteral("password"), clara.password},
                                                            {QStringLiteral("role"), contract::RoleClient}});
        QCOMPARE(again.status, 201);
        QVERIFY(again.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString()
                != clara.id);

        // Twice: 404.
        QCOMPARE(http().request("DELETE", QStringLiteral("/api/users/") + clara.id, {}, admin.token).status, 404);
    }

    void deleteUserRefusals()
    {
        const TestUser admin = m_server->createAdmin();
        const TestUser clara = m_server->registerUser(contract::RoleClient);
        const TestUser piet = m_server->registerUser(contract::RoleCraftsman);
        const auto del = [this](const QString &id, const QString &token) {
            return http().request("DELETE", QStringLiteral("/api/users/") + id, {}, token);
        };
        QCOMPARE(del(piet.id, QString()).status, 401);
        const HttpReply notAdmin = del(piet.id, clara.token);
        QCOMPARE(notAdmin.status, 403);
        QCOMPARE(notAdmin.errorCode(), QStringLiteral("FORBIDDEN"));
        const HttpReply unknown = del(QStringLiteral("no-such-user"), admin.token);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorCode(), QStringLiteral("NOT_FOUND"));
        const HttpReply self = del(admin.id, admin.token);
        QCOMPARE(self.status, 400);
        QCOMPARE(self.errorCode(), QStringLiteral("INVALID_INPUT"));
        QCOMPARE(meStatus(admin.token), 200);
        QCOMPARE(meStatus(piet.token), 200);
    }
};

QTEST_MAIN(TestAccounts)
#include "tst_accounts.moc"
