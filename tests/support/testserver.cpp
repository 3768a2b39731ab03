#include "tests/support/testserver.h"

#include "server/auth/jwtcodec.h"
#include "server/auth/passwordhasher.h"

#include <QDateTime>
#include <QUuid>

namespace craftchat::testsupport {

namespace {

runtime::ServerConfig baseConfig(const QString &dataDir)
{
    runtime::ServerConfig config;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.dataDir = dataDir;
    config.jwtSecret = TestJwtSecret;
    // Weak, fast hashes: the tests register many users.
    config.passwordHashLimits = auth::PasswordHashLimits::minimum();
    // Tests do not depend on how full the machine's disk is (tests of the floor set it).
    config.minFreeDiskBytes = 0;
    // A socket whose transport closes is disconnected at once, as the tests of the chat
    // domain expect; the tests of connection state recovery turn it on.
    config.recoveryWindowMs = 0;
    return config;
}

} // namespace

TestServer::TestServer()
    : m_tempDir(std::make_unique<QTemporaryDir>())
    , m_config(baseConfig(m_tempDir->path()))
{}

TestServer::TestServer(const QString &dataDir)
    : m_config(baseConfig(dataDir))
{}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start()
{
    m_server = std::make_unique<runtime::ChatServer>(m_config);
    if (const auto started = m_server->start(); !started) {
        qWarning("test server did not start: %s", qPrintable(started.errorMessage()));
        return false;
    }
    m_http = std::make_unique<HttpTestClient>(m_server->port());
    return true;
}

void TestServer::stop()
{
    m_http.reset();
    if (m_server)
        m_server->stop();
    m_server.reset();
}

HttpTestClient &TestServer::http()
{
    return *m_http;
}

TestUser TestServer::registerUser(const QString &role, const QString &fullName)
{
    TestUser user;
    user.role = role;
    user.fullName = fullName.isEmpty() ? QStringLiteral("%1 %2").arg(role).arg(++m_serial) : fullName;
    user.email = QStringLiteral("%1-%2@example.test").arg(role, QUuid::createUuid().toString(QUuid::Id128).left(12));
    user.password = QStringLiteral("password-%1").arg(m_serial);
    const HttpReply r
        = http().postJson(QStringLiteral("/api/auth/register"), QJsonObject{{QStringLiteral("fullName"), user.fullName},
                                                                            {QStringLiteral("email"), user.email},
                                                                            {QStringLiteral("password"), user.password},
                                                                            {QStringLiteral("role"), role}});
    if (r.status != 201) {
        qWarning("register failed: %d %s", r.status, r.body.constData());
        return user;
    }
    user.token = r.object().value(QStringLiteral("token")).toString();
    user.id = r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString();
    return user;
}

TestUser TestServer::createAdmin()
{
    TestUser admin;
    admin.role = QStringLiteral("admin");
    admin.fullName = QStringLiteral("Admin %1").arg(++m_serial);
    admin.email = QStringLiteral("admin-%1@example.test").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    admin.password = QStringLiteral("admin-password-1");
    if (const auto created = m_server->createAdmin(admin.email, admin.password, admin.fullName); !created) {
        qWarning("createAdmin failed: %s", qPrintable(created.errorMessage()));
        return admin;
    }
    const HttpReply r
        = http().postJson(QStringLiteral("/api/auth/login"), QJsonObject{{QStringLiteral("email"), admin.email},
                                                                         {QStringLiteral("password"), admin.password}});
    admin.token = r.object().value(QStringLiteral("token")).toString();
    admin.id = r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString();
    return admin;
}

QJsonObject TestServer::createChat(const TestUser &client, const TestUser &craftsman, const QJsonObject &extra,
                                   int *status)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("craftsmanId"), craftsman.id);
    const HttpReply r = http().postJson(QStringLiteral("/api/messages/chats"), body, client.token);
    if (status)
        *status = r.status;
    if (r.status != 201 && r.status != 200)
        return {};
    return r.object();
}

QString TestServer::mintToken(const QString &userId, const QString &role, qint64 issuedAt, qint64 expiresAt,
                              const QString &secret)
{
    const auth::JwtCodec codec(secret.toUtf8());
    return codec.sign(auth::JwtClaims{userId, role, issuedAt, expiresAt});
}

} // namespace craftchat::testsupport
