#include "bench/chatbench/openloopsender.h"

#include "bench/chatbench/monoclock.h"

#include <algorithm>
#include <cmath>

namespace craftchat::bench {

namespace {
constexpr qint64 MaxBurst = 2000;
constexpr double MaxSleepMs = 50;
} // namespace

OpenLoopSender::OpenLoopSender(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &OpenLoopSender::tick);
}

void OpenLoopSender::start(double rate, double seconds, SendFunction send)
{
    m_send = std::move(send);
    m_total = std::max<qint64>(1, qint64(std::llround(rate * seconds)));
    m_next = 0;
    m_perMs = rate / 1000.0;
    m_startMs = monoNowMs();
    m_hardEndMs = m_startMs + seconds * 1000.0 + 10000.0;
    m_running = true;
    tick();
}

void OpenLoopSender::tick()
{
    const double now = monoNowMs();
    const qint64 due = std::min(m_total, qint64(std::floor((now - m_startMs) * m_perMs)) + 1);
    qint64 burst = 0;
    while (m_next < due && burst < MaxBurst) {
        m_send(m_startMs + double(m_next) / m_perMs);
        ++m_next;
        ++burst;
    }
    if (m_next >= m_total || now > m_hardEndMs) {
        m_running = false;
        emit finished();
        return;
    }
    if (burst >= MaxBurst) {
        m_timer.start(0);
        return;
    }
    // round up: waking early would only spin on zero-length timers until the message is due
    const double wait = m_startMs + double(m_next) / m_perMs - monoNowMs();
    m_timer.start(int(std::clamp(std::ceil(wait), 0.0, MaxSleepMs)));
}

} // namespace craftchat::bench
