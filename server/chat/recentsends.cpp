#include "server/chat/recentsends.h"

namespace craftchat::chat {

void RecentSends::remember(const QString &userId, const contract::MessageSent &sent, qint64 nowMs)
{
    std::deque<Entry> &entries = m_byUser[userId];
    entries.push_back(Entry{sent, nowMs});
    while (int(entries.size()) > m_perUser)
        entries.pop_front();
}

std::optional<contract::MessageSent> RecentSends::find(const QString &userId, const QString &chatId,
                                                       const QString &clientMessageId) const
{
    const auto it = m_byUser.constFind(userId);
    if (it == m_byUser.cend())
        return std::nullopt;
    for (auto e = it->crbegin(); e != it->crend(); ++e) {
        if (e->sent.chatId == chatId && e->sent.clientMessageId == clientMessageId)
            return e->sent;
    }
    return std::nullopt;
}

void RecentSends::prune(qint64 nowMs)
{
    for (auto it = m_byUser.begin(); it != m_byUser.end();) {
        while (!it->empty() && nowMs - it->front().atMs >= m_keepMs)
            it->pop_front();
        it = it->empty() ? m_byUser.erase(it) : std::next(it);
    }
}

} // namespace craftchat::chat
