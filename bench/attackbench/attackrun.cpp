#include "bench/attackbench/attackrun.h"

#include "bench/attackbench/apisetup.h"
#include "bench/attackbench/idleconnection.h"
#include "bench/attackbench/noiseimage.h"
#include "bench/attackbench/normalpair.h"
#include "bench/attackbench/preconnectbinary.h"
#include "bench/attackbench/registrationloop.h"
#include "bench/attackbench/slowreader.h"
#include "bench/attackbench/stalledupload.h"
#include "bench/attackbench/typingflood.h"
#include "bench/attackbench/wronglogin.h"
#include "bench/chatbench/procsampler.h"
#include "bench/common/processclock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <functional>

namespace craftchat::bench {

namespace {

constexpr int SampleIntervalMs = 100;
constexpr int SocketsPerAccount = 5;
constexpr qint64 ImageBytes = 4718592; // 4.5 MiB

qint64 statusKB(qint64 pid, const QByteArray &field)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = field + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double mb(qint64 kb)
{
    return round2(double(kb) / 1024.0);
}

} // namespace

AttackRun::AttackRun(AttackOptions options)
    : m_options(std::move(options))
{}

AttackRun::~AttackRun()
{
    m_attacks.clear();
    if (m_server)
        m_server->stop();
}

int AttackRun::fail(int code, const QString &what)
{
    m_result.insert(QStringLiteral("error"), what);
    if (m_server)
        m_result.insert(QStringLiteral("serverLogTail"), m_server->logTail(20));
    return code;
}

void AttackRun::createAttacks(const AttackTarget &target)
{
    // the attackers split evenly over the chosen kinds, the first ones taking the remainder
    const QStringList chosen = m_options.kinds.isEmpty() ? attackKindNames() : m_options.kinds;
    const int n = m_options.attackers;
    const auto k = int(chosen.size());
    auto share = [&](int kind) {
        const auto rank = int(chosen.indexOf(attackKindNames().at(kind)));
        return rank < 0 ? 0 : n / k + (rank < n % k ? 1 : 0);
    };
    m_attacks.push_back(std::make_unique<SlowReader>(share(0), target, nullptr));
    m_attacks.push_back(std::make_unique<StalledUpload>(share(1), target, nullptr));
    m_attacks.push_back(std::make_unique<PreConnectBinary>(share(2), target, nullptr));
    m_attacks.push_back(std::make_unique<WrongLogin>(share(3), target, nullptr));
    m_attacks.push_back(std::make_unique<RegistrationLoop>(share(4), target, nullptr));
    m_attacks.push_back(std::make_unique<TypingFlood>(share(5), target, nullptr));
    m_attacks.push_back(std::make_unique<IdleConnection>(share(6), target, nullptr));
}

int AttackRun::run()
{
    const QString runId = QString::number(QRandomGenerator::global()->generate(), 36);
    m_result = {{QStringLiteral("tool"), QStringLiteral("attackbench")},
                {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                {QStringLiteral("host"), QSysInfo::machineHostName()},
                {QStringLiteral("attackers"), m_options.attackers},
                {QStringLiteral("kinds"),
                 QJsonArray::fromStringList(m_options.kinds.isEmpty() ? attackKindNames() : m_options.kinds)},
                {QStringLiteral("seconds"), m_options.seconds},
                {QStringLiteral("targets"),
                 QJsonObject{{QStringLiteral("peakRssMB"), TargetPeakRssMB}, {QStringLiteral("p99Ms"), TargetP99Ms}}}};

    if (!m_options.startServer.isEmpty()) {
        m_server = std::make_unique<ServerProcess>();
        QString error;
        if (!m_server->start(m_options.startServer, &error))
            return fail(1, error);
        m_options.url = QStringLiteral("http://127.0.0.1:%1").arg(m_server->port());
        m_options.serverPid = m_server->pid();
        m_result.insert(QStringLiteral("serverArguments"), QJsonArray::fromStringList(m_server->arguments()));
    }
    const QUrl url(m_options.url);
    const QHostAddress address(url.host());
    if (url.scheme() != QLatin1String("http") || !address.isLoopback() || url.port() <= 0)
        return fail(2, QStringLiteral("--url must be http://127.x.y.z:PORT (attacks go to loopback only)"));
    m_result.insert(QStringLiteral("url"), m_options.url);
    m_result.insert(QStringLiteral("serverPid"), double(m_options.serverPid));

    // setup: the normal pair, their chat and image, the flooding accounts
    ApiSetup api(m_options.url);
    if (!api.waitHealthy(15000))
        return fail(1, QStringLiteral("no 200 from /health within 15 s"));
    const ApiUser client = api.registerUser(
        QStringLiteral("Alice Normal"), QStringLiteral("ab-client-%1@bench.test").arg(runId), QStringLiteral("client"));
    const ApiUser craftsman
        = api.registerUser(QStringLiteral("Bob Normal"), QStringLiteral("ab-craftsman-%1@bench.test").arg(runId),
                           QStringLiteral("craftsman"));
    if (client.id.isEmpty() || craftsman.id.isEmpty())
        return fail(1, api.lastError());
    const QString chatId = api.createChat(client.token, craftsman.id);
    const QByteArray image = noisePng(ImageBytes);
    const QString uploadPath = chatId.isEmpty() ? QString() : api.upload(client.token, image);
    if (chatId.isEmpty() || uploadPath.isEmpty())
        return fail(1, api.lastError());

    AttackTarget target;
    target.host = url.host();
    target.port = quint16(url.port());
    target.uploadPath = uploadPath;
    target.victimEmail = craftsman.email;
    target.pauseMs = m_options.pauseMs;
    target.floodRate = m_options.floodRate;
    target.runId = runId;
    createAttacks(target);
    const int floodSockets = m_attacks[5]->connections();
    for (int i = 0; i < (floodSockets + SocketsPerAccount - 1) / SocketsPerAccount; ++i) {
        const ApiUser attacker
            = api.registerUser(QStringLiteral("Flood %1").arg(i),
                               QStringLiteral("ab-flood-%1-%2@bench.test").arg(runId).arg(i), QStringLiteral("client"));
        if (attacker.id.isEmpty())
            return fail(1, api.lastError());
        target.floodTokens.append(attacker.token);
    }
    m_result.insert(QStringLiteral("upload"),
                    QJsonObject{{QStringLiteral("path"), uploadPath}, {QStringLiteral("bytes"), double(image.size())}});

    // The normal pair lives on a thread of its own, so that the attackers' work on this thread
    // (e.g. masking 999,000-byte frames) does not show up as the server's latency.
    QThread pairThread;
    pairThread.setObjectName(QStringLiteral("normal-pair"));
    pairThread.start();
    QObject pairContext;
    pairContext.moveToThread(&pairThread);
    NormalPair *pairObject = nullptr;
    auto inPairThread = [&pairContext](const std::function<void()> &task) {
        QMetaObject::invokeMethod(&pairContext, task, Qt::BlockingQueuedConnection);
    };
    inPairThread([&] { pairObject = new NormalPair(url, client, craftsman, chatId, m_options.rate); });
    const auto pairDone = qScopeGuard([&] {
        inPairThread([&] { delete pairObject; });
        pairThread.quit();
        pairThread.wait();
    });
    NormalPair &pair = *pairObject;
    bool pairConnected = false;
    inPairThread([&] { pairConnected = pair.connectBoth(15000); });
    if (!pairConnected)
        return fail(1, QStringLiteral("the normal pair did not connect within 15 s"));

    // sampling: server RSS, attackers alive, the tool's own RSS
    const qint64 pid = m_options.serverPid;
    const qint64 rssBefore = pid > 0 ? statusKB(pid, "VmRSS") : 0;
    qint64 rssPeak = rssBefore;
    qint64 toolRssPeak = selfRssKB();
    int alivePeak = 0;
    qint64 samples = 0;
    double aliveSum = 0;
    auto alive = [this] {
        int n = 0;
        for (const auto &attack : m_attacks)
            n += attack->alive();
        return n;
    };
    QTimer sampler;
    sampler.setTimerType(Qt::PreciseTimer);
    sampler.setInterval(SampleIntervalMs);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        if (pid > 0)
            rssPeak = std::max(rssPeak, statusKB(pid, "VmRSS"));
        toolRssPeak = std::max(toolRssPeak, selfRssKB());
        const int a = alive();
        alivePeak = std::max(alivePeak, a);
        aliveSum += a;
        ++samples;
    });

