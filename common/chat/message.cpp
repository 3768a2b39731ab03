#include "common/chat/message.h"

#include "common/chat/contract.h"
#include "common/chat/jsonfields.h"
#include "common/chat/timestamp.h"

#include "common/protocol/jsontext.h"

namespace craftchat::chat {

QJsonObject Message::toJson() const
{
    QJsonObject o{{QStringLiteral("_id"), id},
                  {QStringLiteral("chatId"), chatId},
                  {QStringLiteral("senderId"), sender.toPublicJson()},
                  {QStringLiteral("messageType"), messageType},
                  {QStringLiteral("content"), content},
                  {QStringLiteral("timestamp"), isoTimestamp(timestamp)},
                  {QStringLiteral("isRead"), isRead}};
    if (clientMessageId)
        o.insert(QStringLiteral("clientMessageId"), *clientMessageId);
    return o;
}

QByteArray Message::toJsonText() const
{
    QByteArray out;
    out.reserve(256 + content.size());
    craftchat::json::ObjectWriter o(out);
    o.field(QLatin1StringView("_id"), id).field(QLatin1StringView("chatId"), chatId);
    if (clientMessageId)
        o.field(QLatin1StringView("clientMessageId"), *clientMessageId);
    o.field(QLatin1StringView("content"), content)
        .field(QLatin1StringView("isRead"), isRead)
        .field(QLatin1StringView("messageType"), messageType)
        .key(QLatin1StringView("senderId"));
    sender.appendPublicJsonText(out);
    o.field(QLatin1StringView("timestamp"), isoTimestamp(timestamp)).end();
    return out;
}

std::optional<Message> Message::fromJson(const QJsonObject &o)
{
    Message m;
    const QJsonValue sender = o.value(QStringLiteral("senderId"));
    if (!sender.isObject())
        return std::nullopt;
    std::optional<UserProfile> profile = UserProfile::fromJson(sender.toObject());
    if (!profile)
        return std::nullopt;
    m.sender = std::move(*profile);
    if (!json::readString(o, QStringLiteral("_id"), m.id, true)
        || !json::readString(o, QStringLiteral("chatId"), m.chatId, true)
        || !json::readString(o, QStringLiteral("messageType"), m.messageType)
        || !json::readString(o, QStringLiteral("content"), m.content)
        || !json::readTimestamp(o, QStringLiteral("timestamp"), m.timestamp)
        || !json::readBool(o, QStringLiteral("isRead"), m.isRead)
        || !json::readOptionalString(o, QStringLiteral("clientMessageId"), m.clientMessageId))
        return std::nullopt;
    if (m.messageType != contract::MessageTypeText && m.messageType != contract::MessageTypeImage)
        return std::nullopt;
    return m;
}

} // namespace craftchat::chat
