// Names from the wire contract (shared by the server and the app): events, rooms, error codes,
// roles, limits and message types.
#pragma once

#include <QString>

namespace craftchat::contract {

// Event names: contract::event::SendMessage ("send-message"), ...
namespace event {

// Client -> server
inline const QString JoinChat = QStringLiteral("join-chat");
inline const QString SendMessage = QStringLiteral("send-message");
inline const QString TypingStart = QStringLiteral("typing-start");
inline const QString TypingStop = QStringLiteral("typing-stop");
inline const QString MarkMessagesRead = QStringLiteral("mark-messages-read");
inline const QString EditMessage = QStringLiteral("edit-message");
inline const QString DeleteMessage = QStringLiteral("delete-message");

// Server -> client
inline const QString NewMessage = QStringLiteral("new-message");
inline const QString ChatUpdated = QStringLiteral("chat-updated");
inline const QString NewChatNotification = QStringLiteral("new-chat-notification");
inline const QString UserTyping = QStringLiteral("user-typing");
inline const QString MessageRead = QStringLiteral("message-read");
inline const QString MessageSent = QStringLiteral("message-sent");
inline const QString ChatJoined = QStringLiteral("chat-joined");
inline const QString MessageUpdated = QStringLiteral("message-updated");
inline const QString MessageDeleted = QStringLiteral("message-deleted");
inline const QString Error = QStringLiteral("error");

} // namespace event

// Error codes of the error event and of HTTP error bodies: contract::code::InvalidInput, ...
namespace code {

inline const QString InvalidInput = QStringLiteral("INVALID_INPUT");
inline const QString Unauthorized = QStringLiteral("UNAUTHORIZED");
inline const QString SendMessageError = QStringLiteral("SEND_MESSAGE_ERROR");
inline const QString RateLimit = QStringLiteral("RATE_LIMIT");
inline const QString ConnectionLimit = QStringLiteral("CONNECTION_LIMIT");
// Closed registration and login throttling (HTTP only; docs/API.md)
inline const QString RegistrationClosed = QStringLiteral("REGISTRATION_CLOSED"); // 403: an invitation is needed
inline const QString InvitationInvalid = QStringLiteral("INVITATION_INVALID");   // 403: unknown, used, expired, revoked
inline const QString InvitationRole = QStringLiteral("INVITATION_ROLE"); // 403: role differs from the invitation's
inline const QString LoginThrottled = QStringLiteral("LOGIN_THROTTLED"); // 429 with Retry-After

} // namespace code

// Rooms
inline QString userRoom(const QString &userId)
{
    return QStringLiteral("user:") + userId;
}
inline QString chatRoom(const QString &chatId)
{
    return QStringLiteral("chat:") + chatId;
}

// Roles
inline const QString RoleClient = QStringLiteral("client");
inline const QString RoleCraftsman = QStringLiteral("craftsman");
inline const QString RoleAdmin = QStringLiteral("admin");

// Limits
inline constexpr int MaxTextLength = 4000; // UTF-16 code units
inline constexpr int MinPasswordLength = 8;
inline constexpr int MaxPasswordLength = 200;
inline constexpr int MaxEmailLength = 254;
inline constexpr qint64 DefaultUploadLimitBytes = 25 * 1024 * 1024; // the server's default upload limit
inline constexpr int MaxFileNameBytes = 255;                        // UTF-8, after cleaning
inline constexpr int DefaultEditWindowSeconds = 48 * 3600;
inline constexpr int DefaultSearchLimit = 20;
inline constexpr int MaxSearchLimit = 50;
inline constexpr int MaxHistoryPageLimit = 100;
inline constexpr int MaxClientMessageIdLength = 200;
inline constexpr int MaxImageUrlLength = 2048;

// Message types
inline const QString MessageTypeText = QStringLiteral("text");
inline const QString MessageTypeImage = QStringLiteral("image");
inline const QString MessageTypeFile = QStringLiteral("file");
inline const QString MessageTypeDeleted = QStringLiteral("deleted"); // a tombstone, never sent by a client

} // namespace craftchat::contract
