// Sliding-window limiter: at most `limit` recorded actions per user in any window of
// `windowMs`. The caller asks allows() before an action and record()s it once it happened,
// so refused or idempotent attempts never count. Times are monotonic milliseconds.
#pragma once

#include <QHash>
#include <QString>

#include <deque>

namespace craftchat::chat {

class RateLimiter
{
public:
    explicit RateLimiter(int limit = 30, qint64 windowMs = 60'000);

    qint64 windowMs() const { return m_windowMs; }

    bool allows(const QString &userId, qint64 nowMs);
    void record(const QString &userId, qint64 nowMs);
    // Gives back a slot taken by record() at stampMs (the action did not happen after all).
    void unrecord(const QString &userId, qint64 stampMs);
    // Milliseconds until allows() is true again (0 when it is true now).
    qint64 retryAfterMs(const QString &userId, qint64 nowMs);
    // Actions of the user still inside the window.
    int count(const QString &userId, qint64 nowMs);
    // Forgets users with no action inside the window (call now and then).
    void prune(qint64 nowMs);
    // Forgets everything recorded for the user (a successful login clears its failures).
    void forget(const QString &userId);
    // At most this many users are tracked (0: no bound): a record() of a new user beyond it
    // first prunes, then forgets the eighth of the users whose last action is the oldest.
    void setMaxTracked(int maxTracked) { m_maxTracked = maxTracked < 0 ? 0 : maxTracked; }
    int trackedUsers() const { return int(m_log.size()); }

private:
    void expire(std::deque<qint64> &stamps, qint64 nowMs) const;
    void makeRoom(qint64 nowMs);

    int m_limit;
    qint64 m_windowMs;
    int m_maxTracked = 0;
    QHash<QString, std::deque<qint64>> m_log;
};

} // namespace craftchat::chat
