// ChatStore: everything the chat domain and the HTTP API need from persistent storage.
// Synchronous; used from one thread. A backend implements it (SqliteChatStore today; a
// PostgreSQL one could follow) and the layers above depend on this interface only.
#pragma once

#include "server/storage/storeresult.h"
#include "server/storage/storetypes.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace craftchat::storage {

// The name a deleted account shows (its messages stay attributed to it).
inline const QString DeletedUserName = QStringLiteral("Deleted account");

class ChatStore
{
public:
    virtual ~ChatStore() = default;
    ChatStore(const ChatStore &) = delete;
    ChatStore &operator=(const ChatStore &) = delete;

    // ---- users
    // Conflict when the email (ignoring case) is taken.
    virtual StoreResult<StoredUser> createUser(const NewUser &user) = 0;
    // Creates the admin, or makes an existing account of that email an admin with this hash.
    virtual StoreResult<StoredUser> ensureAdmin(const NewUser &admin) = 0;
    virtual StoreResult<StoredUser> userByEmail(const QString &email) = 0; // any case
    virtual StoreResult<StoredUser> userById(const QString &id) = 0;
    // A new password hash; raises the token version (every older token stops working).
    // NotFound for an unknown or deleted user. Returns the user as it is now.
    virtual StoreResult<StoredUser> changePassword(const QString &userId, const QString &passwordHash) = 0;
    // Marks the account deleted: its name becomes DeletedUserName, its email, password and
    // picture are dropped (the email may register again), the token version rises; its
    // messages and chats stay. NotFound for an unknown or already deleted user.
    virtual StoreResult<StoredUser> deleteUser(const QString &userId) = 0;
    // Remembers a logged-out token (its jti, or its iat for tokens without one) until
    // `expiresAtSeconds`; forgets tokens that have expired meanwhile.
    virtual StoreResult<void> revokeToken(const QString &userId, const QString &tokenKey, qint64 expiresAtSeconds) = 0;
    virtual StoreResult<bool> isTokenRevoked(const QString &userId, const QString &tokenKey) = 0;
    // Profiles (no emails, no deleted accounts) whose name contains nameQuery (ignoring case; empty: all), of the
    // role when one is given; ordered by name; at most `limit`.
    virtual StoreResult<QList<contract::UserProfile>> listUsers(const std::optional<QString> &role,
                                                                const QString &nameQuery, int limit = 100)
        = 0;

    // ---- jobs
    virtual StoreResult<Job> createJob(const QString &clientId, const QString &title) = 0;
    virtual StoreResult<Job> jobById(const QString &id) = 0;

    // ---- chats
    // NotFound when there is no active chat of these three.
    virtual StoreResult<contract::ChatDetails> findActiveChat(const QString &clientId, const QString &craftsmanId,
                                                              const std::optional<QString> &jobId)
        = 0;
    // One transaction: returns the existing active chat of (client, craftsman, job) unchanged
    // (created = false, the initial message ignored), or creates the chat, both participants
    // and the initial message. ForeignKey when a user or the job does not exist.
    virtual StoreResult<CreatedChat> createChat(const NewChat &chat) = 0;
    virtual StoreResult<contract::ChatDetails> chatById(const QString &chatId) = 0;
    // Every chat of the user, newest activity first (last message, else creation).
    virtual StoreResult<QList<contract::ChatDetails>> chatsForUser(const QString &userId) = 0;
    virtual StoreResult<Participation> participation(const QString &chatId, const QString &userId) = 0;
    // True for a participant of an active chat.
    virtual StoreResult<bool> isParticipant(const QString &chatId, const QString &userId) = 0;
    // Ids of the user's active chats (for joining their rooms on connect).
    virtual StoreResult<QStringList> chatIdsForUser(const QString &userId) = 0;
    // User ids of the chat's participants, client first.
    virtual StoreResult<QStringList> participantIds(const QString &chatId) = 0;
    virtual StoreResult<void> setChatActive(const QString &chatId, bool active) = 0;

