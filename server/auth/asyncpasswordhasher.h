// Runs password hashing and verification on a private thread pool, so that a login never
// blocks the server's event loop, and delivers each result back on this object's thread.
//
//   hasher->verify(password, storedHash, this, [this](bool ok) { ... });
//
// The callback runs on the thread of this AsyncPasswordHasher (queued), and only if `context`
// still exists then; `context` must live on that same thread. Destroying the
// AsyncPasswordHasher waits for running jobs and drops their pending callbacks.
#pragma once

#include "server/auth/passwordhasher.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace craftchat::auth {

class AsyncPasswordHasher : public QObject
{
    Q_OBJECT
public:
    // `maxThreads` <= 0: one thread per core.
    explicit AsyncPasswordHasher(PasswordHasher hasher = PasswordHasher(), int maxThreads = 0,
                                 QObject *parent = nullptr);
    ~AsyncPasswordHasher() override;

    const PasswordHasher &hasher() const { return m_hasher; }

    void hash(const QString &password, QObject *context,
              std::function<void(std::optional<QString>)> done);
    void verify(const QString &password, const QString &hash, QObject *context,
                std::function<void(bool)> done);

    // Blocks until every submitted job has run (its callback may still be queued).
    void waitForDone();

private:
    PasswordHasher m_hasher;
    QThreadPool m_pool;
};

} // namespace craftchat::auth
