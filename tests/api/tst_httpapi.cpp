// Integration tests of the HTTP API (docs/API.md, section 2) against a real server: every
// endpoint, its answers and its bad inputs (data-driven), uploads by content and size,
// admin-only views, /metrics access and values, CORS.
#include "tests/support/siotestclient.h"
#include "tests/support/testimages.h"
#include "tests/support/testserver.h"

#include "common/contract/contract.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

const QString MetricsToken = QStringLiteral("metrics-token-for-tests");
const QString AllowedOrigin = QStringLiteral("https://app.example.test");

QByteArray pngBytes()
{
    return encodedTestImage("png");
}

} // namespace

class TestHttpApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_client;
    TestUser m_otherClient;
    TestUser m_craftsman;
    TestUser m_admin;

    HttpTestClient &http() { return m_server->http(); }

    HttpReply postRaw(const QString &path, const QByteArray &body, const QString &token = {})
    {
        return http().request("POST", path, body, token, {{"Content-Type", "application/json"}});
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().metricsToken = MetricsToken;
        m_server->config().corsOrigins = QStringList{AllowedOrigin};
        QVERIFY(m_server->start());
        m_client = m_server->registerUser(contract::RoleClient, QStringLiteral("Clara Client"));
        m_otherClient = m_server->registerUser(contract::RoleClient, QStringLiteral("Otto Other"));
        m_craftsman = m_server->registerUser(contract::RoleCraftsman, QStringLiteral("Piet Plumber"));
        m_admin = m_server->createAdmin();
        QVERIFY(!m_client.id.isEmpty());
        QVERIFY(!m_craftsman.id.isEmpty());
        QVERIFY(!m_admin.token.isEmpty());
    }

    void cleanupTestCase() { m_server.reset(); }

    void health()
    {
        const HttpReply r = http().get(QStringLiteral("/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
        QVERIFY(r.header("content-type").startsWith("application/json"));
    }

    void unknownPathAndMethod()
    {
        const HttpReply missing = http().get(QStringLiteral("/api/nothing-here"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), QStringLiteral("NOT_FOUND"));
        QVERIFY(!missing.object().value(QStringLiteral("message")).toString().isEmpty());
        const HttpReply wrongMethod = http().request("DELETE", QStringLiteral("/api/users/me"), {}, m_client.token);
        QCOMPARE(wrongMethod.status, 405);
    }

    void registerAnswersTokenAndUser()
    {
        const HttpReply r = http().postJson(QStringLiteral("/api/auth/register"),
                                            {{QStringLiteral("fullName"), QStringLiteral("  Rita Register ")},
                                             {QStringLiteral("email"), QStringLiteral(" Rita@Example.TEST ")},
                                             {QStringLiteral("password"), QStringLiteral("12345678")},
                                             {QStringLiteral("role"), QStringLiteral("craftsman")}});
        QCOMPARE(r.status, 201);
        const QJsonObject user = r.object().value(QStringLiteral("user")).toObject();
        QVERIFY(!user.value(QStringLiteral("_id")).toString().isEmpty());
        QCOMPARE(user.value(QStringLiteral("fullName")).toString(), QStringLiteral("Rita Register"));
        QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("rita@example.test"));
        QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("craftsman"));
        QCOMPARE(user.keys().size(), 4);
        QVERIFY(!r.body.contains("password"));
        QVERIFY(!r.body.contains("argon2"));
        QCOMPARE(r.object().value(QStringLiteral("token")).toString().count(QLatin1Char('.')), 2);

        const HttpReply taken = http().postJson(QStringLiteral("/api/auth/register"),
                                                {{QStringLiteral("fullName"), QStringLiteral("Copy")},
                                                 {QStringLiteral("email"), QStringLiteral("RITA@example.test")},
                                                 {QStringLiteral("password"), QStringLiteral("abcdefgh")},
                                                 {QStringLiteral("role"), QStringLiteral("client")}});
        QCOMPARE(taken.status, 409);
        QCOMPARE(taken.errorCode(), QStringLiteral("EMAIL_TAKEN"));
    }

    void registerRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QJsonObject good{{QStringLiteral("fullName"), QStringLiteral("Nina")},
                               {QStringLiteral("email"), QStringLiteral("nina@example.test")},
                               {QStringLiteral("password"), QStringLiteral("long enough")},
                               {QStringLiteral("role"), QStringLiteral("client")}};
        auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject o = good;
            if (value.isUndefined())
                o.remove(key);
            else
                o.insert(key, value);
            return QJsonDocument(o).toJson(QJsonDocument::Compact);
        };
        QTest::newRow("malformed JSON") << QByteArray("{\"fullName\": ") << 400;
        QTest::newRow("empty body") << QByteArray() << 400;
        QTest::newRow("array body") << QByteArray("[1,2]") << 400;
        QTest::newRow("string body") << QByteArray("\"hi\"") << 400;
        QTest::newRow("missing fullName") << with(QStringLiteral("fullName"), QJsonValue::Undefined) << 400;
        QTest::newRow("numeric fullName") << with(QStringLiteral("fullName"), 7) << 400;
        QTest::newRow("blank fullName") << with(QStringLiteral("fullName"), QStringLiteral("   ")) << 400;
        QTest::newRow("missing email") << with(QStringLiteral("email"), QJsonValue::Undefined) << 400;
        QTest::newRow("not an email") << with(QStringLiteral("email"), QStringLiteral("nina-at-example")) << 400;
        QTest::newRow("email object") << with(QStringLiteral("email"), QJsonObject{}) << 400;
        QTest::newRow("password 7 units") << with(QStringLiteral("password"), QStringLiteral("1234567")) << 400;
        QTest::newRow("password number") << with(QStringLiteral("password"), 12345678) << 400;
        QTest::newRow("role admin") << with(QStringLiteral("role"), QStringLiteral("admin")) << 400;
        QTest::newRow("role unknown") << with(QStringLiteral("role"), QStringLiteral("boss")) << 400;
        QTest::newRow("role missing") << with(QStringLiteral("role"), QJsonValue::Undefined) << 400;
        QTest::newRow("role null") << with(QStringLiteral("role"), QJsonValue::Null) << 400;
        QTest::newRow("oversized body") << with(QStringLiteral("fullName"), QString(70 * 1024, QLatin1Char('n')))
                                        << 413;
    }

    void registerRefusesBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HttpReply r = postRaw(QStringLiteral("/api/auth/register"), body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), status == 413 ? QStringLiteral("PAYLOAD_TOO_LARGE") : QStringLiteral("INVALID_INPUT"));
        QVERIFY(!r.object().value(QStringLiteral("message")).toString().isEmpty());
    }

    void login_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QJsonValue>("password");
        QTest::addColumn<int>("status");
        QTest::newRow("right") << "OWN" << QJsonValue(QStringLiteral("OWN")) << 200;
        QTest::newRow("email in upper case") << "UPPER" << QJsonValue(QStringLiteral("OWN")) << 200;
        QTest::newRow("wrong password") << "OWN" << QJsonValue(QStringLiteral("wrong password")) << 401;
        QTest::newRow("unknown email") << "nobody@example.test" << QJsonValue(QStringLiteral("whatever1")) << 401;
        QTest::newRow("password missing") << "OWN" << QJsonValue(QJsonValue::Undefined) << 400;
        QTest::newRow("password number") << "OWN" << QJsonValue(5) << 400;
    }

    void login()
    {
        QFETCH(QString, email);
        QFETCH(QJsonValue, password);
        QFETCH(int, status);
        if (email == QLatin1String("OWN"))
            email = m_client.email;
        else if (email == QLatin1String("UPPER"))
            email = m_client.email.toUpper();
        QJsonObject body{{QStringLiteral("email"), email}};
        if (password.toString() == QLatin1String("OWN"))
            password = m_client.password;
        if (!password.isUndefined())
            body.insert(QStringLiteral("password"), password);
        const HttpReply r = http().postJson(QStringLiteral("/api/auth/login"), body);
        QCOMPARE(r.status, status);
        if (status == 200) {
            QCOMPARE(r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString(),
                     m_client.id);
            const QString token = r.object().value(QStringLiteral("token")).toString();
            QCOMPARE(http().get(QStringLiteral("/api/users/me"), token).status, 200);
        } else if (status == 401) {
            // Unknown email and wrong password answer the same.
            QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("message"), QStringLiteral("Invalid email or password")},
                                              {QStringLiteral("code"), QStringLiteral("UNAUTHORIZED")}}));
        } else {
            QCOMPARE(r.errorCode(), QStringLiteral("INVALID_INPUT"));
        }
    }

    void me()
    {
        const HttpReply r = http().get(QStringLiteral("/api/users/me"), m_client.token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("_id"), m_client.id},
                                          {QStringLiteral("fullName"), QStringLiteral("Clara Client")},
                                          {QStringLiteral("email"), m_client.email},
                                          {QStringLiteral("role"), QStringLiteral("client")}}));
    }

    void bearerAuthFailures_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QTest::newRow("no header") << QByteArray();
        QTest::newRow("empty bearer") << QByteArray("Bearer ");
        QTest::newRow("basic scheme") << QByteArray("Basic dXNlcjpwYXNz");
        QTest::newRow("garbage") << QByteArray("Bearer garbage");
        QTest::newRow("expired")
            << ("Bearer "
                + TestServer::mintToken(QStringLiteral("x"), QStringLiteral("client"), now - 100, now - 10).toUtf8());
        QTest::newRow("forged") << ("Bearer "
                                    + TestServer::mintToken(QStringLiteral("x"), QStringLiteral("client"), now,
                                                            now + 100, QStringLiteral("wrong-secret"))
                                          .toUtf8());
        QTest::newRow("unknown user")
            << ("Bearer "
                + TestServer::mintToken(QStringLiteral("ghost"), QStringLiteral("client"), now, now + 100).toUtf8());
    }

    void bearerAuthFailures()
    {
        QFETCH(QByteArray, authorization);
        HttpTestClient::Headers headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        for (const QString &path :
             {QStringLiteral("/api/users/me"), QStringLiteral("/api/users"), QStringLiteral("/api/messages/chats")}) {
            const HttpReply r = http().request("GET", path, {}, {}, headers);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("UNAUTHORIZED"));
        }
        const HttpReply post = http().request("POST", QStringLiteral("/api/jobs"), "{\"title\":\"x\"}", {}, headers);
        QCOMPARE(post.status, 401);
    }

    void listUsers()
    {
        const HttpReply craftsmen = http().get(QStringLiteral("/api/users?role=craftsman"), m_client.token);
        QCOMPARE(craftsmen.status, 200);
        QVERIFY(!craftsmen.array().isEmpty());
        bool found = false;
        for (const QJsonValue &v : craftsmen.array()) {
            const QJsonObject p = v.toObject();
            QCOMPARE(p.value(QStringLiteral("role")).toString(), QStringLiteral("craftsman"));
            QVERIFY(!p.contains(QStringLiteral("email")));
            found = found || p.value(QStringLiteral("_id")).toString() == m_craftsman.id;
        }
        QVERIFY(found);

        const HttpReply byName = http().get(QStringLiteral("/api/users?role=craftsman&q=plumb"), m_client.token);
        QCOMPARE(byName.status, 200);
        QCOMPARE(byName.array().size(), 1);
        QCOMPARE(byName.array().at(0).toObject(),
                 (QJsonObject{{QStringLiteral("_id"), m_craftsman.id},
                              {QStringLiteral("fullName"), QStringLiteral("Piet Plumber")},
                              {QStringLiteral("role"), QStringLiteral("craftsman")}}));
        // Form encoding in the query: '+' is a space, "%2B" a plus.
        const HttpReply plus = http().get(QStringLiteral("/api/users?role=craftsman&q=piet+plumber"), m_client.token);
        QCOMPARE(plus.status, 200);
        QCOMPARE(plus.array().size(), 1);
        const HttpReply encodedPlus
            = http().get(QStringLiteral("/api/users?role=craftsman&q=piet%2Bplumber"), m_client.token);
        QCOMPARE(encodedPlus.status, 200);
        QCOMPARE(encodedPlus.array().size(), 0);
        // q matches names, not emails.
        const HttpReply byEmail = http().get(QStringLiteral("/api/users?q=example.test"), m_client.token);
        QCOMPARE(byEmail.array().size(), 0);

        const HttpReply badRole = http().get(QStringLiteral("/api/users?role=boss"), m_client.token);
        QCOMPARE(badRole.status, 400);
        QCOMPARE(badRole.errorCode(), QStringLiteral("INVALID_INPUT"));
    }

    void createJob_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("client") << "client" << QByteArray(R"({"title":"  Fix the sink "})") << 201;
        QTest::newRow("craftsman") << "craftsman" << QByteArray(R"({"title":"x"})") << 403;
        QTest::newRow("admin") << "admin" << QByteArray(R"({"title":"x"})") << 403;
        QTest::newRow("missing title") << "client" << QByteArray("{}") << 400;
        QTest::newRow("numeric title") << "client" << QByteArray(R"({"title":3})") << 400;
        QTest::newRow("blank title") << "client" << QByteArray(R"({"title":"   "})") << 400;
        QTest::newRow("malformed") << "client" << QByteArray(R"({"title":)") << 400;
        QTest::newRow("too long") << "client" << ("{\"title\":\"" + QByteArray(201, 't') + "\"}") << 400;
    }

    void createJob()
    {
        QFETCH(QString, who);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const TestUser &user = who == QLatin1String("client")  ? m_client
                               : who == QLatin1String("admin") ? m_admin
                                                               : m_craftsman;
        const HttpReply r = postRaw(QStringLiteral("/api/jobs"), body, user.token);
        QCOMPARE(r.status, status);
        if (status == 201) {
            QVERIFY(!r.object().value(QStringLiteral("_id")).toString().isEmpty());
            QCOMPARE(r.object().value(QStringLiteral("title")).toString(), QStringLiteral("Fix the sink"));
            QCOMPARE(r.object().value(QStringLiteral("clientId")).toString(), m_client.id);
        } else {
            QCOMPARE(r.errorCode(), status == 403 ? QStringLiteral("FORBIDDEN") : QStringLiteral("INVALID_INPUT"));
        }
    }

    void createChat()
    {
        const TestUser craftsman = m_server->registerUser(contract::RoleCraftsman, QStringLiteral("Tom Tiler"));
        const HttpReply job = postRaw(QStringLiteral("/api/jobs"), R"({"title":"Tiles"})", m_client.token);
        const QString jobId = job.object().value(QStringLiteral("_id")).toString();
        const HttpReply r = http().postJson(QStringLiteral("/api/messages/chats"),
                                            {{QStringLiteral("craftsmanId"), craftsman.id},
                                             {QStringLiteral("jobId"), jobId},
                                             {QStringLiteral("initialMessage"), QStringLiteral("When can you come?")}},
                                            m_client.token);
        QCOMPARE(r.status, 201);
        const QJsonObject chat = r.object();
        const QString chatId = chat.value(QStringLiteral("_id")).toString();
        QVERIFY(!chatId.isEmpty());
        QCOMPARE(chat.value(QStringLiteral("jobId")).toObject(),
                 (QJsonObject{{QStringLiteral("_id"), jobId}, {QStringLiteral("title"), QStringLiteral("Tiles")}}));
        QCOMPARE(chat.value(QStringLiteral("isActive")).toBool(), true);
        QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(), QStringLiteral("When can you come?"));
        QCOMPARE(chat.value(QStringLiteral("lastMessageSenderId")).toString(), m_client.id);
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(craftsman.id).toInt(), 1);
        QStringList participantIds;
        for (const QJsonValue &p : chat.value(QStringLiteral("participants")).toArray()) {
            participantIds.append(p.toObject().value(QStringLiteral("_id")).toString());
            QVERIFY(!p.toObject().contains(QStringLiteral("email")));
        }
        participantIds.sort();
        QStringList expected{m_client.id, craftsman.id};
        expected.sort();
        QCOMPARE(participantIds, expected);

        // A retried POST returns the existing chat (200) and ignores the initial message.
        const HttpReply again = http().postJson(QStringLiteral("/api/messages/chats"),
                                                {{QStringLiteral("craftsmanId"), craftsman.id},
                                                 {QStringLiteral("jobId"), jobId},
                                                 {QStringLiteral("initialMessage"), QStringLiteral("again?")}},
                                                m_client.token);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.object().value(QStringLiteral("_id")).toString(), chatId);
        QCOMPARE(again.object().value(QStringLiteral("lastMessage")).toString(), QStringLiteral("When can you come?"));

        // Without a job it is another chat; an empty initial message means none.
        const HttpReply noJob = http().postJson(
            QStringLiteral("/api/messages/chats"),
            {{QStringLiteral("craftsmanId"), craftsman.id}, {QStringLiteral("initialMessage"), QString()}},
            m_client.token);
        QCOMPARE(noJob.status, 201);
        QVERIFY(noJob.object().value(QStringLiteral("_id")).toString() != chatId);
        QVERIFY(!noJob.object().contains(QStringLiteral("lastMessage")));
    }

    void createChatRefused_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("craftsman starts")
            << "craftsman" << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")}} << 403
            << "FORBIDDEN";
        QTest::newRow("missing craftsmanId") << "client" << QJsonObject{} << 400 << "INVALID_INPUT";
        QTest::newRow("numeric craftsmanId")
            << "client" << QJsonObject{{QStringLiteral("craftsmanId"), 4}} << 400 << "INVALID_INPUT";
        QTest::newRow("empty craftsmanId")
            << "client" << QJsonObject{{QStringLiteral("craftsmanId"), QString()}} << 400 << "INVALID_INPUT";
        QTest::newRow("unknown craftsman")
            << "client" << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("nobody")}} << 404 << "NOT_FOUND";
        QTest::newRow("craftsmanId of a client")
            << "client" << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("OTHERCLIENT")}} << 404
            << "NOT_FOUND";
        QTest::newRow("numeric jobId") << "client"
                                       << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")},
                                                      {QStringLiteral("jobId"), 9}}
                                       << 400 << "INVALID_INPUT";
        QTest::newRow("unknown job") << "client"
                                     << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")},
                                                    {QStringLiteral("jobId"), QStringLiteral("no-job")}}
                                     << 404 << "NOT_FOUND";
        QTest::newRow("another client's job")
            << "client"
            << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")},
                           {QStringLiteral("jobId"), QStringLiteral("OTHERJOB")}}
            << 403 << "FORBIDDEN";
        QTest::newRow("blank initialMessage")
            << "client"
            << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")},
                           {QStringLiteral("initialMessage"), QStringLiteral(" \n ")}}
            << 400 << "INVALID_INPUT";
        QTest::newRow("4001-unit initialMessage")
            << "client"
            << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")},
                           {QStringLiteral("initialMessage"), QString(4001, QLatin1Char('x'))}}
            << 400 << "INVALID_INPUT";
        QTest::newRow("numeric initialMessage")
            << "client"
            << QJsonObject{{QStringLiteral("craftsmanId"), QStringLiteral("CRAFTSMAN")},
                           {QStringLiteral("initialMessage"), 1}}
            << 400 << "INVALID_INPUT";
    }

    void createChatRefused()
    {
        QFETCH(QString, who);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const HttpReply otherJob = postRaw(QStringLiteral("/api/jobs"), R"({"title":"Theirs"})", m_otherClient.token);
        for (const QString &key : body.keys()) {
            const QString v = body.value(key).toString();
            if (v == QLatin1String("CRAFTSMAN"))
                body.insert(key, m_craftsman.id);
            else if (v == QLatin1String("OTHERCLIENT"))
                body.insert(key, m_otherClient.id);
            else if (v == QLatin1String("OTHERJOB"))
                body.insert(key, otherJob.object().value(QStringLiteral("_id")).toString());
        }
        const TestUser &user = who == QLatin1String("client") ? m_client : m_craftsman;
        const HttpReply chatsBefore = http().get(QStringLiteral("/api/messages/chats"), m_client.token);
        const HttpReply r = http().postJson(QStringLiteral("/api/messages/chats"), body, user.token);
        QCOMPARE(r.status, status);
        QCOMPARE(r.errorCode(), code);
        QCOMPARE(http().get(QStringLiteral("/api/messages/chats"), m_client.token).array().size(),
                 chatsBefore.array().size());
    }

    void createChatOverRateLimit()
    {
        const TestUser client = m_server->registerUser(contract::RoleClient);
        const TestUser first = m_server->registerUser(contract::RoleCraftsman);
        const TestUser second = m_server->registerUser(contract::RoleCraftsman);
        const QString chatId = m_server->createChat(client, first).value(QStringLiteral("_id")).toString();
        SioTestClient socket(m_server->port());
        QVERIFY(socket.connectWithToken(client.token));
        for (int i = 0; i < 30; ++i) {
            const auto ack = socket.emitWithAck(contract::event::SendMessage,
                                                QJsonObject{{QStringLiteral("chatId"), chatId},
                                                            {QStringLiteral("messageType"), QStringLiteral("text")},
                                                            {QStringLiteral("content"), QStringLiteral("n%1").arg(i)}});
            QVERIFY(ack.has_value());
        }
        int status = 0;
        m_server->createChat(client, second, {{QStringLiteral("initialMessage"), QStringLiteral("over")}}, &status);
        QCOMPARE(status, 429);
        QCOMPARE(http().get(QStringLiteral("/api/messages/chats"), client.token).array().size(), 1);
        // Without an initial message the chat is created.
        m_server->createChat(client, second, {}, &status);
        QCOMPARE(status, 201);
    }

    void listChatsNewestFirst()
    {
        const TestUser client = m_server->registerUser(contract::RoleClient);
        const TestUser a = m_server->registerUser(contract::RoleCraftsman);
        const TestUser b = m_server->registerUser(contract::RoleCraftsman);
        const QString chatA = m_server->createChat(client, a).value(QStringLiteral("_id")).toString();
        const QString chatB = m_server->createChat(client, b).value(QStringLiteral("_id")).toString();
        SioTestClient socket(m_server->port());
        QVERIFY(socket.connectWithToken(a.token));
        QVERIFY(socket
                    .emitWithAck(contract::event::SendMessage,
                                 QJsonObject{{QStringLiteral("chatId"), chatA},
                                             {QStringLiteral("messageType"), QStringLiteral("text")},
                                             {QStringLiteral("content"), QStringLiteral("latest")}})
                    .has_value());
        const HttpReply r = http().get(QStringLiteral("/api/messages/chats"), client.token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.array().size(), 2);
        QCOMPARE(r.array().at(0).toObject().value(QStringLiteral("_id")).toString(), chatA);
        QCOMPARE(r.array().at(1).toObject().value(QStringLiteral("_id")).toString(), chatB);
        QCOMPARE(http().get(QStringLiteral("/api/messages/chats"), b.token).array().size(), 1);
    }

    void history()
    {
        const TestUser client = m_server->registerUser(contract::RoleClient);
        const TestUser craftsman = m_server->registerUser(contract::RoleCraftsman);
        const QString chatId = m_server->createChat(client, craftsman).value(QStringLiteral("_id")).toString();
        SioTestClient socket(m_server->port());
        QVERIFY(socket.connectWithToken(craftsman.token));
        QStringList ids;
        for (int i = 1; i <= 5; ++i) {
            const auto ack = socket.emitWithAck(contract::event::SendMessage,
                                                QJsonObject{{QStringLiteral("chatId"), chatId},
                                                            {QStringLiteral("messageType"), QStringLiteral("text")},
                                                            {QStringLiteral("content"), QStringLiteral("m%1").arg(i)}});
            QVERIFY(ack.has_value());
            ids.append(ack->at(0).toObject().value(QStringLiteral("messageId")).toString());
        }
        const auto contents = [](const HttpReply &r) {
            QStringList out;
            for (const QJsonValue &m : r.array())
                out.append(m.toObject().value(QStringLiteral("content")).toString());
            return out;
        };
        const QString base = QStringLiteral("/api/messages/chats/%1/messages").arg(chatId);
        const HttpReply all = http().get(base, client.token);
        QCOMPARE(all.status, 200);
        QCOMPARE(contents(all), (QStringList{"m1", "m2", "m3", "m4", "m5"}));
        const QJsonObject first = all.array().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("senderId")).toObject().value(QStringLiteral("_id")).toString(),
                 craftsman.id);
        QCOMPARE(first.value(QStringLiteral("isRead")).toBool(true), false);

        QCOMPARE(contents(http().get(base + QStringLiteral("?limit=2"), client.token)), (QStringList{"m4", "m5"}));
        QCOMPARE(contents(http().get(base + QStringLiteral("?limit=2&before=") + ids.at(3), client.token)),
                 (QStringList{"m2", "m3"}));
        QCOMPARE(contents(http().get(base + QStringLiteral("?before=") + ids.at(0), client.token)), QStringList());
    }

    void historyRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("status");
        QTest::newRow("limit 0") << "?limit=0"
                                 << "client" << 400;
        QTest::newRow("limit 101") << "?limit=101"
                                   << "client" << 400;
        QTest::newRow("limit text") << "?limit=ten"
                                    << "client" << 400;
        QTest::newRow("limit fraction") << "?limit=1.5"
                                        << "client" << 400;
        QTest::newRow("limit negative") << "?limit=-3"
                                        << "client" << 400;
        QTest::newRow("before unknown") << "?before=no-such-message"
                                        << "client" << 400;
        QTest::newRow("before empty") << "?before="
                                      << "client" << 400;
        QTest::newRow("not a participant") << ""
                                           << "other" << 403;
        QTest::newRow("no such chat") << "NOCHAT"
                                      << "client" << 404;
        QTest::newRow("limit 100 is fine") << "?limit=100"
                                           << "client" << 200;
    }

    void historyRefused()
    {
        QFETCH(QString, query);
        QFETCH(QString, who);
        QFETCH(int, status);
        const QJsonObject chat = m_server->createChat(m_client, m_craftsman);
        QString path
            = QStringLiteral("/api/messages/chats/%1/messages").arg(chat.value(QStringLiteral("_id")).toString());
        if (query == QLatin1String("NOCHAT"))
            path = QStringLiteral("/api/messages/chats/no-such-chat/messages");
        else
            path += query;
        const HttpReply r = http().get(path, (who == QLatin1String("client") ? m_client : m_otherClient).token);
        QCOMPARE(r.status, status);
        if (status == 400)
            QCOMPARE(r.errorCode(), QStringLiteral("INVALID_INPUT"));
        if (status == 403)
            QCOMPARE(r.errorCode(), QStringLiteral("FORBIDDEN"));
        if (status == 404)
            QCOMPARE(r.errorCode(), QStringLiteral("NOT_FOUND"));
    }

    void historyBeforeOfAnotherChat()
    {
        const TestUser craftsman = m_server->registerUser(contract::RoleCraftsman);
        const QString chatA
            = m_server->createChat(m_client, craftsman, {{QStringLiteral("initialMessage"), QStringLiteral("in A")}})
                  .value(QStringLiteral("_id"))
                  .toString();
        const QString chatB = m_server
                                  ->createChat(m_client, craftsman,
                                               {{QStringLiteral("jobId"), postRaw(QStringLiteral("/api/jobs"),
                                                                                  R"({"title":"B"})", m_client.token)
                                                                              .object()
                                                                              .value(QStringLiteral("_id"))
                                                                              .toString()}})
                                  .value(QStringLiteral("_id"))
                                  .toString();
        const HttpReply a = http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(chatA), m_client.token);
        const QString idInA = a.array().at(0).toObject().value(QStringLiteral("_id")).toString();
        QVERIFY(!idInA.isEmpty());
        const HttpReply r
            = http().get(QStringLiteral("/api/messages/chats/%1/messages?before=%2").arg(chatB, idInA), m_client.token);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("INVALID_INPUT"));
    }

    void uploads_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("fileName"); // X-File-Name as sent; empty: none
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QString>("name");
        const auto image = [](const char *format) { return encodedTestImage(format); };
        QTest::newRow("png") << image("png") << QByteArray() << 201 << "png"
                             << "image/png"
                             << "file";
        QTest::newRow("jpeg") << image("jpeg") << QByteArray("photo.jpg") << 201 << "jpg"
                              << "image/jpeg"
                              << "photo.jpg";
        QTest::newRow("webp") << image("webp") << QByteArray() << 201 << "webp"
                              << "image/webp"
                              << "file";
        QTest::newRow("gif") << image("gif") << QByteArray() << 201 << "gif"
                             << "image/gif"
                             << "file";
        QTest::newRow("pdf by content") << QByteArray("%PDF-1.4\n...") << QByteArray("Angebot%20K%C3%BCche.txt") << 201
                                        << "pdf"
                                        << "application/pdf"
                                        << "Angebot Küche.txt";
        QTest::newRow("docx by name") << QByteArray("PK\x03\x04 zipped") << QByteArray("..%2FOffer.docx") << 201
                                      << "docx"
                                      << "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                      << "Offer.docx";
        QTest::newRow("text as octet-stream")
            << QByteArray("<html><script>alert(1)</script>") << QByteArray("x.html") << 201 << "bin"
            << "application/octet-stream"
            << "x.html";
        QTest::newRow("6 MiB file") << QByteArray(6 * 1024 * 1024, 'z') << QByteArray("big.zip") << 201 << "zip"
                                    << "application/zip"
                                    << "big.zip";
        QTest::newRow("25 MiB + 1") << QByteArray(25 * 1024 * 1024 + 1, 'z') << QByteArray() << 413 << ""
                                    << ""
                                    << "";
        QTest::newRow("fake png") << QByteArray("\x89PNG\r\n\x1a\nnot really", 18) << QByteArray() << 415 << ""
                                  << ""
                                  << "";
        QTest::newRow("fake jpeg") << QByteArray("\xFF\xD8\xFF\xE0garbage", 11) << QByteArray() << 415 << ""
                                   << ""
                                   << "";
        QTest::newRow("fake webp") << QByteArray("RIFF\x10\x00\x00\x00WEBPVP8 garbage", 23) << QByteArray() << 415 << ""
                                   << ""
                                   << "";
        QTest::newRow("fake gif") << QByteArray("GIF89a......") << QByteArray() << 415 << ""
                                  << ""
                                  << "";
        QTest::newRow("truncated png") << image("png").chopped(20) << QByteArray() << 415 << ""
                                       << ""
                                       << "";
        QTest::newRow("empty") << QByteArray() << QByteArray() << 400 << ""
                               << ""
                               << "";
    }

    void uploads()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, fileName);
        QFETCH(int, status);
        QFETCH(QString, extension);
        QFETCH(QString, mimeType);
        QFETCH(QString, name);
        // The Content-Type claims PNG whatever the bytes are: only the content counts.
        HttpTestClient::Headers headers{{"Content-Type", "image/png"}};
        if (!fileName.isEmpty())
            headers.append({"X-File-Name", fileName});
        const HttpReply r
            = http().request("POST", QStringLiteral("/api/uploads"), bytes, m_client.token, headers, 60000);
        QCOMPARE(r.status, status);
        if (status != 201) {
            const QString expected = status == 413   ? QStringLiteral("PAYLOAD_TOO_LARGE")
                                     : status == 400 ? QStringLiteral("INVALID_INPUT")
                                                     : QStringLiteral("UNSUPPORTED_MEDIA_TYPE");
            QCOMPARE(r.errorCode(), expected);
            return;
        }
        const QJsonObject answer = r.object();
        const QString url = answer.value(QStringLiteral("url")).toString();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^/uploads/[0-9a-f]{32}\\.%1$").arg(extension)).match(url).hasMatch(),
            qPrintable(url));
        QCOMPARE(answer.value(QStringLiteral("name")).toString(), name);
        QCOMPARE(answer.value(QStringLiteral("mimeType")).toString(), mimeType);
        QCOMPARE(answer.value(QStringLiteral("size")).toInteger(), bytes.size());
        // Readable without a token, byte for byte (these images carry no metadata).
        const HttpReply served = http().get(url);
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body, bytes);
        QCOMPARE(served.header("x-content-type-options"), QByteArray("nosniff"));
        if (mimeType.startsWith(QLatin1String("image/"))) {
            QCOMPARE(served.header("content-type"), mimeType.toLatin1());
            QVERIFY(!served.hasHeader("content-disposition"));
        } else {
            QCOMPARE(served.header("content-type"), QByteArray("application/octet-stream"));
            QCOMPARE(served.header("content-disposition"),
                     "attachment; filename*=UTF-8''" + QUrl::toPercentEncoding(name, "!#$&+-.^_`|~"));
        }
    }

    void uploadedJpegLosesItsMetadata()
    {
        const QByteArray clean = encodedTestImage("jpeg");
        const QByteArray gps("Exif\0\0GPSLatitude=52.52N;GPSLongitude=13.40E", 44);
        QByteArray tagged = clean.left(2);
        tagged += QByteArray("\xFF\xE1", 2);
        tagged += char((gps.size() + 2) >> 8);
        tagged += char((gps.size() + 2) & 0xFF);
        tagged += gps + clean.mid(2);
        const HttpReply r = http().request("POST", QStringLiteral("/api/uploads"), tagged, m_client.token);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value(QStringLiteral("size")).toInteger(), clean.size());
        const HttpReply served = http().get(r.object().value(QStringLiteral("url")).toString());
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body, clean); // the metadata is gone, every other byte as sent
    }

    void uploadNeedsToken()
    {
        const HttpReply r = http().request("POST", QStringLiteral("/api/uploads"), pngBytes());
        QCOMPARE(r.status, 401);
        QCOMPARE(http().get(QStringLiteral("/uploads/0123456789abcdef0123456789abcdef.png")).status, 404);
        QCOMPARE(http().get(QStringLiteral("/uploads/..%2Fcraftchat.sqlite")).status, 404);
        QCOMPARE(http().get(QStringLiteral("/uploads/jwt-secret")).status, 404);
    }

    void socketDebugIsForAdmins()
    {
        QCOMPARE(http().get(QStringLiteral("/api/messages/admin/socket-debug")).status, 401);
        const HttpReply refused = http().get(QStringLiteral("/api/messages/admin/socket-debug"), m_client.token);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QStringLiteral("FORBIDDEN"));

        SioTestClient socket(m_server->port());
        QVERIFY(socket.connectWithToken(m_craftsman.token));
        const HttpReply r = http().get(QStringLiteral("/api/messages/admin/socket-debug"), m_admin.token);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object();
        QVERIFY(o.value(QStringLiteral("totalConnections")).toInt() >= 1);
        QCOMPARE(o.value(QStringLiteral("totalRooms")).toInt(), o.value(QStringLiteral("rooms")).toArray().size());
        bool found = false;
        for (const QJsonValue &v : o.value(QStringLiteral("rooms")).toArray()) {
            const QJsonObject room = v.toObject();
            QVERIFY(room.value(QStringLiteral("roomName")).toString().startsWith(QLatin1String("user:"))
                    || room.value(QStringLiteral("roomName")).toString().startsWith(QLatin1String("chat:")));
            if (room.value(QStringLiteral("roomName")).toString() == contract::userRoom(m_craftsman.id)) {
                found = true;
                QCOMPARE(room.value(QStringLiteral("socketCount")).toInt(), 1);
                QCOMPARE(room.value(QStringLiteral("socketIds")).toArray(), QJsonArray{socket.socketId()});
                QCOMPARE(room.value(QStringLiteral("userIds")).toArray(), QJsonArray{m_craftsman.id});
            }
        }
        QVERIFY(found);
    }

    void metricsAccess_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("status");
        QTest::newRow("nobody") << "" << 401;
        QTest::newRow("client") << "client" << 403;
        QTest::newRow("wrong metrics token") << "wrong" << 401;
        QTest::newRow("admin") << "admin" << 200;
        QTest::newRow("metrics token") << "token" << 200;
    }

    void metricsAccess()
    {
        QFETCH(QString, who);
        QFETCH(int, status);
        const QString token = who == QLatin1String("client")  ? m_client.token
                              : who == QLatin1String("admin") ? m_admin.token
                              : who == QLatin1String("token") ? MetricsToken
                              : who == QLatin1String("wrong") ? QStringLiteral("not-the-token")
                                                              : QString();
        const HttpReply r = http().get(QStringLiteral("/metrics"), token);
        QCOMPARE(r.status, status);
        if (status == 200) {
            QVERIFY(r.header("content-type").startsWith("text/plain"));
            for (const char *name :
                 {"chat_socket_connections", "chat_online_users", "chat_active_chats", "chat_messages_per_minute",
                  "chat_messages_total", "chat_socket_events_total", "chat_socket_errors_total"})
                QVERIFY2(r.body.contains(QByteArray("# TYPE ") + name), name);
        }
    }

    void metricsValues()
    {
        const auto sample = [this](const QByteArray &name) -> qint64 {
            const HttpReply r = http().get(QStringLiteral("/metrics"), MetricsToken);
            for (const QByteArray &line : r.body.split('\n')) {
                if (line.startsWith(name + ' '))
                    return line.mid(name.size() + 1).toLongLong();
            }
            return -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(sample("chat_socket_connections"), qint64(0), 10000);
        const qint64 messagesBefore = sample("chat_messages_total");
        const qint64 invalidBefore = sample("chat_socket_errors_total{code=\"INVALID_INPUT\"}");
        const qint64 sendsBefore = sample("chat_socket_events_total{event=\"send-message\"}");

        const QJsonObject chat = m_server->createChat(m_client, m_craftsman);
        SioTestClient a(m_server->port());
        SioTestClient b(m_server->port());
        SioTestClient c(m_server->port());
        QVERIFY(a.connectWithToken(m_client.token));
        QVERIFY(b.connectWithToken(m_client.token));
        QVERIFY(c.connectWithToken(m_craftsman.token));
        QVERIFY(a.emitWithAck(contract::event::SendMessage,
                              QJsonObject{{QStringLiteral("chatId"), chat.value(QStringLiteral("_id"))},
                                          {QStringLiteral("messageType"), QStringLiteral("text")},
                                          {QStringLiteral("content"), QStringLiteral("metric me")}})
                    .has_value());
        QVERIFY(a.emitWithAck(contract::event::SendMessage, QJsonObject{}).has_value());

        QCOMPARE(sample("chat_socket_connections"), qint64(3));
        QCOMPARE(sample("chat_online_users"), qint64(2));
        QVERIFY(sample("chat_active_chats") >= 1);
        QCOMPARE(sample("chat_messages_total"), messagesBefore + 1);
        QVERIFY(sample("chat_messages_per_minute") >= 1);
        QCOMPARE(sample("chat_socket_events_total{event=\"send-message\"}"), qMax<qint64>(0, sendsBefore) + 2);
        QCOMPARE(sample("chat_socket_errors_total{code=\"INVALID_INPUT\"}"), qMax<qint64>(0, invalidBefore) + 1);
    }

    void cors()
    {
        const HttpReply allowed
            = http().request("GET", QStringLiteral("/health"), {}, {}, {{"Origin", AllowedOrigin.toUtf8()}});
        QCOMPARE(allowed.header("access-control-allow-origin"), AllowedOrigin.toUtf8());
        const HttpReply other
            = http().request("GET", QStringLiteral("/health"), {}, {}, {{"Origin", "https://evil.example"}});
        QCOMPARE(other.status, 200);
        QVERIFY(other.header("access-control-allow-origin").isEmpty());
        const HttpReply preflight
            = http().request("OPTIONS", QStringLiteral("/api/messages/chats"), {}, {},
                             {{"Origin", AllowedOrigin.toUtf8()}, {"Access-Control-Request-Method", "POST"}});
        QCOMPARE(preflight.status, 204);
        QVERIFY(preflight.header("access-control-allow-headers").contains("Authorization"));
    }
};

QTEST_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
