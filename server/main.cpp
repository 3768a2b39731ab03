// craftchat-server: reads the configuration (command line > environment > defaults), then
// either creates an admin account (--create-admin) or runs the chat server until SIGINT or
// SIGTERM, which shut it down cleanly on the event loop.
#include "common/contract/contract.h"
#include "common/eventloop/epolleventdispatcher.h"
#include "common/eventloop/openfilelimit.h"
#include "server/logging/logcategories.h"
#include "server/logging/loghandler.h"
#include "server/runtime/chatserver.h"
#include "server/runtime/serverconfigloader.h"
#include "server/runtime/shutdownsignals.h"
#include "server/runtime/terminalprompt.h"

#include <QCoreApplication>
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
    QString error;
    if (!server.createAdmin(config.createAdminEmail, *password, config.adminName, &error)) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: %1").arg(error));
        return ExitFailure;
    }
    printTo(stdout, QCoreApplication::translate("main", "Admin %1 is ready").arg(config.createAdminEmail));
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

    QString error;
    if (!server.start(&error)) {
        printTo(stderr, QCoreApplication::translate("main", "craftchat-server: %1").arg(error));
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
        break;
    }

    const runtime::ServerConfig &config = loaded->config;
    logging::installLogHandler(logging::LogSettings{config.logFormat, config.logLevel, config.secrets()});

    if (loaded->outcome == Outcome::CreateAdmin)
        return createAdmin(config);
    // Each connection is a descriptor: this is the ceiling on simultaneous connections.
    qCInfo(logging::lcServer).noquote() << QStringLiteral("Open-file limit %1 (hard %2%3)")
                                               .arg(fileLimit.soft)
                                               .arg(fileLimit.hard)
                                               .arg(fileLimit.hardRaised ? QStringLiteral(", raised") : QString());
    return runServer(app, config);
}
