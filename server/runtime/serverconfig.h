// Everything the server can be told at start-up. Filled by ServerConfigLoader (defaults <
// environment < command line); every field here is already validated.
#pragma once

#include "server/auth/jwtsecret.h"
#include "server/auth/passwordhasher.h"
#include "server/logging/logformat.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <chrono>

namespace craftchat::runtime {

struct ServerConfig
{
    // Listening
    QString host = QStringLiteral("127.0.0.1");   // an IP address or "localhost"
    quint16 port = 3001;                          // 0: any free port (tests)
    QString dataDir;                              // database, uploads, generated jwt-secret

    // Identity
    QString jwtSecret;                            // the secret text itself (wins)
    QString jwtSecretFile;                        // else: a file holding it
    std::chrono::seconds jwtLifetime = std::chrono::hours(12);   // clients renew by /api/auth/refresh
    // argon2id cost of new password hashes (verification reads the cost from each hash).
    auth::PasswordHashLimits passwordHashLimits = auth::PasswordHashLimits::interactive();

    // HTTP
    QStringList corsOrigins;                      // exact origins ("https://a.example") or "*"
    qint64 maxUploadBytes = 5 * 1024 * 1024;
    QString metricsToken;                         // Bearer token that may read /metrics

    // Real-time limits
    int rateLimitPerMinute = 30;                  // stored messages per user per sliding 60 s
    int maxSocketsPerUser = 5;
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    qint64 maxPayloadBytes = 1000000;             // Engine.IO maxPayload

    // Hostile input: accounts and abuse
    int passwordHashThreads = 0;                  // argon2id threads; 0: one per core
    int passwordHashQueue = 8;                    // hashing jobs waiting or running; more: 503 BUSY
    int registrationsPerHour = 5;                 // per remote address; 0: no limit
    int chatCreationsPerHour = 30;                // per client; 0: no limit
    int jobCreationsPerHour = 30;                 // per client; 0: no limit
    bool rateLimitLoopback = false;               // loopback peers are limited per address too
    int socketEventsPerSecond = 10;               // typing / join-chat per socket; 0: no limit
    int socketEventBurst = 20;
    qint64 minFreeDiskBytes = 1024LL * 1024 * 1024; // registrations refused below (507 DISK_LOW)

    // Logging
    logging::LogFormat logFormat = logging::LogFormat::Text;
    logging::LogLevel logLevel = logging::LogLevel::Info;

    // --create-admin mode: create (or reset) this admin, then exit.
    QString createAdminEmail;
    QString adminName = QStringLiteral("Administrator");
    QString adminPassword;                        // CRAFTCHAT_ADMIN_PASSWORD only (never argv)

    // Derived paths and values
    QString databasePath() const;                 // <dataDir>/craftchat.sqlite
    QString uploadsDir() const;                   // <dataDir>/uploads
    QHostAddress listenAddress() const;           // "localhost" -> 127.0.0.1
    // "http://127.0.0.1:3001", with [..] around IPv6 addresses, for the given port.
    QString baseUrl(quint16 actualPort) const;
    auth::JwtSecretSettings jwtSecretSettings() const;
    // Every configured secret, for log redaction.
    QStringList secrets() const;
};

} // namespace craftchat::runtime
