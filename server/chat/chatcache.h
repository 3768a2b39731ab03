// The chats the server is talking about, kept in memory as the store last answered them and
// updated as messages are committed: chat-updated and the participation checks of the hot path
// need no database query. The store stays the authority: a chat is (re)loaded from it when it
// is not cached, after mark-read and after creation. Bounded: emptied when it grows too large.
#pragma once

#include "common/contract/chatdetails.h"
#include "common/contract/message.h"

#include <QHash>
#include <QString>

namespace craftchat::chat {

class ChatCache
{
public:
    explicit ChatCache(int capacity = 20'000)
        : m_capacity(capacity)
    {}

    const contract::ChatDetails *find(const QString &chatId) const;
    const contract::ChatDetails *put(const contract::ChatDetails &chat);
    void remove(const QString &chatId) { m_chats.remove(chatId); }
    void clear() { m_chats.clear(); }
    int size() const { return int(m_chats.size()); }

    // A committed message: last message, its time and sender, +1 unread for every other
    // participant. Null when the chat is not cached.
    const contract::ChatDetails *applyMessage(const contract::Message &message);

    static bool isParticipant(const contract::ChatDetails &chat, const QString &userId);

private:
    int m_capacity;
    QHash<QString, contract::ChatDetails> m_chats;
};

} // namespace craftchat::chat
