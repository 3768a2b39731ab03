// Small builders for payloads used by the UI tests.
#pragma once

#include "common/contract/payloads.h"

#include <QDateTime>

namespace testdata {

inline craftchat::contract::UserProfile user(const QString &id, const QString &name,
                                             const QString &role = QStringLiteral("client"))
{
    craftchat::contract::UserProfile p;
    p.id = id;
    p.fullName = name;
    p.role = role;
    return p;
}

inline QDateTime at(int minute, int second = 0)
{
    return QDateTime(QDate(2026, 11, 26), QTime(10, minute, second), Qt::UTC);
}

inline craftchat::contract::ChatDetails chat(const QString &id, const QDateTime &last,
                                             const QMap<QString, int> &unread = {},
                                             const QString &lastText = QStringLiteral("hi"),
                                             const QString &lastSender = QStringLiteral("c1"))
{
    craftchat::contract::ChatDetails c;
    c.id = id;
    c.participants = {user(QStringLiteral("me"), QStringLiteral("Mia Client")),
                      user(QStringLiteral("c1"), QStringLiteral("Carl Craft"), QStringLiteral("craftsman"))};
    if (last.isValid()) {
        c.lastMessageAt = last;
        c.lastMessage = lastText;
        c.lastMessageSenderId = lastSender;
    }
    c.unreadCount = unread;
    return c;
}

inline craftchat::contract::Message message(const QString &id, const QDateTime &when,
                                            const QString &senderId = QStringLiteral("c1"),
                                            const QString &chatId = QStringLiteral("chat1"),
                                            const QString &content = QStringLiteral("hello"))
{
    craftchat::contract::Message m;
    m.id = id;
    m.chatId = chatId;
    m.sender
        = user(senderId, senderId == QLatin1String("me") ? QStringLiteral("Mia Client") : QStringLiteral("Carl Craft"));
    m.messageType = QStringLiteral("text");
    m.content = content;
    m.timestamp = when;
    return m;
}

} // namespace testdata
