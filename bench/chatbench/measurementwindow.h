// CPU and memory over one measured window: the server's process tree (from /proc), the tool
// itself (getrusage + event-loop lag) and the rest of the host (noise check).
#pragma once

#include "bench/chatbench/latencysamples.h"
#include "bench/chatbench/looplagmonitor.h"
#include "bench/chatbench/procsampler.h"

#include <QJsonObject>

namespace craftchat::bench {

struct WindowFigures
{
    double wallS = 0;
    double toolCpuS = 0;
    double toolCores = 0;
    LatencySummary toolLoopLagMs;
    qint64 toolRssKB = 0;
    bool hasServer = false;
    double serverCpuS = 0;
    double serverCores = 0;
    double serverCpuSPer1000Msgs = 0;
    ProcSample serverEnd;
    bool hasHost = false;
    double hostBusyCores = 0;
    double hostIrqCores = 0;
    double hostOtherCores = 0; // other processes: noise
    QString loadAverage;

    QJsonObject toolJson() const;
    QJsonObject serverJson() const;
    QJsonObject hostJson() const;
};

class MeasurementWindow
{
public:
    MeasurementWindow(qint64 serverPid, LoopLagMonitor *lagMonitor);
    void begin();
    // messages: accepted messages in the window (for CPU per 1000 messages), 0 if none.
    WindowFigures end(qint64 messages);
    const ProcSample &serverAtBegin() const { return m_server0; }

private:
    qint64 m_serverPid;
    LoopLagMonitor *m_lag;
    double m_t0 = 0;
    double m_self0 = 0;
    ProcSample m_server0;
    HostCpuSample m_host0;
};

} // namespace craftchat::bench
