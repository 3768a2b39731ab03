// The acknowledgements a client is waiting for: ack ids, one timeout timer each, and the
// callbacks, called exactly once (ack arrived, timed out, or failed with the connection).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <functional>
#include <memory>

class QObject;
class QTimer;

namespace craftchat::client {

class AckRegistry
{
public:
    using Callback = std::function<void(bool timedOut, const QJsonArray &args, const QList<QByteArray> &attachments)>;

    // Timers are created as children of timerParent (their timeouts run on its thread).
    explicit AckRegistry(QObject *timerParent);
    ~AckRegistry(); // drops everything without calling back
    AckRegistry(const AckRegistry &) = delete;
    AckRegistry &operator=(const AckRegistry &) = delete;

    // Registers a callback and returns its ack id; after timeoutMs it is called with
    // timedOut = true.
    qint64 add(Callback callback, int timeoutMs);
    // Calls and forgets the callback of id; false when id is unknown (never asked or expired).
    bool resolve(qint64 id, const QJsonArray &args, const QList<QByteArray> &attachments);
    // Calls every callback with timedOut = true (the connection is gone). Callbacks may
    // destroy the registry's owner; the loop stops then.
    void failAll();
    int size() const { return int(m_pending.size()); }

private:
    struct Entry
    {
        Callback callback;
        QTimer *timer = nullptr;
    };
    void expire(qint64 id);

    QObject *m_timerParent;
    qint64 m_nextId = 0;
    QHash<qint64, Entry> m_pending;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace craftchat::client
