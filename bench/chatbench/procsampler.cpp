#include "bench/chatbench/procsampler.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>

#include <unistd.h>

namespace craftchat::bench {
namespace {

double clockTicks()
{
    static const double ticks = [] {
        const long t = sysconf(_SC_CLK_TCK);
        return t > 0 ? double(t) : 100.0;
    }();
    return ticks;
}

QByteArray readSmallFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(64 * 1024);
}

struct StatFields
{
    bool valid = false;
    qint64 ppid = 0;
    double cpuS = 0;
    int threads = 0;
};

// /proc/<pid>/stat: "pid (comm) state ppid ..." ; comm may hold spaces, so split after ')'.
StatFields readStat(qint64 pid)
{
    StatFields s;
    const QByteArray text = readSmallFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return s;
    const QList<QByteArray> f = text.mid(close + 2).split(' ');
    if (f.size() < 18)
        return s;
    // f[0] is field 3 (state): ppid f[1], utime f[11], stime f[12], num_threads f[17]
    s.ppid = f[1].toLongLong();
    s.cpuS = double(f[11].toLongLong() + f[12].toLongLong()) / clockTicks();
    s.threads = f[17].toInt();
    s.valid = true;
    return s;
}

QByteArray statusField(qint64 pid, const QByteArray &name)
{
    const QByteArray text = readSmallFile(QStringLiteral("/proc/%1/status").arg(pid));
    const QByteArray key = name + ':';
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed();
    }
    return {};
}

qint64 rssKB(qint64 pid)
{
    const QByteArray v = statusField(pid, "VmRSS"); // "1234 kB"
    return v.split(' ').value(0).toLongLong();
}

} // namespace

ProcSample sampleProcessTree(qint64 pid)
{
    ProcSample out;
    if (pid <= 0)
        return out;
    QHash<qint64, QList<qint64>> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 p = e.toLongLong(&ok);
        if (!ok)
            continue;
        const StatFields s = readStat(p);
        if (s.valid)
            children[s.ppid].append(p);
    }
    QList<qint64> tree{pid};
    for (qsizetype i = 0; i < tree.size() && i < 10000; ++i)
        tree.append(children.value(tree[i]));
    for (qint64 p : tree) {
        const StatFields s = readStat(p);
        if (!s.valid)
            continue;
        ++out.processes;
        out.cpuS += s.cpuS;
        out.threads += s.threads;
        out.rssKB += rssKB(p);
    }
    out.valid = out.processes > 0;
    return out;
}

bool processExists(qint64 pid)
{
    return pid > 0 && readStat(pid).valid;
}

QString cpuAffinity(qint64 pid)
{
    return QString::fromLatin1(statusField(pid, "Cpus_allowed_list"));
}

qint64 selfRssKB()
{
    return rssKB(getpid());
}

HostCpuSample sampleHostCpu()
{
    HostCpuSample h;
    const QByteArray text = readSmallFile(QStringLiteral("/proc/stat"));
    const QByteArray first = text.left(text.indexOf('\n')).simplified();
    const QList<QByteArray> f = first.split(' ');
    if (f.size() < 8 || f[0] != "cpu")
        return h;
    const auto v = [&](int i) { return i < f.size() ? double(f[i].toLongLong()) : 0.0; };
    // cpu user nice system idle iowait irq softirq steal
    h.busyS = (v(1) + v(2) + v(3) + v(6) + v(7) + v(8)) / clockTicks();
    h.irqS = (v(6) + v(7)) / clockTicks();
    h.valid = true;
    return h;
}

QString loadAverage()
{
    const QList<QByteArray> f = readSmallFile(QStringLiteral("/proc/loadavg")).split(' ');
    return QString::fromLatin1(f.mid(0, 3).join(' '));
}

} // namespace craftchat::bench
