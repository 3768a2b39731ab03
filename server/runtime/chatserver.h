// ChatServer: the whole server of the contract on one port, composed from a ServerConfig:
// HttpServer -> EngineServer (/socket.io/) -> SocketIoServer (namespace "/" with the chat
// handlers); every other path goes to the HTTP API. SQLite store, JWT codec and password
// hashing underneath. craftchat-server, the desktop app's host mode and every integration
// test start one of these.
#pragma once

#include "server/runtime/serverconfig.h"
#include "server/runtime/servererror.h"
#include "server/storage/storeresult.h"
#include "server/storage/storetypes.h"

#include <QObject>
#include <QString>

#include <memory>

namespace craftchat::http {
class HttpServer;
}
namespace craftchat::engineio {
class EngineServer;
}
namespace craftchat::socketio {
class SocketIoServer;
}
namespace craftchat::storage {
class ChatStore;
class SqliteChatStore;
} // namespace craftchat::storage
namespace craftchat::auth {
class AsyncPasswordHasher;
class JwtCodec;
} // namespace craftchat::auth
namespace craftchat::chat {
class ChatService;
class ChatSocketHandlers;
class TokenVerifier;
} // namespace craftchat::chat
namespace craftchat::api {
class HttpApi;
}
namespace craftchat::backup {
class BackupService;
}

namespace craftchat::runtime {

class ChatServer : public QObject
{
    Q_OBJECT
public:
    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

    const ServerConfig &config() const { return m_config; }

    // Opens the data directory (database, uploads, JWT secret) and starts listening. A failure
    // says what failed in words for people (nothing keeps running then).
    ServerResult<void> start();
    // Stops accepting, disconnects every socket, closes the database. Safe to call twice.
    void stop();
    bool isRunning() const { return m_running; }
    // The port actually listened on (useful with port 0); 0 when not running.
    quint16 port() const;
    QString baseUrl() const { return m_config.baseUrl(port()); }

    // TLS (issue 14): reads config().tlsCertificateFile and tlsKeyFile again (SIGHUP); new
    // connections get the new certificate, open ones keep theirs. A file that cannot be used
    // is logged (a warning, no key material) and the current certificate stays. False then,
    // or when TLS is off or the server is not running.
    bool reloadTlsCertificate();

    // Creates (or resets the password of) an admin in the configured data directory. Works
    // with or without start(); hashes on the calling thread (a command-line tool's job).
    ServerResult<void> createAdmin(const QString &email, const QString &password, const QString &fullName);

    // A new single-use invitation code of `role` (client or craftsman) valid for `hours`
    // (1..720), made by no user (createdBy null). Works with or without start(), like
    // createAdmin (craftchat-server --create-invitation, the app's host panel).
    storage::StoreResult<storage::Invitation> createInvitation(const QString &role, int hours);

    // For tests and the app's host mode; null when not running.
    chat::ChatService *chatService() const { return m_chat; }
    storage::ChatStore *store() const;
    http::HttpServer *httpServer() const { return m_http; }
    // Backups of this server's data directory (scheduled when config().backupFolder is set);
    // null when not running.
    backup::BackupService *backupService() const { return m_backups; }

signals:
    void started(quint16 port);
    void stopped();

private:
    ServerResult<void> openStore();
    ServerResult<void> openIdentity();
    // Data directory 0700, everything in it 0700 (directories) / 0600 (files), before the
    // store opens; logs what it fixed.
    void secureExistingData() const;
    void teardown();

    ServerConfig m_config;
    bool m_running = false;

    std::unique_ptr<storage::SqliteChatStore> m_store;
    std::unique_ptr<auth::JwtCodec> m_jwt;
    std::unique_ptr<chat::TokenVerifier> m_verifier;
    http::HttpServer *m_http = nullptr;
    engineio::EngineServer *m_engine = nullptr;
    socketio::SocketIoServer *m_io = nullptr;
    auth::AsyncPasswordHasher *m_hasher = nullptr;
    chat::ChatService *m_chat = nullptr;
    chat::ChatSocketHandlers *m_handlers = nullptr;
    api::HttpApi *m_api = nullptr;
    backup::BackupService *m_backups = nullptr;
};

} // namespace craftchat::runtime