    // ---- messages
    // Group commit: all in one transaction, each with its own result (a failing one does not
    // undo the others). Per message: the message, the chat's last message fields and +1 unread
    // for every other participant. A clientMessageId already used by this sender in this chat
    // stores nothing and returns the first message with duplicate = true. NotParticipant when
    // the sender is not in the chat or the chat is inactive.
    virtual QList<StoreResult<InsertedMessage>> insertMessages(const QList<NewMessage> &messages) = 0;
    // Up to `limit` (1..1000) messages, oldest first: the newest ones, or those just before
    // `beforeMessageId`. InvalidArgument when beforeMessageId is not a message of this chat.
    virtual StoreResult<QList<contract::Message>> messagesPage(const QString &chatId,
                                                               const std::optional<QString> &beforeMessageId, int limit)
        = 0;
    // Up to `limit` (1..1000) messages just after `afterMessageId`, oldest first.
    // InvalidArgument when afterMessageId is not a message of this chat.
    virtual StoreResult<QList<contract::Message>> messagesAfter(const QString &chatId, const QString &afterMessageId,
                                                                int limit)
        = 0;
    // NotFound for an unknown id.
    virtual StoreResult<MessageMeta> messageMeta(const QString &messageId) = 0;
    // One transaction: the new text (and its search entry), editedAt, and the chat's
    // lastMessage when this is the chat's newest message that is not deleted. The caller has
    // checked who may edit what (the chat domain's rules). NotFound for an unknown or deleted
    // message.
    virtual StoreResult<EditedMessage> editMessage(const QString &messageId, const QString &content,
                                                   const QDateTime &editedAt)
        = 0;
    // One transaction: the message becomes a tombstone (type "deleted", content "", no
    // attachment, no reply, deletedAt), leaves the search index, lowers the unread count of
    // those who had not read it, and the chat's last-message fields follow the newest message
    // that is not deleted (or become absent). A message deleted before answers its first
    // deletedAt with alreadyDeleted. NotFound for an unknown id.
    virtual StoreResult<DeletedMessage> deleteMessage(const QString &messageId, const QDateTime &deletedAt) = 0;
    // Messages of the user's chats (or of `chatId` only) whose text or file name has, for
    // every entry of `words`, a word starting with it (ignoring case and diacritics); newest
    // first, at most `limit`, never deleted ones. `words` must be non-empty, letters and
    // digits only.
    virtual StoreResult<QList<StoredSearchHit>> searchMessages(const QString &userId, const QStringList &words,
                                                               const std::optional<QString> &chatId, int limit)
        = 0;
    // Marks the others' unread messages read and resets the reader's unread count; returns the
    // message-read payload (messageIds oldest first, possibly empty).
    virtual StoreResult<contract::MessageRead> markRead(const QString &chatId, const QString &readerId) = 0;

    // ---- uploads
    virtual StoreResult<Upload> recordUpload(const QString &ownerId, const QString &fileName, const QString &mime,
                                             qint64 size, const QString &originalName)
        = 0;
    virtual StoreResult<Upload> uploadByFileName(const QString &fileName) = 0;
    virtual StoreResult<UploadUsage> uploadUsage(const QString &ownerId, const QDateTime &since) = 0;

    // ---- invitations (codes are found by their SHA-256, never compared as text)
    // Conflict when the code exists already.
    virtual StoreResult<Invitation> createInvitation(const NewInvitation &invitation) = 0;
    // Any invitation of that code, open or not; NotFound for an unknown code.
    virtual StoreResult<Invitation> invitationByCode(const QString &code) = 0;
    // Invitations neither redeemed, revoked nor expired at `now`, of one creator or (none) of
    // everyone; oldest first.
    virtual StoreResult<QList<Invitation>> openInvitations(const std::optional<QString> &createdBy,
                                                           const QDateTime &now)
        = 0;
    // Revokes an open invitation. NotFound when the code is unknown or no longer open.
    virtual StoreResult<void> revokeInvitation(const QString &code, const QDateTime &at) = 0;
    // One transaction: the user (as createUser) and the invitation redeemed by it. Conflict
    // when the email is taken; NotFound when the invitation is not open at `now` or is of
    // another role than user.role (nothing is stored then). Of two registrations with one
    // code exactly one succeeds.
    virtual StoreResult<StoredUser> createUserWithInvitation(const NewUser &user, const QString &code,
                                                             const QDateTime &now)
        = 0;

    // ---- write pacing
    // Writers that can wait (the message group commit) ask before writing. True: write now.
    // False: the backend needs a moment without writes for background work (SQLite: letting a
    // checkpoint copy the whole log back so that it can start over); `resume` is called on
    // this thread when writing is welcome again. Nothing else is held back, and a writer may
    // still write at once when it must (shutdown).
    virtual bool readyForDeferrableWrite(std::function<void()> resume)
    {
        Q_UNUSED(resume);
        return true;
    }

    // ---- metrics
    virtual StoreResult<StoreCounts> counts() = 0;

protected:
    ChatStore() = default;
};

} // namespace craftchat::storage
