// One timer for the heartbeat of every Engine.IO session.
//
// All sessions share the same ping interval and the same pong timeout, so the sessions that
// wait for their next ping are due in the order they entered that state, and likewise for
// those awaiting a pong: two FIFO queues and a single timer armed at the earliest deadline
// replace one or two timers per session. Rescheduling a session bumps its ticket, which makes
// its older queue entries stale; stale entries are skipped when they reach the front.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <deque>

namespace craftchat::engineio {

class EngineSession;

class HeartbeatScheduler : public QObject
{
    Q_OBJECT
public:
    HeartbeatScheduler(int pingIntervalMs, int pingTimeoutMs, QObject *parent = nullptr);

    void add(EngineSession *session); // schedules the first ping
    void remove(EngineSession *session);
    // Starts waiting for the pong; the timeout counts from when the ping was due, so that a
    // late timer does not stretch the deadline.
    void pingSent(EngineSession *session, qint64 dueMs);
    void pongReceived(EngineSession *session); // schedules the next ping

    qint64 nowMs() const { return m_clock.elapsed(); }
    int sessionCount() const { return int(m_sessions.size()); }

private:
    struct Entry
    {
        quint64 serial;
        quint32 ticket;
        qint64 deadlineMs;
    };
    void push(std::deque<Entry> &queue, EngineSession *session, qint64 deadlineMs);
    void onTimer();
    void rearm();

    int m_intervalMs;
    int m_timeoutMs;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Entry> m_pingQueue;
    std::deque<Entry> m_pongQueue;
    QHash<quint64, EngineSession *> m_sessions;
    qint64 m_armedForMs = -1;
};

} // namespace craftchat::engineio
