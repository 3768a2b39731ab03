// Everything the server can be told at start-up. Filled by ServerConfigLoader (defaults <
// environment < command line); every field here is already validated.
#pragma once

#include "common/contract/registrationmode.h"
#include "server/auth/jwtsecret.h"
#include "server/auth/passwordhasher.h"
#include "server/logging/logformat.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace craftchat::runtime {

// fast: WAL + synchronous=NORMAL, safe against a crash of the process; strict:
// synchronous=FULL, every commit is fsynced, safe against a power cut.
enum class Durability {
    Fast,
    Strict
};

using contract::parseRegistrationMode;
using contract::RegistrationMode;
using contract::registrationModeName;

struct ServerConfig
{
    // Listening
    QString host = QStringLiteral("127.0.0.1"); // an IP address or "localhost"
    quint16 port = 3001;                        // 0: any free port (tests)
    QString dataDir;                            // database, uploads, generated jwt-secret

    // Identity
    QString jwtSecret;                                         // the secret text itself (wins)
    QString jwtSecretFile;                                     // else: a file holding it
    std::chrono::seconds jwtLifetime = std::chrono::hours(12); // clients renew by /api/auth/refresh
    // argon2id cost of new password hashes (verification reads the cost from each hash).
    auth::PasswordHashLimits passwordHashLimits = auth::PasswordHashLimits::interactive();

    // HTTP
    QStringList corsOrigins;                  // exact origins ("https://a.example") or "*"
    qint64 maxUploadBytes = 25 * 1024 * 1024; // the default of contract section 9
    QString metricsToken;                     // Bearer token that may read /metrics

    // Real-time limits
    int rateLimitPerMinute = 30; // stored messages per user per sliding 60 s
    int maxSocketsPerUser = 5;
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    qint64 maxPayloadBytes = 1000000; // Engine.IO maxPayload

    // Hostile input: transport and uploads
    int connectTimeoutMs = 10000; // an Engine.IO session without a Socket.IO CONNECT closes after this
    // Socket.IO connection state recovery: how long a socket whose transport failed waits
    // for its client to come back with {pid, offset} (0: off).
    int recoveryWindowMs = 120000;
    int maxConnectionsPerAddress = 256;                          // open connections of one peer address; 0: no cap
    int maxConnections = 20000;                                  // open connections in all; 0: no cap
    qint64 maxTotalQueuedBytes = qint64(1) * 1024 * 1024 * 1024; // output waiting for all WebSocket peers; 0: no bound
    int maxUploadsPerHour = 60;                                  // per user, any 60 minutes
    qint64 maxUploadBytesPerHour = qint64(500) * 1024 * 1024;    // per user, any 60 minutes
    qint64 uploadQuotaBytes = qint64(2) * 1024 * 1024 * 1024;    // per user, all stored uploads
    qint64 minFreeDiskBytes = qint64(1) * 1024 * 1024 * 1024;    // below this free: no uploads, no registrations
    // Hostile input: accounts and abuse
    int passwordHashThreads = 0;    // argon2id threads; 0: one per core
    int passwordHashQueue = 8;      // hashing jobs waiting or running; more: 503 BUSY
    int registrationsPerHour = 5;   // per remote address; 0: no limit
    int chatCreationsPerHour = 30;  // per client; 0: no limit
    int jobCreationsPerHour = 30;   // per client; 0: no limit
    bool rateLimitLoopback = false; // loopback peers are limited per address too
    int socketEventsPerSecond = 10; // typing / join-chat per socket; 0: no limit
    int socketEventBurst = 20;
    qint64 editWindowSeconds = 48 * 3600; // edit-message: how long after sending a text may change

    // Registration control and brute force
    RegistrationMode registration = RegistrationMode::Open;
    int loginFailuresPerAccount = 5;  // failed logins per account (normalised email) in the window; 0: no limit
    int loginFailuresPerAddress = 30; // failed logins per client address in the window; 0: no limit
    std::chrono::seconds loginFailureWindow = std::chrono::minutes(15);
    // Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, validated).
    QStringList trustedProxies;
    // --create-invitation ROLE: print a new invitation code of this role, then exit.
    QString createInvitationRole;
    int invitationHours = 168;

    // TLS (issue 14): HTTPS and WSS on the same port when both files are set (PEM; the
    // certificate file may hold the chain). Read at start-up and again on SIGHUP.
    QString tlsCertificateFile;
    QString tlsKeyFile;
    bool tlsEnabled() const { return !tlsCertificateFile.isEmpty(); }

    // Storage
    Durability durability = Durability::Fast;
    qint64 walLimitBytes = qint64(64) * 1024 * 1024; // the log is drained and cut back past this

    // Scheduled backups (backupFolder empty: none)
    QString backupFolder;
    std::chrono::seconds backupInterval = std::chrono::hours(24);
    int backupKeep = 7; // newest backups kept in backupFolder

    // --backup DIR / --restore FILE: write one backup of dataDir into DIR, or restore FILE into
    // an empty dataDir, then exit.
    QString backupTarget;
    QString restoreFile;

    // Logging
    logging::LogFormat logFormat = logging::LogFormat::Text;
    logging::LogLevel logLevel = logging::LogLevel::Info;

    // --create-admin mode: create (or reset) this admin, then exit.
    QString createAdminEmail;
    QString adminName = QStringLiteral("Administrator");
    QString adminPassword; // CRAFTCHAT_ADMIN_PASSWORD only (never argv)

    // Derived paths and values
    QString databasePath() const;       // <dataDir>/craftchat.sqlite
    QString uploadsDir() const;         // <dataDir>/uploads
    QHostAddress listenAddress() const; // "localhost" -> 127.0.0.1
    // "http://127.0.0.1:3001" ("https://..." with TLS), with [..] around IPv6 addresses, for
    // the given port.
    QString baseUrl(quint16 actualPort) const;
    auth::JwtSecretSettings jwtSecretSettings() const;
    // Every configured secret, for log redaction.
    QStringList secrets() const;
};

} // namespace craftchat::runtime
