#include "common/contract/events.h"

#include "common/contract/jsonfields.h"
#include "common/contract/timestamp.h"

#include "common/protocol/jsontext.h"

#include <QJsonArray>

namespace craftchat::contract {

// ---- SendMessageRequest
QJsonObject SendMessageRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("chatId"), chatId},
                  {QStringLiteral("messageType"), messageType},
                  {QStringLiteral("content"), content}};
    if (clientMessageId)
        o.insert(QStringLiteral("clientMessageId"), *clientMessageId);
    if (replyToId)
        o.insert(QStringLiteral("replyToId"), *replyToId);
    return o;
}

std::optional<SendMessageRequest> SendMessageRequest::fromJson(const QJsonObject &o)
{
    SendMessageRequest r;
    if (!json::readString(o, QStringLiteral("chatId"), r.chatId, true)
        || !json::readString(o, QStringLiteral("messageType"), r.messageType)
        || !json::readString(o, QStringLiteral("content"), r.content)
        || !json::readOptionalString(o, QStringLiteral("clientMessageId"), r.clientMessageId)
        || !json::readOptionalString(o, QStringLiteral("replyToId"), r.replyToId, true))
        return std::nullopt;
    return r;
}

// ---- MessageSent
QJsonObject MessageSent::toJson() const
{
    QJsonObject o{{QStringLiteral("success"), success},
                  {QStringLiteral("messageId"), messageId},
                  {QStringLiteral("timestamp"), isoTimestamp(timestamp)},
                  {QStringLiteral("chatId"), chatId}};
    if (clientMessageId)
        o.insert(QStringLiteral("clientMessageId"), *clientMessageId);
    return o;
}

QByteArray MessageSent::toJsonText() const
{
    QByteArray out;
    out.reserve(192);
    craftchat::protocol::json::ObjectWriter o(out);
    o.field(QLatin1StringView("chatId"), chatId);
    if (clientMessageId)
        o.field(QLatin1StringView("clientMessageId"), *clientMessageId);
    o.field(QLatin1StringView("messageId"), messageId)
        .field(QLatin1StringView("success"), success)
        .field(QLatin1StringView("timestamp"), isoTimestamp(timestamp))
        .end();
    return out;
}

std::optional<MessageSent> MessageSent::fromJson(const QJsonObject &o)
{
    MessageSent m;
    if (!json::readBool(o, QStringLiteral("success"), m.success)
        || !json::readString(o, QStringLiteral("messageId"), m.messageId, true)
        || !json::readTimestamp(o, QStringLiteral("timestamp"), m.timestamp)
        || !json::readString(o, QStringLiteral("chatId"), m.chatId, true)
        || !json::readOptionalString(o, QStringLiteral("clientMessageId"), m.clientMessageId))
        return std::nullopt;
    return m;
}

// ---- ChatJoined
QJsonObject ChatJoined::toJson() const
{
    return QJsonObject{{QStringLiteral("chatId"), chatId},
                       {QStringLiteral("success"), success},
                       {QStringLiteral("roomMembersCount"), roomMembersCount}};
}

std::optional<ChatJoined> ChatJoined::fromJson(const QJsonObject &o)
{
    ChatJoined c;
    if (!json::readString(o, QStringLiteral("chatId"), c.chatId, true)
        || !json::readBool(o, QStringLiteral("success"), c.success)
        || !json::readInt(o, QStringLiteral("roomMembersCount"), c.roomMembersCount, 0))
        return std::nullopt;
    return c;
}

// ---- UserTyping
QJsonObject UserTyping::toJson() const
{
    return QJsonObject{
        {QStringLiteral("chatId"), chatId}, {QStringLiteral("userId"), userId}, {QStringLiteral("isTyping"), isTyping}};
}

std::optional<UserTyping> UserTyping::fromJson(const QJsonObject &o)
{
    UserTyping t;
    if (!json::readString(o, QStringLiteral("chatId"), t.chatId, true)
        || !json::readString(o, QStringLiteral("userId"), t.userId, true)
        || !json::readBool(o, QStringLiteral("isTyping"), t.isTyping))
        return std::nullopt;
    return t;
}

// ---- MessageRead
QJsonObject MessageRead::toJson() const
{
    return QJsonObject{{QStringLiteral("chatId"), chatId},
                       {QStringLiteral("userId"), userId},
                       {QStringLiteral("readAt"), isoTimestamp(readAt)},
                       {QStringLiteral("messageIds"), QJsonArray::fromStringList(messageIds)}};
}

std::optional<MessageRead> MessageRead::fromJson(const QJsonObject &o)
{
    MessageRead r;
    if (!json::readString(o, QStringLiteral("chatId"), r.chatId, true)
        || !json::readString(o, QStringLiteral("userId"), r.userId, true)
        || !json::readTimestamp(o, QStringLiteral("readAt"), r.readAt)
        || !json::readStringList(o, QStringLiteral("messageIds"), r.messageIds, true))
        return std::nullopt;
    return r;
}

// ---- NewChatNotification
QJsonObject NewChatNotification::toJson() const
{
    return QJsonObject{{QStringLiteral("chatId"), chatId}, {QStringLiteral("message"), message}};
}

std::optional<NewChatNotification> NewChatNotification::fromJson(const QJsonObject &o)
{
    NewChatNotification n;
    if (!json::readString(o, QStringLiteral("chatId"), n.chatId, true)
        || !json::readString(o, QStringLiteral("message"), n.message))
        return std::nullopt;
    return n;
}

// ---- ErrorPayload
QJsonObject ErrorPayload::toJson() const
{
    return QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("code"), code}};
}

std::optional<ErrorPayload> ErrorPayload::fromJson(const QJsonObject &o)
{
    ErrorPayload e;
    if (!json::readString(o, QStringLiteral("message"), e.message)
        || !json::readString(o, QStringLiteral("code"), e.code))
        return std::nullopt;
    return e;
}

} // namespace craftchat::contract
