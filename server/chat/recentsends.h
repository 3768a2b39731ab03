// The latest messages each user sent with a clientMessageId, kept in memory for a while: a
// retry that arrives while its sender is at the rate limit is still answered with the first
// message (the store deduplicates the rest, but must not be asked to insert over the limit).
#pragma once

#include "chat/events.h"

#include <QHash>
#include <QString>

#include <deque>
#include <optional>

namespace craftchat::chat {

class RecentSends
{
public:
    explicit RecentSends(int perUser = 64, qint64 keepMs = 10 * 60'000)
        : m_perUser(perUser), m_keepMs(keepMs) {}

    void remember(const QString &userId, const MessageSent &sent, qint64 nowMs);
    std::optional<MessageSent> find(const QString &userId, const QString &chatId,
                                    const QString &clientMessageId) const;
    void prune(qint64 nowMs);

private:
    struct Entry
    {
        MessageSent sent;
        qint64 atMs = 0;
    };
    int m_perUser;
    qint64 m_keepMs;
    QHash<QString, std::deque<Entry>> m_byUser;
};

} // namespace craftchat::chat
