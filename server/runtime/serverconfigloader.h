// Reads a ServerConfig from the command line and the environment.
//
// Every option has an environment variable (named in --help). Precedence: a command-line
// option wins over its environment variable, which wins over the built-in default. An empty
// environment variable counts as unset. Invalid values are refused with a message naming
// the option, where the value came from, and what is accepted.
#pragma once

#include "common/core/result.h"
#include "server/runtime/serverconfig.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace craftchat::runtime {

class ServerConfigLoader
{
public:
    enum class Outcome {
        Run,         // start the server with `config`
        CreateAdmin, // create the admin config.createAdminEmail, then exit
        Backup,      // write a backup of config.dataDir into config.backupTarget, then exit
        Restore,     // restore config.restoreFile into the empty config.dataDir, then exit
        // print a new invitation code of config.createInvitationRole (config.invitationHours), then exit
        CreateInvitation,
        ShowHelp,    // print `text` (the help text) to stdout, exit 0
        ShowVersion, // print `text` to stdout, exit 0
    };

    struct Loaded
    {
        Outcome outcome = Outcome::Run;
        ServerConfig config;
        QString text;
    };

    // Why the command line and environment were refused: the caller prints the message to
    // stderr and exits 2.
    enum class LoadError {
        None,
        BadArguments, // an unknown option, a missing value, an option given twice, ...
        BadValue,     // a value an option does not take
    };

    using Result = craftchat::Result<Loaded, Error<LoadError>>;

    // `arguments` includes the program name first, as QCoreApplication::arguments().
    static Result load(const QStringList &arguments, const QProcessEnvironment &environment);

    static QString helpText();

    // QStandardPaths::AppDataLocation, or ./data when there is no writable home.
    static QString defaultDataDir();

    // "7d", "12h", "30m", "45s" or plain seconds; nullopt for anything else or <= 0.
    static std::optional<std::chrono::seconds> parseDuration(const QString &text);

    // "10.0.0.1", "::1", "10.0.0.0/8", "fd00::/8" (a full address, optionally a prefix length in
    // range): what --trusted-proxies takes.
    static bool isAddressOrSubnet(const QString &text);
};

} // namespace craftchat::runtime
