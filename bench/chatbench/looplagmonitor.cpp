#include "bench/chatbench/looplagmonitor.h"

#include "bench/chatbench/monoclock.h"

#include <algorithm>

namespace craftchat::bench {

namespace {
constexpr int IntervalMs = 5;
}

LoopLagMonitor::LoopLagMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const double now = monoNowMs();
        m_lag.add(std::max(0.0, now - m_lastMs - IntervalMs));
        m_lastMs = now;
    });
}

void LoopLagMonitor::start()
{
    m_lag.clear();
    m_lastMs = monoNowMs();
    m_timer.start();
}

LatencySummary LoopLagMonitor::stop()
{
    m_timer.stop();
    return m_lag.summary();
}

} // namespace craftchat::bench
