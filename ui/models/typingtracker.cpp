#include "ui/models/typingtracker.h"

namespace craftchat::ui {

TypingTracker::TypingTracker(QObject *parent)
    : QObject(parent)
{}

QString TypingTracker::key(const QString &chatId, const QString &userId)
{
    return chatId + QLatin1Char('\n') + userId;
}

void TypingTracker::setTyping(const QString &chatId, const QString &userId, bool typing)
{
    if (chatId.isEmpty() || userId.isEmpty() || userId == m_userId)
        return;
    const QString k = key(chatId, userId);
    if (!typing) {
        if (QTimer *timer = m_expiry.take(k)) {
            timer->deleteLater();
            emit typingChanged(chatId, isTyping(chatId));
        }
        return;
    }
    QTimer *timer = m_expiry.value(k);
    const bool isNew = timer == nullptr;
    if (isNew) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, chatId, userId] { setTyping(chatId, userId, false); });
        m_expiry.insert(k, timer);
    }
    timer->start(m_timeoutMs);
    if (isNew)
        emit typingChanged(chatId, true);
}

void TypingTracker::messageArrived(const QString &chatId, const QString &userId)
{
    setTyping(chatId, userId, false);
}

void TypingTracker::clear()
{
    QSet<QString> chats;
    for (auto it = m_expiry.cbegin(); it != m_expiry.cend(); ++it) {
        chats.insert(it.key().section(QLatin1Char('\n'), 0, 0));
        it.value()->deleteLater();
    }
    m_expiry.clear();
    for (const QString &chatId : chats)
        emit typingChanged(chatId, false);
}

bool TypingTracker::isTyping(const QString &chatId) const
{
    return !typingUsers(chatId).isEmpty();
}

QStringList TypingTracker::typingUsers(const QString &chatId) const
{
    QStringList users;
    const QString prefix = chatId + QLatin1Char('\n');
    for (auto it = m_expiry.cbegin(); it != m_expiry.cend(); ++it)
        if (it.key().startsWith(prefix))
            users.append(it.key().mid(prefix.size()));
    users.sort();
    return users;
}

} // namespace craftchat::ui
