// The small event payloads of the contract (docs/API.md, section 1). Each has toJson() and a strict
// fromJson() that refuses missing fields and wrong JSON types.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace craftchat::contract {

// send-message (client -> server). fromJson() checks types only; validateSendMessage()
// (validation.h) checks the content rules of send-message.
struct SendMessageRequest
{
    QString chatId;
    QString messageType;
    QString content;
    std::optional<QString> clientMessageId;
    std::optional<QString> replyToId = {}; // a message of the same chat

    QJsonObject toJson() const;
    static std::optional<SendMessageRequest> fromJson(const QJsonObject &o);
    bool operator==(const SendMessageRequest &) const = default;
};

// message-sent (server -> the sending socket).
struct MessageSent
{
    bool success = true;
    QString messageId;
    QDateTime timestamp;
    QString chatId;
    std::optional<QString> clientMessageId;

    QJsonObject toJson() const;
    QByteArray toJsonText() const; // the compact text of toJson(), written directly
    static std::optional<MessageSent> fromJson(const QJsonObject &o);
    bool operator==(const MessageSent &) const = default;
};

// chat-joined (server -> the joining socket).
struct ChatJoined
{
    QString chatId;
    bool success = true;
    int roomMembersCount = 0;

    QJsonObject toJson() const;
    static std::optional<ChatJoined> fromJson(const QJsonObject &o);
    bool operator==(const ChatJoined &) const = default;
};

// user-typing (server -> the other sockets of the chat room).
struct UserTyping
{
    QString chatId;
    QString userId;
    bool isTyping = false;

    QJsonObject toJson() const;
    static std::optional<UserTyping> fromJson(const QJsonObject &o);
    bool operator==(const UserTyping &) const = default;
};

// message-read (server -> the other participants).
struct MessageRead
{
    QString chatId;
    QString userId; // the reader
    QDateTime readAt;
    QStringList messageIds;

    QJsonObject toJson() const;
    static std::optional<MessageRead> fromJson(const QJsonObject &o);
    bool operator==(const MessageRead &) const = default;
};

// new-chat-notification (server -> both users of a new chat).
struct NewChatNotification
{
    QString chatId;
    QString message;

    QJsonObject toJson() const;
    static std::optional<NewChatNotification> fromJson(const QJsonObject &o);
    bool operator==(const NewChatNotification &) const = default;
};

// error event and HTTP error body: {message, code}.
struct ErrorPayload
{
    QString message;
    QString code; // contract::InvalidInput, Unauthorized, ...

    QJsonObject toJson() const;
    static std::optional<ErrorPayload> fromJson(const QJsonObject &o);
    bool operator==(const ErrorPayload &) const = default;
};

} // namespace craftchat::contract
