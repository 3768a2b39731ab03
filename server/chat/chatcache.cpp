#include "server/chat/chatcache.h"

namespace craftchat::chat {

const ChatDetails *ChatCache::find(const QString &chatId) const
{
    const auto it = m_chats.constFind(chatId);
    return it == m_chats.cend() ? nullptr : &*it;
}

const ChatDetails *ChatCache::put(const ChatDetails &chat)
{
    if (m_chats.size() >= m_capacity && !m_chats.contains(chat.id))
        m_chats.clear();
    return &*m_chats.insert(chat.id, chat);
}

const ChatDetails *ChatCache::applyMessage(const Message &message)
{
    const auto it = m_chats.find(message.chatId);
    if (it == m_chats.end())
        return nullptr;
    ChatDetails &chat = *it;
    // A file is shown by its name.
    chat.lastMessage = message.messageType == QLatin1String("file") && message.attachment ? message.attachment->name
                                                                                          : message.content;
    chat.lastMessageAt = message.timestamp;
    chat.lastMessageSenderId = message.sender.id;
    for (const UserProfile &p : chat.participants) {
        if (p.id != message.sender.id)
            ++chat.unreadCount[p.id];
    }
    return &chat;
}

bool ChatCache::isParticipant(const ChatDetails &chat, const QString &userId)
{
    for (const UserProfile &p : chat.participants) {
        if (p.id == userId)
            return true;
    }
    return false;
}

} // namespace craftchat::chat
