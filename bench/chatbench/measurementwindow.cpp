#include "bench/chatbench/measurementwindow.h"

#include "bench/chatbench/monoclock.h"
#include "bench/common/processclock.h"

#include <algorithm>
#include <cmath>

namespace craftchat::bench {

QJsonObject WindowFigures::toolJson() const
{
    return {{QStringLiteral("cpuS"), round2(toolCpuS)},
            {QStringLiteral("cores"), round2(toolCores)},
            {QStringLiteral("wallS"), round2(wallS)},
            {QStringLiteral("eventLoopLagMs"), toolLoopLagMs.toJson()},
            {QStringLiteral("rssMB"), round2(double(toolRssKB) / 1024.0)}};
}

QJsonObject WindowFigures::serverJson() const
{
    if (!hasServer)
        return {};
    return {{QStringLiteral("cpuS"), round2(serverCpuS)},
            {QStringLiteral("cores"), round2(serverCores)},
            {QStringLiteral("cpuSPer1000Msgs"), std::round(serverCpuSPer1000Msgs * 1000.0) / 1000.0},
            {QStringLiteral("rssKBEnd"), double(serverEnd.rssKB)}};
}

QJsonObject WindowFigures::hostJson() const
{
    if (!hasHost)
        return {};
    return {{QStringLiteral("busyCores"), round2(hostBusyCores)},
            {QStringLiteral("irqCores"), round2(hostIrqCores)},
            {QStringLiteral("otherCores"), round2(hostOtherCores)},
            {QStringLiteral("loadavg"), loadAverage}};
}

MeasurementWindow::MeasurementWindow(qint64 serverPid, LoopLagMonitor *lagMonitor)
    : m_serverPid(serverPid)
    , m_lag(lagMonitor)
{}

void MeasurementWindow::begin()
{
    m_t0 = monoNowMs();
    m_self0 = cpuSeconds();
    m_server0 = sampleProcessTree(m_serverPid);
    m_host0 = sampleHostCpu();
    m_lag->start();
}

WindowFigures MeasurementWindow::end(qint64 messages)
{
    WindowFigures w;
    w.toolLoopLagMs = m_lag->stop();
    w.wallS = std::max(1e-3, (monoNowMs() - m_t0) / 1000.0);
    w.toolCpuS = cpuSeconds() - m_self0;
    w.toolCores = w.toolCpuS / w.wallS;
    w.toolRssKB = selfRssKB();
    w.serverEnd = sampleProcessTree(m_serverPid);
    if (w.serverEnd.valid && m_server0.valid) {
        w.hasServer = true;
        w.serverCpuS = w.serverEnd.cpuS - m_server0.cpuS;
        w.serverCores = w.serverCpuS / w.wallS;
        w.serverCpuSPer1000Msgs = messages > 0 ? w.serverCpuS / double(messages) * 1000.0 : 0;
    }
    const HostCpuSample host = sampleHostCpu();
    if (host.valid && m_host0.valid) {
        w.hasHost = true;
        w.hostBusyCores = (host.busyS - m_host0.busyS) / w.wallS;
        w.hostIrqCores = (host.irqS - m_host0.irqS) / w.wallS;
        w.hostOtherCores = std::max(0.0, w.hostBusyCores - w.hostIrqCores - w.toolCores - w.serverCores);
        w.loadAverage = loadAverage();
    }
    return w;
}

} // namespace craftchat::bench
