// Records the store takes and gives besides the contract payload types of common/chat.
#pragma once

#include "common/contract/chatdetails.h"
#include "common/contract/events.h"
#include "common/contract/message.h"
#include "common/contract/userprofile.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace craftchat::storage {

struct NewUser
{
    QString fullName;
    QString email;        // stored lower-cased; unique ignoring case
    QString role;         // client, craftsman or admin
    QString passwordHash; // already hashed by the auth layer; never logged
    std::optional<QString> profilePicture;
};

struct StoredUser
{
    contract::UserProfile profile; // with the email set (none once deleted)
    QString passwordHash;          // empty once deleted: no password matches
    QDateTime createdAt;
    int tokenVersion = 0; // tokens must carry this `tv` (absent counts as 0)
    std::optional<QDateTime> deletedAt;

    bool isDeleted() const { return deletedAt.has_value(); }
};

struct Job
{
    QString id;
    QString clientId;
    QString title;
    QDateTime createdAt;

    contract::JobRef ref() const { return contract::JobRef{id, title}; }
};

struct NewChat
{
    QString clientId;
    QString craftsmanId;
    std::optional<QString> jobId;
    std::optional<QString> initialMessage; // a text message from the client, stored with the chat
};

struct CreatedChat
{
    contract::ChatDetails chat; // as it is after the transaction
    std::optional<contract::Message> initialMessage;
    bool created = true; // false: an existing active chat was returned
};

struct NewMessage
{
    QString chatId;
    QString senderId;
    QString messageType; // text, image or file
    // text: the text; image: its URL; file: the url of an upload of this server
    // (/uploads/<name>, refused with InvalidArgument otherwise). An image or file whose url
    // names an upload of this server gets its attachment from the upload's record.
    QString content;
    std::optional<QString> clientMessageId;
    std::optional<QDateTime> timestamp; // default: now (UTC, ms precision)
    // A message of the same chat (InvalidArgument otherwise).
    std::optional<QString> replyToId = {};
};

// What the chat domain checks before an edit or a deletion.
struct MessageMeta
{
    QString id;
    QString chatId;
    QString senderId;
    QString messageType; // "deleted" for a tombstone
    QDateTime timestamp;
    std::optional<QDateTime> deletedAt;
};

// The result of ChatStore::editMessage.
struct EditedMessage
{
    QString chatId;
    QString messageId;
    QString content;
    QDateTime editedAt;
    bool wasLastMessage = false; // the chat's lastMessage changed with it
};

// The result of ChatStore::deleteMessage.
struct DeletedMessage
{
    QString chatId;
    QString messageId;
    QDateTime deletedAt;
    bool alreadyDeleted = false;     // nothing changed (deletedAt is the first one)
    bool unreadDropped = false;      // it was unread: the others' unread counts dropped
    bool lastMessageChanged = false; // it was the chat's last message
    // The stored file (in the uploads directory) no message refers to any more: the caller
    // removes it after the commit.
    std::optional<QString> removableUploadFile;
};

// One search result: the message and its text with every matched word between U+0002 and
// U+0003.
struct StoredSearchHit
{
    contract::Message message;
    QString marked;
};

struct InsertedMessage
{
    contract::Message message;
    bool duplicate = false; // the clientMessageId was seen: nothing was stored
};

enum class Participation {
    None,     // no such chat, or the user is not in it
    Active,   // participant of an active chat
    Inactive, // participant, but the chat is no longer active
};

struct Upload
{
    QString id;
    QString ownerId;
    QString fileName;
    QString mime;
    qint64 size = 0;
    QDateTime createdAt;
    QString originalName; // as sent (X-File-Name, cleaned), "file" when none was given
};

// What one user has uploaded: for the per-hour limits and the storage quota.
struct UploadUsage
{
    qint64 countSince = 0; // uploads since the given time
    qint64 bytesSince = 0; // their bytes
    QDateTime oldestSince; // the oldest of them (invalid when none): the window frees up after it
    qint64 totalBytes = 0; // every stored upload of the user
};

// An invitation to register (closed registration): a single-use code with a role and an expiry.
struct NewInvitation
{
    QString code;                     // the secret the invitee presents (stored with its SHA-256)
    QString role;                     // client or craftsman
    std::optional<QString> createdBy; // the creating user; none for the command line
    QDateTime expiresAt;
};

struct Invitation
{
    QString code;
    QString role;
    std::optional<QString> createdBy;
    QDateTime createdAt;
    QDateTime expiresAt;
    std::optional<QString> redeemedBy;
    std::optional<QDateTime> redeemedAt;
    std::optional<QDateTime> revokedAt;

    // Neither redeemed nor revoked nor expired at `now`.
    bool isOpenAt(const QDateTime &now) const { return !redeemedAt && !revokedAt && now < expiresAt; }
};

struct StoreCounts
{
    qint64 users = 0;
    qint64 chats = 0;
    qint64 activeChats = 0;
    qint64 messages = 0;
    qint64 uploads = 0;
};

} // namespace craftchat::storage
