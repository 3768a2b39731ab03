#include "server/runtime/serverconfigloader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include <functional>
#include <limits>
#include <vector>

namespace craftchat::runtime {

namespace {

// Parses `value` into the config; returns an empty string or what is wrong with it.
using Apply = std::function<QString(ServerConfig &, const QString &value)>;

struct OptionSpec
{
    QString name;        // without "--"
    QString environment; // variable name
    QString valueName;
    QString description;
    Apply apply;
    bool secret = false; // never repeat the value in an error message
};

QString parseInteger(const QString &value, qint64 min, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok)
        return QStringLiteral("not a whole number");
    if (number < min || number > max)
        return QStringLiteral("must be between %1 and %2").arg(min).arg(max);
    *out = number;
    return {};
}

template <typename T>
Apply integerField(T ServerConfig::*field, qint64 min, qint64 max)
{
    return [field, min, max](ServerConfig &config, const QString &value) {
        qint64 number = 0;
        QString error = parseInteger(value, min, max, &number);
        if (error.isEmpty())
            config.*field = T(number);
        return error;
    };
}

Apply textField(QString ServerConfig::*field, bool allowEmpty)
{
    return [field, allowEmpty](ServerConfig &config, const QString &value) {
        if (!allowEmpty && value.trimmed().isEmpty())
            return QStringLiteral("must not be empty");
        config.*field = allowEmpty ? value : value.trimmed();
        return QString();
    };
}

Apply boolField(bool ServerConfig::*field)
{
    return [field](ServerConfig &config, const QString &value) {
        const QString v = value.trimmed().toLower();
        if (v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes")
            || v == QLatin1String("on"))
            config.*field = true;
        else if (v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no")
                 || v == QLatin1String("off"))
            config.*field = false;
        else
            return QStringLiteral("must be true or false");
        return QString();
    };
}

QString applyPort(ServerConfig &config, const QString &value)
{
    qint64 number = 0;
    if (!parseInteger(value, 0, 65535, &number).isEmpty())
        return QStringLiteral("not a port number (0-65535; 0 picks a free port)");
    config.port = quint16(number);
    return {};
}

QString applyHost(ServerConfig &config, const QString &value)
{
    const QString host = value.trimmed();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0 && QHostAddress(host).isNull())
        return QStringLiteral("not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1) or \"localhost\"");
    config.host = host;
    return {};
}

QString applyDataDir(ServerConfig &config, const QString &value)
{
    if (value.trimmed().isEmpty())
        return QStringLiteral("must not be empty");
    config.dataDir = QDir::cleanPath(value);
    return {};
}

QString applyLifetime(ServerConfig &config, const QString &value)
{
    const auto lifetime = ServerConfigLoader::parseDuration(value);
    if (!lifetime || *lifetime > std::chrono::hours(24 * 366))
        return QStringLiteral("not a duration between 1s and 366d (e.g. 7d, 12h, 30m, 3600)");
    config.jwtLifetime = *lifetime;
    return {};
}

QString applyPasswordHash(ServerConfig &config, const QString &value)
{
    const QString name = value.trimmed().toLower();
    if (name == QLatin1String("interactive"))
        config.passwordHashLimits = auth::PasswordHashLimits::interactive();
    else if (name == QLatin1String("moderate"))
        config.passwordHashLimits = auth::PasswordHashLimits::moderate();
    else if (name == QLatin1String("minimum"))
        config.passwordHashLimits = auth::PasswordHashLimits::minimum();
    else
        return QStringLiteral("must be interactive, moderate or minimum");
    return {};
}

QString applyCorsOrigins(ServerConfig &config, const QString &value)
{
    QStringList origins;
    for (const QString &part : value.split(QLatin1Char(','))) {
        const QString origin = part.trimmed();
        if (origin.isEmpty())
            continue;
        if (origin != QLatin1String("*")) {
            const QUrl url(origin, QUrl::StrictMode);
            const bool ok = url.isValid()
                            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
                            && !url.host().isEmpty() && url.path().isEmpty() && !url.hasQuery() && !url.hasFragment()
                            && url.userInfo().isEmpty();
            if (!ok)
                return QStringLiteral("\"%1\" is not an origin like https://chat.example.com "
                                      "or http://localhost:5173 (or *)")
                    .arg(origin);
        }
        if (!origins.contains(origin))
            origins.append(origin);
    }
    config.corsOrigins = origins;
    return {};
}

