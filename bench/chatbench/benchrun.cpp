#include "bench/chatbench/benchrun.h"

#include "bench/chatbench/eventwait.h"
#include "bench/chatbench/monoclock.h"
#include "bench/chatbench/procsampler.h"

#include "bench/common/processclock.h"
#include "common/protocol/enginepacket.h"
#include "common/protocol/socketiopacket.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>

#include <csignal>
#include <sys/resource.h>

namespace craftchat::bench {
namespace {

// Marker that opens the content of every message the tool sends: CB~<seq>~<send ms>~<pad>
constexpr QStringView ContentMarker = u"CB~";

QJsonObject mapToJson(const QMap<QString, int> &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject procJson(const ProcSample &s)
{
    if (!s.valid)
        return {};
    return {{QStringLiteral("processes"), s.processes},
            {QStringLiteral("rssKB"), double(s.rssKB)},
            {QStringLiteral("cpuS"), round2(s.cpuS)},
            {QStringLiteral("threads"), s.threads}};
}

// JSON string literal (with quotes) for an opaque id.
QString jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// Parses the decimal digits at frame[pos...]; returns -1 if there are none.
qint64 parseDigits(QStringView text, qsizetype &pos)
{
    qint64 value = 0;
    const qsizetype start = pos;
    while (pos < text.size() && pos - start < 15 && text[pos].isDigit())
        value = value * 10 + (text[pos++].unicode() - u'0');
    return pos == start ? -1 : value;
}

} // namespace

BenchRun::BenchRun(BenchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    const quint32 r = QRandomGenerator::global()->generate();
    m_runId = QString::number(QDateTime::currentMSecsSinceEpoch(), 36) + QString::number(r & 0xffff, 16);
    // per process, so the server's idempotency keys never collide between runs
    m_cmidPrefix = m_runId + QString::number(r >> 16, 16) + QLatin1Char('-');
    m_wsUrl = m_options.url;
    m_wsUrl.setScheme(m_options.url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    m_wsUrl.setPath(m_options.ioPath);
    m_wsUrl.setQuery(QStringLiteral("EIO=4&transport=websocket"));
    m_clients = m_options.users / 2;
    m_craftsmen = m_options.users - m_clients;
    m_peakPoll.setInterval(1000);
    connect(&m_peakPoll, &QTimer::timeout, this, [this] {
        const ProcSample s = sampleProcessTree(m_options.serverPid);
        if (s.valid)
            m_peakRssKB = std::max(m_peakRssKB, s.rssKB);
    });
}

void BenchRun::progress(const QString &line) const
{
    if (m_options.quiet)
        return;
    QTextStream(stderr) << QStringLiteral("[chatbench +%1s] ").arg(monoNowMs() / 1000.0, 0, 'f', 1) << line << Qt::endl;
}

int BenchRun::run()
{
    m_selfCpuAtStart = cpuSeconds();
    m_result.insert(QStringLiteral("tool"), QStringLiteral("chatbench"));
    m_result.insert(QStringLiteral("runId"), m_runId);
    m_result.insert(QStringLiteral("startedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    QJsonObject config{
        {QStringLiteral("url"), m_options.url.toString()},
        {QStringLiteral("users"), m_options.users},
        {QStringLiteral("conns"), m_options.conns > 0 ? m_options.conns : m_options.users},
        {QStringLiteral("mode"), m_options.mode == BenchMode::Max ? QStringLiteral("max") : QStringLiteral("steady")},
        {QStringLiteral("rate"), m_options.rate},
        {QStringLiteral("duration"), m_options.duration},
        {QStringLiteral("warmup"), m_options.warmup},
        {QStringLiteral("contentBytes"), m_options.contentBytes},
        {QStringLiteral("p99BoundMs"), m_options.p99BoundMs},
        {QStringLiteral("serverPid"), double(m_options.serverPid)}};
    m_result.insert(QStringLiteral("config"), config);

    if (m_options.serverPid > 0) {
        if (!processExists(m_options.serverPid)) {
            m_warnings << QStringLiteral("--server-pid %1: no such process").arg(m_options.serverPid);
            return 1;
        }
        const QString srv = cpuAffinity(m_options.serverPid), self = cpuAffinity(QCoreApplication::applicationPid());
        if (!srv.isEmpty() && srv == self)
            m_warnings
                << QStringLiteral(
                       "tool and server share CPUs %1: pin the server (taskset -c 0) and the tool (taskset -c 1)")
                       .arg(srv);
    }
    m_srvStart = sampleProcessTree(m_options.serverPid);

    if (!setupPhase())
        return 1;
    if (!connectPhase())
        return 1;
    prepareSending();
    waitMs(int(m_options.settle * 1000));
    int live = 0;
    for (int n : m_live)
        live += n;
    QJsonObject connect = m_result.value(QStringLiteral("connect")).toObject();
    connect.insert(QStringLiteral("liveAfterSettle"), live);
    m_result.insert(QStringLiteral("connect"), connect);
    if (live < m_connectOk)
        m_warnings << QStringLiteral("%1 sockets dropped after connecting").arg(m_connectOk - live);
    m_srvAfterSettle = sampleProcessTree(m_options.serverPid);

    warmupPhase();
    if (m_options.mode == BenchMode::Max)
        maxPhase();
    else
        steadyPhase();
    return 0;
}

bool BenchRun::setupPhase()
{
    HttpSetup setup(m_options, m_runId);
    if (!setup.waitHealthy(10000)) {
        m_warnings << QStringLiteral("%1/health did not answer 200").arg(m_options.url.toString());
        return false;
    }
    progress(QStringLiteral("setup: registering %1 users").arg(m_options.users));
    m_setup = setup.run();
    progress(QStringLiteral("setup: %1/%2 users, %3/%4 chats in %5 s")
                 .arg(m_setup.usersOk)
                 .arg(m_options.users)
                 .arg(m_setup.chats.size())
                 .arg(m_setup.chatsWanted)
                 .arg(m_setup.seconds, 0, 'f', 2));
    QJsonObject setupJson = m_setup.toJson(m_clients, m_craftsmen);
    // per-user share of the traffic -> the server's rate limit must allow this many per minute
    std::vector<int> chatsPerUser(size_t(m_options.users), 0);
    for (const BenchChat &c : m_setup.chats) {
        ++chatsPerUser[size_t(c.client)];
        ++chatsPerUser[size_t(c.craftsman)];
    }
    const int busiest = chatsPerUser.empty() ? 0 : *std::max_element(chatsPerUser.begin(), chatsPerUser.end());
    if (!m_setup.chats.empty())
        setupJson.insert(QStringLiteral("neededRateLimitPerMin"),
                         std::ceil(m_options.rate * 60.0 * busiest / (2.0 * double(m_setup.chats.size()))));
    m_result.insert(QStringLiteral("setup"), setupJson);
    m_srvAfterSetup = sampleProcessTree(m_options.serverPid);
    if (m_setup.chats.empty()) {
        m_warnings << QStringLiteral("no chats created; nothing to send");
        return false;
    }
    return true;
}

bool BenchRun::connectPhase()
{
    const int users = m_options.users;
    const int wanted = m_options.conns > 0 ? m_options.conns : users;
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY
        && rlim_t(wanted) + 64 > files.rlim_cur) {
        m_warnings << QStringLiteral("--conns %1 needs more descriptors than the open-file limit %2 allows")
                          .arg(wanted)
                          .arg(qulonglong(files.rlim_cur));
        return false;
    }
    m_userConnections.assign(size_t(users), {});
    m_live.assign(size_t(users), 0);
    m_roundRobin.assign(size_t(users), 0);
    m_connectFrames.assign(size_t(users), {});
    for (int u = 0; u < users; ++u) {
        const BenchUser &user = m_setup.users[size_t(u)];
        if (!user.valid)
            continue;
        protocol::sio::Packet connectPacket;
        connectPacket.type = protocol::sio::PacketType::Connect;
        connectPacket.data = QJsonObject{{QStringLiteral("token"), user.token}};
        const QByteArray frame
            = protocol::eio::encodeTextFrame(protocol::eio::Packet::message(protocol::sio::encode(connectPacket).text));
        m_connectFrames[size_t(u)] = QString::fromUtf8(frame);
    }
    for (int i = 0; i < wanted; ++i) {
        auto *c = new LoadConnection(i, i % users, this, this);
        m_connections.push_back(c);
        m_userConnections[size_t(c->user())].push_back(c);
        if (m_setup.users[size_t(c->user())].valid)
            m_connectQueue.push_back(i);
    }
    if (wanted > users * 5)
        progress(
            QStringLiteral("note: %1 sockets per user; the contract's default limit is 5").arg(double(wanted) / users));
    progress(QStringLiteral("connect: %1 sockets, %2 at a time")
                 .arg(m_connectQueue.size())
                 .arg(m_options.connectConcurrency));
    MeasurementWindow window(m_options.serverPid, &m_lagMonitor);
    window.begin();
    const double t0 = monoNowMs();
    const int starters = std::min<int>(m_options.connectConcurrency, int(m_connectQueue.size()));
    for (int i = 0; i < starters; ++i) {
        LoadConnection *c = m_connections[size_t(m_connectQueue[size_t(m_connectNext++)])];
        c->open(m_wsUrl, m_connectFrames[size_t(c->user())], int(m_options.connectTimeout * 1000));
    }
    const int total = int(m_connectQueue.size());
    waitUntil([&] { return m_connectDone >= total; }, 1e12, 5);
    const double secs = (monoNowMs() - t0) / 1000.0;
    m_connectWindow = window.end(0);
    m_srvAfterConnect = sampleProcessTree(m_options.serverPid);
    progress(QStringLiteral("connect: %1/%2 sockets in %3 s").arg(m_connectOk).arg(wanted).arg(secs, 0, 'f', 2));
    const double serverCpu
        = m_srvAfterConnect.valid && m_srvAfterSetup.valid ? m_srvAfterConnect.cpuS - m_srvAfterSetup.cpuS : 0;
    m_result.insert(QStringLiteral("connect"),
                    QJsonObject{{QStringLiteral("wanted"), wanted},
                                {QStringLiteral("connected"), m_connectOk},
                                {QStringLiteral("perUser"), round2(double(wanted) / users)},
                                {QStringLiteral("seconds"), round2(secs)},
                                {QStringLiteral("ratePerS"), round2(m_connectOk / std::max(secs, 1e-3))},
                                {QStringLiteral("connectAuthMs"), m_connectAuthMs.summary().toJson()},
                                {QStringLiteral("wsOpenMs"), m_wsOpenMs.summary().toJson()},
                                {QStringLiteral("errors"), mapToJson(m_connectErrors)},
                                {QStringLiteral("serverCpuMsPerSocket"),
                                 m_connectOk ? round2(serverCpu * 1000 / m_connectOk) : 0.0},
                                {QStringLiteral("tool"), m_connectWindow.toolJson()}});
    if (m_connectOk == 0) {
        m_warnings << QStringLiteral("no socket connected");
        return false;
    }
    return true;
}

void BenchRun::connectionFinished(LoadConnection *connection, bool ok, const QString &why)
{
    ++m_connectDone;
    if (ok) {
        ++m_connectOk;
        ++m_live[size_t(connection->user())];
        m_connectAuthMs.add(connection->connectedMs() - connection->startedMs());
        m_wsOpenMs.add(connection->wsOpenMs() - connection->startedMs());
    } else {
        m_connectErrors[why]++;
    }
    if (m_connectNext < int(m_connectQueue.size())) {
        LoadConnection *c = m_connections[size_t(m_connectQueue[size_t(m_connectNext++)])];
        c->open(m_wsUrl, m_connectFrames[size_t(c->user())], int(m_options.connectTimeout * 1000));
    }
}

void BenchRun::connectionDropped(LoadConnection *connection, int closeCode)
{
    --m_live[size_t(connection->user())];
    if (!m_shuttingDown) {
        ++m_drops;
        m_connectErrors[QStringLiteral("CLOSED_AFTER_CONNECT:%1").arg(closeCode)]++;
    }
}

void BenchRun::otherFrame(LoadConnection *, const QString &what)
{
    m_otherEvents[what]++;
}

void BenchRun::prepareSending()
{
    // deterministic shuffle so consecutive messages go to different users
    m_chatOrder.resize(m_setup.chats.size());
    for (size_t i = 0; i < m_chatOrder.size(); ++i)
        m_chatOrder[i] = int(i);
    quint32 seed = 12345;
    for (size_t i = m_chatOrder.size(); i > 1; --i) {
        seed = (seed * 1103515245u + 12345u) & 0x7fffffffu;
        std::swap(m_chatOrder[i - 1], m_chatOrder[seed % i]);
    }
    m_chatFramePrefix.clear();
    for (const BenchChat &chat : m_setup.chats)
        m_chatFramePrefix.push_back(
            QStringLiteral("42[\"send-message\",{\"chatId\":%1,\"messageType\":\"text\",\"content\":\"")
                .arg(jsonString(chat.id)));
    m_padding = QString(m_options.contentBytes, QLatin1Char('x'));
}

LoadConnection *BenchRun::pickConnection(int user)
{
    const auto &list = m_userConnections[size_t(user)];
    for (size_t t = 0; t < list.size(); ++t) {
        LoadConnection *c = list[size_t(m_roundRobin[size_t(user)]++) % list.size()];
        if (c->isConnected())
            return c;
    }
    return nullptr;
}

void BenchRun::sendOne(PhaseStats &phase, double scheduledMs)
{
    const qint64 n = m_nextMessage++;
    const auto chats = qint64(m_chatOrder.size());
    const int chatIndex = m_chatOrder[size_t(n % chats)];
    const BenchChat &chat = m_setup.chats[size_t(chatIndex)];
    const bool craftsmanSends = ((n / chats) & 1) != 0;
    int sender = craftsmanSends ? chat.craftsman : chat.client;
    int other = craftsmanSends ? chat.client : chat.craftsman;
    LoadConnection *c = pickConnection(sender);
    if (!c) { // fewer sockets than users: let the other side talk
        std::swap(sender, other);
        c = pickConnection(sender);
    }
    if (!c) {
        ++phase.notSent;
        return;
    }
    const double t = monoNowMs();
    const qint64 seq
        = m_ledger.recordSend(phase, sender, other, m_live[size_t(sender)], m_live[size_t(other)], t, scheduledMs);
    const QString sentAt = QString::number(t, 'f', 3);
    const QString seqText = QString::number(seq);
    const qsizetype padLength = std::max<qsizetype>(1, m_options.contentBytes - sentAt.size() - seqText.size() - 5);
    QString frame;
    frame.reserve(m_chatFramePrefix[size_t(chatIndex)].size() + m_options.contentBytes + 64);
    frame += m_chatFramePrefix[size_t(chatIndex)];
    frame += ContentMarker;
    frame += seqText;
    frame += QLatin1Char('~');
    frame += sentAt;
    frame += QLatin1Char('~');
    frame += QStringView(m_padding).left(padLength);
    frame += QLatin1String("\",\"clientMessageId\":\"");
    frame += m_cmidPrefix;
    frame += seqText;
    frame += QLatin1String("\"}]");
    m_chatOfMessage.push_back(chatIndex);
    c->pending().push_back(seq);
    c->sendText(frame);
}

void BenchRun::eventFrame(LoadConnection *connection, QStringView frame, double arrivedMs)
{
    ++m_framesIn;
    // dispatch on the event name right after 42["
    const QStringView rest = frame.mid(3);
    if (rest.startsWith(u"\"new-message\""))
        return onNewMessage(connection, frame, arrivedMs);
    if (rest.startsWith(u"\"chat-updated\"")) {
        ++m_chatUpdated;
        return;
    }
    if (rest.startsWith(u"\"message-sent\""))
        return onMessageSent(connection, frame, arrivedMs);
    if (rest.startsWith(u"\"error\""))
        return onError(connection, frame);
    if (rest.startsWith(u"\"new-chat-notification\"")) {
        ++m_newChatNotifications;
        return;
    }
    const qsizetype end = rest.indexOf(u'"', 1);
    m_otherEvents[end > 1 ? rest.mid(1, std::min<qsizetype>(end - 1, 40)).toString() : QStringLiteral("(unnamed)")]++;
}

void BenchRun::onNewMessage(LoadConnection *connection, QStringView frame, double now)
{
    const qsizetype marker = frame.indexOf(ContentMarker);
    if (marker < 0) {
        ++m_foreignNewMessages;
        return;
    }
    qsizetype pos = marker + ContentMarker.size();
    const qint64 seq = parseDigits(frame, pos);
    if (seq < 0 || seq >= m_ledger.count() || pos >= frame.size() || frame[pos] != u'~') {
        ++m_foreignNewMessages;
        return;
    }
    const qsizetype timeEnd = frame.indexOf(u'~', pos + 1);
    bool ok = false;
    const double sentMs = timeEnd > pos ? frame.mid(pos + 1, timeEnd - pos - 1).toDouble(&ok) : 0;
    if (!ok || sentMs <= 0) {
        ++m_foreignNewMessages;
        return;
    }
    m_ledger.recordDelivery(seq, connection->user(), now, sentMs);
}

qint64 BenchRun::popPending(LoadConnection *connection)
{
    auto &q = connection->pending();
    while (!q.empty()) {
        const qint64 seq = q.front();
        q.pop_front();
        if (m_ledger.isPending(seq))
            return seq;
    }
    return -1;
}

void BenchRun::onMessageSent(LoadConnection *connection, QStringView frame, double now)
{
    static constexpr QStringView Key = u"\"clientMessageId\":\"";
    qint64 seq = -1;
    const qsizetype at = frame.indexOf(Key);
    if (at >= 0) {
        const QStringView id = frame.mid(at + Key.size());
        if (id.startsWith(m_cmidPrefix)) {
            qsizetype pos = m_cmidPrefix.size();
            const qint64 n = parseDigits(id, pos);
            if (n >= 0 && n < m_ledger.count() && pos < id.size() && id[pos] == u'"')
                seq = n;
        }
    }
    if (seq < 0)
        seq = popPending(connection); // no echo of clientMessageId: answers come in order per socket
    if (seq < 0) {
        ++m_unmatchedSent;
        return;
    }
    if (!m_ledger.recordAnswered(seq, now))
        ++m_duplicateSent;
    // drop answered entries from the front so the queue stays short
    auto &q = connection->pending();
    while (!q.empty() && !m_ledger.isPending(q.front()))
        q.pop_front();
}

void BenchRun::onError(LoadConnection *connection, QStringView frame)
{
    QString code = QStringLiteral("UNKNOWN");
    const std::optional<protocol::sio::ParsedText> parsed = protocol::sio::parseText(frame.mid(1).toUtf8());
    if (parsed) {
        const QJsonObject o = parsed->packet.arguments().at(0).toObject();
        code = o.value(QStringLiteral("code")).toString(o.value(QStringLiteral("message")).toString(code)).left(60);
    }
    static const QStringList sendErrors{QStringLiteral("RATE_LIMIT"), QStringLiteral("SEND_MESSAGE_ERROR"),
                                        QStringLiteral("INVALID_INPUT"), QStringLiteral("UNAUTHORIZED")};
    const qint64 seq = sendErrors.contains(code) ? popPending(connection) : -1;
    if (seq >= 0)
        m_ledger.recordFailed(seq, code);
    else
        m_unattributedErrors[code]++;
}

void BenchRun::runLoad(PhaseStats &phase, double rate, double seconds)
{
    phase.startMs = monoNowMs();
    m_sender.start(rate, seconds, [this, &phase](double scheduled) { sendOne(phase, scheduled); });
    double lastReport = monoNowMs();
    qint64 lastSent = 0, lastDelivered = 0;
    while (m_sender.isRunning()) {
        waitMs(20);
        if (monoNowMs() - lastReport >= 1000) {
            progress(QStringLiteral("  %1: sent %2 (+%3) accepted %4 failed %5 delivered %6 (+%7)")
                         .arg(phase.name)
                         .arg(phase.sent)
                         .arg(phase.sent - lastSent)
                         .arg(phase.acked)
                         .arg(phase.failed)
                         .arg(phase.delivered())
                         .arg(phase.delivered() - lastDelivered));
            lastReport = monoNowMs();
            lastSent = phase.sent;
            lastDelivered = phase.delivered();
        }
    }
    phase.truncated = m_sender.truncated();
    phase.sendEndMs = monoNowMs();
}

bool BenchRun::drain(const PhaseStats &phase, double timeoutMs)
{
    return waitUntil([&phase] { return phase.complete(); }, timeoutMs, 5);
}

void BenchRun::warmupPhase()
{
    if (m_options.warmup <= 0)
        return;
    const double rate
        = std::min(m_options.warmupRate, m_options.mode == BenchMode::Max ? m_options.startRate : m_options.rate);
    PhaseStats &phase = m_ledger.beginPhase(QStringLiteral("warmup"), rate, m_options.warmup);
    progress(QStringLiteral("warm-up: %1 msg/s for %2 s").arg(rate).arg(m_options.warmup));
    runLoad(phase, rate, m_options.warmup);
    const bool done = drain(phase, std::max(2000.0, m_options.drain * 1000));
    phase.endMs = monoNowMs();
    QJsonObject w = phase.toJson();
    w.insert(QStringLiteral("drainedInTime"), done);
    m_result.insert(QStringLiteral("warmup"), w);
    if (!done)
        m_warnings
            << QStringLiteral("warm-up deliveries incomplete (%1/%2)").arg(phase.delivered()).arg(phase.expected());
}

void BenchRun::steadyPhase()
{
    PhaseStats &phase = m_ledger.beginPhase(QStringLiteral("steady"), m_options.rate, m_options.duration);
    progress(QStringLiteral("steady: %1 msg/s for %2 s").arg(m_options.rate).arg(m_options.duration));
    MeasurementWindow window(m_options.serverPid, &m_lagMonitor);
    window.begin();
    startPeakPoll();
    if (m_options.killServerAt > 0)
        QTimer::singleShot(int(m_options.killServerAt * 1000), this, [this] { killServerForDurabilityCheck(); });
    runLoad(phase, m_options.rate, m_options.duration);
    const bool done = drain(phase, m_serverKilled ? 0 : m_options.drain * 1000);
    phase.endMs = monoNowMs();
    stopPeakPoll();
    m_measuredWindow = window.end(phase.acked);
    m_haveMeasuredWindow = true;
    m_srvEnd = m_measuredWindow.serverEnd;
    QJsonObject s = phase.toJson();
    s.insert(QStringLiteral("drainedInTime"), done);
    s.insert(QStringLiteral("tool"), m_measuredWindow.toolJson());
    s.insert(QStringLiteral("server"), m_measuredWindow.serverJson());
    s.insert(QStringLiteral("host"), m_measuredWindow.hostJson());
    m_result.insert(QStringLiteral("steady"), s);
    if (!phase.complete() && !m_serverKilled)
        m_warnings << QStringLiteral("steady deliveries incomplete");
    if (phase.errors.contains(QStringLiteral("RATE_LIMIT")))
        m_warnings << QStringLiteral("RATE_LIMIT errors: raise the server's per-minute rate limit");
    if (m_measuredWindow.toolCores > m_options.toolCoreLimit * 0.9)
        m_warnings << QStringLiteral("the tool used %1 of a core: it may be the bottleneck")
                          .arg(round2(m_measuredWindow.toolCores));
}

BenchRun::StepVerdict BenchRun::runStep(double rate, int number)
{
    StepVerdict v;
    v.rate = rate;
    PhaseStats &phase = m_ledger.beginPhase(QStringLiteral("step%1").arg(number), rate, m_options.step);
    progress(QStringLiteral("max: step %1 at %2 msg/s for %3 s").arg(number).arg(rate).arg(m_options.step));
    MeasurementWindow window(m_options.serverPid, &m_lagMonitor);
    window.begin();
    runLoad(phase, rate, m_options.step);
    const bool inTime = drain(phase, m_options.grace * 1000);
    phase.endMs = monoNowMs();
    const WindowFigures w = window.end(phase.acked);
    const LatencySummary other = phase.otherMs.summary();
    const double achieved = phase.achievedRate();
    const qint64 bad = phase.sent - phase.acked;
    QStringList why;
    if (other.n == 0 || other.p99 > m_options.p99BoundMs)
        why << QStringLiteral("p99 %1 ms > %2").arg(round2(other.p99)).arg(m_options.p99BoundMs);
    if (!inTime)
        why << QStringLiteral("deliveries behind (%1/%2 after %3 s grace)")
                   .arg(phase.delivered())
                   .arg(phase.expected())
                   .arg(m_options.grace);
    if (double(bad) > double(phase.sent) * 0.001)
        why << QStringLiteral("%1 failed/unanswered sends").arg(bad);
    const bool toolShort = achieved < rate * 0.97 || phase.truncated > 0;
    if (toolShort)
        why << QStringLiteral("tool achieved only %1/s").arg(round2(achieved));
    v.toolBound = toolShort || w.toolCores > m_options.toolCoreLimit || w.toolLoopLagMs.p99 > m_options.toolLagLimitMs;
    v.pass = why.isEmpty();
    progress(QStringLiteral("  -> %1 p99 other %2 ms, delivered %3/%4, tool %5 cores, server %6 cores%7")
                 .arg(v.pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"))
                 .arg(round2(other.p99))
                 .arg(phase.delivered())
                 .arg(phase.expected())
                 .arg(round2(w.toolCores))
                 .arg(round2(w.serverCores))
                 .arg(why.isEmpty() ? QString() : QStringLiteral("; ") + why.join(QStringLiteral("; "))));
    if (!inTime && !drain(phase, m_options.drain * 1000)) // let the backlog clear before the next step
        v.backlogNotCleared = true;
    v.report = QJsonObject{{QStringLiteral("rate"), rate},
                           {QStringLiteral("achieved"), round2(achieved)},
                           {QStringLiteral("pass"), v.pass},
                           {QStringLiteral("toolBound"), v.toolBound},
                           {QStringLiteral("why"), QJsonArray::fromStringList(why)},
                           {QStringLiteral("sendToOtherMs"), other.toJson()},
                           {QStringLiteral("sendToSentMs"), phase.sentMs.summary().toJson()},
                           {QStringLiteral("delivered"), double(phase.delivered())},
                           {QStringLiteral("expected"), double(phase.expected())},
                           {QStringLiteral("extra"), double(phase.extra)},
                           {QStringLiteral("failed"), double(phase.failed)},
                           {QStringLiteral("errors"), mapToJson(phase.errors)},
                           {QStringLiteral("tool"), w.toolJson()},
                           {QStringLiteral("server"), w.serverJson()},
                           {QStringLiteral("host"), w.hostJson()}};
    if (v.pass) {
        m_measuredWindow = w;
        m_haveMeasuredWindow = true;
    }
    return v;
}

void BenchRun::maxPhase()
{
    QJsonArray steps;
    std::optional<StepVerdict> best;
    double rate = m_options.startRate;
    double failRate = 0;
    QString limitedBy;
    int number = 0;
    startPeakPoll();
    while (number < m_options.maxSteps && rate <= m_options.maxRate) {
        StepVerdict v = runStep(rate, ++number);
        steps.append(v.report);
        if (v.pass) {
            best = v;
            if (v.toolBound) {
                limitedBy = QStringLiteral("tool");
                break;
            }
            rate = std::round(rate * m_options.ramp);
        } else {
            failRate = rate;
            limitedBy = v.toolBound ? QStringLiteral("tool") : QStringLiteral("server");
            break;
        }
    }
    if (best && failRate > 0 && limitedBy == QLatin1String("server")) { // bisect between pass and fail
        double lo = best->rate, hi = failRate;
        for (int i = 0; i < m_options.refine && number < m_options.maxSteps && hi - lo > std::max(10.0, lo * 0.05);
             ++i) {
            const double mid = std::round((lo + hi) / 2);
            StepVerdict v = runStep(mid, ++number);
            steps.append(v.report);
            if (v.toolBound && !v.pass) {
                limitedBy = QStringLiteral("tool");
                break;
            }
            if (v.pass) {
                lo = mid;
                best = v;
            } else {
                hi = mid;
                if (v.backlogNotCleared)
                    break;
            }
        }
    }
    stopPeakPoll();
    m_srvEnd = sampleProcessTree(m_options.serverPid);
    if (limitedBy.isEmpty())
        limitedBy = rate > m_options.maxRate ? QStringLiteral("max-rate") : QStringLiteral("max-steps");
    QJsonObject max{{QStringLiteral("p99BoundMs"), m_options.p99BoundMs},
                    {QStringLiteral("limitedBy"), limitedBy},
                    {QStringLiteral("firstFailingRate"), failRate > 0 ? QJsonValue(failRate) : QJsonValue()},
                    {QStringLiteral("steps"), steps}};
    // a maximum the tool could not drive is not reported, only the rate it did sustain
    const bool serverBound = limitedBy == QLatin1String("server");
    max.insert(QStringLiteral("maxSustainedRate"), best && serverBound ? QJsonValue(best->rate) : QJsonValue());
    max.insert(QStringLiteral("sustainedAtLeast"), best ? best->rate : 0.0);
    if (best)
        max.insert(QStringLiteral("best"), best->report);
    if (!serverBound)
        m_warnings << QStringLiteral(
                          "max mode limited by %1: no maximum reported; the server sustained at least %2 msg/s")
                          .arg(limitedBy)
                          .arg(best ? best->rate : 0.0);
    m_result.insert(QStringLiteral("max"), max);
}

// Records every message acknowledged so far (message-sent means committed), then kills the
// server; `chatbench verify-durability` checks them after a restart on the same data.
void BenchRun::killServerForDurabilityCheck()
{
    QHash<int, QJsonArray> seqsByChat;
    qint64 acknowledged = 0;
    for (qint64 seq = 0; seq < m_ledger.count(); ++seq) {
        if (m_ledger.isAnswered(seq)) {
            seqsByChat[m_chatOfMessage[size_t(seq)]].append(double(seq));
            ++acknowledged;
        }
    }
    m_shuttingDown = true; // the drops that follow are expected
    m_serverKilled = ::kill(pid_t(m_options.serverPid), SIGKILL) == 0;
    QJsonArray chats;
    for (auto it = seqsByChat.cbegin(); it != seqsByChat.cend(); ++it) {
        const BenchChat &chat = m_setup.chats[size_t(it.key())];
        chats.append(QJsonObject{{QStringLiteral("id"), chat.id},
                                 {QStringLiteral("token"), m_setup.users[size_t(chat.client)].token},
                                 {QStringLiteral("seqs"), it.value()}});
    }
    QFile file(m_options.durabilityFile);
    const bool written = file.open(QIODevice::WriteOnly | QIODevice::Truncate)
                         && file.write(QJsonDocument(QJsonObject{{QStringLiteral("acknowledged"), double(acknowledged)},
                                                                 {QStringLiteral("chats"), chats}})
                                           .toJson(QJsonDocument::Compact))
                                > 0;
    progress(QStringLiteral("durability: killed server %1 (%2) with %3 messages acknowledged")
                 .arg(m_options.serverPid)
                 .arg(m_serverKilled ? QStringLiteral("ok") : QStringLiteral("FAILED"))
                 .arg(acknowledged));
    if (!written)
        m_warnings << QStringLiteral("could not write %1").arg(m_options.durabilityFile);
    m_result.insert(QStringLiteral("durability"),
                    QJsonObject{{QStringLiteral("killed"), m_serverKilled},
                                {QStringLiteral("acknowledgedBeforeKill"), double(acknowledged)},
                                {QStringLiteral("file"), m_options.durabilityFile}});
}

void BenchRun::startPeakPoll()
{
    if (m_options.serverPid > 0)
        m_peakPoll.start();
}

void BenchRun::stopPeakPoll()
{
    m_peakPoll.stop();
}

void BenchRun::closeAll()
{
    m_shuttingDown = true;
    for (LoadConnection *c : m_connections)
        c->close();
    waitUntil(
        [this] {
            return std::none_of(m_connections.begin(), m_connections.end(), [](LoadConnection *c) {
                return c->state() == LoadConnection::State::Connected
                       || c->state() == LoadConnection::State::Connecting;
            });
        },
        2000, 20);
}

QJsonObject BenchRun::resourcesJson()
{
    QJsonObject r;
    if (m_srvStart.valid) {
        const int connected = m_connectOk;
        const ProcSample &setup = m_srvAfterSetup.valid ? m_srvAfterSetup : m_srvStart;
        const ProcSample &afterConnect = m_srvAfterConnect.valid ? m_srvAfterConnect : setup;
        const ProcSample &settled = m_srvAfterSettle.valid ? m_srvAfterSettle : afterConnect;
        const ProcSample end = m_srvEnd.valid ? m_srvEnd : sampleProcessTree(m_options.serverPid);
        QJsonObject s{
            {QStringLiteral("pid"), double(m_options.serverPid)},
            {QStringLiteral("affinity"), cpuAffinity(m_options.serverPid)},
            {QStringLiteral("start"), procJson(m_srvStart)},
            {QStringLiteral("afterSetup"), procJson(setup)},
            {QStringLiteral("afterConnect"), procJson(afterConnect)},
            {QStringLiteral("afterSettle"), procJson(settled)},
            {QStringLiteral("end"), procJson(end)},
            {QStringLiteral("rssPeakKB"), double(std::max({m_peakRssKB, end.rssKB, afterConnect.rssKB}))},
            {QStringLiteral("kbPerConnection"),
             connected ? round2(double(afterConnect.rssKB - setup.rssKB) / connected) : 0.0},
            {QStringLiteral("kbPerConnectionAfterSettle"),
             connected ? round2(double(settled.rssKB - setup.rssKB) / connected) : 0.0},
            {QStringLiteral("setupCpuS"), round2(setup.cpuS - m_srvStart.cpuS)},
            {QStringLiteral("connectCpuS"), round2(afterConnect.cpuS - setup.cpuS)},
        };
        if (m_haveMeasuredWindow && m_measuredWindow.hasServer) {
            s.insert(QStringLiteral("cpuS"), round2(m_measuredWindow.serverCpuS));
            s.insert(QStringLiteral("cores"), round2(m_measuredWindow.serverCores));
            s.insert(QStringLiteral("cpuSPer1000Msgs"),
                     std::round(m_measuredWindow.serverCpuSPer1000Msgs * 1000.0) / 1000.0);
        }
        r.insert(QStringLiteral("server"), s);
    }
    QJsonObject tool = m_haveMeasuredWindow ? m_measuredWindow.toolJson() : QJsonObject{};
    tool.insert(QStringLiteral("affinity"), cpuAffinity(QCoreApplication::applicationPid()));
    tool.insert(QStringLiteral("totalCpuS"), round2(cpuSeconds() - m_selfCpuAtStart));
    tool.insert(QStringLiteral("rssMB"), round2(double(selfRssKB()) / 1024.0));
    r.insert(QStringLiteral("tool"), tool);
    if (m_haveMeasuredWindow && m_measuredWindow.hasHost) {
        r.insert(QStringLiteral("host"), m_measuredWindow.hostJson());
        if (m_measuredWindow.hostOtherCores > 0.15)
            m_warnings << QStringLiteral(
                              "other processes used ~%1 cores during the measured window: figures may be disturbed")
                              .arg(round2(m_measuredWindow.hostOtherCores));
    }
    return r;
}

QJsonObject BenchRun::eventsJson() const
{
    qint64 expectedChatUpdated = 0, framesOut = 0;
    for (const PhaseStats &p : m_ledger.phases())
        expectedChatUpdated += p.expectedChatUpdated;
    for (const LoadConnection *c : m_connections)
        framesOut += c->framesOut();
    return {{QStringLiteral("chatUpdated"), double(m_chatUpdated)},
            {QStringLiteral("chatUpdatedExpected"), double(expectedChatUpdated)},
            {QStringLiteral("newChatNotification"), double(m_newChatNotifications)},
            {QStringLiteral("other"), mapToJson(m_otherEvents)},
            {QStringLiteral("foreignNewMessages"), double(m_foreignNewMessages)},
            {QStringLiteral("unmatchedMessageSent"), double(m_unmatchedSent)},
            {QStringLiteral("duplicateMessageSent"), double(m_duplicateSent)},
            {QStringLiteral("unattributedErrors"), mapToJson(m_unattributedErrors)},
            {QStringLiteral("connectErrors"), mapToJson(m_connectErrors)},
            {QStringLiteral("drops"), double(m_drops)},
            {QStringLiteral("eventFramesIn"), double(m_framesIn)},
            {QStringLiteral("framesOut"), double(framesOut)}};
}

QJsonObject BenchRun::result()
{
    QJsonObject r = m_result;
    r.insert(QStringLiteral("resources"), resourcesJson());
    r.insert(QStringLiteral("events"), eventsJson());
    if (!m_shuttingDown)
        closeAll();
    r.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(m_warnings));
    r.insert(QStringLiteral("finishedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    return r;
}

} // namespace craftchat::bench
