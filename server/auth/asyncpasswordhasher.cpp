#include "server/auth/asyncpasswordhasher.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

namespace craftchat::auth {

AsyncPasswordHasher::AsyncPasswordHasher(PasswordHasher hasher, int maxThreads, QObject *parent)
    : QObject(parent), m_hasher(hasher)
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

void AsyncPasswordHasher::hash(const QString &password, QObject *context,
                               std::function<void(std::optional<QString>)> done)
{
    QPointer<QObject> guard(context);
    m_pool.start([this, password, guard, done = std::move(done)] {
        std::optional<QString> result = m_hasher.hash(password);
        QMetaObject::invokeMethod(
            this, [guard, done, result = std::move(result)] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

void AsyncPasswordHasher::verify(const QString &password, const QString &hash, QObject *context,
                                 std::function<void(bool)> done)
{
    QPointer<QObject> guard(context);
    m_pool.start([password, hash, guard, done = std::move(done), this] {
        const bool ok = PasswordHasher::verify(password, hash);
        QMetaObject::invokeMethod(
            this, [guard, done, ok] {
                if (guard)
                    done(ok);
            },
            Qt::QueuedConnection);
    });
}

} // namespace craftchat::auth
