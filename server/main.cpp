// craftchat-server: reads the configuration (command line > environment > defaults), then
// either creates an admin account (--create-admin) or runs the chat server until SIGINT or
// SIGTERM, which shut it down cleanly on the event loop.
#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "common/eventloop/epolleventdispatcher.h"
#include "common/eventloop/openfilelimit.h"
#include "server/backup/backuprestorer.h"
#include "server/backup/backupwriter.h"
#include "server/logging/logcategories.h"
#include "server/logging/loghandler.h"
#include "server/runtime/chatserver.h"
#include "server/runtime/serverconfigloader.h"
#include "server/runtime/shutdownsignals.h"
#include "server/runtime/terminalprompt.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <csignal>
#include <cstdio>
#include <sys/stat.h>

using namespace craftchat;

namespace {

constexpr int ExitUsage = 2;
constexpr int ExitFailure = 1;

void printTo(std::FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    if (!text.endsWith(QLatin1Char('\n')))
        std::fputc('\n', stream);
    std::fflush(stream);
}

// The admin password from CRAFTCHAT_ADMIN_PASSWORD, or asked twice on the terminal.
std::optional<QString> adminPassword(const runtime::ServerConfig &config)
{
    if (!config.adminPassword.isEmpty())
        return config.adminPassword;
    const auto first = runtime::readSecretFromTerminal(
        QCoreApplication::translate("main", "Password for %1: ").arg(config.createAdminEmail));
    if (!first) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: set CRAFTCHAT_ADMIN_PASSWORD or run "
                                                            "--create-admin on a terminal"));
        return std::nullopt;
    }
    const auto second = runtime::readSecretFromTerminal(QCoreApplication::translate("main", "Repeat the password: "));
    if (!second || *second != *first) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: the passwords differ"));
        return std::nullopt;
    }
    return first;
}

int createAdmin(const runtime::ServerConfig &config)
{
    const auto password = adminPassword(config);
    if (!password)
        return ExitUsage;
    if (password->size() < contract::MinPasswordLength) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: the admin password needs at least %1 "
                                                            "characters")
                            .arg(contract::MinPasswordLength));
        return ExitUsage;
    }
    runtime::ChatServer server(config);
    if (const auto created = server.createAdmin(config.createAdminEmail, *password, config.adminName); !created) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: %1").arg(created.errorMessage()));
        return ExitFailure;
    }
    printTo(stdout, QCoreApplication::translate("main", "Admin %1 is ready").arg(config.createAdminEmail));
    return 0;
}

// --create-invitation ROLE [--invitation-hours N]: the code alone on stdout (for scripts), what
// it is for on stderr. The owner of a headless server has no admin screen to make one.
int createInvitation(const runtime::ServerConfig &config)
{
    runtime::ChatServer server(config);
    const auto created = server.createInvitation(config.createInvitationRole, config.invitationHours);
    if (!created) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: cannot create the invitation: %1")
                            .arg(created.errorMessage()));
        return ExitFailure;
    }
    printTo(stdout, created->code);
    printTo(stderr, QCoreApplication::translate("main", "Single-use invitation for a %1 account, valid until %2 "
                                                        "(POST /api/auth/register with inviteCode)")
                        .arg(created->role, contract::isoTimestamp(created->expiresAt)));
    return 0;
}

// --backup DIR: one backup of the data directory, also while a server runs on it.
int backUp(const runtime::ServerConfig &config)
{
    const backup::BackupSource source{config.databasePath(), config.uploadsDir(), QStringLiteral(CRAFTCHAT_VERSION)};
    const auto written = backup::writeBackup(source, config.backupTarget);
    if (!written) {
        printTo(stderr, QStringLiteral("craftchat-server: backup failed: %1").arg(written.errorMessage()));
        return ExitFailure;
    }
    printTo(stdout, QStringLiteral("Backup written: %1\n%2 bytes; %3 users, %4 chats, %5 messages, %6 uploads; %7 ms")
                        .arg(written->file)
                        .arg(written->sizeBytes)
                        .arg(written->counts.users)
                        .arg(written->counts.chats)
                        .arg(written->counts.messages)
                        .arg(written->counts.uploads)
                        .arg(written->durationMs));
    if (!written->missingUploads.isEmpty()) {
        printTo(stderr, QStringLiteral("craftchat-server: warning: %1 uploads named by the database were already "
                                       "missing from %2 and are not in the backup")
                            .arg(written->missingUploads.size())
                            .arg(config.uploadsDir()));
    }
    return 0;
}