QString applyLogFormat(ServerConfig &config, const QString &value)
{
    const auto format = logging::parseLogFormat(value);
    if (!format)
        return QStringLiteral("must be text or json");
    config.logFormat = *format;
    return {};
}

QString applyLogLevel(ServerConfig &config, const QString &value)
{
    const auto level = logging::parseLogLevel(value);
    if (!level)
        return QStringLiteral("must be debug, info, warning or error");
    config.logLevel = *level;
    return {};
}

QString applyAdminEmail(ServerConfig &config, const QString &value)
{
    static const QRegularExpression shape(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
    const QString email = value.trimmed();
    if (!shape.match(email).hasMatch())
        return QStringLiteral("not an email address");
    config.createAdminEmail = email;
    return {};
}

QString applyDurability(ServerConfig &config, const QString &value)
{
    const QString name = value.trimmed().toLower();
    if (name == QLatin1String("fast"))
        config.durability = Durability::Fast;
    else if (name == QLatin1String("strict"))
        config.durability = Durability::Strict;
    else
        return QStringLiteral("must be fast or strict");
    return {};
}

QString applyWalLimit(ServerConfig &config, const QString &value)
{
    qint64 megabytes = 0;
    QString error = parseInteger(value, 1, 4096, &megabytes);
    if (error.isEmpty())
        config.walLimitBytes = megabytes * 1024 * 1024;
    return error;
}

QString applyBackupFolder(ServerConfig &config, const QString &value)
{
    if (value.trimmed().isEmpty())
        return QStringLiteral("must not be empty");
    config.backupFolder = QDir::cleanPath(value);
    return {};
}

QString applyBackupInterval(ServerConfig &config, const QString &value)
{
    const auto interval = ServerConfigLoader::parseDuration(value);
    if (!interval || *interval < std::chrono::minutes(1) || *interval > std::chrono::hours(24 * 366))
        return QStringLiteral("not a duration between 1m and 366d (e.g. 1d, 12h, 30m)");
    config.backupInterval = *interval;
    return {};
}

// Registration control and brute force
QString applyRegistration(ServerConfig &config, const QString &value)
{
    const auto mode = parseRegistrationMode(value);
    if (!mode)
        return QStringLiteral("must be open, clients or invite");
    config.registration = *mode;
    return {};
}

QString applyLoginFailureWindow(ServerConfig &config, const QString &value)
{
    const auto window = ServerConfigLoader::parseDuration(value);
    if (!window || *window > std::chrono::hours(24))
        return QStringLiteral("not a duration between 1s and 24h (e.g. 900, 15m)");
    config.loginFailureWindow = *window;
    return {};
}

QString applyTrustedProxies(ServerConfig &config, const QString &value)
{
    QStringList proxies;
    for (const QString &part : value.split(QLatin1Char(','))) {
        const QString entry = part.trimmed();
        if (entry.isEmpty())
            continue;
        if (!ServerConfigLoader::isAddressOrSubnet(entry))
            return QStringLiteral("\"%1\" is not an IP address or a CIDR range like 10.0.0.0/8 or fd00::/8").arg(entry);
        if (!proxies.contains(entry))
            proxies.append(entry);
    }
    config.trustedProxies = proxies;
    return {};
}

QString withDefault(const QString &description, const QString &defaultText)
{
    return QStringLiteral("%1; default %2").arg(description, defaultText);
}

std::vector<OptionSpec> optionSpecs()
{
    const ServerConfig d;
    const auto n = [](qint64 v) { return QString::number(v); };
    return {
        {QStringLiteral("port"), QStringLiteral("CRAFTCHAT_PORT"), QStringLiteral("port"),
         withDefault(QStringLiteral("TCP port for HTTP and WebSocket, 0 for any free port"), n(d.port)), applyPort},
        {QStringLiteral("host"), QStringLiteral("CRAFTCHAT_HOST"), QStringLiteral("address"),
         withDefault(QStringLiteral("Address to listen on (0.0.0.0 serves the network)"), d.host), applyHost},
        {QStringLiteral("data-dir"), QStringLiteral("CRAFTCHAT_DATA_DIR"), QStringLiteral("dir"),
         withDefault(QStringLiteral("Directory for the database, uploads and the generated JWT secret"),
                     ServerConfigLoader::defaultDataDir()),
         applyDataDir},
        {QStringLiteral("jwt-secret"), QStringLiteral("CRAFTCHAT_JWT_SECRET"), QStringLiteral("text"),
         QStringLiteral("HS256 secret for tokens (prefer the variable or --jwt-secret-file: "
                        "arguments are visible to other users); default: generated once into "
                        "<data-dir>/jwt-secret"),
         textField(&ServerConfig::jwtSecret, true), true},
        {QStringLiteral("jwt-secret-file"), QStringLiteral("CRAFTCHAT_JWT_SECRET_FILE"), QStringLiteral("file"),
         QStringLiteral("File holding the HS256 secret"), textField(&ServerConfig::jwtSecretFile, true)},
        {QStringLiteral("jwt-lifetime"), QStringLiteral("CRAFTCHAT_JWT_LIFETIME"), QStringLiteral("duration"),
         QStringLiteral("Token lifetime: 7d, 12h, 30m, 45s or seconds; default 12h"), applyLifetime},
        {QStringLiteral("password-hash"), QStringLiteral("CRAFTCHAT_PASSWORD_HASH"), QStringLiteral("cost"),
         QStringLiteral("argon2id cost of new password hashes: interactive (64 MiB), moderate "
                        "(256 MiB) or minimum (weak: tests and benchmarks only); default "
                        "interactive"),
         applyPasswordHash},
        {QStringLiteral("cors-origins"), QStringLiteral("CRAFTCHAT_CORS_ORIGINS"), QStringLiteral("list"),
         QStringLiteral("Comma-separated origins allowed by CORS (or *); default none "
                        "(same-origin only)"),
         applyCorsOrigins},
        {QStringLiteral("rate-limit"), QStringLiteral("CRAFTCHAT_RATE_LIMIT_PER_MIN"), QStringLiteral("n"),
         withDefault(QStringLiteral("Stored messages per user in any 60 s"), n(d.rateLimitPerMinute)),
         integerField(&ServerConfig::rateLimitPerMinute, 1, 1'000'000)},
        {QStringLiteral("max-sockets-per-user"), QStringLiteral("CRAFTCHAT_MAX_SOCKETS_PER_USER"), QStringLiteral("n"),
         withDefault(QStringLiteral("Simultaneous sockets per user"), n(d.maxSocketsPerUser)),
         integerField(&ServerConfig::maxSocketsPerUser, 1, 10'000)},
        {QStringLiteral("ping-interval"), QStringLiteral("CRAFTCHAT_PING_INTERVAL_MS"), QStringLiteral("ms"),
         withDefault(QStringLiteral("Engine.IO ping interval in ms"), n(d.pingIntervalMs)),
         integerField(&ServerConfig::pingIntervalMs, 10, 3'600'000)},
        {QStringLiteral("ping-timeout"), QStringLiteral("CRAFTCHAT_PING_TIMEOUT_MS"), QStringLiteral("ms"),
         withDefault(QStringLiteral("Engine.IO ping timeout in ms"), n(d.pingTimeoutMs)),
         integerField(&ServerConfig::pingTimeoutMs, 10, 3'600'000)},
        {QStringLiteral("max-payload"), QStringLiteral("CRAFTCHAT_MAX_PAYLOAD"), QStringLiteral("bytes"),
         withDefault(QStringLiteral("Engine.IO maxPayload in bytes"), n(d.maxPayloadBytes)),
         integerField(&ServerConfig::maxPayloadBytes, 1, 100'000'000)},
        {QStringLiteral("max-upload-bytes"), QStringLiteral("CRAFTCHAT_MAX_UPLOAD_BYTES"), QStringLiteral("bytes"),
         withDefault(QStringLiteral("Largest accepted upload (any file type)"), n(d.maxUploadBytes)),
         integerField(&ServerConfig::maxUploadBytes, 1, 1024 * 1024 * 1024)},
        {QStringLiteral("edit-window"), QStringLiteral("CRAFTCHAT_EDIT_WINDOW_SECONDS"), QStringLiteral("seconds"),
         withDefault(QStringLiteral("How long after sending a text message its sender may edit it"),
                     n(d.editWindowSeconds)),
         integerField(&ServerConfig::editWindowSeconds, 0, qint64(100) * 365 * 24 * 3600)},
        // Hostile input: transport and uploads
        {QStringLiteral("connect-timeout"), QStringLiteral("CRAFTCHAT_CONNECT_TIMEOUT_MS"), QStringLiteral("ms"),
         withDefault(QStringLiteral("A connection that has not sent its Socket.IO CONNECT within this many ms "
                                    "is closed"),
                     n(d.connectTimeoutMs)),
         integerField(&ServerConfig::connectTimeoutMs, 10, 3'600'000)},
        {QStringLiteral("recovery-window"), QStringLiteral("CRAFTCHAT_RECOVERY_WINDOW_MS"), QStringLiteral("ms"),
         withDefault(QStringLiteral("Socket.IO connection state recovery: a client whose transport failed gets "
                                    "its socket, rooms and missed events back if it reconnects within this "
                                    "many ms; 0 turns recovery off"),
                     n(d.recoveryWindowMs)),
         integerField(&ServerConfig::recoveryWindowMs, 0, 3'600'000)},
        {QStringLiteral("max-connections-per-address"), QStringLiteral("CRAFTCHAT_MAX_CONNECTIONS_PER_ADDRESS"),
         QStringLiteral("n"),
         withDefault(QStringLiteral("Open connections (HTTP and WebSocket) from one IP address, more are closed "
                                    "at once; 0 for no cap (load tests from one address)"),
                     n(d.maxConnectionsPerAddress)),
         integerField(&ServerConfig::maxConnectionsPerAddress, 0, 10'000'000)},
        {QStringLiteral("max-connections"), QStringLiteral("CRAFTCHAT_MAX_CONNECTIONS"), QStringLiteral("n"),
         withDefault(QStringLiteral("Open connections in all, more are closed at once; 0 for no cap"),
                     n(d.maxConnections)),
         integerField(&ServerConfig::maxConnections, 0, 10'000'000)},
        {QStringLiteral("max-total-queued-bytes"), QStringLiteral("CRAFTCHAT_MAX_TOTAL_QUEUED_BYTES"),
         QStringLiteral("bytes"),
         withDefault(QStringLiteral("Output waiting for all WebSocket peers together; beyond it peers that do not "
                                    "read are dropped; 0 for no bound"),
                     n(d.maxTotalQueuedBytes)),
         integerField(&ServerConfig::maxTotalQueuedBytes, 0, std::numeric_limits<qint64>::max())},
        {QStringLiteral("max-uploads-per-hour"), QStringLiteral("CRAFTCHAT_MAX_UPLOADS_PER_HOUR"), QStringLiteral("n"),
         withDefault(QStringLiteral("Uploads per user in any 60 minutes (429 beyond)"), n(d.maxUploadsPerHour)),
         integerField(&ServerConfig::maxUploadsPerHour, 1, 1'000'000)},
        {QStringLiteral("max-upload-bytes-per-hour"), QStringLiteral("CRAFTCHAT_MAX_UPLOAD_BYTES_PER_HOUR"),
         QStringLiteral("bytes"),
         withDefault(QStringLiteral("Upload bytes per user in any 60 minutes (429 beyond)"),
                     n(d.maxUploadBytesPerHour)),
         integerField(&ServerConfig::maxUploadBytesPerHour, 1, std::numeric_limits<qint64>::max())},
        {QStringLiteral("upload-quota-bytes"), QStringLiteral("CRAFTCHAT_UPLOAD_QUOTA_BYTES"), QStringLiteral("bytes"),
         withDefault(QStringLiteral("Stored upload bytes per user (429 beyond)"), n(d.uploadQuotaBytes)),
         integerField(&ServerConfig::uploadQuotaBytes, 1, std::numeric_limits<qint64>::max())},
        {QStringLiteral("min-free-disk-bytes"), QStringLiteral("CRAFTCHAT_MIN_FREE_DISK_BYTES"),
         QStringLiteral("bytes"),
         withDefault(QStringLiteral("Uploads and registrations are refused (507) while less is free; "
                                    "messages still flow; 0 for no floor"),
                     n(d.minFreeDiskBytes)),
         integerField(&ServerConfig::minFreeDiskBytes, 0, std::numeric_limits<qint64>::max())},
        {QStringLiteral("metrics-token"), QStringLiteral("CRAFTCHAT_METRICS_TOKEN"), QStringLiteral("token"),
         QStringLiteral("Bearer token that may read /metrics besides admins; default none"),
         textField(&ServerConfig::metricsToken, true), true},
        // Hostile input: accounts and abuse
        {QStringLiteral("password-hash-threads"), QStringLiteral("CRAFTCHAT_PASSWORD_HASH_THREADS"),
         QStringLiteral("n"), QStringLiteral("Threads that hash and verify passwords; default 0 (one per core)"),
         integerField(&ServerConfig::passwordHashThreads, 0, 256)},
        {QStringLiteral("password-hash-queue"), QStringLiteral("CRAFTCHAT_PASSWORD_HASH_QUEUE"), QStringLiteral("n"),
         withDefault(QStringLiteral("Password hashing jobs waiting or running; register, login and "
                                    "password change beyond that get 503 BUSY with Retry-After"),
                     n(d.passwordHashQueue)),
         integerField(&ServerConfig::passwordHashQueue, 1, 10'000)},
        {QStringLiteral("register-rate-limit"), QStringLiteral("CRAFTCHAT_REGISTER_RATE_LIMIT"), QStringLiteral("n"),
         withDefault(QStringLiteral("Registrations per remote address in any hour (0: no limit); "
                                    "over it 429 RATE_LIMIT"),
                     n(d.registrationsPerHour)),
         integerField(&ServerConfig::registrationsPerHour, 0, 1'000'000)},
        {QStringLiteral("chat-create-rate-limit"), QStringLiteral("CRAFTCHAT_CHAT_CREATE_RATE_LIMIT"),
         QStringLiteral("n"),
         withDefault(QStringLiteral("Chats a client may create in any hour (0: no limit)"), n(d.chatCreationsPerHour)),
         integerField(&ServerConfig::chatCreationsPerHour, 0, 1'000'000)},
        {QStringLiteral("job-create-rate-limit"), QStringLiteral("CRAFTCHAT_JOB_CREATE_RATE_LIMIT"),
         QStringLiteral("n"),
         withDefault(QStringLiteral("Jobs a client may create in any hour (0: no limit)"), n(d.jobCreationsPerHour)),
         integerField(&ServerConfig::jobCreationsPerHour, 0, 1'000'000)},
        {QStringLiteral("rate-limit-loopback"), QStringLiteral("CRAFTCHAT_RATE_LIMIT_LOOPBACK"), QStringLiteral("bool"),
         QStringLiteral("Limit registrations from loopback addresses too (set it behind a reverse "
                        "proxy on the same host); default false"),
         boolField(&ServerConfig::rateLimitLoopback)},
        {QStringLiteral("socket-event-rate"), QStringLiteral("CRAFTCHAT_SOCKET_EVENT_RATE"), QStringLiteral("n"),
         withDefault(QStringLiteral("typing and join-chat events per socket and second, each (0: no "
                                    "limit); over it dropped with one error RATE_LIMIT per second"),
                     n(d.socketEventsPerSecond)),
         integerField(&ServerConfig::socketEventsPerSecond, 0, 1'000'000)},
        {QStringLiteral("socket-event-burst"), QStringLiteral("CRAFTCHAT_SOCKET_EVENT_BURST"), QStringLiteral("n"),
         withDefault(QStringLiteral("Burst allowed above --socket-event-rate"), n(d.socketEventBurst)),
         integerField(&ServerConfig::socketEventBurst, 1, 1'000'000)},
        // Registration control and brute force
        {QStringLiteral("registration"), QStringLiteral("CRAFTCHAT_REGISTRATION"), QStringLiteral("mode"),
         QStringLiteral("Who may register: open (anyone), clients (clients freely, craftsmen with an "
                        "invitation) or invite (every account needs an invitation); default open"),
         applyRegistration},
        {QStringLiteral("login-failures-per-account"), QStringLiteral("CRAFTCHAT_LOGIN_FAILURES_PER_ACCOUNT"),
         QStringLiteral("n"),
         withDefault(QStringLiteral("Failed logins of one email within --login-failure-window before 429 "
                                    "LOGIN_THROTTLED (0: no limit)"),
                     n(d.loginFailuresPerAccount)),
         integerField(&ServerConfig::loginFailuresPerAccount, 0, 1'000'000)},
        {QStringLiteral("login-failures-per-address"), QStringLiteral("CRAFTCHAT_LOGIN_FAILURES_PER_ADDRESS"),
         QStringLiteral("n"),
         withDefault(QStringLiteral("Failed logins from one client address within --login-failure-window "
                                    "before 429 LOGIN_THROTTLED (0: no limit)"),
                     n(d.loginFailuresPerAddress)),
         integerField(&ServerConfig::loginFailuresPerAddress, 0, 1'000'000)},
        {QStringLiteral("login-failure-window"), QStringLiteral("CRAFTCHAT_LOGIN_FAILURE_WINDOW"),
         QStringLiteral("seconds"),
         withDefault(QStringLiteral("The window in which failed logins count (seconds, or 15m)"),
                     n(d.loginFailureWindow.count())),
         applyLoginFailureWindow},
        {QStringLiteral("trusted-proxies"), QStringLiteral("CRAFTCHAT_TRUSTED_PROXIES"), QStringLiteral("list"),
         QStringLiteral("Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For "
                        "names the client; default none (the header is ignored)"),
         applyTrustedProxies},
        // TLS (issue 14)
        {QStringLiteral("tls-cert"), QStringLiteral("CRAFTCHAT_TLS_CERT"), QStringLiteral("file"),
         QStringLiteral("PEM certificate (the chain may follow it) for HTTPS and WSS on the same port; needs "
                        "--tls-key; both are read again on SIGHUP; default none (plain HTTP)"),
         textField(&ServerConfig::tlsCertificateFile, false)},
        {QStringLiteral("tls-key"), QStringLiteral("CRAFTCHAT_TLS_KEY"), QStringLiteral("file"),
         QStringLiteral("PEM private key (EC or RSA, unencrypted) of --tls-cert"),
         textField(&ServerConfig::tlsKeyFile, false)},
        // Storage and backups
        {QStringLiteral("durability"), QStringLiteral("CRAFTCHAT_DURABILITY"), QStringLiteral("mode"),
         QStringLiteral("fast (a commit survives a crash of the server) or strict (every commit is "
                        "fsynced and survives a power cut; slower); default fast"),
         applyDurability},
        {QStringLiteral("wal-limit-mb"), QStringLiteral("CRAFTCHAT_WAL_LIMIT_MB"), QStringLiteral("MB"),
         withDefault(QStringLiteral("Size of the write-ahead log at which writes pause for one "
                                    "checkpoint and the log starts over"),
                     n(d.walLimitBytes / (1024 * 1024))),
         applyWalLimit},
        {QStringLiteral("backup-folder"), QStringLiteral("CRAFTCHAT_BACKUP_FOLDER"), QStringLiteral("dir"),
         QStringLiteral("Folder for scheduled backups (a USB disk, a network share); default none "
                        "(no scheduled backups)"),
         applyBackupFolder},
        {QStringLiteral("backup-interval"), QStringLiteral("CRAFTCHAT_BACKUP_INTERVAL"), QStringLiteral("duration"),
         QStringLiteral("Time between scheduled backups: 1d, 12h, 30m; default 1d"), applyBackupInterval},
        {QStringLiteral("backup-keep"), QStringLiteral("CRAFTCHAT_BACKUP_KEEP"), QStringLiteral("n"),
         withDefault(QStringLiteral("Scheduled backups kept in the folder (older ones are deleted)"), n(d.backupKeep)),
         integerField(&ServerConfig::backupKeep, 1, 1000)},
        {QStringLiteral("log-format"), QStringLiteral("CRAFTCHAT_LOG_FORMAT"), QStringLiteral("format"),
         QStringLiteral("Log lines on stderr: text or json; default text"), applyLogFormat},
        {QStringLiteral("log-level"), QStringLiteral("CRAFTCHAT_LOG_LEVEL"), QStringLiteral("level"),
         QStringLiteral("debug, info, warning or error; default info"), applyLogLevel},
        {QStringLiteral("create-admin"), QStringLiteral("CRAFTCHAT_CREATE_ADMIN"), QStringLiteral("email"),
         QStringLiteral("Create (or reset) this admin account and exit; the password comes from "
                        "CRAFTCHAT_ADMIN_PASSWORD or is asked on the terminal"),
         applyAdminEmail},
        {QStringLiteral("admin-name"), QStringLiteral("CRAFTCHAT_ADMIN_NAME"), QStringLiteral("name"),
         withDefault(QStringLiteral("Full name for --create-admin"), d.adminName),
         textField(&ServerConfig::adminName, false)},
    };
}

void setUpParser(QCommandLineParser &parser, const std::vector<OptionSpec> &specs)
{
    parser.setApplicationDescription(
        QStringLiteral("CraftChat server: Socket.IO v5 / Engine.IO v4 chat with an HTTP API on one port.\n"
                       "Every option can also be set by the environment variable named in brackets; the "
                       "command line wins.\nCRAFTCHAT_ADMIN_PASSWORD gives the --create-admin password."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const OptionSpec &spec : specs) {
        parser.addOption(QCommandLineOption(
            spec.name, QStringLiteral("%1 [%2]").arg(spec.description, spec.environment), spec.valueName));
    }
    // Actions of the command line only (an environment variable would repeat them at every
    // start).
    parser.addOption(
        QCommandLineOption(QStringLiteral("backup"),
                           QStringLiteral("Write a backup of the data directory into this folder and exit (works while "
                                          "a server runs on it)"),
                           QStringLiteral("dir")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("restore"),
                           QStringLiteral("Restore this backup file into the data directory, which must be empty or "
                                          "missing, and exit"),
                           QStringLiteral("file")));
    // Registration control
    parser.addOption(QCommandLineOption(QStringLiteral("create-invitation"),
                                        QStringLiteral("Print a new single-use invitation code for this role "
                                                       "(client or craftsman) and exit"),
                                        QStringLiteral("role")));
    parser.addOption(QCommandLineOption(QStringLiteral("invitation-hours"),
                                        QStringLiteral("Hours until the --create-invitation code expires (1-720); "
                                                       "default 168"),
                                        QStringLiteral("n")));
    parser.addHelpOption();
    parser.addVersionOption();
}

} // namespace

bool ServerConfigLoader::isAddressOrSubnet(const QString &text)
{
    const QString entry = text.trimmed();
    const qsizetype slash = entry.indexOf(QLatin1Char('/'));
    const QString addressText = slash < 0 ? entry : entry.left(slash);
    const QHostAddress address(addressText);
    if (address.isNull())
        return false;
    // Qt reads "192.168" as 192.0.0.168: only the dotted quad counts as an IPv4 address.
    if (address.protocol() == QAbstractSocket::IPv4Protocol && addressText.count(QLatin1Char('.')) != 3)
        return false;
    if (slash < 0)
        return true;
    bool ok = false;
    const int length = entry.mid(slash + 1).toInt(&ok);
    const int bits = address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
    return ok && length >= 0 && length <= bits && QHostAddress::parseSubnet(entry).second == length;
}

QString ServerConfigLoader::defaultDataDir()
{
    const QString location = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return location.isEmpty() ? QStringLiteral("./data") : location;
}

std::optional<std::chrono::seconds> ServerConfigLoader::parseDuration(const QString &text)
{
    static const QRegularExpression shape(QStringLiteral("^(\\d{1,12})([smhd]?)$"));
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 amount = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    qint64 factor = 1;
    if (unit == QLatin1String("m"))
        factor = 60;
    else if (unit == QLatin1String("h"))
        factor = 3600;
    else if (unit == QLatin1String("d"))
        factor = 86400;
    if (amount <= 0)
        return std::nullopt;
    return std::chrono::seconds(amount * factor);
}

QString ServerConfigLoader::helpText()
{
    QCommandLineParser parser;
    setUpParser(parser, optionSpecs());
    return parser.helpText();
}

ServerConfigLoader::Result ServerConfigLoader::load(const QStringList &arguments,
                                                    const QProcessEnvironment &environment)
{
    const std::vector<OptionSpec> specs = optionSpecs();
    QCommandLineParser parser;
    setUpParser(parser, specs);

    if (!parser.parse(arguments))
        return Error<LoadError>{LoadError::BadArguments, parser.errorText()};
    if (parser.isSet(QStringLiteral("help")))
        return Loaded{Outcome::ShowHelp, {}, parser.helpText()};
    if (parser.isSet(QStringLiteral("version")))
        return Loaded{
            Outcome::ShowVersion, {}, QStringLiteral("craftchat-server %1").arg(QStringLiteral(CRAFTCHAT_VERSION))};
    if (!parser.positionalArguments().isEmpty()) {
        return Error<LoadError>{
            LoadError::BadArguments,
            QStringLiteral("Unexpected argument: %1").arg(parser.positionalArguments().constFirst())};
    }

    ServerConfig config;
    config.dataDir = defaultDataDir();
    for (const OptionSpec &spec : specs) {
        QString value;
        QString source;
        if (parser.isSet(spec.name)) {
            const QStringList values = parser.values(spec.name);
            if (values.size() > 1)
                return Error<LoadError>{LoadError::BadArguments,
                                        QStringLiteral("--%1 given more than once").arg(spec.name)};
            value = values.constFirst();
            source = QStringLiteral("--%1").arg(spec.name);
        } else if (!environment.value(spec.environment).isEmpty()) {
            value = environment.value(spec.environment);
            source = QStringLiteral("%1 (the environment variable of --%2)").arg(spec.environment, spec.name);
        } else {
            continue;
        }
        const QString problem = spec.apply(config, value);
        if (!problem.isEmpty()) {
            const QString shown = spec.secret ? QString() : QStringLiteral(" \"%1\"").arg(value);
            return Error<LoadError>{LoadError::BadValue,
                                    QStringLiteral("Invalid value for %1%2: %3").arg(source, shown, problem)};
        }
    }
    config.adminPassword = environment.value(QStringLiteral("CRAFTCHAT_ADMIN_PASSWORD"));
    if (config.tlsCertificateFile.isEmpty() != config.tlsKeyFile.isEmpty()) {
        return Error<LoadError>{LoadError::BadArguments,
                                QStringLiteral("--tls-cert and --tls-key (CRAFTCHAT_TLS_CERT, CRAFTCHAT_TLS_KEY) "
                                               "go together: give both or neither")};
    }

    for (const QString &name : {QStringLiteral("backup"), QStringLiteral("restore")}) {
        if (parser.values(name).size() > 1)
            return Error<LoadError>{LoadError::BadArguments, QStringLiteral("--%1 given more than once").arg(name)};
        if (parser.isSet(name) && parser.value(name).trimmed().isEmpty())
            return Error<LoadError>{LoadError::BadValue,
                                    QStringLiteral("Invalid value for --%1: must not be empty").arg(name)};
    }
    // Registration control
    for (const QString &name : {QStringLiteral("create-invitation"), QStringLiteral("invitation-hours")}) {
        if (parser.values(name).size() > 1)
            return Error<LoadError>{LoadError::BadArguments, QStringLiteral("--%1 given more than once").arg(name)};
    }
    if (parser.isSet(QStringLiteral("create-invitation"))) {
        const QString role = parser.value(QStringLiteral("create-invitation")).trimmed().toLower();
        if (role != QLatin1String("client") && role != QLatin1String("craftsman"))
            return Error<LoadError>{LoadError::BadValue,
                                    QStringLiteral("Invalid value for --create-invitation \"%1\": must be client or "
                                                   "craftsman")
                                        .arg(parser.value(QStringLiteral("create-invitation")))};
        config.createInvitationRole = role;
    }
    if (parser.isSet(QStringLiteral("invitation-hours"))) {
        qint64 hours = 0;
        const QString value = parser.value(QStringLiteral("invitation-hours"));
        const QString problem = parseInteger(value, 1, 720, &hours);
        if (!problem.isEmpty())
            return Error<LoadError>{
                LoadError::BadValue,
                QStringLiteral("Invalid value for --invitation-hours \"%1\": %2").arg(value, problem)};
        if (config.createInvitationRole.isEmpty())
            return Error<LoadError>{LoadError::BadArguments,
                                    QStringLiteral("--invitation-hours only goes with --create-invitation")};
        config.invitationHours = int(hours);
    }
    const int actions = int(parser.isSet(QStringLiteral("backup"))) + int(parser.isSet(QStringLiteral("restore")))
                        + int(!config.createAdminEmail.isEmpty()) + int(!config.createInvitationRole.isEmpty());
    if (actions > 1) {
        return Error<LoadError>{
            LoadError::BadArguments,
            QStringLiteral("--backup, --restore, --create-admin and --create-invitation cannot be combined")};
    }
    if (!config.createInvitationRole.isEmpty())
        return Loaded{Outcome::CreateInvitation, config, {}};
    if (parser.isSet(QStringLiteral("backup"))) {
        config.backupTarget = QDir::cleanPath(parser.value(QStringLiteral("backup")));
        return Loaded{Outcome::Backup, config, {}};
    }
    if (parser.isSet(QStringLiteral("restore"))) {
        config.restoreFile = QDir::cleanPath(parser.value(QStringLiteral("restore")));
        return Loaded{Outcome::Restore, config, {}};
    }
    return Loaded{config.createAdminEmail.isEmpty() ? Outcome::Run : Outcome::CreateAdmin, config, {}};
}

} // namespace craftchat::runtime
