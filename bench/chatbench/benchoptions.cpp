#include "bench/chatbench/benchoptions.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QTextStream>
#include <cmath>

namespace craftchat::bench {
namespace {

struct NumberSpec
{
    const char *name;
    const char *help;
    double *target;
    double min;
    double max;
};

struct IntSpec
{
    const char *name;
    const char *help;
    int *target;
    int min;
    int max;
};

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

std::optional<BenchOptions> parseBenchOptions(const QStringList &arguments, QString *error, bool *helpShown)
{
    BenchOptions o;
    *helpShown = false;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("chatbench: load generator for the CraftChat wire contract.\n"
                       "Phases: setup (HTTP) -> connect -> warm-up -> steady (open loop) or max (ramp).\n"
                       "Human table on stdout, then one JSON line (or only the JSON line with --json).\n"
                       "Also: chatbench compare NAME_A NAME_B a.json... -- b.json...  (ratio table)"));
    parser.addHelpOption();

    QString mode = QStringLiteral("steady");
    QString url = o.url.toString();
    QString serverPid = QStringLiteral("0");
    const QList<NumberSpec> numbers = {
        {"rate", "R: steady target, messages/s (all senders together)", &o.rate, 1, 1e6},
        {"duration", "T: steady seconds", &o.duration, 0.1, 86400},
        {"warmup", "warm-up seconds before measuring (0 = none)", &o.warmup, 0, 3600},
        {"warmup-rate", "warm-up rate cap, messages/s", &o.warmupRate, 1, 1e6},
        {"connect-timeout", "seconds allowed per socket for connect + auth", &o.connectTimeout, 0.1, 600},
        {"settle", "seconds to wait after connecting", &o.settle, 0, 600},
        {"drain", "steady: max seconds to wait for outstanding deliveries", &o.drain, 0, 600},
        {"start-rate", "max: first step rate, messages/s", &o.startRate, 1, 1e6},
        {"ramp", "max: rate multiplier after a passing step", &o.ramp, 1.01, 10},
        {"step", "max: seconds per step", &o.step, 0.5, 3600},
        {"grace", "max: seconds after a step for its deliveries", &o.grace, 0, 600},
        {"p99-bound", "max: bound on p99 send -> new-message at the other participant, ms", &o.p99BoundMs, 0.1, 60000},
        {"max-rate", "max: never go above this rate", &o.maxRate, 1, 1e7},
        {"tool-core-limit", "tool CPU (cores) above which a step counts as tool-bound", &o.toolCoreLimit, 0.05, 64},
        {"tool-lag-limit", "tool event-loop lag p99 (ms) above which a step is tool-bound", &o.toolLagLimitMs, 1,
         10000},
        {"http-timeout", "seconds per HTTP request", &o.httpTimeout, 0.1, 600},
        {"max-run", "hard limit for the whole run, seconds", &o.maxRun, 1, 86400},
        {"kill-server-at",
         "steady: SIGKILL --server-pid this many seconds into the phase and write "
         "--durability-file (0 = never)",
         &o.killServerAt, 0, 86400},
    };
    const QList<IntSpec> ints = {
        {"users", "U: users to create; floor(U/2) clients, the rest craftsmen", &o.users, 2, 1000000},
        {"k", "chats per client, each with a distinct craftsman", &o.chatsPerClient, 1, 10000},
        {"chats", "C: total chats (overrides k when > 0)", &o.chats, 0, 10000000},
        {"conns", "N: sockets, 0 = one per user; assigned round-robin to users", &o.conns, 0, 1000000},
        {"content-bytes", "message content length", &o.contentBytes, 40, 3900},
        {"http-concurrency", "HTTP requests in flight during setup", &o.httpConcurrency, 1, 1000},
        {"connect-concurrency", "sockets connecting at once", &o.connectConcurrency, 1, 10000},
        {"max-steps", "max: cap on steps (ramp + refine)", &o.maxSteps, 1, 100},
        {"refine", "max: bisection steps between last pass and first fail", &o.refine, 0, 20},
    };
    auto defaultText = [](double v) { return QString::number(v); };
    for (const auto &n : numbers)
        parser.addOption(
            {QString::fromLatin1(n.name), QString::fromLatin1(n.help), QStringLiteral("x"), defaultText(*n.target)});
    for (const auto &n : ints)
        parser.addOption({QString::fromLatin1(n.name), QString::fromLatin1(n.help), QStringLiteral("n"),
                          QString::number(*n.target)});
    parser.addOption(
        {QStringLiteral("url"), QStringLiteral("server base URL (loopback only)"), QStringLiteral("url"), url});
    parser.addOption({QStringLiteral("ca-file"),
                      QStringLiteral("PEM CA certificate an https:// server's certificate is checked against"),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("io-path"), QStringLiteral("Engine.IO path"), QStringLiteral("path"), o.ioPath});
    parser.addOption({QStringLiteral("mode"), QStringLiteral("steady | max"), QStringLiteral("mode"), mode});
    parser.addOption({QStringLiteral("server-pid"),
                      QStringLiteral("server PID (descendants included) for /proc CPU and RSS"), QStringLiteral("pid"),
                      serverPid});
    parser.addOption(
        {QStringLiteral("password"), QStringLiteral("password of created users"), QStringLiteral("pw"), o.password});
    parser.addOption(
        {QStringLiteral("prefix"), QStringLiteral("e-mail prefix of created users"), QStringLiteral("p"), o.prefix});
    parser.addOption({QStringLiteral("durability-file"),
                      QStringLiteral("with --kill-server-at: the messages acknowledged before the kill, for "
                                     "'chatbench verify-durability'"),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("reuse-users"),
                      QStringLiteral("same users and chats in every run: <prefix>-<n>@bench.test, logging in "
                                     "when they exist")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("print only the JSON line on stdout")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("no progress lines on stderr")});

    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        *helpShown = true;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first());
        return std::nullopt;
    }
    for (const auto &n : numbers) {
        bool ok = false;
        const QString text = parser.value(QString::fromLatin1(n.name));
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < n.min || v > n.max) {
            *error = QStringLiteral("--%1: expected a number in [%2, %3], got '%4'")
                         .arg(QLatin1String(n.name))
                         .arg(n.min)
                         .arg(n.max)
                         .arg(text);
            return std::nullopt;
        }
        *n.target = v;
    }
    for (const auto &n : ints) {
        bool ok = false;
        const QString text = parser.value(QString::fromLatin1(n.name));
        const int v = text.toInt(&ok);
        if (!ok || v < n.min || v > n.max) {
            *error = QStringLiteral("--%1: expected an integer in [%2, %3], got '%4'")
                         .arg(QLatin1String(n.name))
                         .arg(n.min)
                         .arg(n.max)
                         .arg(text);
            return std::nullopt;
        }
        *n.target = v;
    }
    o.url = QUrl(parser.value(QStringLiteral("url")), QUrl::StrictMode);
    if (!o.url.isValid() || (o.url.scheme() != QLatin1String("http") && o.url.scheme() != QLatin1String("https"))
        || !isLoopback(o.url)) {
        *error = QStringLiteral("--url must be an http:// or https:// loopback URL");
        return std::nullopt;
    }
    o.caFile = parser.value(QStringLiteral("ca-file"));
    o.ioPath = parser.value(QStringLiteral("io-path"));
    if (!o.ioPath.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("--io-path must start with /");
        return std::nullopt;
    }
    mode = parser.value(QStringLiteral("mode"));
    if (mode == QLatin1String("steady"))
        o.mode = BenchMode::Steady;
    else if (mode == QLatin1String("max"))
        o.mode = BenchMode::Max;
    else {
        *error = QStringLiteral("--mode must be steady or max");
        return std::nullopt;
    }
    bool ok = false;
    o.serverPid = parser.value(QStringLiteral("server-pid")).toLongLong(&ok);
    if (!ok || o.serverPid < 0) {
        *error = QStringLiteral("--server-pid must be a process id");
        return std::nullopt;
    }
    o.password = parser.value(QStringLiteral("password"));
    o.prefix = parser.value(QStringLiteral("prefix"));
    o.reuseUsers = parser.isSet(QStringLiteral("reuse-users"));
    if (o.password.size() < 8 || o.prefix.isEmpty() || o.prefix.size() > 32) {
        *error = QStringLiteral("--password needs >= 8 characters and --prefix 1..32");
        return std::nullopt;
    }
    o.durabilityFile = parser.value(QStringLiteral("durability-file"));
    if (o.killServerAt > 0 && (o.serverPid <= 0 || o.durabilityFile.isEmpty() || o.mode != BenchMode::Steady)) {
        *error = QStringLiteral("--kill-server-at needs --server-pid, --durability-file and --mode steady");
        return std::nullopt;
    }
    o.jsonOnly = parser.isSet(QStringLiteral("json"));
    o.quiet = parser.isSet(QStringLiteral("quiet"));
    return o;
}

} // namespace craftchat::bench