// --restore FILE: verify the backup completely, then put it into the empty data directory.
int restore(const runtime::ServerConfig &config)
{
    backup::RestoreTarget target;
    target.dataDir = config.dataDir;
    target.databaseFileName = QFileInfo(config.databasePath()).fileName();
    target.uploadsDirName = QFileInfo(config.uploadsDir()).fileName();
    const auto restored = backup::restoreBackup(config.restoreFile, target);
    if (!restored) {
        printTo(stderr, QStringLiteral("craftchat-server: the backup %1 was NOT restored: %2\nNothing was changed "
                                       "in %3.")
                            .arg(config.restoreFile, restored.errorMessage(), config.dataDir));
        return ExitFailure;
    }
    printTo(stdout, QStringLiteral("Restored %1 into %2 (backup of %3): %4 users, %5 chats, %6 messages, %7 uploads; "
                                   "every file verified.\nStart the server on it; users sign in again unless the "
                                   "server keeps its JWT secret elsewhere (--jwt-secret-file).")
                        .arg(config.restoreFile, config.dataDir, restored->createdAt.toUTC().toString(Qt::ISODate))
                        .arg(restored->counts.users)
                        .arg(restored->counts.chats)
                        .arg(restored->counts.messages)
                        .arg(restored->counts.uploads));
    return 0;
}

int runServer(QCoreApplication &app, const runtime::ServerConfig &config)
{
    runtime::ChatServer server(config);
    runtime::ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &runtime::ShutdownSignals::shutdownRequested, &app,
                     [&server, &app](int signalNumber) {
                         qCInfo(logging::lcServer, "Signal %d received, shutting down", signalNumber);
                         server.stop();
                         app.quit();
                     });
    // SIGHUP: a renewed certificate (certbot's deploy hook, systemd's ExecReload) is used by
    // new connections without a restart.
    QObject::connect(&shutdownSignals, &runtime::ShutdownSignals::reloadRequested, &server, [&server] {
        qCInfo(logging::lcServer, "SIGHUP received, reading the TLS certificate again");
        server.reloadTlsCertificate();
    });

    if (const auto started = server.start(); !started) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: %1").arg(started.errorMessage()));
        return ExitFailure;
    }
    printTo(stdout, QStringLiteral("CraftChat server listening on %1").arg(config.baseUrl(server.port())));
    const int code = app.exec();
    server.stop();
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    // Whatever the server creates (database, its -wal and -shm, uploads, the JWT secret) is
    // for its own user only; the start-up also fixes older files (ChatServer).
    ::umask(077);
    // Before the application object: the main thread's dispatcher and the descriptor limit
    // decide how many sockets one process serves and what each wake-up costs.
    const eventloop::OpenFileLimit fileLimit = eventloop::raiseOpenFileLimit();
    auto *dispatcher = new eventloop::EpollEventDispatcher;
    if (dispatcher->isValid())
        QCoreApplication::setEventDispatcher(dispatcher); // owned by the main thread's data
    else
        delete dispatcher; // no epoll: Qt's default dispatcher
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("craftchat-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CRAFTCHAT_VERSION));

    const auto loaded
        = runtime::ServerConfigLoader::load(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment());
    if (!loaded) {
        printTo(stderr, QStringLiteral("craftchat-server: %1\nTry --help for the options.").arg(loaded.errorMessage()));
        return ExitUsage;
    }
    using Outcome = runtime::ServerConfigLoader::Outcome;
    switch (loaded->outcome) {
    case Outcome::ShowHelp:
    case Outcome::ShowVersion:
        printTo(stdout, loaded->text);
        return 0;
    case Outcome::Run:
    case Outcome::CreateAdmin:
    case Outcome::Backup:
    case Outcome::Restore:
    case Outcome::CreateInvitation:
        break;
    }

    const runtime::ServerConfig &config = loaded->config;
    logging::installLogHandler(logging::LogSettings{config.logFormat, config.logLevel, config.secrets()});

    if (loaded->outcome == Outcome::CreateAdmin)
        return createAdmin(config);
    if (loaded->outcome == Outcome::CreateInvitation)
        return createInvitation(config);
    if (loaded->outcome == Outcome::Backup)
        return backUp(config);
    if (loaded->outcome == Outcome::Restore)
        return restore(config);
    // Each connection is a descriptor: this is the ceiling on simultaneous connections.
    qCInfo(logging::lcServer).noquote() << QStringLiteral("Open-file limit %1 (hard %2%3)")
                                               .arg(fileLimit.soft)
                                               .arg(fileLimit.hard)
                                               .arg(fileLimit.hardRaised ? QStringLiteral(", raised") : QString());
    return runServer(app, config);
}