    // the attackers' event-loop lag (the pair has its own thread; a busy tool still takes CPU
    // from a server on the same cores)
    constexpr int LagTickMs = 5;
    LatencySamples toolLag;
    QElapsedTimer lagClock;
    QTimer lagTimer;
    lagTimer.setTimerType(Qt::PreciseTimer);
    lagTimer.setInterval(LagTickMs);
    QObject::connect(&lagTimer, &QTimer::timeout, [&] {
        toolLag.add(std::max(0.0, double(lagClock.nsecsElapsed()) / 1e6 - LagTickMs));
        lagClock.restart();
    });
    lagClock.start();
    lagTimer.start();
    const double cpuBefore = cpuSeconds();
    const QString loadBefore = loadAverage();
    const ProcSample serverBefore = sampleProcessTree(pid);
    sampler.start();
    for (const auto &attack : m_attacks)
        attack->start();
    inPairThread([&] { pair.startSending(); });
    waitMs(int(m_options.seconds * 1000));
    inPairThread([&] { pair.stopSending(); });
    waitMs(int(m_options.drainSeconds * 1000)); // late messages, attacks still running
    sampler.stop();
    lagTimer.stop();

    const int aliveAtEnd = alive();
    const qint64 rssAtEnd = pid > 0 ? statusKB(pid, "VmRSS") : 0;
    const qint64 hwm = pid > 0 ? statusKB(pid, "VmHWM") : 0;
    const bool serverAlive = pid > 0 && processExists(pid);
    QJsonArray attacks;
    for (const auto &attack : m_attacks) {
        attacks.append(attack->report());
        attack->stop();
    }
    const double toolCpu = cpuSeconds() - cpuBefore;
    const ProcSample serverAfter = sampleProcessTree(pid);
    const double windowS = m_options.seconds + m_options.drainSeconds;
    LatencySummary latency;
    QJsonObject pairReport;
    bool noneLost = false;
    inPairThread([&] {
        pair.close();
        latency = pair.latency();
        pairReport = pair.report();
        noneLost = pair.sent() == pair.received();
    });
    waitMs(200);

