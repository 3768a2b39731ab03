#include "bench/chatbench/report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace craftchat::bench {
namespace {

QString num(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return QStringLiteral("-");
    return QString::number(v.toDouble(), 'g', 10);
}

QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return num(v);
}

QString latencyRow(const QString &name, const QJsonObject &s)
{
    if (s.value(QStringLiteral("n")).toDouble() == 0)
        return QStringLiteral("  %1 (no samples)").arg(name, -36);
    return QStringLiteral("  %1 %2 %3 %4 %5 %6  (n=%7)")
        .arg(name, -36)
        .arg(num(s[QStringLiteral("p50")]), 9)
        .arg(num(s[QStringLiteral("p90")]), 9)
        .arg(num(s[QStringLiteral("p99")]), 9)
        .arg(num(s[QStringLiteral("max")]), 9)
        .arg(num(s[QStringLiteral("mean")]), 9)
        .arg(num(s[QStringLiteral("n")]));
}

QString latencyHeader()
{
    return QStringLiteral("  %1 %2 %3 %4 %5 %6")
        .arg(QStringLiteral("latency (ms)"), -36)
        .arg(QStringLiteral("p50"), 9)
        .arg(QStringLiteral("p90"), 9)
        .arg(QStringLiteral("p99"), 9)
        .arg(QStringLiteral("max"), 9)
        .arg(QStringLiteral("mean"), 9);
}

QString mb(const QJsonValue &kb)
{
    return QString::number(kb.toDouble() / 1024.0, 'f', 1);
}

} // namespace

