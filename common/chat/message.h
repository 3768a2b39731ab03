// IMessageWithSender: a stored message with its sender's profile embedded as `senderId`.
#pragma once

#include "common/chat/userprofile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::chat {

struct Message
{
    QString id;                            // "_id"
    QString chatId;
    UserProfile sender;                    // "senderId": {_id, fullName, role, profilePicture?}
    QString messageType;                   // contract::MessageTypeText / MessageTypeImage
    QString content;
    QDateTime timestamp;                   // UTC, millisecond precision
    bool isRead = false;
    std::optional<QString> clientMessageId;

    QJsonObject toJson() const;            // never includes the sender's email
    // The compact JSON text of toJson(), written directly: no QJsonObject is built (a
    // new-message payload costs about a tenth of building and writing the object).
    QByteArray toJsonText() const;
    static std::optional<Message> fromJson(const QJsonObject &o);

    bool operator==(const Message &) const = default;
};

} // namespace craftchat::chat
