#include "server/auth/asyncpasswordhasher.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

namespace craftchat::auth {

AsyncPasswordHasher::AsyncPasswordHasher(PasswordHasher hasher, int maxThreads, QObject *parent, int maxPending)
    : QObject(parent)
    , m_hasher(hasher)
    , m_maxPending(maxPending > 0 ? maxPending : DefaultMaxPending)
{
    m_pool.setMaxThreadCount(maxThreads > 0 ? maxThreads : qMax(1, QThread::idealThreadCount()));
    m_pool.setObjectName(QStringLiteral("craftchat-password-hashing"));
}

AsyncPasswordHasher::~AsyncPasswordHasher()
{
    // Jobs post their results to this object; it must outlive them.
    m_pool.waitForDone();
}

void AsyncPasswordHasher::waitForDone()
{
    m_pool.waitForDone();
}

bool AsyncPasswordHasher::submit(std::function<void()> work, CancelFlag cancelled)
{
    // Only this object's thread submits, so the check and the increment cannot race with
    // another submit; pool threads only decrement.
    if (m_pending.load() >= m_maxPending) {
        ++m_refused;
        return false;
    }
    ++m_pending;
    m_pool.start([this, work = std::move(work), cancelled = std::move(cancelled)] {
        if (cancelled && cancelled->load()) {
            ++m_dropped;
        } else {
            work();
            ++m_completed;
        }
        --m_pending;
    });
    return true;
}

bool AsyncPasswordHasher::hash(const QString &password, QObject *context,
                               std::function<void(std::optional<QString>)> done, CancelFlag cancelled)
{
    QPointer<QObject> guard(context);
    return submit(
        [this, password, guard, done = std::move(done)] {
            std::optional<QString> result = m_hasher.hash(password);
            QMetaObject::invokeMethod(
                this,
                [guard, done, result = std::move(result)] {
                    if (guard)
                        done(result);
                },
                Qt::QueuedConnection);
        },
        std::move(cancelled));
}

bool AsyncPasswordHasher::verify(const QString &password, const QString &hash, QObject *context,
                                 std::function<void(bool)> done, CancelFlag cancelled)
{
    QPointer<QObject> guard(context);
    return submit(
        [this, password, hash, guard, done = std::move(done)] {
            const bool ok = PasswordHasher::verify(password, hash);
            QMetaObject::invokeMethod(
                this,
                [guard, done, ok] {
                    if (guard)
                        done(ok);
                },
                Qt::QueuedConnection);
        },
        std::move(cancelled));
}

} // namespace craftchat::auth