    m_result.insert(QStringLiteral("server"),
                    QJsonObject{{QStringLiteral("alive"), serverAlive},
                                {QStringLiteral("rssBeforeMB"), mb(rssBefore)},
                                {QStringLiteral("peakRssMB"), mb(rssPeak)},
                                {QStringLiteral("rssAtEndMB"), mb(rssAtEnd)},
                                {QStringLiteral("vmHwmMB"), mb(hwm)},
                                {QStringLiteral("cores"), serverBefore.valid && serverAfter.valid
                                                              ? round2((serverAfter.cpuS - serverBefore.cpuS) / windowS)
                                                              : 0.0},
                                {QStringLiteral("sampled"), pid > 0}});
    m_result.insert(QStringLiteral("hostLoadAverage"),
                    QJsonObject{{QStringLiteral("before"), loadBefore}, {QStringLiteral("after"), loadAverage()}});
    m_result.insert(QStringLiteral("normal"), pairReport);
    m_result.insert(QStringLiteral("attackersAlive"),
                    QJsonObject{{QStringLiteral("atEnd"), aliveAtEnd},
                                {QStringLiteral("peak"), alivePeak},
                                {QStringLiteral("mean"), samples > 0 ? round2(aliveSum / double(samples)) : 0.0}});
    m_result.insert(QStringLiteral("attacks"), attacks);
    m_result.insert(QStringLiteral("toolResources"),
                    QJsonObject{{QStringLiteral("cores"), round2(toolCpu / windowS)},
                                {QStringLiteral("loopLagMs"), toolLag.summary().toJson()},
                                {QStringLiteral("peakRssMB"), mb(toolRssPeak)}});
    const bool rssOk = pid > 0 && double(rssPeak) / 1024.0 < TargetPeakRssMB;
    const bool p99Ok = latency.n > 0 && latency.p99 < TargetP99Ms;
    m_result.insert(QStringLiteral("verdict"), QJsonObject{{QStringLiteral("peakRssBelowTarget"), rssOk},
                                                           {QStringLiteral("p99BelowTarget"), p99Ok},
                                                           {QStringLiteral("noMessageLost"), noneLost}});
    if (m_server) {
        m_result.insert(QStringLiteral("serverLogTail"), m_server->logTail(10));
        m_server->stop();
    }
    return 0;
}

