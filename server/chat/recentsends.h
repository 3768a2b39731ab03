// The latest messages sent with a clientMessageId by users close to their rate limit, kept in
// memory for one rate window: a retry that arrives while its sender is at the limit is still
// answered with the first message (other retries are deduplicated by the store, which must
// not be asked to insert over the limit). Users far from the limit cost nothing here.
#pragma once

#include "common/contract/events.h"

#include <QHash>
#include <QString>

#include <deque>
#include <optional>

namespace craftchat::chat {

class RecentSends
{
public:
    static constexpr int PerUser = 16;

    explicit RecentSends(int perUser = PerUser, qint64 keepMs = 60'000)
        : m_perUser(perUser)
        , m_keepMs(keepMs)
    {}

    void remember(const QString &userId, const contract::MessageSent &sent, qint64 nowMs);
    std::optional<contract::MessageSent> find(const QString &userId, const QString &chatId,
                                              const QString &clientMessageId) const;
    void prune(qint64 nowMs);

private:
    struct Entry
    {
        contract::MessageSent sent;
        qint64 atMs = 0;
    };
    int m_perUser;
    qint64 m_keepMs;
    QHash<QString, std::deque<Entry>> m_byUser;
};

} // namespace craftchat::chat
