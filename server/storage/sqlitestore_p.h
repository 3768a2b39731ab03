// Internals of SqliteChatStore shared by its implementation files: the connection, the
// statements prepared once, row readers and a transaction guard. Not part of the API.
#pragma once

#include "server/storage/sqlitechatstore.h"
#include "server/storage/walcheckpointer.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <memory>

namespace craftchat::storage {

// A failure of the connection itself (opening, BEGIN, COMMIT): StoreError::Database with the
// driver's text after the context.
inline StoreFailure databaseFailure(const QString &context, const QSqlError &error)
{
    return StoreFailure{StoreError::Database, context + QStringLiteral(": ") + error.text()};
}

// Statements prepared once per store. Columns are listed where rows are read.
struct SqliteStatements
{
    // BEGIN, COMMIT and ROLLBACK prepared once: QSqlDatabase::transaction() and commit()
    // build, parse and free a statement every time.
    QSqlQuery begin, commit, rollback;
    // users: id, email, full_name, role, password_hash, profile_picture, created_at,
    // token_version, deleted_at
    QSqlQuery insertUser, userById, userByEmail, promoteAdmin, listUsers, changePassword, deleteUser,
        revokeToken, pruneRevoked, isRevoked;
    // jobs: id, client_id, title, created_at
    QSqlQuery insertJob, jobById;
    // chats
    QSqlQuery activeChat, insertChat, insertParticipant, chatRowById, chatRowsForUser,
        participantsOfChat, participantsForUser, participation, activeChatIds, participantIds,
        setActive;
    // messages
    QSqlQuery messageByClientId, insertMessage, touchChat, bumpParticipants, anchor, pageLatest,
        pageBefore, pageAfter, readMark, unreadIds, markRead, resetUnread;
    // files, replies, edits, deletions, search (schema version 7)
    QSqlQuery liveUploadByName, replyTarget, ftsInsert, ftsUpdate, ftsDelete, messageMeta, messageById,
        editMessage, newerLiveExists, setLastText, tombstone, dropUnread, lastLive, setLast, clearLast,
        uploadInUse, markUploadRemoved, uploadFileById, userChatIds, search;
    // uploads
    QSqlQuery insertUpload, uploadByName, uploadUsage;
    QSqlQuery counts;
};

class SqliteChatStore::Impl
{
public:
    ~Impl();

    QString connectionName;
    QString path;
    QSqlDatabase db;
    int schemaVersion = 0;
    qint64 activitySeq = 0;          // orders chats with the same activity time
    std::unique_ptr<SqliteStatements> statements = std::make_unique<SqliteStatements>();
    SqliteStatements &st = *statements;
    // Null unless SqliteOptions::backgroundCheckpoints; then this connection never checkpoints.
    std::unique_ptr<WalCheckpointer> checkpointer;
    // Senders' profiles (no email) across batches: a send needs no user query. Only
    // ensureAdmin changes a stored profile (the role), and it clears this.
    QHash<QString, chat::UserProfile> senderProfiles;
    static constexpr int MaxSenderProfiles = 20'000;

    StoreResult<void> prepareAll();

    // Executes a prepared statement; on failure fills `failure`.
    bool exec(QSqlQuery &q);
    StoreFailure failure(const QSqlQuery &q, const QString &context) const;
    StoreFailure dbFailure(const QString &context) const;

    // Shared operations (must run inside a transaction where they write).
    StoreResult<StoredUser> readUser(QSqlQuery &q, const QString &what);
    StoreResult<QList<chat::ChatDetails>> readChats(QSqlQuery &chatRows, QSqlQuery &participantRows);
    StoreResult<chat::ChatDetails> loadChat(const QString &chatId);
    // One message in the open transaction. Writes nothing unless it succeeds, except on a
    // database error after the insert (`*partial` is then set and the transaction must go).
    StoreResult<InsertedMessage> insertMessageInTransaction(const NewMessage &m, bool *partial);
    StoreResult<chat::UserProfile> senderProfile(const QString &senderId);
};

// A transaction that rolls back unless committed.
class SqliteTransaction
{
public:
    explicit SqliteTransaction(SqliteStatements &st) : m_st(st), m_begun(run(st.begin)) {}
    ~SqliteTransaction()
    {
        if (m_begun && !m_done)
            run(m_st.rollback);
    }
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    bool begun() const { return m_begun; }
    bool commit()
    {
        m_done = run(m_st.commit);
        return m_done;
    }
    // Why BEGIN or COMMIT failed.
    StoreFailure failure(const QString &context) const { return databaseFailure(context, m_error); }

private:
    bool run(QSqlQuery &q)
    {
        const bool ok = q.exec();
        if (!ok)
            m_error = q.lastError();
        q.finish();
        return ok;
    }

    SqliteStatements &m_st;
    QSqlError m_error;
    bool m_begun = false;
    bool m_done = false;
};

namespace sql {

inline qint64 toMs(const QDateTime &t) { return t.toMSecsSinceEpoch(); }
inline QDateTime fromMs(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }
// A NOT NULL text: a null QString would bind as SQL NULL.
inline QVariant text(const QString &s) { return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s); }
inline QVariant nullable(const std::optional<QString> &s)
{
    return s ? text(*s) : QVariant(QMetaType::fromType<QString>());
}
inline std::optional<QString> optionalText(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toString();
}
// A row of the message columns (sqlitestatements.cpp, kMessageColumns).
chat::Message readMessage(const QSqlQuery &q);
// The text as indexed for search: the snippet marks U+0002 and U+0003 become spaces (both
// separate words anyway), so that a mark in a snippet always comes from the search.
QString searchableText(const QString &text);
// A chat's lastMessage for this message: a file's name, else its content.
inline QString lastMessageText(const chat::Message &m)
{
    return m.attachment && m.messageType == QLatin1String("file") ? m.attachment->name : m.content;
}

} // namespace sql

} // namespace craftchat::storage