QString textReport(const QJsonObject &r)
{
    QString out;
    auto line = [&out](const QString &text) { out += text + QLatin1Char('\n'); };
    line(QStringLiteral("attackbench %1 against %2 (pid %3), %4 attackers, %5 s")
             .arg(r.value(QStringLiteral("date")).toString(), r.value(QStringLiteral("url")).toString())
             .arg(qint64(r.value(QStringLiteral("serverPid")).toDouble()))
             .arg(r.value(QStringLiteral("attackers")).toInt())
             .arg(r.value(QStringLiteral("seconds")).toDouble()));
    if (r.contains(QStringLiteral("error"))) {
        line(QStringLiteral("FAILED: ") + r.value(QStringLiteral("error")).toString());
        line(r.value(QStringLiteral("serverLogTail")).toString());
        return out;
    }
    const QJsonObject server = r.value(QStringLiteral("server")).toObject();
    const QJsonObject normal = r.value(QStringLiteral("normal")).toObject();
    const QJsonObject lat = normal.value(QStringLiteral("sendToOtherMs")).toObject();
    const QJsonObject alive = r.value(QStringLiteral("attackersAlive")).toObject();
    const QJsonObject verdict = r.value(QStringLiteral("verdict")).toObject();
    auto mark = [&verdict](const char *key) {
        return verdict.value(QLatin1String(key)).toBool() ? QStringLiteral("ok") : QStringLiteral("MISSED");
    };
    line(QStringLiteral("server: %1, RSS before %2 MB, peak %3 MB (target < %4 MB: %5), at end %6 MB, VmHWM %7 MB")
             .arg(server.value(QStringLiteral("alive")).toBool() ? QStringLiteral("alive") : QStringLiteral("GONE"))
             .arg(server.value(QStringLiteral("rssBeforeMB")).toDouble())
             .arg(server.value(QStringLiteral("peakRssMB")).toDouble())
             .arg(TargetPeakRssMB)
             .arg(mark("peakRssBelowTarget"))
             .arg(server.value(QStringLiteral("rssAtEndMB")).toDouble())
             .arg(server.value(QStringLiteral("vmHwmMB")).toDouble()));
    line(QStringLiteral("normal pair: %1 msg/s, sent %2, received %3, lost %4; send -> other party p50 %5 ms, p99 %6 "
                        "ms (target < %7 ms: %8), max %9 ms")
             .arg(normal.value(QStringLiteral("rate")).toDouble())
             .arg(normal.value(QStringLiteral("sent")).toDouble())
             .arg(normal.value(QStringLiteral("received")).toDouble())
             .arg(normal.value(QStringLiteral("lost")).toDouble())
             .arg(lat.value(QStringLiteral("p50")).toDouble())
             .arg(lat.value(QStringLiteral("p99")).toDouble())
             .arg(TargetP99Ms)
             .arg(mark("p99BelowTarget"))
             .arg(lat.value(QStringLiteral("max")).toDouble()));
    line(QStringLiteral("  send answers: ")
         + QString::fromUtf8(
             QJsonDocument(normal.value(QStringLiteral("sendAnswers")).toObject()).toJson(QJsonDocument::Compact))
         + QStringLiteral(", disconnects: ")
         + QString::fromUtf8(
             QJsonDocument(normal.value(QStringLiteral("disconnects")).toObject()).toJson(QJsonDocument::Compact)));
    line(QStringLiteral("attacking connections alive: %1 at the end, peak %2, mean %3")
             .arg(alive.value(QStringLiteral("atEnd")).toInt())
             .arg(alive.value(QStringLiteral("peak")).toInt())
             .arg(alive.value(QStringLiteral("mean")).toDouble()));
    for (const QJsonValue &value : r.value(QStringLiteral("attacks")).toArray()) {
        const QJsonObject a = value.toObject();
        line(QStringLiteral("  %1: %2 connections, %3 attempts, %4 alive at the end")
                 .arg(a.value(QStringLiteral("name")).toString(), -22)
                 .arg(a.value(QStringLiteral("connections")).toInt())
                 .arg(a.value(QStringLiteral("attempts")).toDouble())
                 .arg(a.value(QStringLiteral("alive")).toInt()));
        const QJsonObject outcomes = a.value(QStringLiteral("outcomes")).toObject();
        for (auto it = outcomes.constBegin(); it != outcomes.constEnd(); ++it)
            line(QStringLiteral("      %1 x %2").arg(it.value().toDouble()).arg(it.key()));
    }
    const QJsonObject tool = r.value(QStringLiteral("toolResources")).toObject();
    const QJsonObject load = r.value(QStringLiteral("hostLoadAverage")).toObject();
    const QJsonObject lag = tool.value(QStringLiteral("loopLagMs")).toObject();
    line(QStringLiteral(
             "server CPU: %1 cores; tool: %2 cores, attackers' loop lag p99 %6 ms max %7 ms, peak RSS %3 MB; host load "
             "average before %4, after %5")
             .arg(server.value(QStringLiteral("cores")).toDouble())
             .arg(tool.value(QStringLiteral("cores")).toDouble())
             .arg(tool.value(QStringLiteral("peakRssMB")).toDouble())
             .arg(load.value(QStringLiteral("before")).toString(), load.value(QStringLiteral("after")).toString())
             .arg(lag.value(QStringLiteral("p99")).toDouble())
             .arg(lag.value(QStringLiteral("max")).toDouble()));
    return out;
}

} // namespace craftchat::bench
