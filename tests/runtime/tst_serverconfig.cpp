// ServerConfigLoader: defaults < environment < command line for every option, and clear
// errors for invalid values.
#include "server/runtime/serverconfigloader.h"

#include <QtTest>

using namespace craftchat::runtime;
using namespace craftchat::logging;
using Outcome = ServerConfigLoader::Outcome;

namespace {

// The option's field rendered as text, independently of the loader's own code.
QString fieldText(const ServerConfig &c, const QString &option)
{
    if (option == QLatin1String("port"))
        return QString::number(c.port);
    if (option == QLatin1String("host"))
        return c.host;
    if (option == QLatin1String("data-dir"))
        return c.dataDir;
    if (option == QLatin1String("jwt-secret"))
        return c.jwtSecret;
    if (option == QLatin1String("jwt-secret-file"))
        return c.jwtSecretFile;
    if (option == QLatin1String("jwt-lifetime"))
        return QString::number(c.jwtLifetime.count());
    if (option == QLatin1String("password-hash")) {
        using craftchat::auth::PasswordHashLimits;
        const auto same = [&c](const PasswordHashLimits &l) {
            return c.passwordHashLimits.opsLimit == l.opsLimit && c.passwordHashLimits.memLimit == l.memLimit;
        };
        if (same(PasswordHashLimits::interactive()))
            return QStringLiteral("interactive");
        if (same(PasswordHashLimits::moderate()))
            return QStringLiteral("moderate");
        if (same(PasswordHashLimits::minimum()))
            return QStringLiteral("minimum");
        return QStringLiteral("other");
    }
    if (option == QLatin1String("cors-origins"))
        return c.corsOrigins.join(QLatin1Char('|'));
    if (option == QLatin1String("rate-limit"))
        return QString::number(c.rateLimitPerMinute);
    if (option == QLatin1String("max-sockets-per-user"))
        return QString::number(c.maxSocketsPerUser);
    if (option == QLatin1String("ping-interval"))
        return QString::number(c.pingIntervalMs);
    if (option == QLatin1String("ping-timeout"))
        return QString::number(c.pingTimeoutMs);
    if (option == QLatin1String("max-payload"))
        return QString::number(c.maxPayloadBytes);
    if (option == QLatin1String("max-upload-bytes"))
        return QString::number(c.maxUploadBytes);
    if (option == QLatin1String("connect-timeout"))
        return QString::number(c.connectTimeoutMs);
    if (option == QLatin1String("max-connections-per-address"))
        return QString::number(c.maxConnectionsPerAddress);
    if (option == QLatin1String("max-connections"))
        return QString::number(c.maxConnections);
    if (option == QLatin1String("max-total-queued-bytes"))
        return QString::number(c.maxTotalQueuedBytes);
    if (option == QLatin1String("max-uploads-per-hour"))
        return QString::number(c.maxUploadsPerHour);
    if (option == QLatin1String("max-upload-bytes-per-hour"))
        return QString::number(c.maxUploadBytesPerHour);
    if (option == QLatin1String("upload-quota-bytes"))
        return QString::number(c.uploadQuotaBytes);
    if (option == QLatin1String("min-free-disk-bytes"))
        return QString::number(c.minFreeDiskBytes);
    if (option == QLatin1String("metrics-token"))
        return c.metricsToken;
    if (option == QLatin1String("log-format"))
        return logFormatName(c.logFormat);
    if (option == QLatin1String("log-level"))
        return logLevelName(c.logLevel);
    if (option == QLatin1String("create-admin"))
        return c.createAdminEmail;
    if (option == QLatin1String("admin-name"))
        return c.adminName;
    if (option == QLatin1String("password-hash-threads"))
        return QString::number(c.passwordHashThreads);
    if (option == QLatin1String("password-hash-queue"))
        return QString::number(c.passwordHashQueue);
    if (option == QLatin1String("register-rate-limit"))
        return QString::number(c.registrationsPerHour);
    if (option == QLatin1String("chat-create-rate-limit"))
        return QString::number(c.chatCreationsPerHour);
    if (option == QLatin1String("job-create-rate-limit"))
        return QString::number(c.jobCreationsPerHour);
    if (option == QLatin1String("rate-limit-loopback"))
        return c.rateLimitLoopback ? QStringLiteral("true") : QStringLiteral("false");
    if (option == QLatin1String("socket-event-rate"))
        return QString::number(c.socketEventsPerSecond);
    if (option == QLatin1String("socket-event-burst"))
        return QString::number(c.socketEventBurst);
    if (option == QLatin1String("edit-window"))
        return QString::number(c.editWindowSeconds);
    if (option == QLatin1String("min-free-disk-bytes"))
        return QString::number(c.minFreeDiskBytes);
    if (option == QLatin1String("durability"))
        return c.durability == craftchat::runtime::Durability::Strict ? QStringLiteral("strict")
                                                                      : QStringLiteral("fast");
    if (option == QLatin1String("wal-limit-mb"))
        return QString::number(c.walLimitBytes / (1024 * 1024));
    if (option == QLatin1String("backup-folder"))
        return c.backupFolder;
    if (option == QLatin1String("backup-interval"))
        return QString::number(c.backupInterval.count());
    if (option == QLatin1String("backup-keep"))
        return QString::number(c.backupKeep);
    if (option == QLatin1String("registration"))
        return registrationModeName(c.registration);
    if (option == QLatin1String("login-failures-per-account"))
        return QString::number(c.loginFailuresPerAccount);
    if (option == QLatin1String("login-failures-per-address"))
        return QString::number(c.loginFailuresPerAddress);
    if (option == QLatin1String("login-failure-window"))
        return QString::number(c.loginFailureWindow.count());
    if (option == QLatin1String("trusted-proxies"))
        return c.trustedProxies.join(QLatin1Char('|'));
    return QStringLiteral("<unknown option %1>").arg(option);
}

QStringList args(const QStringList &rest)
{
    return QStringList{QStringLiteral("craftchat-server")} + rest;
}

QProcessEnvironment env(const QList<std::pair<QString, QString>> &values)
{
    QProcessEnvironment e;
    for (const auto &[name, value] : values)
        e.insert(name, value);
    return e;
}

} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The default data directory comes from QStandardPaths: the test's own, never the
        // user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(QStringLiteral("craftchat-server"));
    }

    void precedence_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("defaultValue");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QString>("envExpected");
        QTest::addColumn<QString>("cliValue");
        QTest::addColumn<QString>("cliExpected");

        const auto row = [](const char *option, const char *variable, const QString &def, const char *envValue,
                            const char *envExpected, const char *cliValue, const char *cliExpected) {
            QTest::newRow(option) << QString::fromUtf8(option) << QString::fromUtf8(variable) << def
                                  << QString::fromUtf8(envValue) << QString::fromUtf8(envExpected)
                                  << QString::fromUtf8(cliValue) << QString::fromUtf8(cliExpected);
        };
        row("port", "CRAFTCHAT_PORT", "3001", "4000", "4000", "0", "0");
        row("host", "CRAFTCHAT_HOST", "127.0.0.1", "0.0.0.0", "0.0.0.0", "::1", "::1");
        row("data-dir", "CRAFTCHAT_DATA_DIR", ServerConfigLoader::defaultDataDir(), "/tmp/env-data", "/tmp/env-data",
            "/tmp/cli-data/", "/tmp/cli-data");
        row("jwt-secret", "CRAFTCHAT_JWT_SECRET", "", "env-secret", "env-secret", "cli-secret", "cli-secret");
        row("jwt-secret-file", "CRAFTCHAT_JWT_SECRET_FILE", "", "/run/secrets/env", "/run/secrets/env",
            "/run/secrets/cli", "/run/secrets/cli");
        row("jwt-lifetime", "CRAFTCHAT_JWT_LIFETIME", "43200", "7d", "604800", "90", "90");
        row("password-hash", "CRAFTCHAT_PASSWORD_HASH", "interactive", "Moderate", "moderate", "minimum", "minimum");
        row("cors-origins", "CRAFTCHAT_CORS_ORIGINS", "", "https://a.example, http://localhost:5173",
            "https://a.example|http://localhost:5173", "*", "*");
        row("rate-limit", "CRAFTCHAT_RATE_LIMIT_PER_MIN", "30", "60", "60", "5", "5");
        row("max-sockets-per-user", "CRAFTCHAT_MAX_SOCKETS_PER_USER", "5", "10", "10", "1", "1");
        row("ping-interval", "CRAFTCHAT_PING_INTERVAL_MS", "25000", "1000", "1000", "200", "200");
        row("ping-timeout", "CRAFTCHAT_PING_TIMEOUT_MS", "20000", "5000", "5000", "300", "300");
        row("max-payload", "CRAFTCHAT_MAX_PAYLOAD", "1000000", "2048", "2048", "100000", "100000");
        row("max-upload-bytes", "CRAFTCHAT_MAX_UPLOAD_BYTES", "26214400", "1048576", "1048576", "10", "10");
        row("connect-timeout", "CRAFTCHAT_CONNECT_TIMEOUT_MS", "10000", "2000", "2000", "500", "500");
        row("max-connections-per-address", "CRAFTCHAT_MAX_CONNECTIONS_PER_ADDRESS", "256", "0", "0", "8", "8");
        row("max-connections", "CRAFTCHAT_MAX_CONNECTIONS", "20000", "100", "100", "0", "0");
        row("max-total-queued-bytes", "CRAFTCHAT_MAX_TOTAL_QUEUED_BYTES", "1073741824", "0", "0", "99999999",
            "99999999");
        row("max-uploads-per-hour", "CRAFTCHAT_MAX_UPLOADS_PER_HOUR", "60", "5", "5", "1", "1");
        row("max-upload-bytes-per-hour", "CRAFTCHAT_MAX_UPLOAD_BYTES_PER_HOUR", "524288000", "1000", "1000", "10",
            "10");
        row("upload-quota-bytes", "CRAFTCHAT_UPLOAD_QUOTA_BYTES", "2147483648", "1000", "1000", "10", "10");
        row("min-free-disk-bytes", "CRAFTCHAT_MIN_FREE_DISK_BYTES", "1073741824", "0", "0", "5", "5");
        row("metrics-token", "CRAFTCHAT_METRICS_TOKEN", "", "env-token", "env-token", "cli-token", "cli-token");
        row("log-format", "CRAFTCHAT_LOG_FORMAT", "text", "JSON", "json", "text", "text");
        row("log-level", "CRAFTCHAT_LOG_LEVEL", "info", "warn", "warning", "debug", "debug");
        row("create-admin", "CRAFTCHAT_CREATE_ADMIN", "", "env@example.test", "env@example.test", "cli@example.test",
            "cli@example.test");
        row("admin-name", "CRAFTCHAT_ADMIN_NAME", "Administrator", "Env Admin", "Env Admin", "Cli Admin", "Cli Admin");
        // Hostile input: accounts and abuse
        row("password-hash-threads", "CRAFTCHAT_PASSWORD_HASH_THREADS", "0", "2", "2", "1", "1");
        row("password-hash-queue", "CRAFTCHAT_PASSWORD_HASH_QUEUE", "8", "16", "16", "1", "1");
        row("register-rate-limit", "CRAFTCHAT_REGISTER_RATE_LIMIT", "5", "0", "0", "50", "50");
        row("chat-create-rate-limit", "CRAFTCHAT_CHAT_CREATE_RATE_LIMIT", "30", "10", "10", "0", "0");
        row("job-create-rate-limit", "CRAFTCHAT_JOB_CREATE_RATE_LIMIT", "30", "10", "10", "0", "0");
        row("rate-limit-loopback", "CRAFTCHAT_RATE_LIMIT_LOOPBACK", "false", "Yes", "true", "0", "false");
        row("socket-event-rate", "CRAFTCHAT_SOCKET_EVENT_RATE", "10", "50", "50", "0", "0");
        row("socket-event-burst", "CRAFTCHAT_SOCKET_EVENT_BURST", "20", "5", "5", "100", "100");
        row("edit-window", "CRAFTCHAT_EDIT_WINDOW_SECONDS", "172800", "3600", "3600", "0", "0");
        row("min-free-disk-bytes", "CRAFTCHAT_MIN_FREE_DISK_BYTES", "1073741824", "0", "0", "5000", "5000");
        // Registration control and brute force
        row("registration", "CRAFTCHAT_REGISTRATION", "open", "Invite", "invite", "clients", "clients");
        row("login-failures-per-account", "CRAFTCHAT_LOGIN_FAILURES_PER_ACCOUNT", "5", "10", "10", "0", "0");
        row("login-failures-per-address", "CRAFTCHAT_LOGIN_FAILURES_PER_ADDRESS", "30", "100", "100", "3", "3");
        row("login-failure-window", "CRAFTCHAT_LOGIN_FAILURE_WINDOW", "900", "1h", "3600", "60", "60");
        row("trusted-proxies", "CRAFTCHAT_TRUSTED_PROXIES", "", "127.0.0.1, ::1", "127.0.0.1|::1",
            "10.0.0.0/8,fd00::/8", "10.0.0.0/8|fd00::/8");
        // Storage and backups
        row("durability", "CRAFTCHAT_DURABILITY", "fast", "STRICT", "strict", "fast", "fast");
        row("wal-limit-mb", "CRAFTCHAT_WAL_LIMIT_MB", "64", "256", "256", "8", "8");
        row("backup-folder", "CRAFTCHAT_BACKUP_FOLDER", "", "/media/usb/backups/", "/media/usb/backups", "/srv/backups",
            "/srv/backups");
        row("backup-interval", "CRAFTCHAT_BACKUP_INTERVAL", "86400", "12h", "43200", "30m", "1800");
        row("backup-keep", "CRAFTCHAT_BACKUP_KEEP", "7", "30", "30", "1", "1");
    }

    void backupAndRestoreModes()
    {
        const auto backup = ServerConfigLoader::load(args({QStringLiteral("--backup"), QStringLiteral("/media/usb/"),
                                                           QStringLiteral("--data-dir"), QStringLiteral("/srv/data")}),
                                                     QProcessEnvironment());
        QVERIFY(backup);
        QCOMPARE(backup->outcome, Outcome::Backup);
        QCOMPARE(backup->config.backupTarget, QStringLiteral("/media/usb"));
        QCOMPARE(backup->config.dataDir, QStringLiteral("/srv/data"));
        const auto restore = ServerConfigLoader::load(
            args({QStringLiteral("--restore"), QStringLiteral("/media/usb/craftchat-backup-20261207-215000-123.tar")}),
            QProcessEnvironment());
        QVERIFY(restore);
        QCOMPARE(restore->outcome, Outcome::Restore);
        QCOMPARE(restore->config.restoreFile, QStringLiteral("/media/usb/craftchat-backup-20261207-215000-123.tar"));
        const auto both = ServerConfigLoader::load(
            args({QStringLiteral("--backup"), QStringLiteral("/a"), QStringLiteral("--restore"), QStringLiteral("/b")}),
            QProcessEnvironment());
        QVERIFY(!both);
        QVERIFY(both.errorMessage().contains(QLatin1String("cannot be combined")));
        // Actions come from the command line only: the variables mean nothing.
        const auto fromEnv
            = ServerConfigLoader::load(args({}), env({{QStringLiteral("CRAFTCHAT_RESTORE"), QStringLiteral("/b")}}));
        QVERIFY(fromEnv);
        QCOMPARE(fromEnv->outcome, Outcome::Run);
    }

    void precedence()
    {
        QFETCH(QString, option);
        QFETCH(QString, variable);
        QFETCH(QString, defaultValue);
        QFETCH(QString, envValue);
        QFETCH(QString, envExpected);
        QFETCH(QString, cliValue);
        QFETCH(QString, cliExpected);

        const auto byDefault = ServerConfigLoader::load(args({}), QProcessEnvironment());
        QCOMPARE(byDefault->outcome, Outcome::Run);
        QCOMPARE(fieldText(byDefault->config, option), defaultValue);

        // An empty variable counts as unset.
        const auto emptyEnv = ServerConfigLoader::load(args({}), env({{variable, QString()}}));
        QCOMPARE(fieldText(emptyEnv->config, option), defaultValue);

        const auto fromEnv = ServerConfigLoader::load(args({}), env({{variable, envValue}}));
        QVERIFY2(fromEnv, qPrintable(fromEnv.errorMessage()));
        QCOMPARE(fieldText(fromEnv->config, option), envExpected);

        const auto fromCli
            = ServerConfigLoader::load(args({QStringLiteral("--") + option, cliValue}), env({{variable, envValue}}));
        QVERIFY2(fromCli, qPrintable(fromCli.errorMessage()));
        QCOMPARE(fieldText(fromCli->config, option), cliExpected);

        const auto withEquals
            = ServerConfigLoader::load(args({QStringLiteral("--%1=%2").arg(option, cliValue)}), QProcessEnvironment());
        QCOMPARE(fieldText(withEquals->config, option), cliExpected);
    }

    void everyOptionIsDocumentedWithItsVariable_data() { precedence_data(); }

    void everyOptionIsDocumentedWithItsVariable()
    {
        QFETCH(QString, option);
        QFETCH(QString, variable);
        const QString help = ServerConfigLoader::helpText();
        QVERIFY2(help.contains(QStringLiteral("--") + option), qPrintable(option));
        QVERIFY2(help.contains(QLatin1Char('[') + variable + QLatin1Char(']')), qPrintable(variable));
    }

    void helpAndVersion()
    {
        const auto help = ServerConfigLoader::load(args({QStringLiteral("--help")}), QProcessEnvironment());
        QCOMPARE(help->outcome, Outcome::ShowHelp);
        QVERIFY(help->text.contains(QLatin1String("CRAFTCHAT_ADMIN_PASSWORD")));
        const auto version = ServerConfigLoader::load(args({QStringLiteral("--version")}), QProcessEnvironment());
        QCOMPARE(version->outcome, Outcome::ShowVersion);
        QVERIFY(version->text.startsWith(QLatin1String("craftchat-server ")));
    }

    void createAdminMode()
    {
        const auto result = ServerConfigLoader::load(
            args({QStringLiteral("--create-admin"), QStringLiteral(" root@example.test "),
                  QStringLiteral("--admin-name"), QStringLiteral("Root")}),
            env({{QStringLiteral("CRAFTCHAT_ADMIN_PASSWORD"), QStringLiteral("s3cret-pass")}}));
        QCOMPARE(result->outcome, Outcome::CreateAdmin);
        QCOMPARE(result->config.createAdminEmail, QStringLiteral("root@example.test"));
        QCOMPARE(result->config.adminName, QStringLiteral("Root"));
        QCOMPARE(result->config.adminPassword, QStringLiteral("s3cret-pass"));
        QCOMPARE(result->config.secrets(), QStringList{QStringLiteral("s3cret-pass")});
    }

    void createInvitationMode()
    {
        const auto result
            = ServerConfigLoader::load(args({QStringLiteral("--create-invitation"), QStringLiteral("Craftsman"),
                                             QStringLiteral("--invitation-hours"), QStringLiteral("24")}),
                                       QProcessEnvironment());
        QVERIFY2(result, qPrintable(result.errorMessage()));
        QCOMPARE(result->outcome, Outcome::CreateInvitation);
        QCOMPARE(result->config.createInvitationRole, QStringLiteral("craftsman"));
        QCOMPARE(result->config.invitationHours, 24);
        const auto byDefault = ServerConfigLoader::load(
            args({QStringLiteral("--create-invitation"), QStringLiteral("client")}), QProcessEnvironment());
        QCOMPARE(byDefault->config.invitationHours, 168);
        QVERIFY(ServerConfigLoader::helpText().contains(QLatin1String("--create-invitation")));
    }

    void invalidValues_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QString>("expected");

        const auto cli = [](const char *name, const QStringList &a, const char *expected) {
            QTest::newRow(name) << a << QString() << QString() << QString::fromUtf8(expected);
        };
        const auto fromEnv = [](const char *name, const char *variable, const char *value, const char *expected) {
            QTest::newRow(name) << QStringList() << QString::fromUtf8(variable) << QString::fromUtf8(value)
                                << QString::fromUtf8(expected);
        };
        cli("port not a number", {"--port", "abc"},
            "Invalid value for --port \"abc\": not a port number (0-65535; 0 picks a free port)");
        cli("port too large", {"--port", "70000"}, "Invalid value for --port \"70000\": not a port number");
        cli("port negative", {"--port", "-1"}, "Invalid value for --port \"-1\": not a port number");
        cli("port empty", {"--port", ""}, "Invalid value for --port \"\": not a port number");
        fromEnv("port from environment", "CRAFTCHAT_PORT", "http",
                "Invalid value for CRAFTCHAT_PORT (the environment variable of --port) \"http\": "
                "not a port number");
        cli("host", {"--host", "my host"}, "Invalid value for --host \"my host\": not an IP address");
        cli("data-dir empty", {"--data-dir", " "}, "Invalid value for --data-dir \" \": must not be empty");
        cli("lifetime unit", {"--jwt-lifetime", "7w"}, "Invalid value for --jwt-lifetime \"7w\": not a duration");
        cli("lifetime zero", {"--jwt-lifetime", "0"}, "Invalid value for --jwt-lifetime \"0\": not a duration");
        cli("lifetime negative", {"--jwt-lifetime", "-5"}, "not a duration");
        cli("lifetime too long", {"--jwt-lifetime", "400d"}, "not a duration between 1s and 366d");
        fromEnv("lifetime from environment", "CRAFTCHAT_JWT_LIFETIME", "soon",
                "Invalid value for CRAFTCHAT_JWT_LIFETIME (the environment variable of --jwt-lifetime)");
        cli("cors scheme", {"--cors-origins", "ftp://x.example"},
            "Invalid value for --cors-origins \"ftp://x.example\": \"ftp://x.example\" is not an origin");
        cli("cors path", {"--cors-origins", "https://a.example,https://b.example/app"},
            "\"https://b.example/app\" is not an origin");
        cli("cors word", {"--cors-origins", "everyone"}, "\"everyone\" is not an origin");
        cli("rate limit word", {"--rate-limit", "ten"}, "Invalid value for --rate-limit \"ten\": not a whole number");
        cli("rate limit zero", {"--rate-limit", "0"},
            "Invalid value for --rate-limit \"0\": must be between 1 and 1000000");
        cli("rate limit fraction", {"--rate-limit", "1.5"}, "not a whole number");
        fromEnv("rate limit from environment", "CRAFTCHAT_RATE_LIMIT_PER_MIN", "lots",
                "Invalid value for CRAFTCHAT_RATE_LIMIT_PER_MIN (the environment variable of "
                "--rate-limit) \"lots\": not a whole number");
        cli("sockets zero", {"--max-sockets-per-user", "0"}, "must be between 1 and 10000");
        cli("ping interval word", {"--ping-interval", "fast"},
            "Invalid value for --ping-interval \"fast\": not a whole number");
        cli("ping timeout huge", {"--ping-timeout", "99999999"}, "must be between 10 and 3600000");
        cli("payload exponent", {"--max-payload", "1e6"},
            "Invalid value for --max-payload \"1e6\": not a whole number");
        cli("upload unit", {"--max-upload-bytes", "5MB"},
            "Invalid value for --max-upload-bytes \"5MB\": not a whole number");
        cli("password hash", {"--password-hash", "none"},
            "Invalid value for --password-hash \"none\": must be interactive, moderate or minimum");
        cli("log format", {"--log-format", "xml"}, "Invalid value for --log-format \"xml\": must be text or json");
        cli("log level", {"--log-level", "verbose"},
            "Invalid value for --log-level \"verbose\": must be debug, info, warning or error");
        cli("admin email", {"--create-admin", "root"},
            "Invalid value for --create-admin \"root\": not an email address");
        cli("admin name blank", {"--admin-name", "  "}, "Invalid value for --admin-name \"  \": must not be empty");
        cli("durability", {"--durability", "safe"}, "Invalid value for --durability \"safe\": must be fast or strict");
        cli("wal limit zero", {"--wal-limit-mb", "0"},
            "Invalid value for --wal-limit-mb \"0\": must be between 1 and 4096");
        cli("backup interval short", {"--backup-interval", "30s"}, "not a duration between 1m and 366d");
        cli("backup keep zero", {"--backup-keep", "0"}, "must be between 1 and 1000");
        cli("backup empty", {"--backup", " "}, "Invalid value for --backup: must not be empty");
        cli("registration", {"--registration", "closed"},
            "Invalid value for --registration \"closed\": must be open, clients or invite");
        cli("login failures negative", {"--login-failures-per-account", "-1"}, "must be between 0 and 1000000");
        cli("login window long", {"--login-failure-window", "2d"}, "not a duration between 1s and 24h");
        cli("trusted proxy name", {"--trusted-proxies", "proxy.example.com"},
            "\"proxy.example.com\" is not an IP address or a CIDR range");
        cli("trusted proxy short", {"--trusted-proxies", "192.168"}, "\"192.168\" is not an IP address");
        cli("trusted proxy prefix", {"--trusted-proxies", "10.0.0.0/33"}, "\"10.0.0.0/33\" is not an IP address");
        cli("invitation role", {"--create-invitation", "admin"},
            "Invalid value for --create-invitation \"admin\": must be client or craftsman");
        cli("invitation hours", {"--create-invitation", "client", "--invitation-hours", "721"},
            "Invalid value for --invitation-hours \"721\": must be between 1 and 720");
        cli("invitation hours alone", {"--invitation-hours", "5"},
            "--invitation-hours only goes with --create-invitation");
        cli("invitation and admin", {"--create-invitation", "client", "--create-admin", "a@example.test"},
            "cannot be combined");
        cli("unknown option", {"--nope"}, "Unknown option 'nope'.");
        cli("missing value", {"--port"}, "Missing value after '--port'.");
        cli("positional argument", {"extra"}, "Unexpected argument: extra");
        cli("repeated option", {"--port", "1", "--port", "2"}, "--port given more than once");
        // TLS: both files or neither.
        cli("tls certificate without key", {"--tls-cert", "/etc/c.pem"}, "--tls-cert and --tls-key");
        cli("tls key without certificate", {"--tls-key", "/etc/k.pem"}, "give both or neither");
        fromEnv("tls key only from environment", "CRAFTCHAT_TLS_KEY", "/etc/k.pem", "--tls-cert and --tls-key");
        cli("tls certificate empty", {"--tls-cert", " ", "--tls-key", "/k"},
            "Invalid value for --tls-cert \" \": must not be empty");
    }

    void tlsFilesFromArgumentsAndEnvironment()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("CRAFTCHAT_TLS_CERT"), QStringLiteral("/env/cert.pem"));
        e.insert(QStringLiteral("CRAFTCHAT_TLS_KEY"), QStringLiteral("/env/key.pem"));
        const auto fromEnv = ServerConfigLoader::load(args({}), e);
        QVERIFY2(fromEnv.ok(), qPrintable(fromEnv.errorMessage()));
        QCOMPARE(fromEnv->config.tlsCertificateFile, QStringLiteral("/env/cert.pem"));
        QCOMPARE(fromEnv->config.tlsKeyFile, QStringLiteral("/env/key.pem"));
        QVERIFY(fromEnv->config.tlsEnabled());
        QCOMPARE(fromEnv->config.baseUrl(3001), QStringLiteral("https://127.0.0.1:3001"));
        const auto fromArgs = ServerConfigLoader::load(args({"--tls-cert", "/a/c.pem"}), e); // argv wins
        QVERIFY(fromArgs.ok());
        QCOMPARE(fromArgs->config.tlsCertificateFile, QStringLiteral("/a/c.pem"));
        QCOMPARE(fromArgs->config.tlsKeyFile, QStringLiteral("/env/key.pem"));
        const auto plain = ServerConfigLoader::load(args({}), QProcessEnvironment());
        QVERIFY(plain.ok());
        QVERIFY(!plain->config.tlsEnabled());
        QVERIFY(plain->config.tlsKeyFile.isEmpty());
    }

    void invalidValues()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, envValue);
        QFETCH(QString, expected);
        QProcessEnvironment e;
        if (!variable.isEmpty())
            e.insert(variable, envValue);
        const auto result = ServerConfigLoader::load(args(arguments), e);
        QVERIFY(!result);
        QVERIFY2(result.errorMessage().contains(expected), qPrintable(result.errorMessage()));
    }

    void parseDuration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds"); // -1: invalid
        QTest::newRow("days") << "7d" << qint64(604800);
        QTest::newRow("hours") << "12h" << qint64(43200);
        QTest::newRow("minutes") << "30m" << qint64(1800);
        QTest::newRow("seconds suffix") << "45s" << qint64(45);
        QTest::newRow("plain seconds") << "3600" << qint64(3600);
        QTest::newRow("surrounding space") << " 2h " << qint64(7200);
        QTest::newRow("zero") << "0" << qint64(-1);
        QTest::newRow("upper case unit") << "7D" << qint64(-1);
        QTest::newRow("weeks") << "1w" << qint64(-1);
        QTest::newRow("fraction") << "1.5h" << qint64(-1);
        QTest::newRow("empty") << "" << qint64(-1);
        QTest::newRow("unit only") << "h" << qint64(-1);
    }

    void parseDuration()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = ServerConfigLoader::parseDuration(text);
        QCOMPARE(parsed.has_value(), seconds >= 0);
        if (parsed)
            QCOMPARE(parsed->count(), seconds);
    }

    void derivedValues()
    {
        ServerConfig config;
        config.dataDir = QStringLiteral("/srv/craftchat");
        QCOMPARE(config.databasePath(), QStringLiteral("/srv/craftchat/craftchat.sqlite"));
        QCOMPARE(config.uploadsDir(), QStringLiteral("/srv/craftchat/uploads"));
        QCOMPARE(config.baseUrl(3001), QStringLiteral("http://127.0.0.1:3001"));
        config.host = QStringLiteral("::1");
        QCOMPARE(config.baseUrl(40000), QStringLiteral("http://[::1]:40000"));
        config.host = QStringLiteral("localhost");
        QCOMPARE(config.listenAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.baseUrl(80), QStringLiteral("http://localhost:80"));
        config.jwtSecret = QStringLiteral("s");
        config.jwtSecretFile = QStringLiteral("/f");
        const auto settings = config.jwtSecretSettings();
        QCOMPARE(settings.secretText, QStringLiteral("s"));
        QCOMPARE(settings.secretFile, QStringLiteral("/f"));
        QCOMPARE(settings.dataDir, QStringLiteral("/srv/craftchat"));
    }
};

QTEST_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
