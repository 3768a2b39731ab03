// Linux /proc readings: a process tree's CPU and RSS, the tool's own CPU, whole-host CPU.
#pragma once

#include <QString>
#include <QtGlobal>

namespace craftchat::bench {

struct ProcSample
{
    bool valid = false;
    int processes = 0;
    qint64 rssKB = 0;
    double cpuS = 0; // user + system, all threads, all processes of the tree
    int threads = 0;
};

struct HostCpuSample
{
    bool valid = false;
    double busyS = 0; // everything but idle and iowait
    double irqS = 0;  // irq + softirq (loopback TCP work lands here)
};

// pid and its descendants (found by scanning /proc for parent ids).
ProcSample sampleProcessTree(qint64 pid);
bool processExists(qint64 pid);
// Cpus_allowed_list of a process ("0", "0-1"), empty if unknown.
QString cpuAffinity(qint64 pid);
// This process's CPU seconds: cpuSeconds() in common/processclock.h.
qint64 selfRssKB();
HostCpuSample sampleHostCpu();
QString loadAverage();

} // namespace craftchat::bench
