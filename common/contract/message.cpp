#include "common/contract/message.h"

#include "common/contract/contract.h"
#include "common/contract/jsonfields.h"
#include "common/contract/timestamp.h"

#include "common/protocol/jsontext.h"

namespace craftchat::contract {

namespace {

bool isKnownMessageType(const QString &type)
{
    return type == contract::MessageTypeText || type == contract::MessageTypeImage || type == contract::MessageTypeFile
           || type == contract::MessageTypeDeleted;
}

// Absent or null leaves `out` empty; anything but an object that T::fromJson() accepts is
// refused.
template <typename T>
bool readOptionalObject(const QJsonObject &o, const QString &key, std::optional<T> &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out.reset();
        return true;
    }
    if (!v.isObject())
        return false;
    out = T::fromJson(v.toObject());
    return out.has_value();
}

} // namespace

// ---- Attachment
QJsonObject Attachment::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name}, {QStringLiteral("size"), size}, {QStringLiteral("mimeType"), mimeType}};
}

void Attachment::appendJsonText(QByteArray &out) const
{
    craftchat::protocol::json::ObjectWriter o(out);
    o.field(QLatin1StringView("mimeType"), mimeType)
        .field(QLatin1StringView("name"), name)
        .field(QLatin1StringView("size"), size)
        .end();
}

std::optional<Attachment> Attachment::fromJson(const QJsonObject &o)
{
    Attachment a;
    if (!json::readString(o, QStringLiteral("name"), a.name, true)
        || !json::readInt64(o, QStringLiteral("size"), a.size, 0)
        || !json::readString(o, QStringLiteral("mimeType"), a.mimeType, true))
        return std::nullopt;
    return a;
}

// ---- ReplyPreview
QJsonObject ReplyPreview::toJson() const
{
    return QJsonObject{{QStringLiteral("_id"), id},
                       {QStringLiteral("senderId"), senderId},
                       {QStringLiteral("messageType"), messageType},
                       {QStringLiteral("content"), content}};
}

void ReplyPreview::appendJsonText(QByteArray &out) const
{
    craftchat::protocol::json::ObjectWriter o(out);
    o.field(QLatin1StringView("_id"), id)
        .field(QLatin1StringView("content"), content)
        .field(QLatin1StringView("messageType"), messageType)
        .field(QLatin1StringView("senderId"), senderId)
        .end();
}

std::optional<ReplyPreview> ReplyPreview::fromJson(const QJsonObject &o)
{
    ReplyPreview r;
    if (!json::readString(o, QStringLiteral("_id"), r.id, true)
        || !json::readString(o, QStringLiteral("senderId"), r.senderId, true)
        || !json::readString(o, QStringLiteral("messageType"), r.messageType)
        || !json::readString(o, QStringLiteral("content"), r.content) || !isKnownMessageType(r.messageType))
        return std::nullopt;
    return r;
}

// ---- Message
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
    if (attachment)
        o.insert(QStringLiteral("attachment"), attachment->toJson());
    if (replyTo)
        o.insert(QStringLiteral("replyTo"), replyTo->toJson());
    if (editedAt)
        o.insert(QStringLiteral("editedAt"), isoTimestamp(*editedAt));
    if (deletedAt)
        o.insert(QStringLiteral("deletedAt"), isoTimestamp(*deletedAt));
    return o;
}

QByteArray Message::toJsonText() const
{
    QByteArray out;
    out.reserve(256 + content.size());
    craftchat::protocol::json::ObjectWriter o(out);
    o.field(QLatin1StringView("_id"), id);
    if (attachment) {
        o.key(QLatin1StringView("attachment"));
        attachment->appendJsonText(out);
    }
    o.field(QLatin1StringView("chatId"), chatId);
    if (clientMessageId)
        o.field(QLatin1StringView("clientMessageId"), *clientMessageId);
    o.field(QLatin1StringView("content"), content);
    if (deletedAt)
        o.field(QLatin1StringView("deletedAt"), isoTimestamp(*deletedAt));
    if (editedAt)
        o.field(QLatin1StringView("editedAt"), isoTimestamp(*editedAt));
    o.field(QLatin1StringView("isRead"), isRead).field(QLatin1StringView("messageType"), messageType);
    if (replyTo) {
        o.key(QLatin1StringView("replyTo"));
        replyTo->appendJsonText(out);
    }
    o.key(QLatin1StringView("senderId"));
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
        || !json::readOptionalString(o, QStringLiteral("clientMessageId"), m.clientMessageId)
        || !json::readOptionalTimestamp(o, QStringLiteral("editedAt"), m.editedAt)
        || !json::readOptionalTimestamp(o, QStringLiteral("deletedAt"), m.deletedAt))
        return std::nullopt;
    if (!isKnownMessageType(m.messageType))
        return std::nullopt;
    // A tombstone and only a tombstone carries deletedAt.
    if ((m.messageType == contract::MessageTypeDeleted) != m.deletedAt.has_value())
        return std::nullopt;
    if (!readOptionalObject(o, QStringLiteral("attachment"), m.attachment)
        || !readOptionalObject(o, QStringLiteral("replyTo"), m.replyTo))
        return std::nullopt;
    if (m.messageType == contract::MessageTypeFile && !m.attachment)
        return std::nullopt;
    return m;
}

} // namespace craftchat::contract
