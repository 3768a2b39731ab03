#include "common/contract/chatdetails.h"

#include "common/contract/jsonfields.h"
#include "common/contract/timestamp.h"

#include "common/protocol/jsontext.h"

#include <QJsonArray>

#include <algorithm>

namespace craftchat::contract {

QJsonObject ChatDetails::toJson() const
{
    QJsonArray people;
    for (const UserProfile &p : participants)
        people.append(p.toPublicJson());
    QJsonObject unread;
    for (auto it = unreadCount.cbegin(); it != unreadCount.cend(); ++it)
        unread.insert(it.key(), it.value());

    QJsonObject o{{QStringLiteral("_id"), id},
                  {QStringLiteral("participants"), people},
                  {QStringLiteral("unreadCount"), unread},
                  {QStringLiteral("isActive"), isActive}};
    if (job)
        o.insert(QStringLiteral("jobId"), job->toJson());
    if (lastMessage)
        o.insert(QStringLiteral("lastMessage"), *lastMessage);
    if (lastMessageAt)
        o.insert(QStringLiteral("lastMessageAt"), isoTimestamp(*lastMessageAt));
    if (lastMessageSenderId)
        o.insert(QStringLiteral("lastMessageSenderId"), *lastMessageSenderId);
    return o;
}

QByteArray ChatDetails::toJsonText() const
{
    QByteArray out;
    out.reserve(512);
    craftchat::protocol::json::ObjectWriter o(out);
    o.field(QLatin1StringView("_id"), id).field(QLatin1StringView("isActive"), isActive);
    if (job) {
        o.key(QLatin1StringView("jobId"));
        job->appendJsonText(out);
    }
    if (lastMessage)
        o.field(QLatin1StringView("lastMessage"), *lastMessage);
    if (lastMessageAt)
        o.field(QLatin1StringView("lastMessageAt"), isoTimestamp(*lastMessageAt));
    if (lastMessageSenderId)
        o.field(QLatin1StringView("lastMessageSenderId"), *lastMessageSenderId);
    o.key(QLatin1StringView("participants"));
    out.append('[');
    for (qsizetype i = 0; i < participants.size(); ++i) {
        if (i > 0)
            out.append(',');
        participants.at(i).appendPublicJsonText(out);
    }
    out.append(']');
    o.key(QLatin1StringView("unreadCount"));
    // QMap's order is QJsonObject's order for ASCII keys (user ids); other keys go through
    // a QJsonObject so that the order stays Qt's.
    bool ascii = true;
    for (auto it = unreadCount.cbegin(); it != unreadCount.cend() && ascii; ++it)
        ascii = std::all_of(it.key().cbegin(), it.key().cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii) {
        out.append('{');
        for (auto it = unreadCount.cbegin(); it != unreadCount.cend(); ++it) {
            if (it != unreadCount.cbegin())
                out.append(',');
            craftchat::protocol::json::appendString(out, it.key());
            out.append(':');
            out.append(QByteArray::number(it.value()));
        }
        out.append('}');
    } else {
        QJsonObject unread;
        for (auto it = unreadCount.cbegin(); it != unreadCount.cend(); ++it)
            unread.insert(it.key(), it.value());
        craftchat::protocol::json::appendObject(out, unread);
    }
    o.end();
    return out;
}

std::optional<ChatDetails> ChatDetails::fromJson(const QJsonObject &o)
{
    ChatDetails c;
    if (!json::readString(o, QStringLiteral("_id"), c.id, true)
        || !json::readOptionalString(o, QStringLiteral("lastMessage"), c.lastMessage)
        || !json::readOptionalTimestamp(o, QStringLiteral("lastMessageAt"), c.lastMessageAt)
        || !json::readOptionalString(o, QStringLiteral("lastMessageSenderId"), c.lastMessageSenderId, true)
        || !json::readBool(o, QStringLiteral("isActive"), c.isActive))
        return std::nullopt;

    const QJsonValue people = o.value(QStringLiteral("participants"));
    if (!people.isArray())
        return std::nullopt;
    for (const QJsonValue &p : people.toArray()) {
        if (!p.isObject())
            return std::nullopt;
        std::optional<UserProfile> profile = UserProfile::fromJson(p.toObject());
        if (!profile)
            return std::nullopt;
        c.participants.append(std::move(*profile));
    }

    const QJsonValue job = o.value(QStringLiteral("jobId"));
    if (job.isObject()) {
        c.job = JobRef::fromJson(job.toObject());
        if (!c.job)
            return std::nullopt;
    } else if (!job.isUndefined() && !job.isNull()) {
        return std::nullopt;
    }

    const QJsonValue unread = o.value(QStringLiteral("unreadCount"));
    if (!unread.isObject())
        return std::nullopt;
    const QJsonObject counts = unread.toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        int n = 0;
        if (it.key().isEmpty() || !json::readInt(counts, it.key(), n, 0))
            return std::nullopt;
        c.unreadCount.insert(it.key(), n);
    }
    return c;
}

} // namespace craftchat::contract
