#include "server/runtime/chatserver.h"

#include "server/runtime/privatedatadir.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "common/contract/validation.h"
#include "server/api/apicontext.h"
#include "server/api/httpapi.h"
#include "server/api/invitationcode.h"
#include "server/api/jsonbody.h"
#include "server/auth/asyncpasswordhasher.h"
#include "server/auth/jwtcodec.h"
#include "server/auth/jwtsecret.h"
#include "server/auth/passwordhasher.h"
#include "server/backup/backupservice.h"
#include "server/chat/chatlimits.h"
#include "server/chat/chatservice.h"
#include "server/chat/chatsockethandlers.h"
#include "server/chat/tokenverifier.h"
#include "server/engineio/engineserver.h"
#include "server/http/httpserver.h"
#include "server/http/tlscredentials.h"
#include "server/logging/logcategories.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socketioserver.h"
#include "server/storage/sqlitechatstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace craftchat::runtime {

using logging::lcServer;

namespace {

// Deletes an owned part now (not at the parent's destruction) and forgets it.
template <typename T>
void deleteAndClear(T *&part)
{
    delete part;
    part = nullptr;
}

} // namespace

ChatServer::ChatServer(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{}

ChatServer::~ChatServer()
{
    stop();
}

quint16 ChatServer::port() const
{
    return m_running && m_http ? m_http->serverPort() : 0;
}

ServerResult<void> ChatServer::openStore()
{
    if (m_store)
        return {};
    if (m_config.dataDir.isEmpty())
        return ServerFailure{ServerError::Config, tr("No data directory configured")};
    storage::SqliteOptions options;
    options.dataDirectory = m_config.dataDir;
    options.fileName = QFileInfo(m_config.databasePath()).fileName();
    // Checkpoints (the fsyncs) on a thread of their own, never on the event loop.
    options.backgroundCheckpoints = true;
    options.durability
        = m_config.durability == Durability::Strict ? storage::Durability::Strict : storage::Durability::Fast;
    options.walLimitBytes = m_config.walLimitBytes;
    options.quickCheckAtOpen = true;
    options.checkpointAtOpen = true;
    auto opened = storage::SqliteChatStore::open(options);
    if (!opened && opened.error() == storage::StoreError::Corrupt) {
        return ServerFailure{ServerError::DamagedDatabase,
                             tr("%1. The server does not start on a damaged database. Restore the newest "
                                "backup: stop the server, move the data directory %2 aside (keep it), then run\n"
                                "  craftchat-server --data-dir %2 --restore <backup file>\n"
                                "and start the server again.")
                                 .arg(opened.errorMessage(), m_config.dataDir)};
    }
    if (!opened)
        return ServerFailure{ServerError::Database,
                             tr("Cannot open the database in %1: %2").arg(m_config.dataDir, opened.errorMessage())};
    m_store = std::move(opened).value();
    qCInfo(logging::lcDb).noquote() << "database open:" << m_store->databasePath();
    return {};
}

ServerResult<void> ChatServer::openIdentity()
{
    if (m_jwt)
        return {};
    const auto secret = auth::JwtSecret::resolve(m_config.jwtSecretSettings());
    if (!secret)
        return ServerFailure{ServerError::Identity, tr("JWT secret: %1").arg(secret.errorMessage())};
    m_jwt = std::make_unique<auth::JwtCodec>(*secret, m_config.jwtLifetime);
    return {};
}

void ChatServer::secureExistingData() const
{
    // A new data directory is made private at once; an existing one (made before this rule,
    // or by hand) is fixed, and what was fixed is logged once.
    if (m_config.dataDir.isEmpty())
        return;
    if (!QFileInfo::exists(m_config.dataDir)) {
        if (QDir().mkpath(m_config.dataDir))
            QFile::setPermissions(m_config.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return;
    }
    const ModeFixes fixes = securePrivateTree(m_config.dataDir);
    if (!fixes.fixed.isEmpty()) {
        constexpr int Shown = 12;
        QString list = fixes.fixed.mid(0, Shown).join(QStringLiteral(", "));
        if (fixes.fixed.size() > Shown)
            list += QStringLiteral(" and %1 more").arg(fixes.fixed.size() - Shown);
        qCWarning(lcServer).noquote() << "data directory" << m_config.dataDir << "was readable by others; fixed"
                                      << fixes.fixed.size() << "modes:" << list;
    }
    for (const QString &failure : fixes.failed)
        qCWarning(lcServer).noquote() << "cannot make private in the data directory:" << failure;
}

ServerResult<void> ChatServer::start()
{
    if (m_running)
        return {};
    // TLS files first: a server that was told to speak TLS never starts without it.
    std::optional<http::TlsCredentials> tls;
    if (m_config.tlsEnabled()) {
        auto loaded = http::TlsCredentials::load(m_config.tlsCertificateFile, m_config.tlsKeyFile);
        if (!loaded)
            return ServerFailure{ServerError::Config, loaded.errorMessage()};
        tls = std::move(*loaded);
    }
    secureExistingData();
    ServerResult<void> opened = openStore();
    if (opened)
        opened = openIdentity();
    if (!opened) {
        teardown();
        return opened;
    }
    if (!QDir().mkpath(m_config.uploadsDir())) {
        teardown();
        return ServerFailure{ServerError::Files,
                             tr("Cannot create the uploads directory %1").arg(m_config.uploadsDir())};
    }
    // What was made just now (database, -wal, -shm, uploads) under a lax umask: quietly.
    for (const QString &fixed : securePrivateTree(m_config.dataDir).fixed)
        qCDebug(lcServer).noquote() << "made private:" << fixed;

    m_http = new http::HttpServer(this);
    if (tls)
        m_http->setTlsCredentials(*tls);
    http::HttpServerLimits limits = m_http->limits();
    // Each request may carry what its endpoint accepts and no more: the HTTP layer refuses a
    // larger body from its Content-Length (413 {message, code}) before reading it.
    limits.maxBodyBytes = qMax(m_config.maxUploadBytes, m_config.maxPayloadBytes);
    const QString enginePath = QStringLiteral("/socket.io/");
    m_http->setBodyLimit([this, enginePath](const http::HttpRequest &head) -> qint64 {
        if (api::HttpApi::isUploadPath(head.path))
            return m_config.maxUploadBytes;
        if (head.path.startsWith(enginePath.chopped(1)))
            return m_config.maxPayloadBytes;
        return api::MaxJsonBodyBytes;
    });
    limits.maxWebSocketMessageBytes = m_config.maxPayloadBytes;
    limits.maxWebSocketFrameBytes = m_config.maxPayloadBytes;
    // A peer that stops reading is dropped once this much waits for it; room for several of
    // the largest messages, so one big message never trips it.
    limits.maxWebSocketQueuedBytes = qMax<qint64>(4 * 1024 * 1024, 4 * qint64(m_config.maxPayloadBytes));
    limits.maxConnectionsPerAddress = m_config.maxConnectionsPerAddress;
    limits.maxConnections = m_config.maxConnections;
    limits.maxTotalWebSocketQueuedBytes = m_config.maxTotalQueuedBytes;
    m_http->setLimits(limits);

    engineio::EngineOptions engineOptions;
    engineOptions.pingIntervalMs = m_config.pingIntervalMs;
    engineOptions.pingTimeoutMs = m_config.pingTimeoutMs;
    engineOptions.maxPayload = m_config.maxPayloadBytes;
    engineOptions.maxPollBufferBytes = limits.maxWebSocketQueuedBytes; // same bound for polling
    engineOptions.corsOrigins = m_config.corsOrigins;
    m_engine = new engineio::EngineServer(engineOptions, this);
    socketio::SocketIoOptions ioOptions;
    ioOptions.connectTimeoutMs = m_config.connectTimeoutMs;
    ioOptions.recoveryWindowMs = m_config.recoveryWindowMs;
    m_io = new socketio::SocketIoServer(m_engine, ioOptions, this);

    m_verifier = std::make_unique<chat::TokenVerifier>(*m_jwt, *m_store);
    chat::ChatLimits chatLimits;
    chatLimits.messagesPerWindow = m_config.rateLimitPerMinute;
    chatLimits.maxSocketsPerUser = m_config.maxSocketsPerUser;
    chatLimits.socketEventsPerSecond = m_config.socketEventsPerSecond;
    chatLimits.socketEventBurst = m_config.socketEventBurst;
    chatLimits.editWindowSeconds = m_config.editWindowSeconds;
    m_chat = new chat::ChatService(*m_store, m_io->of(QStringLiteral("/")), chatLimits, this);
    // A deleted message's upload that no other message shows: its file goes after the commit.
    m_chat->setUploadRemover([uploadsDir = m_config.uploadsDir()](const QString &fileName) {
        if (!QFile::remove(QDir(uploadsDir).filePath(fileName)))
            qCWarning(lcServer).noquote() << "cannot remove the upload file" << fileName;
    });
    m_handlers = new chat::ChatSocketHandlers(m_chat, m_verifier.get(), this);

    m_hasher = new auth::AsyncPasswordHasher(auth::PasswordHasher(m_config.passwordHashLimits),
                                             m_config.passwordHashThreads, this, m_config.passwordHashQueue);
    backup::BackupServiceOptions backupOptions;
    backupOptions.source
        = backup::BackupSource{m_config.databasePath(), m_config.uploadsDir(), QStringLiteral(CRAFTCHAT_VERSION)};
    backupOptions.folder = m_config.backupFolder;
    backupOptions.interval = m_config.backupInterval;
    backupOptions.keep = m_config.backupKeep;
    m_backups = new backup::BackupService(backupOptions, this);

    api::ApiContext ctx;
    ctx.backups = m_backups;
    ctx.store = m_store.get();
    ctx.chat = m_chat;
    ctx.verifier = m_verifier.get();
    ctx.jwt = m_jwt.get();
    ctx.hasher = m_hasher;
    ctx.uploadDir = m_config.uploadsDir();
    ctx.maxUploadBytes = m_config.maxUploadBytes;
    ctx.maxUploadsPerHour = m_config.maxUploadsPerHour;
    ctx.maxUploadBytesPerHour = m_config.maxUploadBytesPerHour;
    ctx.uploadQuotaBytes = m_config.uploadQuotaBytes;
    ctx.metricsToken = m_config.metricsToken.toUtf8();
    ctx.limitSettings.registrationsPerHour = m_config.registrationsPerHour;
    ctx.limitSettings.chatCreationsPerHour = m_config.chatCreationsPerHour;
    ctx.limitSettings.jobCreationsPerHour = m_config.jobCreationsPerHour;
    ctx.limitSettings.limitLoopback = m_config.rateLimitLoopback;
    ctx.limitSettings.dataDir = m_config.dataDir;
    ctx.limitSettings.minFreeDiskBytes = m_config.minFreeDiskBytes;
    // Registration control and brute force
    ctx.registration = m_config.registration;
    ctx.limitSettings.loginFailuresPerAccount = m_config.loginFailuresPerAccount;
    ctx.limitSettings.loginFailuresPerAddress = m_config.loginFailuresPerAddress;
    ctx.limitSettings.loginFailureWindowMs = qint64(m_config.loginFailureWindow.count()) * 1000;
    ctx.limitSettings.trustedProxies = m_config.trustedProxies;
    m_api = new api::HttpApi(ctx, m_config.corsOrigins, m_config.minFreeDiskBytes, this);
    // Uploads and authenticated calls are refused from their heads; an upload's body goes to
    // a file as it arrives.
    m_http->setHeadCheck([apiHandler = m_api](const http::HttpRequest &head) { return apiHandler->checkHead(head); });
    m_http->setBodySinkFactory(
        [apiHandler = m_api](const http::HttpRequest &head) { return apiHandler->bodySink(head); });

    api::HttpApi *apiHandler = m_api;
    m_engine->attach(m_http, [apiHandler](const http::HttpExchangePtr &exchange) { apiHandler->handle(exchange); });

    if (!m_http->listen(m_config.listenAddress(), m_config.port)) {
        const QString reason
            = tr("Cannot listen on %1:%2: %3").arg(m_config.host).arg(m_config.port).arg(m_http->errorString());
        teardown();
        return ServerFailure{ServerError::Listen, reason};
    }
    m_running = true;
    m_backups->start();
    qCInfo(lcServer).noquote() << "listening on" << m_config.baseUrl(port()) << "data directory" << m_config.dataDir;
    emit started(port());
    return {};
}

bool ChatServer::reloadTlsCertificate()
{
    if (!m_config.tlsEnabled() || !m_running || !m_http) {
        qCInfo(lcServer) << "reload requested: no TLS certificate to read again";
        return false;
    }
    const auto loaded = http::TlsCredentials::load(m_config.tlsCertificateFile, m_config.tlsKeyFile);
    if (!loaded) {
        qCWarning(lcServer).noquote() << "TLS certificate NOT reloaded, the current one stays:"
                                      << loaded.errorMessage();
        return false;
    }
    m_http->setTlsCredentials(*loaded);
    const QSslCertificate &leaf = loaded->chain.constFirst();
    qCInfo(lcServer).noquote() << "TLS certificate reloaded for new connections:"
                               << leaf.subjectInfo(QSslCertificate::CommonName).join(QLatin1Char(',')) << "sha256"
                               << leaf.digest(QCryptographicHash::Sha256).toHex() << "valid until"
                               << leaf.expiryDate().toUTC().toString(Qt::ISODate);
    return true;
}

void ChatServer::teardown()
{
    // Messages accepted in this event-loop turn are committed and answered before sockets close.
    if (m_chat)
        m_chat->flushPendingMessages();
    if (m_http)
        m_http->close();
    if (m_io)
        m_io->closeAll();
    if (m_engine)
        m_engine->closeAll();
    // Everything that points at the store goes before it. A running backup is finished first
    // (it never leaves a partial file).
    deleteAndClear(m_api);
    deleteAndClear(m_backups);
    deleteAndClear(m_handlers);
    deleteAndClear(m_chat);
    if (m_hasher)
        m_hasher->waitForDone();
    deleteAndClear(m_hasher);
    deleteAndClear(m_io);
    deleteAndClear(m_engine);
    deleteAndClear(m_http);
    m_verifier.reset();
    m_store.reset();
}

void ChatServer::stop()
{
    const bool wasRunning = m_running;
    m_running = false;
    teardown();
    if (wasRunning) {
        qCInfo(lcServer) << "stopped";
        emit stopped();
    }
}

storage::ChatStore *ChatServer::store() const
{
    return m_running ? m_store.get() : nullptr;
}

storage::StoreResult<storage::Invitation> ChatServer::createInvitation(const QString &role, int hours)
{
    if ((role != contract::RoleClient && role != contract::RoleCraftsman) || hours < 1
        || hours > api::MaxInvitationHours)
        return storage::StoreFailure{
            storage::StoreError::InvalidArgument,
            tr("An invitation is for a client or a craftsman, for 1 to %1 hours").arg(api::MaxInvitationHours)};
    if (ServerResult<void> opened = openStore(); !opened)
        return storage::StoreFailure{storage::StoreError::Database, opened.errorMessage()};
    storage::NewInvitation invitation;
    invitation.code = api::newInvitationCode();
    invitation.role = role;
    invitation.expiresAt = contract::nowUtc().addSecs(qint64(hours) * 3600);
    auto created = m_store->createInvitation(invitation);
    if (created)
        qCInfo(lcServer).noquote() << "invitation created for role" << role << "for" << hours << "h";
    if (!m_running)
        m_store.reset();
    return created;
}

ServerResult<void> ChatServer::createAdmin(const QString &email, const QString &password, const QString &fullName)
{
    const QString normalized = email.trimmed().toLower();
    if (!contract::isValidEmail(normalized))
        return ServerFailure{ServerError::Config, tr("Not an email address: %1").arg(email)};
    if (!contract::isValidPasswordLength(password))
        return ServerFailure{ServerError::Config, tr("The password must have %1 to %2 characters")
                                                      .arg(contract::MinPasswordLength)
                                                      .arg(contract::MaxPasswordLength)};
    if (ServerResult<void> opened = openStore(); !opened)
        return opened;
    const auto hash = auth::PasswordHasher(m_config.passwordHashLimits).hash(password);
    if (!hash) {
        if (!m_running)
            m_store.reset();
        return ServerFailure{ServerError::Store, tr("Could not hash the password")};
    }
    storage::NewUser admin;
    admin.fullName = fullName.trimmed().isEmpty() ? QStringLiteral("Administrator") : fullName.trimmed();
    admin.email = normalized;
    admin.role = contract::RoleAdmin;
    admin.passwordHash = *hash;
    const auto stored = m_store->ensureAdmin(admin);
    if (!m_running && !stored)
        m_store.reset();
    if (!stored)
        return ServerFailure{ServerError::Store, tr("Could not store the admin: %1").arg(stored.errorMessage())};
    qCInfo(lcServer).noquote() << "admin ensured:" << stored->profile.id;
    if (!m_running)
        m_store.reset();
    return {};
}

} // namespace craftchat::runtime
