// IMessageWithSender: a stored message with its sender's profile embedded as `senderId`,
// and what a message may carry besides its text: a file's details, the message it answers,
// the times of its last edit or of its deletion (docs/API.md, files, replies, edits).
#pragma once

#include "common/contract/userprofile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::contract {

// "attachment": the upload behind a file (or uploaded image) message, filled by the server.
struct Attachment
{
    QString name;    // the original file name, cleaned
    qint64 size = 0; // bytes
    QString mimeType;

    QJsonObject toJson() const;
    void appendJsonText(QByteArray &out) const;
    static std::optional<Attachment> fromJson(const QJsonObject &o);
    bool operator==(const Attachment &) const = default;
};

// "replyTo": the answered message as it is now (its current text, a file's name, "" once
// deleted).
struct ReplyPreview
{
    QString id;       // "_id"
    QString senderId; // the sender's id (a string, not a profile)
    QString messageType;
    QString content;

    QJsonObject toJson() const;
    void appendJsonText(QByteArray &out) const;
    static std::optional<ReplyPreview> fromJson(const QJsonObject &o);
    bool operator==(const ReplyPreview &) const = default;
};

struct Message
{
    QString id; // "_id"
    QString chatId;
    UserProfile sender;  // "senderId": {_id, fullName, role, profilePicture?}
    QString messageType; // contract::MessageTypeText / Image / File / Deleted
    QString content;
    QDateTime timestamp; // UTC, millisecond precision
    bool isRead = false;
    std::optional<QString> clientMessageId;
    // Defaulted here, so that brace-initialisations that name only the fields above stay valid.
    std::optional<Attachment> attachment = {};
    std::optional<ReplyPreview> replyTo = {};
    std::optional<QDateTime> editedAt = {};
    std::optional<QDateTime> deletedAt = {}; // set on tombstones (messageType "deleted")

    bool isDeleted() const { return deletedAt.has_value(); }

    QJsonObject toJson() const; // never includes the sender's email
    // The compact JSON text of toJson(), written directly: no QJsonObject is built (a
    // new-message payload costs about a tenth of building and writing the object).
    QByteArray toJsonText() const;
    static std::optional<Message> fromJson(const QJsonObject &o);

    bool operator==(const Message &) const = default;
};

} // namespace craftchat::contract
