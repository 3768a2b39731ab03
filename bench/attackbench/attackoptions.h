// Command line of attackbench.
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace craftchat::bench {

// Targets of issue 16, printed next to the figures.
constexpr double TargetPeakRssMB = 150;
constexpr double TargetP99Ms = 50;

struct AttackOptions
{
    QString url;          // http://127.0.0.1:PORT (set from --start-server's port otherwise)
    qint64 serverPid = 0; // for RSS sampling (--start-server: the started process)
    QString startServer;  // path of craftchat-server to start
    int attackers = 200;  // split over the seven kinds
    double seconds = 30;
    double rate = 20; // normal messages/s
    double drainSeconds = 2;
    int pauseMs = 20;     // between attempts of the looping attacks (login, registration)
    int floodRate = 2000; // typing/join events per second, all flooding sockets together
    QStringList kinds;    // attack names to run (empty: all seven); the attackers are split over them
    bool json = false;
};

// The attack names, in the order of the report.
const QStringList &attackKindNames();

// nullopt with *error set on bad usage (*helpShown when --help was asked for).
std::optional<AttackOptions> parseAttackOptions(const QStringList &arguments, QString *error, bool *helpShown);

} // namespace craftchat::bench