QString humanReport(const QJsonObject &r)
{
    QStringList L;
    const QJsonObject cfg = r[QStringLiteral("config")].toObject();
    L << QStringLiteral("chatbench run %1 -> %2  mode=%3")
             .arg(r[QStringLiteral("runId")].toString(), cfg[QStringLiteral("url")].toString(),
                  cfg[QStringLiteral("mode")].toString());
    const QJsonObject setup = r[QStringLiteral("setup")].toObject();
    if (!setup.isEmpty())
        L << QStringLiteral("setup: %1/%2 users, %3/%4 chats in %5 s; register p50 %6 p99 %7 ms; http errors %8")
                 .arg(num(setup[QStringLiteral("users")]), num(setup[QStringLiteral("usersWanted")]),
                      num(setup[QStringLiteral("chats")]), num(setup[QStringLiteral("chatsWanted")]),
                      num(setup[QStringLiteral("seconds")]),
                      num(setup[QStringLiteral("registerMs")][QStringLiteral("p50")]),
                      num(setup[QStringLiteral("registerMs")][QStringLiteral("p99")]),
                      compact(setup[QStringLiteral("errors")]));
    const QJsonObject conn = r[QStringLiteral("connect")].toObject();
    if (!conn.isEmpty()) {
        L << QStringLiteral("connect: %1/%2 sockets (%3 per user) in %4 s (%5/s); live after settle %6; errors %7")
                 .arg(num(conn[QStringLiteral("connected")]), num(conn[QStringLiteral("wanted")]),
                      num(conn[QStringLiteral("perUser")]), num(conn[QStringLiteral("seconds")]),
                      num(conn[QStringLiteral("ratePerS")]), num(conn[QStringLiteral("liveAfterSettle")]),
                      compact(conn[QStringLiteral("errors")]));
        L << latencyHeader();
        L << latencyRow(QStringLiteral("connect+auth per socket"), conn[QStringLiteral("connectAuthMs")].toObject());
    }
    const QJsonObject s = r[QStringLiteral("steady")].toObject();
    if (!s.isEmpty()) {
        L << QStringLiteral(
                 "steady: target %1/s x %2 s -> sent %3 (%4/s), accepted %5, failed %6, no answer %7, not sent %8")
                 .arg(num(s[QStringLiteral("targetRate")]), num(s[QStringLiteral("seconds")]),
                      num(s[QStringLiteral("sent")]), num(s[QStringLiteral("achievedRate")]),
                      num(s[QStringLiteral("accepted")]), num(s[QStringLiteral("failed")]),
                      num(s[QStringLiteral("noAnswer")]), num(s[QStringLiteral("notSent")]));
        L << latencyHeader();
        L << latencyRow(QStringLiteral("send -> message-sent"), s[QStringLiteral("sendToSentMs")].toObject());
        L << latencyRow(QStringLiteral("send -> new-message (other user)"),
                        s[QStringLiteral("sendToOtherMs")].toObject());
        L << latencyRow(QStringLiteral("send -> new-message (own sockets)"),
                        s[QStringLiteral("sendToOwnSocketsMs")].toObject());
        L << latencyRow(QStringLiteral("schedule lag (tool)"), s[QStringLiteral("scheduleLagMs")].toObject());
        const QJsonObject d = s[QStringLiteral("delivered")].toObject();
        L << QStringLiteral("  delivered new-message: other %1/%2, own %3/%4, total %5/%6 %7; extra %8, misrouted %9")
                 .arg(num(d[QStringLiteral("other")]), num(d[QStringLiteral("otherExpected")]),
                      num(d[QStringLiteral("own")]), num(d[QStringLiteral("ownExpected")]),
                      num(d[QStringLiteral("total")]), num(d[QStringLiteral("expected")]),
                      d[QStringLiteral("complete")].toBool() ? QStringLiteral("COMPLETE")
                                                             : QStringLiteral("INCOMPLETE"),
                      num(d[QStringLiteral("extra")]), num(d[QStringLiteral("misrouted")]));
        L << QStringLiteral("  errors by code: %1").arg(compact(s[QStringLiteral("errors")]));
    }
    const QJsonObject m = r[QStringLiteral("max")].toObject();
    if (!m.isEmpty()) {
        L << QStringLiteral("max: highest sustained rate %1 msg/s (p99 bound %2 ms; first failing %3; limited by %4; "
                            "sustained at least %5)")
                 .arg(num(m[QStringLiteral("maxSustainedRate")]), num(m[QStringLiteral("p99BoundMs")]),
                      num(m[QStringLiteral("firstFailingRate")]), m[QStringLiteral("limitedBy")].toString(),
                      num(m[QStringLiteral("sustainedAtLeast")]));
        for (const QJsonValue &v : m[QStringLiteral("steps")].toArray()) {
            const QJsonObject t = v.toObject();
            const QJsonObject o = t[QStringLiteral("sendToOtherMs")].toObject();
            QStringList why;
            for (const QJsonValue &w : t[QStringLiteral("why")].toArray())
                why << w.toString();
            L << QStringLiteral("  %1/s %2 achieved %3 p50 %4 p99 %5 max %6 ms, delivered %7/%8, tool %9 cores, server "
                                "%10 cores%11")
                     .arg(num(t[QStringLiteral("rate")]), 7)
                     .arg(t[QStringLiteral("pass")].toBool() ? QStringLiteral("PASS") : QStringLiteral("FAIL"),
                          num(t[QStringLiteral("achieved")]), num(o[QStringLiteral("p50")]),
                          num(o[QStringLiteral("p99")]), num(o[QStringLiteral("max")]),
                          num(t[QStringLiteral("delivered")]), num(t[QStringLiteral("expected")]),
                          num(t[QStringLiteral("tool")][QStringLiteral("cores")]))
                     .arg(num(t[QStringLiteral("server")][QStringLiteral("cores")]),
                          why.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(why.join(QStringLiteral("; "))));
        }
    }
    const QJsonObject ev = r[QStringLiteral("events")].toObject();
    L << QStringLiteral(
             "events: chat-updated %1/%2; other %3; drops %4; unattributed errors %5; duplicate message-sent %6")
             .arg(num(ev[QStringLiteral("chatUpdated")]), num(ev[QStringLiteral("chatUpdatedExpected")]),
                  compact(ev[QStringLiteral("other")]), num(ev[QStringLiteral("drops")]),
                  compact(ev[QStringLiteral("unattributedErrors")]), num(ev[QStringLiteral("duplicateMessageSent")]));
    const QJsonObject res = r[QStringLiteral("resources")].toObject();
    const QJsonObject srv = res[QStringLiteral("server")].toObject();
    if (!srv.isEmpty()) {
        L << QStringLiteral("server pid %1 (cpus %2): RSS MB start %3, after setup %4, after connect %5, after settle "
                            "%6, end %7, peak %8")
                 .arg(num(srv[QStringLiteral("pid")]), srv[QStringLiteral("affinity")].toString(),
                      mb(srv[QStringLiteral("start")][QStringLiteral("rssKB")]),
                      mb(srv[QStringLiteral("afterSetup")][QStringLiteral("rssKB")]),
                      mb(srv[QStringLiteral("afterConnect")][QStringLiteral("rssKB")]),
                      mb(srv[QStringLiteral("afterSettle")][QStringLiteral("rssKB")]),
                      mb(srv[QStringLiteral("end")][QStringLiteral("rssKB")]), mb(srv[QStringLiteral("rssPeakKB")]));
        L << QStringLiteral("  RSS per connection %1 KB (after settle %2 KB); connect CPU %3 s (%4 ms/socket)")
                 .arg(num(srv[QStringLiteral("kbPerConnection")]),
                      num(srv[QStringLiteral("kbPerConnectionAfterSettle")]), num(srv[QStringLiteral("connectCpuS")]),
                      num(conn[QStringLiteral("serverCpuMsPerSocket")]));
        L << QStringLiteral("  measured window: %1 CPU-s (%2 cores) = %3 CPU-s per 1000 messages")
                 .arg(num(srv[QStringLiteral("cpuS")]), num(srv[QStringLiteral("cores")]),
                      num(srv[QStringLiteral("cpuSPer1000Msgs")]));
    }
    const QJsonObject tool = res[QStringLiteral("tool")].toObject();
    L << QStringLiteral(
             "tool (cpus %1): %2 cores in measured window, event-loop lag p99 %3 ms, RSS %4 MB, total CPU %5 s")
             .arg(tool[QStringLiteral("affinity")].toString(), num(tool[QStringLiteral("cores")]),
                  num(tool[QStringLiteral("eventLoopLagMs")][QStringLiteral("p99")]),
                  num(tool[QStringLiteral("rssMB")]), num(tool[QStringLiteral("totalCpuS")]));
    const QJsonObject host = res[QStringLiteral("host")].toObject();
    if (!host.isEmpty())
        L << QStringLiteral("host in measured window: %1 cores busy, irq/softirq %2, other processes %3; loadavg %4")
                 .arg(num(host[QStringLiteral("busyCores")]), num(host[QStringLiteral("irqCores")]),
                      num(host[QStringLiteral("otherCores")]), host[QStringLiteral("loadavg")].toString());
    for (const QJsonValue &w : r[QStringLiteral("warnings")].toArray())
        L << QStringLiteral("WARNING: %1").arg(w.toString());
    return L.join(QLatin1Char('\n'));
}

} // namespace craftchat::bench
