// The payloads of editing and deleting a message (docs/API.md, edits and deletion for
// everyone): the client's requests, the events to the chat room, and the acks. Each has
// toJson() and a strict fromJson() that refuses missing fields and wrong JSON types.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::contract {

// edit-message (client -> server). The content rules are those of send-message.
struct EditMessageRequest
{
    QString messageId;
    QString content;

    QJsonObject toJson() const;
    static std::optional<EditMessageRequest> fromJson(const QJsonObject &o);
    bool operator==(const EditMessageRequest &) const = default;
};

// delete-message (client -> server).
struct DeleteMessageRequest
{
    QString messageId;

    QJsonObject toJson() const;
    static std::optional<DeleteMessageRequest> fromJson(const QJsonObject &o);
    bool operator==(const DeleteMessageRequest &) const = default;
};

// message-updated (server -> chat:<chatId>).
struct MessageUpdated
{
    QString chatId;
    QString messageId;
    QString content;
    QDateTime editedAt;

    QJsonObject toJson() const;
    static std::optional<MessageUpdated> fromJson(const QJsonObject &o);
    bool operator==(const MessageUpdated &) const = default;
};

// message-deleted (server -> chat:<chatId>).
struct MessageDeleted
{
    QString chatId;
    QString messageId;
    QDateTime deletedAt;

    QJsonObject toJson() const;
    static std::optional<MessageDeleted> fromJson(const QJsonObject &o);
    bool operator==(const MessageDeleted &) const = default;
};

// The ack of edit-message ({success, messageId, editedAt}) or of delete-message
// ({success, messageId, deletedAt}): `at` is written under the key of its kind.
struct MessageChangeAck
{
    enum class Kind {
        Edited,
        Deleted
    };
    Kind kind = Kind::Edited;
    QString messageId;
    QDateTime at;

    QJsonObject toJson() const;
    static std::optional<MessageChangeAck> fromJson(Kind kind, const QJsonObject &o);
    bool operator==(const MessageChangeAck &) const = default;
};

} // namespace craftchat::contract
