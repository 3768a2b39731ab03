// SqliteChatStore: ChatStore on one SQLite file (QSQLITE driver, WAL journal), with versioned
// migrations and statements prepared once per instance. Not thread-safe: one thread only.
#pragma once

#include "server/storage/chatstore.h"
#include "server/storage/walcheckpointer.h"

#include <memory>

namespace craftchat::storage {

// fast: WAL with synchronous=NORMAL, a commit survives a crash of the process (the log is
// fsynced at checkpoints); strict: synchronous=FULL, every commit fsyncs the log and survives a
// power cut. Both commit groups of messages at once (the chat service's group commit).
enum class Durability {
    Fast,
    Strict
};

struct SqliteOptions
{
    QString dataDirectory; // created when missing
    QString fileName = QStringLiteral("craftchat.sqlite3");
    int busyTimeoutMs = 5000;
    // Write each commit's log frames with one write call (batchedwalvfs.h) instead of two
    // per page. Off: SQLite's default VFS.
    bool batchWalWrites = true;
    // The server's setting: this connection never checkpoints (no fsync on the committing
    // thread); a WalCheckpointer on a thread of its own does, and paces deferrable writes so
    // the log stays bounded. Off: SQLite's automatic checkpoints on the committing thread.
    bool backgroundCheckpoints = false;
    int checkpointIntervalMs = DefaultCheckpointIntervalMs;
    // 256 MB of log at NewDatabasePageSize. A message alone writes about ten pages (its row,
    // the index entries, the chat and participant rows), a group fewer per message: a drain
    // about every minute at 500 msg/s and every few seconds near the maximum rate. Each drain
    // holds the group commit for one pass, so fewer drains keep the tail latency down near the
    // maximum rate (docs/PERFORMANCE.md has the figures). The log file stays at up to this
    // size on disk between drains.
    int walFrameCap = DefaultWalFrameCap;
    // When > 0: the cap in bytes instead (walFrameCap = this / the file's page size).
    qint64 walLimitBytes = 0;
    Durability durability = Durability::Fast;
    // The server's settings: PRAGMA quick_check before anything else (StoreError::Corrupt when
    // it fails), and a TRUNCATE checkpoint so a log left by a crash is gone after the start.
    bool quickCheckAtOpen = false;
    bool checkpointAtOpen = false;
};

class SqliteChatStore final : public ChatStore
{
public:
    // Page size of a database this store creates (an existing one keeps its own). A message
    // touches about a dozen pages, each written whole to the log and copied back by the
    // checkpoint; 1 KB pages write a quarter of SQLite's default 4 KB for the same rows,
    // which makes commits and checkpoints cheaper and the log start over 4x less often.
    static constexpr int NewDatabasePageSize = 1024;

    // Opens (creating and migrating as needed). SchemaTooNew for a database of a newer
    // version; Database when the file cannot be opened or migrated.
    static StoreResult<std::unique_ptr<SqliteChatStore>> open(const SqliteOptions &options);
    static StoreResult<std::unique_ptr<SqliteChatStore>> open(const QString &dataDirectory);
    ~SqliteChatStore() override;

    QString databasePath() const;
    int schemaVersion() const;
    // Null unless opened with backgroundCheckpoints.
    WalCheckpointer *checkpointer() const;

    bool readyForDeferrableWrite(std::function<void()> resume) override;

    StoreResult<StoredUser> createUser(const NewUser &user) override;
    StoreResult<StoredUser> ensureAdmin(const NewUser &admin) override;
    StoreResult<StoredUser> userByEmail(const QString &email) override;
    StoreResult<StoredUser> userById(const QString &id) override;
    StoreResult<StoredUser> changePassword(const QString &userId, const QString &passwordHash) override;
    StoreResult<StoredUser> deleteUser(const QString &userId) override;
    StoreResult<void> revokeToken(const QString &userId, const QString &tokenKey, qint64 expiresAtSeconds) override;
    StoreResult<bool> isTokenRevoked(const QString &userId, const QString &tokenKey) override;
    StoreResult<QList<contract::UserProfile>> listUsers(const std::optional<QString> &role, const QString &nameQuery,
                                                        int limit) override;

    StoreResult<Job> createJob(const QString &clientId, const QString &title) override;
    StoreResult<Job> jobById(const QString &id) override;

    StoreResult<contract::ChatDetails> findActiveChat(const QString &clientId, const QString &craftsmanId,
                                                      const std::optional<QString> &jobId) override;
    StoreResult<CreatedChat> createChat(const NewChat &chat) override;
    StoreResult<contract::ChatDetails> chatById(const QString &chatId) override;
    StoreResult<QList<contract::ChatDetails>> chatsForUser(const QString &userId) override;
    StoreResult<Participation> participation(const QString &chatId, const QString &userId) override;
    StoreResult<bool> isParticipant(const QString &chatId, const QString &userId) override;
    StoreResult<QStringList> chatIdsForUser(const QString &userId) override;
    StoreResult<QStringList> participantIds(const QString &chatId) override;
    StoreResult<void> setChatActive(const QString &chatId, bool active) override;

    QList<StoreResult<InsertedMessage>> insertMessages(const QList<NewMessage> &messages) override;
    StoreResult<QList<contract::Message>>
    messagesPage(const QString &chatId, const std::optional<QString> &beforeMessageId, int limit) override;
    StoreResult<QList<contract::Message>> messagesAfter(const QString &chatId, const QString &afterMessageId,
                                                        int limit) override;
    StoreResult<MessageMeta> messageMeta(const QString &messageId) override;
    StoreResult<EditedMessage> editMessage(const QString &messageId, const QString &content,
                                           const QDateTime &editedAt) override;
    StoreResult<DeletedMessage> deleteMessage(const QString &messageId, const QDateTime &deletedAt) override;
    StoreResult<QList<StoredSearchHit>> searchMessages(const QString &userId, const QStringList &words,
                                                       const std::optional<QString> &chatId, int limit) override;
    StoreResult<contract::MessageRead> markRead(const QString &chatId, const QString &readerId) override;

    StoreResult<UploadUsage> uploadUsage(const QString &ownerId, const QDateTime &since) override;
    StoreResult<Upload> recordUpload(const QString &ownerId, const QString &fileName, const QString &mime, qint64 size,
                                     const QString &originalName) override;
    StoreResult<Upload> uploadByFileName(const QString &fileName) override;

    StoreResult<Invitation> createInvitation(const NewInvitation &invitation) override;
    StoreResult<Invitation> invitationByCode(const QString &code) override;
    StoreResult<QList<Invitation>> openInvitations(const std::optional<QString> &createdBy,
                                                   const QDateTime &now) override;
    StoreResult<void> revokeInvitation(const QString &code, const QDateTime &at) override;
    StoreResult<StoredUser> createUserWithInvitation(const NewUser &user, const QString &code,
                                                     const QDateTime &now) override;

    StoreResult<StoreCounts> counts() override;

    class Impl;

private:
    explicit SqliteChatStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace craftchat::storage
