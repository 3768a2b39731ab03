// IChatWithDetails: a chat with its participants' profiles, job, last message and unread counts.
#pragma once

#include "common/contract/userprofile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace craftchat::contract {

struct ChatDetails
{
    QString id;                      // "_id"
    QList<UserProfile> participants; // profiles, no emails
    std::optional<JobRef> job;       // "jobId": {_id, title}
    std::optional<QString> lastMessage;
    std::optional<QDateTime> lastMessageAt;
    std::optional<QString> lastMessageSenderId; // a plain user id
    QMap<QString, int> unreadCount;             // userId -> unread messages
    bool isActive = true;

    QJsonObject toJson() const;
    // The compact JSON text of toJson(), written directly (no QJsonObject is built).
    QByteArray toJsonText() const;
    static std::optional<ChatDetails> fromJson(const QJsonObject &o);

    bool operator==(const ChatDetails &) const = default;
};

} // namespace craftchat::contract
