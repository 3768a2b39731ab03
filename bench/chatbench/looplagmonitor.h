// Measures the tool's own event-loop delay: a precise periodic timer records how late each
// tick fires. Latencies are stamped when frames reach the event loop, so this delay is part
// of them and is reported next to them.
#pragma once

#include "bench/chatbench/latencysamples.h"

#include <QObject>
#include <QTimer>

namespace craftchat::bench {

class LoopLagMonitor : public QObject
{
    Q_OBJECT
public:
    explicit LoopLagMonitor(QObject *parent = nullptr);
    void start();
    LatencySummary stop();

private:
    QTimer m_timer;
    LatencySamples m_lag;
    double m_lastMs = 0;
};

} // namespace craftchat::bench
