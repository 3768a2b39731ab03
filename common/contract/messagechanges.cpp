#include "common/contract/messagechanges.h"

#include "common/contract/jsonfields.h"
#include "common/contract/timestamp.h"

namespace craftchat::contract {

// ---- EditMessageRequest
QJsonObject EditMessageRequest::toJson() const
{
    return QJsonObject{{QStringLiteral("messageId"), messageId}, {QStringLiteral("content"), content}};
}

std::optional<EditMessageRequest> EditMessageRequest::fromJson(const QJsonObject &o)
{
    EditMessageRequest r;
    if (!json::readString(o, QStringLiteral("messageId"), r.messageId, true)
        || !json::readString(o, QStringLiteral("content"), r.content))
        return std::nullopt;
    return r;
}

// ---- DeleteMessageRequest
QJsonObject DeleteMessageRequest::toJson() const
{
    return QJsonObject{{QStringLiteral("messageId"), messageId}};
}

std::optional<DeleteMessageRequest> DeleteMessageRequest::fromJson(const QJsonObject &o)
{
    DeleteMessageRequest r;
    if (!json::readString(o, QStringLiteral("messageId"), r.messageId, true))
        return std::nullopt;
    return r;
}

// ---- MessageUpdated
QJsonObject MessageUpdated::toJson() const
{
    return QJsonObject{{QStringLiteral("chatId"), chatId},
                       {QStringLiteral("messageId"), messageId},
                       {QStringLiteral("content"), content},
                       {QStringLiteral("editedAt"), isoTimestamp(editedAt)}};
}

std::optional<MessageUpdated> MessageUpdated::fromJson(const QJsonObject &o)
{
    MessageUpdated u;
    if (!json::readString(o, QStringLiteral("chatId"), u.chatId, true)
        || !json::readString(o, QStringLiteral("messageId"), u.messageId, true)
        || !json::readString(o, QStringLiteral("content"), u.content)
        || !json::readTimestamp(o, QStringLiteral("editedAt"), u.editedAt))
        return std::nullopt;
    return u;
}

// ---- MessageDeleted
QJsonObject MessageDeleted::toJson() const
{
    return QJsonObject{{QStringLiteral("chatId"), chatId},
                       {QStringLiteral("messageId"), messageId},
                       {QStringLiteral("deletedAt"), isoTimestamp(deletedAt)}};
}

std::optional<MessageDeleted> MessageDeleted::fromJson(const QJsonObject &o)
{
    MessageDeleted d;
    if (!json::readString(o, QStringLiteral("chatId"), d.chatId, true)
        || !json::readString(o, QStringLiteral("messageId"), d.messageId, true)
        || !json::readTimestamp(o, QStringLiteral("deletedAt"), d.deletedAt))
        return std::nullopt;
    return d;
}

// ---- MessageChangeAck
namespace {

QString ackTimeKey(MessageChangeAck::Kind kind)
{
    return kind == MessageChangeAck::Kind::Edited ? QStringLiteral("editedAt") : QStringLiteral("deletedAt");
}

} // namespace

QJsonObject MessageChangeAck::toJson() const
{
    return QJsonObject{{QStringLiteral("success"), true},
                       {QStringLiteral("messageId"), messageId},
                       {ackTimeKey(kind), isoTimestamp(at)}};
}

std::optional<MessageChangeAck> MessageChangeAck::fromJson(Kind kind, const QJsonObject &o)
{
    MessageChangeAck a;
    a.kind = kind;
    bool success = false;
    if (!json::readBool(o, QStringLiteral("success"), success) || !success
        || !json::readString(o, QStringLiteral("messageId"), a.messageId, true)
        || !json::readTimestamp(o, ackTimeKey(kind), a.at))
        return std::nullopt;
    return a;
}

} // namespace craftchat::contract
