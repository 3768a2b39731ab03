#include "common/client/ackregistry.h"

#include "common/protocol/socketiopacket.h"

#include <QTimer>
#include <algorithm>
#include <utility>

namespace craftchat::client {

AckRegistry::AckRegistry(QObject *timerParent)
    : m_timerParent(timerParent)
{}

AckRegistry::~AckRegistry()
{
    *m_alive = false;
    for (const Entry &entry : std::as_const(m_pending))
        delete entry.timer;
}

qint64 AckRegistry::add(Callback callback, int timeoutMs)
{
    const qint64 id = m_nextId;
    m_nextId = m_nextId >= protocol::sio::MaxAckId ? 0 : m_nextId + 1;
    auto *timer = new QTimer(m_timerParent);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, timer, [this, id] { expire(id); });
    timer->start(std::max(timeoutMs, 0));
    m_pending.insert(id, Entry{std::move(callback), timer});
    return id;
}

bool AckRegistry::resolve(qint64 id, const QJsonArray &args, const QList<QByteArray> &attachments)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return false;
    Entry entry = std::move(it.value());
    m_pending.erase(it);
    delete entry.timer;
    if (entry.callback)
        entry.callback(false, args, attachments);
    return true;
}

void AckRegistry::expire(qint64 id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Entry entry = std::move(it.value());
    m_pending.erase(it);
    entry.timer->deleteLater(); // its timeout signal is running right now
    if (entry.callback)
        entry.callback(true, {}, {});
}

void AckRegistry::failAll()
{
    if (m_pending.isEmpty())
        return;
    const auto pending = std::exchange(m_pending, {});
    for (const Entry &entry : pending)
        delete entry.timer;
    const std::weak_ptr<bool> alive = m_alive;
    for (const Entry &entry : pending) {
        if (alive.expired())
            return;
        if (entry.callback)
            entry.callback(true, {}, {});
    }
}

} // namespace craftchat::client
