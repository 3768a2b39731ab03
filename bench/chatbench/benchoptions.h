// Command-line options of chatbench (every option has a default; see --help).
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace craftchat::bench {

enum class BenchMode {
    Steady,
    Max
};

struct BenchOptions
{
    QUrl url{QStringLiteral("http://127.0.0.1:3001")}; // https: HTTPS and WSS (trust it with caFile)
    QString caFile;                                    // PEM CA certificate(s) trusted besides the system's (a test CA)
    QString ioPath = QStringLiteral("/socket.io/");
    int users = 200;        // U: floor(U/2) clients, the rest craftsmen
    int chatsPerClient = 2; // k: C = clients * k unless chats > 0
    int chats = 0;          // C
    int conns = 0;          // N, 0 = one per user
    BenchMode mode = BenchMode::Steady;
    double rate = 500;    // R, messages/s
    double duration = 10; // T, seconds
    double warmup = 2;
    double warmupRate = 200;
    int contentBytes = 80;
    qint64 serverPid = 0;
    int httpConcurrency = 16;
    int connectConcurrency = 64;
    double connectTimeout = 15;
    double settle = 1;
    double drain = 10;
    double startRate = 100;
    double ramp = 1.5;
    double step = 5;
    double grace = 2;
    double p99BoundMs = 50;
    double maxRate = 100000;
    int maxSteps = 20;
    int refine = 2;
    double toolCoreLimit = 0.9;
    double toolLagLimitMs = 50;
    QString password = QStringLiteral("Bench-pw-0001");
    QString prefix = QStringLiteral("cb");
    // The same users in every run (<prefix>-<n>@bench.test; an existing one logs in) and so the
    // same chats: runs one after the other are reconnects of the same people (bench/soak).
    bool reuseUsers = false;
    double httpTimeout = 30;
    double maxRun = 1800;
    double killServerAt = 0; // steady: SIGKILL the server this many seconds in (0 = never)
    QString durabilityFile;  // with killServerAt: where to write the acknowledged messages
    bool jsonOnly = false;
    bool quiet = false;
};

// Parses argv (without the program name handling: pass QCoreApplication::arguments()).
// On failure returns nullopt and sets *error; --help prints usage and sets *helpShown.
std::optional<BenchOptions> parseBenchOptions(const QStringList &arguments, QString *error, bool *helpShown);

} // namespace craftchat::bench
