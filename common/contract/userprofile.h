// A person as the contract shows them: `profile` {_id, fullName, role, profilePicture?}, or
// `user` (the caller's own) which adds `email`.
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::contract {

struct UserProfile
{
    QString id; // "_id"
    QString fullName;
    QString role;                 // contract::RoleClient / RoleCraftsman / RoleAdmin
    std::optional<QString> email; // only for the caller's own user
    std::optional<QString> profilePicture;

    QJsonObject toJson() const;
    static std::optional<UserProfile> fromJson(const QJsonObject &o);
    // The same person without the email (what others may see).
    UserProfile withoutEmail() const;
    // withoutEmail().toJson() without the copy (payloads built per message use it).
    QJsonObject toPublicJson() const;
    // The compact JSON text of toPublicJson(), written directly (see protocol/jsontext.h).
    void appendPublicJsonText(QByteArray &out) const;

    bool operator==(const UserProfile &) const = default;
};

// A job as embedded in a chat: `jobId: {_id, title}`.
struct JobRef
{
    QString id; // "_id"
    QString title;

    QJsonObject toJson() const;
    void appendJsonText(QByteArray &out) const; // the compact text of toJson()
    static std::optional<JobRef> fromJson(const QJsonObject &o);

    bool operator==(const JobRef &) const = default;
};

} // namespace craftchat::contract
