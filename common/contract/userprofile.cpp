#include "common/contract/userprofile.h"

#include "common/contract/jsonfields.h"

#include "common/protocol/jsontext.h"

namespace craftchat::contract {

namespace {

QJsonObject profileJson(const UserProfile &p, bool withEmail)
{
    QJsonObject o{
        {QStringLiteral("_id"), p.id}, {QStringLiteral("fullName"), p.fullName}, {QStringLiteral("role"), p.role}};
    if (withEmail && p.email)
        o.insert(QStringLiteral("email"), *p.email);
    if (p.profilePicture)
        o.insert(QStringLiteral("profilePicture"), *p.profilePicture);
    return o;
}

} // namespace

QJsonObject UserProfile::toJson() const
{
    return profileJson(*this, true);
}

QJsonObject UserProfile::toPublicJson() const
{
    return profileJson(*this, false);
}

void UserProfile::appendPublicJsonText(QByteArray &out) const
{
    craftchat::protocol::json::ObjectWriter o(out);
    o.field(QLatin1StringView("_id"), id).field(QLatin1StringView("fullName"), fullName);
    if (profilePicture)
        o.field(QLatin1StringView("profilePicture"), *profilePicture);
    o.field(QLatin1StringView("role"), role).end();
}

std::optional<UserProfile> UserProfile::fromJson(const QJsonObject &o)
{
    UserProfile p;
    if (!json::readString(o, QStringLiteral("_id"), p.id, true)
        || !json::readString(o, QStringLiteral("fullName"), p.fullName)
        || !json::readString(o, QStringLiteral("role"), p.role, true)
        || !json::readOptionalString(o, QStringLiteral("email"), p.email)
        || !json::readOptionalString(o, QStringLiteral("profilePicture"), p.profilePicture))
        return std::nullopt;
    return p;
}

UserProfile UserProfile::withoutEmail() const
{
    UserProfile p = *this;
    p.email.reset();
    return p;
}

QJsonObject JobRef::toJson() const
{
    return QJsonObject{{QStringLiteral("_id"), id}, {QStringLiteral("title"), title}};
}

void JobRef::appendJsonText(QByteArray &out) const
{
    craftchat::protocol::json::ObjectWriter(out)
        .field(QLatin1StringView("_id"), id)
        .field(QLatin1StringView("title"), title)
        .end();
}

std::optional<JobRef> JobRef::fromJson(const QJsonObject &o)
{
    JobRef j;
    if (!json::readString(o, QStringLiteral("_id"), j.id, true)
        || !json::readString(o, QStringLiteral("title"), j.title))
        return std::nullopt;
    return j;
}

} // namespace craftchat::contract
