#include "bench/chatbench/comparereport.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <algorithm>
#include <optional>
#include <vector>

namespace craftchat::bench {
namespace {

enum class Better {
    Lower,
    Higher,
    Neither
};

struct Metric
{
    const char *label;
    const char *path; // dot-separated JSON path
    Better better;
};

const Metric Metrics[] = {
    {"connect+auth p50 ms", "connect.connectAuthMs.p50", Better::Lower},
    {"connect+auth p99 ms", "connect.connectAuthMs.p99", Better::Lower},
    {"send->message-sent p50 ms", "steady.sendToSentMs.p50", Better::Lower},
    {"send->message-sent p99 ms", "steady.sendToSentMs.p99", Better::Lower},
    {"send->new-message p50 ms", "steady.sendToOtherMs.p50", Better::Lower},
    {"send->new-message p90 ms", "steady.sendToOtherMs.p90", Better::Lower},
    {"send->new-message p99 ms", "steady.sendToOtherMs.p99", Better::Lower},
    {"send->new-message max ms", "steady.sendToOtherMs.max", Better::Lower},
    {"delivered/expected", "steady.delivered.ratio", Better::Neither},
    {"extra deliveries", "steady.delivered.extra", Better::Neither},
    {"server CPU s / 1000 msgs", "resources.server.cpuSPer1000Msgs", Better::Lower},
    {"server cores (window)", "resources.server.cores", Better::Neither},
    {"server connect CPU ms/socket", "connect.serverCpuMsPerSocket", Better::Lower},
    {"RSS KB / idle connection", "resources.server.kbPerConnectionAfterSettle", Better::Lower},
    {"server peak RSS KB", "resources.server.rssPeakKB", Better::Lower},
    {"max sustained msg/s", "max.maxSustainedRate", Better::Higher},
    {"max: sustained at least msg/s", "max.sustainedAtLeast", Better::Higher},
    {"tool cores (window)", "resources.tool.cores", Better::Neither},
    {"host other cores (noise)", "resources.host.otherCores", Better::Neither},
};

std::optional<QJsonObject> loadResult(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QJsonDocument doc = QJsonDocument::fromJson(it->trimmed());
        if (doc.isObject())
            return doc.object();
    }
    return std::nullopt;
}

std::optional<double> valueAt(const QJsonObject &root, const char *path)
{
    QJsonValue v = root;
    for (const QString &key : QString::fromLatin1(path).split(QLatin1Char('.'))) {
        if (!v.isObject())
            return std::nullopt;
        v = v.toObject().value(key);
    }
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

QString fmt(double v)
{
    return QString::number(v, 'g', 4);
}

struct Column
{
    std::vector<double> values;
    double mean() const
    {
        double s = 0;
        for (double v : values)
            s += v;
        return values.empty() ? 0 : s / double(values.size());
    }
    double min() const { return *std::min_element(values.begin(), values.end()); }
    double max() const { return *std::max_element(values.begin(), values.end()); }
    QString joined() const
    {
        QStringList parts;
        for (double v : values)
            parts << fmt(v);
        return parts.join(QLatin1Char('/'));
    }
};

// The performance issue's targets, A being the new server and B the reference.
void printTargets(QTextStream &out, const QString &nameA, const QString &nameB,
                  const QHash<QString, std::pair<double, double>> &means)
{
    struct Target
    {
        const char *label;
        const char *path;
        double need;
        bool ratio; // true: B/A (or A/B for rates) >= need; false: A's value <= need
        bool higherBetter;
    };
    const Target targets[] = {
        {"server CPU per 1000 msgs: B/A >= 5", "resources.server.cpuSPer1000Msgs", 5, true, false},
        {"max sustained rate: A/B >= 5", "max.maxSustainedRate", 5, true, true},
        {"p99 send->new-message: B/A >= 3", "steady.sendToOtherMs.p99", 3, true, false},
        {"RSS per idle connection (A) <= 12 KB", "resources.server.kbPerConnectionAfterSettle", 12, false, false},
    };
    out << QStringLiteral("\ntargets (A = %1, B = %2):\n").arg(nameA, nameB);
    for (const Target &t : targets) {
        const auto it = means.constFind(QString::fromLatin1(t.path));
        if (it == means.cend() || it->first < 0 || (t.ratio && it->second < 0)) {
            out << QStringLiteral("  %1: not measured in these runs\n").arg(QString::fromLatin1(t.label), -40);
            continue;
        }
        const auto [a, b] = *it;
        double value = a;
        if (t.ratio)
            value = t.higherBetter ? (b > 0 ? a / b : 0) : (a > 0 ? b / a : 0);
        const bool met = t.ratio ? value >= t.need : value <= t.need;
        out << QStringLiteral("  %1: %2 -> %3\n")
                   .arg(QString::fromLatin1(t.label), -40)
                   .arg(fmt(value), met ? QStringLiteral("met") : QStringLiteral("NOT met"));
    }
}

// Issue 14's targets, A being the server over plain TCP and B the same server over TLS.
void printTlsTargets(QTextStream &out, const QString &nameA, const QString &nameB,
                     const QHash<QString, std::pair<double, double>> &means)
{
    out << QStringLiteral("\nTLS targets (A = %1, B = %2):\n").arg(nameA, nameB);
    const auto value = [&](const char *path) {
        const auto it = means.constFind(QString::fromLatin1(path));
        return it == means.cend() ? std::pair<double, double>{-1, -1} : *it;
    };
    const auto [cpuA, cpuB] = value("resources.server.cpuSPer1000Msgs");
    if (cpuA > 0 && cpuB >= 0) {
        out << QStringLiteral("  %1: %2 -> %3\n")
                   .arg(QStringLiteral("server CPU per 1000 msgs: B/A <= 1.5"), -40)
                   .arg(fmt(cpuB / cpuA), cpuB / cpuA <= 1.5 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    }
    const auto [p99A, p99B] = value("steady.sendToOtherMs.p99");
    if (p99A > 0 && p99B >= 0) {
        out << QStringLiteral("  %1: %2 (no target)\n")
                   .arg(QStringLiteral("p99 send->new-message: B/A"), -40)
                   .arg(fmt(p99B / p99A));
    }
    const auto [rssA, rssB] = value("resources.server.kbPerConnectionAfterSettle");
    if (rssB >= 0) {
        out << QStringLiteral("  %1: %2 (A: %3) -> %4\n")
                   .arg(QStringLiteral("RSS per idle connection (B) <= 40 KB"), -40)
                   .arg(fmt(rssB), fmt(rssA), rssB <= 40 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    }
}

} // namespace

int runCompare(const QStringList &allArguments)
{
    QTextStream out(stdout), err(stderr);
    // --tls-targets: B is the same server over TLS; its targets instead of the reference's.
    const bool tlsTargets = allArguments.value(0) == QLatin1String("--tls-targets");
    const QStringList arguments = tlsTargets ? allArguments.mid(1) : allArguments;
    const qsizetype sep = arguments.indexOf(QStringLiteral("--"));
    if (arguments.size() < 5 || sep < 3 || sep == arguments.size() - 1) {
        err << "usage: chatbench compare [--tls-targets] NAME_A NAME_B a.json... -- b.json...\n";
        return 2;
    }
    const QString nameA = arguments[0], nameB = arguments[1];
    std::vector<QJsonObject> a, b;
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        if (i == sep)
            continue;
        const std::optional<QJsonObject> r = loadResult(arguments[i]);
        if (!r) {
            err << "chatbench compare: no JSON result in " << arguments[i] << "\n";
            return 2;
        }
        (i < sep ? a : b).push_back(*r);
    }
    out << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 | %7\n")
               .arg(QStringLiteral("metric"), -30)
               .arg(nameA + QStringLiteral(" runs"), -20)
               .arg(nameA + QStringLiteral(" mean"), 10)
               .arg(nameB + QStringLiteral(" runs"), -20)
               .arg(nameB + QStringLiteral(" mean"), 10)
               .arg(QStringLiteral("B/A"), 7)
               .arg(QStringLiteral("%1 better by").arg(nameA));
    QHash<QString, std::pair<double, double>> means; // path -> (mean A, mean B), -1 if none
    for (const Metric &m : Metrics) {
        Column ca, cb;
        for (const QJsonObject &r : a)
            if (auto v = valueAt(r, m.path))
                ca.values.push_back(*v);
        for (const QJsonObject &r : b)
            if (auto v = valueAt(r, m.path))
                cb.values.push_back(*v);
        if (ca.values.empty() && cb.values.empty())
            continue;
        const double ma = ca.mean(), mb = cb.mean();
        QString ratio = QStringLiteral("-"), factor = QStringLiteral("-");
        if (!ca.values.empty() && !cb.values.empty() && ma != 0) {
            ratio = fmt(mb / ma);
            if (m.better != Better::Neither && mb != 0) {
                const double f = m.better == Better::Lower ? mb / ma : ma / mb;
                // a verdict only when the means differ by > 10 % and the runs do not overlap
                const bool apart = ca.max() < cb.min() || cb.max() < ca.min();
                const bool big = f > 1.1 || f < 1 / 1.1;
                factor = QStringLiteral("%1x%2").arg(fmt(f), big && apart ? QString() : QStringLiteral(" (noise)"));
            }
        }
        means[QString::fromLatin1(m.path)] = {ca.values.empty() ? -1 : ma, cb.values.empty() ? -1 : mb};
        out << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 | %7\n")
                   .arg(QString::fromLatin1(m.label), -30)
                   .arg(ca.values.empty() ? QStringLiteral("-") : ca.joined(), -20)
                   .arg(ca.values.empty() ? QStringLiteral("-") : fmt(ma), 10)
                   .arg(cb.values.empty() ? QStringLiteral("-") : cb.joined(), -20)
                   .arg(cb.values.empty() ? QStringLiteral("-") : fmt(mb), 10)
                   .arg(ratio, 7)
                   .arg(factor);
    }
    if (tlsTargets)
        printTlsTargets(out, nameA, nameB, means);
    else
        printTargets(out, nameA, nameB, means);
    return 0;
}

} // namespace craftchat::bench
