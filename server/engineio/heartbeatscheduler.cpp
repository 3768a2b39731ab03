#include "server/engineio/heartbeatscheduler.h"

#include "server/engineio/enginesession.h"

#include <QPointer>
#include <algorithm>

namespace craftchat::engineio {

HeartbeatScheduler::HeartbeatScheduler(int pingIntervalMs, int pingTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_intervalMs(pingIntervalMs)
    , m_timeoutMs(pingTimeoutMs)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &HeartbeatScheduler::onTimer);
}

void HeartbeatScheduler::add(EngineSession *session)
{
    m_sessions.insert(session->m_serial, session);
    pongReceived(session);
}

void HeartbeatScheduler::remove(EngineSession *session)
{
    ++session->m_heartbeatTicket;
    m_sessions.remove(session->m_serial);
    if (m_sessions.isEmpty()) {
        m_pingQueue.clear();
        m_pongQueue.clear();
        m_timer.stop();
        m_armedForMs = -1;
    }
}

void HeartbeatScheduler::pingSent(EngineSession *session, qint64 dueMs)
{
    session->m_awaitingPong = true;
    session->m_pongDeadlineMs = dueMs + m_timeoutMs;
    push(m_pongQueue, session, session->m_pongDeadlineMs);
}

void HeartbeatScheduler::pongReceived(EngineSession *session)
{
    session->m_awaitingPong = false;
    push(m_pingQueue, session, nowMs() + m_intervalMs);
}

void HeartbeatScheduler::push(std::deque<Entry> &queue, EngineSession *session, qint64 deadline)
{
    const quint32 ticket = ++session->m_heartbeatTicket;
    queue.push_back({session->m_serial, ticket, deadline});
    // Entries only ever get later deadlines at the back; the timer needs to move only when
    // it is not armed or armed for later than this one.
    if (m_armedForMs < 0 || deadline < m_armedForMs)
        rearm();
}

void HeartbeatScheduler::onTimer()
{
    m_armedForMs = -1;
    const qint64 now = nowMs();
    // Collect due sessions first: handlers may close sessions and reschedule others.
    using Due = QList<QPair<QPointer<EngineSession>, qint64>>;
    Due pingDue;
    Due pongLate;
    auto drain = [&](std::deque<Entry> &queue, Due &due) {
        while (!queue.empty() && queue.front().deadlineMs <= now) {
            const Entry entry = queue.front();
            queue.pop_front();
            EngineSession *session = m_sessions.value(entry.serial);
            if (session && session->m_heartbeatTicket == entry.ticket)
                due.append({QPointer<EngineSession>(session), entry.deadlineMs});
        }
    };
    drain(m_pingQueue, pingDue);
    drain(m_pongQueue, pongLate);
    for (const auto &[session, deadline] : std::as_const(pongLate))
        if (session)
            session->onPongTimeout();
    for (const auto &[session, deadline] : std::as_const(pingDue))
        if (session && session->isOpen())
            session->onPingDue(deadline);
    rearm();
}

void HeartbeatScheduler::rearm()
{
    // Drop stale entries at the fronts so they do not cause useless wake-ups.
    auto prune = [this](std::deque<Entry> &queue) {
        while (!queue.empty()) {
            const Entry &entry = queue.front();
            EngineSession *session = m_sessions.value(entry.serial);
            if (session && session->m_heartbeatTicket == entry.ticket)
                break;
            queue.pop_front();
        }
    };
    prune(m_pingQueue);
    prune(m_pongQueue);
    qint64 next = -1;
    if (!m_pingQueue.empty())
        next = m_pingQueue.front().deadlineMs;
    if (!m_pongQueue.empty())
        next = next < 0 ? m_pongQueue.front().deadlineMs : std::min(next, m_pongQueue.front().deadlineMs);
    if (next < 0) {
        m_timer.stop();
        m_armedForMs = -1;
        return;
    }
    m_armedForMs = next;
    m_timer.start(int(std::max<qint64>(0, next - nowMs())));
}

} // namespace craftchat::engineio
