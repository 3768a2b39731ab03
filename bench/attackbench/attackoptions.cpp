#include "bench/attackbench/attackoptions.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace craftchat::bench {

const QStringList &attackKindNames()
{
    static const QStringList names{QStringLiteral("slow-reader"),        QStringLiteral("stalled-upload"),
                                   QStringLiteral("pre-connect-binary"), QStringLiteral("wrong-password-login"),
                                   QStringLiteral("registration-loop"),  QStringLiteral("typing-join-flood"),
                                   QStringLiteral("idle-connection")};
    return names;
}

std::optional<AttackOptions> parseAttackOptions(const QStringList &arguments, QString *error, bool *helpShown)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "attackbench: hostile traffic (issue 16) against a running CraftChat server while a normal client pair "
        "chats; reports the server's peak RSS, the pair's latency and losses, and what the server answered."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("This help."));
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Server to attack (loopback only)."),
                                 QStringLiteral("http://127.0.0.1:PORT"));
    const QCommandLineOption pid(QStringLiteral("server-pid"), QStringLiteral("Server process for RSS sampling."),
                                 QStringLiteral("pid"));
    const QCommandLineOption start(QStringLiteral("start-server"),
                                   QStringLiteral("Start this craftchat-server on a free port with a temporary data "
                                                  "directory (--password-hash minimum, no message rate limit)."),
                                   QStringLiteral("path"));
    const QCommandLineOption attackers(QStringLiteral("attackers"),
                                       QStringLiteral("Attacking connections, split over the 7 kinds; default 200."),
                                       QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Attack duration; default 30."),
                                     QStringLiteral("s"), QStringLiteral("30"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Normal messages per second; default 20."),
                                  QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption drain(QStringLiteral("drain"),
                                   QStringLiteral("Seconds to wait for late messages (attacks go on); default 2."),
                                   QStringLiteral("s"), QStringLiteral("2"));
    const QCommandLineOption pause(QStringLiteral("pause-ms"),
                                   QStringLiteral("Pause between two logins/registrations of one slot; default 20."),
                                   QStringLiteral("ms"), QStringLiteral("20"));
    const QCommandLineOption flood(QStringLiteral("flood-rate"),
                                   QStringLiteral("typing-start/join-chat events per second in all; default 2000."),
                                   QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption kinds(QStringLiteral("kinds"),
                                   QStringLiteral("Only these attacks (comma-separated): ")
                                       + attackKindNames().join(QLatin1Char(',')),
                                   QStringLiteral("list"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Also print the result as one JSON line."));
    parser.addOptions({help, url, pid, start, attackers, seconds, rate, drain, pause, flood, kinds, json});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        *helpShown = true;
        return std::nullopt;
    }
    AttackOptions o;
    bool ok[7] = {true, true, true, true, true, true, true};
    o.url = parser.value(url);
    o.serverPid = parser.isSet(pid) ? parser.value(pid).toLongLong(&ok[0]) : 0;
    o.startServer = parser.value(start);
    o.attackers = parser.value(attackers).toInt(&ok[1]);
    o.seconds = parser.value(seconds).toDouble(&ok[2]);
    o.rate = parser.value(rate).toDouble(&ok[3]);
    o.drainSeconds = parser.value(drain).toDouble(&ok[4]);
    o.pauseMs = parser.value(pause).toInt(&ok[5]);
    o.floodRate = parser.value(flood).toInt(&ok[6]);
    o.json = parser.isSet(json);
    if (parser.isSet(kinds)) {
        o.kinds = parser.value(kinds).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &kind : std::as_const(o.kinds)) {
            if (!attackKindNames().contains(kind)) {
                *error = QStringLiteral("unknown attack kind: ") + kind;
                return std::nullopt;
            }
        }
    }
    for (const bool b : ok) {
        if (!b) {
            *error = QStringLiteral("a number option is not a number");
            return std::nullopt;
        }
    }
    if (o.url.isEmpty() == o.startServer.isEmpty()) {
        *error = QStringLiteral("give either --url or --start-server");
        return std::nullopt;
    }
    if (o.attackers < 0 || o.attackers > 10000 || o.seconds <= 0 || o.seconds > 3600 || o.rate <= 0 || o.rate > 1000
        || o.drainSeconds < 0 || o.drainSeconds > 60 || o.pauseMs < 0 || o.floodRate < 0) {
        *error = QStringLiteral("an option is out of range (attackers 0..10000, seconds 0..3600, rate 0..1000)");
        return std::nullopt;
    }
    return o;
}

} // namespace craftchat::bench
