// An integration-test server: a real ChatServer on 127.0.0.1, an ephemeral port and a
// temporary data directory (or a given one, to test restarts), with a fixed JWT secret so
// tests can mint their own tokens (expired, badly signed, ...). Helpers register users and
// start chats over the real HTTP API.
#pragma once

#include "tests/support/httptestclient.h"

#include "server/runtime/chatserver.h"

#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace craftchat::testsupport {

inline const QString TestJwtSecret = QStringLiteral("test-secret-for-integration-tests-0123456789");

struct TestUser
{
    QString id;
    QString token;
    QString email;
    QString fullName;
    QString role;
    QString password;
};

class TestServer
{
public:
    // A server over a fresh temporary data directory.
    TestServer();
    // A server over `dataDir` (kept after the server stops).
    explicit TestServer(const QString &dataDir);
    ~TestServer();

    // Adjust before start().
    runtime::ServerConfig &config() { return m_config; }

    bool start();
    void stop();
    runtime::ChatServer *server() const { return m_server.get(); }
    quint16 port() const { return m_server ? m_server->port() : 0; }
    QString dataDir() const { return m_config.dataDir; }
    HttpTestClient &http();

    // Registers through POST /api/auth/register (unique email per call); id empty on failure.
    TestUser registerUser(const QString &role, const QString &fullName = {});
    // An admin made with ChatServer::createAdmin, then logged in over HTTP.
    TestUser createAdmin();
    // POST /api/messages/chats as `client`; returns the answer's body (the chat) or {}.
    QJsonObject createChat(const TestUser &client, const TestUser &craftsman, const QJsonObject &extra = {},
                           int *status = nullptr);
    // A token signed with the test secret (for expired / forged cases).
    static QString mintToken(const QString &userId, const QString &role, qint64 issuedAt, qint64 expiresAt,
                             const QString &secret = TestJwtSecret);

private:
    std::unique_ptr<QTemporaryDir> m_tempDir;
    runtime::ServerConfig m_config;
    std::unique_ptr<runtime::ChatServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    int m_serial = 0;
};

} // namespace craftchat::testsupport
