// Runs password hashing and verification on a private thread pool, so that a login never
// blocks the server's event loop, and delivers each result back on this object's thread.
//
//   if (!hasher->verify(password, storedHash, this, [this](bool ok) { ... }, cancelled))
//       ... busy: answer 503
//
// The queue is bounded: at most maxPending() jobs wait or run; a job beyond that is refused
// (hash()/verify() return false and never call back), so a flood of logins costs a bounded
// amount of CPU and memory and a real login waits behind at most maxPending() others. A job
// whose `cancelled` flag is set (its HTTP client went away) before it starts is dropped
// without hashing and without a callback.
//
// The callback runs on the thread of this AsyncPasswordHasher (queued), and only if `context`
// still exists then; `context` must live on that same thread. Destroying the
// AsyncPasswordHasher waits for running jobs and drops their pending callbacks.
#pragma once

#include "server/auth/passwordhasher.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace craftchat::auth {

class AsyncPasswordHasher : public QObject
{
    Q_OBJECT
public:
    using CancelFlag = std::shared_ptr<std::atomic_bool>;
    static constexpr int DefaultMaxPending = 8;

    // `maxThreads` <= 0: one thread per core. `maxPending` <= 0: DefaultMaxPending.
    explicit AsyncPasswordHasher(PasswordHasher hasher = PasswordHasher(), int maxThreads = 0,
                                 QObject *parent = nullptr, int maxPending = DefaultMaxPending);
    ~AsyncPasswordHasher() override;

    const PasswordHasher &hasher() const { return m_hasher; }
    int maxPending() const { return m_maxPending; }

    // False (and no callback) when maxPending() jobs are already waiting or running.
    bool hash(const QString &password, QObject *context, std::function<void(std::optional<QString>)> done,
              CancelFlag cancelled = {});
    bool verify(const QString &password, const QString &hash, QObject *context, std::function<void(bool)> done,
                CancelFlag cancelled = {});

    // Blocks until every submitted job has run (its callback may still be queued).
    void waitForDone();

    // Counters for /metrics and tests.
    int pending() const { return m_pending.load(); }
    quint64 completedJobs() const { return m_completed.load(); } // hashed or verified
    quint64 droppedJobs() const { return m_dropped.load(); }     // cancelled before they ran
    quint64 refusedJobs() const { return m_refused.load(); }     // queue full

private:
    bool submit(std::function<void()> work, CancelFlag cancelled);

    PasswordHasher m_hasher;
    QThreadPool m_pool;
    int m_maxPending;
    std::atomic_int m_pending{0};
    std::atomic<quint64> m_completed{0};
    std::atomic<quint64> m_dropped{0};
    std::atomic<quint64> m_refused{0};
};

} // namespace craftchat::auth
