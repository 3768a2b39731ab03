#include "server/storage/migrations.h"

#include <QSqlError>
#include <QSqlQuery>

namespace craftchat::storage {

namespace {

// Version 1: the initial schema. Times are integer milliseconds since the epoch (UTC).
Migration initialSchema()
{
    return Migration{
        1,
        QStringLiteral("initial schema"),
        {
            QStringLiteral(R"(CREATE TABLE users (
            id              TEXT PRIMARY KEY NOT NULL,
            email           TEXT NOT NULL COLLATE NOCASE,
            full_name       TEXT NOT NULL,
            name_key        TEXT NOT NULL,
            role            TEXT NOT NULL CHECK (role IN ('client', 'craftsman', 'admin')),
            password_hash   TEXT NOT NULL,
            profile_picture TEXT,
            created_at      INTEGER NOT NULL))"),
            QStringLiteral("CREATE UNIQUE INDEX users_email ON users (email COLLATE NOCASE)"),
            QStringLiteral("CREATE INDEX users_by_name ON users (name_key, id)"),

            QStringLiteral(R"(CREATE TABLE jobs (
            id         TEXT PRIMARY KEY NOT NULL,
            client_id  TEXT NOT NULL REFERENCES users (id),
            title      TEXT NOT NULL,
            created_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX jobs_by_client ON jobs (client_id)"),

            QStringLiteral(R"(CREATE TABLE chats (
            id                     TEXT PRIMARY KEY NOT NULL,
            client_id              TEXT NOT NULL REFERENCES users (id),
            craftsman_id           TEXT NOT NULL REFERENCES users (id),
            job_id                 TEXT REFERENCES jobs (id),
            last_message           TEXT,
            last_message_at        INTEGER,
            last_message_sender_id TEXT REFERENCES users (id),
            is_active              INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
            created_at             INTEGER NOT NULL,
            updated_at             INTEGER NOT NULL))"),
            // At most one active chat per (client, craftsman, job or none).
            QStringLiteral("CREATE UNIQUE INDEX chats_one_active ON chats "
                           "(client_id, craftsman_id, COALESCE(job_id, '')) WHERE is_active = 1"),
            QStringLiteral("CREATE INDEX chats_by_craftsman ON chats (craftsman_id)"),
            QStringLiteral("CREATE INDEX chats_by_job ON chats (job_id) WHERE job_id IS NOT NULL"),

            // activity_at/activity_seq copy the chat's latest activity into each participant's row
            // so that "my chats, newest activity first" reads one table (version 3 indexes it by
            // user only).
            QStringLiteral(R"(CREATE TABLE chat_participants (
            chat_id      TEXT NOT NULL REFERENCES chats (id),
            user_id      TEXT NOT NULL REFERENCES users (id),
            position     INTEGER NOT NULL,
            unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
            activity_at  INTEGER NOT NULL,
            activity_seq INTEGER NOT NULL,
            PRIMARY KEY (chat_id, user_id)) WITHOUT ROWID)"),
            QStringLiteral("CREATE INDEX chat_participants_by_activity ON chat_participants "
                           "(user_id, activity_at DESC, activity_seq DESC)"),

            QStringLiteral(R"(CREATE TABLE messages (
            seq               INTEGER PRIMARY KEY,
            id                TEXT NOT NULL UNIQUE,
            chat_id           TEXT NOT NULL REFERENCES chats (id),
            sender_id         TEXT NOT NULL REFERENCES users (id),
            message_type      TEXT NOT NULL CHECK (message_type IN ('text', 'image')),
            content           TEXT NOT NULL,
            client_message_id TEXT,
            is_read           INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
            read_at           INTEGER,
            created_at        INTEGER NOT NULL,
            UNIQUE (chat_id, sender_id, client_message_id)))"),
            QStringLiteral("CREATE INDEX messages_page ON messages (chat_id, created_at, seq)"),
            // Unread messages of a chat in order: what markRead reads and updates.
            QStringLiteral("CREATE INDEX messages_unread ON messages (chat_id, created_at, seq) WHERE is_read = 0"),
            QStringLiteral("CREATE INDEX messages_by_sender ON messages (sender_id, created_at)"),

            QStringLiteral(R"(CREATE TABLE uploads (
            id         TEXT PRIMARY KEY NOT NULL,
            owner_id   TEXT NOT NULL REFERENCES users (id),
            file_name  TEXT NOT NULL UNIQUE,
            mime       TEXT NOT NULL,
            size       INTEGER NOT NULL CHECK (size >= 0),
            created_at INTEGER NOT NULL))"),
            QStringLiteral("CREATE INDEX uploads_by_owner ON uploads (owner_id)"),
        }};
}

StoreFailure failure(const QString &what, const QSqlError &error)
{
    return StoreFailure{StoreError::Database, what + QStringLiteral(": ") + error.text()};
}

StoreResult<int> userVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return failure(QStringLiteral("cannot read the schema version"), q.lastError());
    return q.value(0).toInt();
}

// Version 2: no index of messages by sender. Nothing reads it (the rate limit counts in
// memory), and every stored message paid a B-tree insert and a log page for it.
Migration dropSenderIndex()
{
    return Migration{2,
                     QStringLiteral("drop messages_by_sender"),
                     {
                         QStringLiteral("DROP INDEX IF EXISTS messages_by_sender"),
                     }};
}

// Version 3: a user's chats are found by an index on user_id alone. The index it replaces
// was ordered by each participant's latest activity, so every message moved two entries
// (one per participant) in it: two or three of the dozen log pages a message wrote. A user's
// chats are now sorted when listed (a few hundred rows at most), and a message leaves this
// index alone because user_id never changes.
Migration participantIndexByUser()
{
    return Migration{3,
                     QStringLiteral("chat_participants by user, not by activity"),
                     {
                         QStringLiteral("DROP INDEX IF EXISTS chat_participants_by_activity"),
                         QStringLiteral("CREATE INDEX chat_participants_by_user ON chat_participants (user_id)"),
                     }};
}

// Version 4: a chat's messages are found and paged by one index on chat_id (SQLite keeps its
// entries in seq order, the order of commit), and each participant keeps a read mark instead
// of the partial index of unread messages. Every message used to add an entry to both
// messages_page (chat, time, seq) and messages_unread; it now adds one, smaller, entry.
// read_seq: every message of the chat that someone else sent, up to this seq, is read. It
// starts just below the participant's oldest unread message (or at the chat's last message).
Migration chatIndexAndReadMark()
{
    return Migration{4,
                     QStringLiteral("messages by chat in seq order, a read mark per participant"),
                     {
                         QStringLiteral("ALTER TABLE chat_participants ADD COLUMN read_seq INTEGER NOT NULL DEFAULT 0"),
                         QStringLiteral(R"(UPDATE chat_participants SET read_seq = COALESCE(
            (SELECT MIN(m.seq) - 1 FROM messages m WHERE m.chat_id = chat_participants.chat_id
                AND m.sender_id <> chat_participants.user_id AND m.is_read = 0),
            (SELECT MAX(m.seq) FROM messages m WHERE m.chat_id = chat_participants.chat_id),
            0))"),
                         QStringLiteral("CREATE INDEX messages_by_chat ON messages (chat_id)"),
                         QStringLiteral("DROP INDEX IF EXISTS messages_page"),
                         QStringLiteral("DROP INDEX IF EXISTS messages_unread"),
                     }};
}

// Version 5: an upload keeps the name it was sent with (X-File-Name, for Content-Disposition
// and file messages), and a user's uploads are found by time for the per-hour upload limits
// (the index also serves the quota's sum over all of a user's uploads).
Migration uploadNamesAndUsage()
{
    return Migration{5,
                     QStringLiteral("uploads: original name, index by owner and time"),
                     {
                         QStringLiteral("ALTER TABLE uploads ADD COLUMN original_name TEXT NOT NULL DEFAULT 'file'"),
                         QStringLiteral("CREATE INDEX uploads_by_owner_time ON uploads (owner_id, created_at)"),
                         QStringLiteral("DROP INDEX IF EXISTS uploads_by_owner"),
                     }};
}

// Version 6: accounts can be deleted and tokens revoked. token_version is the `tv` claim a
// token must carry (tokens without it count as 0, the contract's jsonwebtoken tokens);
// a password change or a deletion raises it, so every older token stops working at once.
// deleted_at marks a deleted account (kept so that its messages stay attributed).
// revoked_tokens holds logged-out tokens (by jti, or iat for tokens without one) until they
// expire.
Migration tokenVersionsAndDeletedUsers()
{
    return Migration{6,
                     QStringLiteral("token versions, deleted users, revoked tokens"),
                     {
                         QStringLiteral("ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0"),
                         QStringLiteral("ALTER TABLE users ADD COLUMN deleted_at INTEGER"),
                         QStringLiteral(R"(CREATE TABLE revoked_tokens (
            user_id    TEXT NOT NULL REFERENCES users (id),
            token_key  TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, token_key)) WITHOUT ROWID)"),
                         QStringLiteral("CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at)"),
                     }};
}

// Version 7: files, replies, edits, deletions and search (contract section 9). SQLite cannot
// change a CHECK constraint, so messages is rebuilt (seq, ids and every value kept) with the
// types "file" and "deleted" and four new columns:
//   upload_id     the upload a file message (or an image message of this server) shows; NULL
//                 once deleted. Image messages stored before are linked to their upload here.
//   reply_to_seq  the seq of the message it answers (same chat; seq is the primary key, so
//                 the preview is one look-up)
//   edited_at, deleted_at  times of the last edit and of the deletion (a tombstone)
// messages_fts is the FTS5 index of what search matches: `body`, a text message's content or a
// file message's name (rowid = messages.seq), and `chat`, one token naming the message's chat
// ('k' and the hex digits of its id), so that a search in the user's chats is one merge of
// index lists inside FTS5 (body words AND one of the user's chat tokens), newest first,
// instead of a look-up of every matching message of every chat. It keeps its own copy of the
// text, so deleting a row from it needs nothing else. An upload whose file was removed (its
// last message was deleted) keeps its row with removed_at set: the hourly upload limits
// still count it, the quota does not.
Migration filesRepliesEditsSearch()
{
    return Migration{
        7,
        QStringLiteral("messages: file, reply, edit, deletion; full-text search"),
        {
            QStringLiteral("ALTER TABLE uploads ADD COLUMN removed_at INTEGER"),
            QStringLiteral(R"(CREATE TABLE messages_v7 (
            seq               INTEGER PRIMARY KEY,
            id                TEXT NOT NULL UNIQUE,
            chat_id           TEXT NOT NULL REFERENCES chats (id),
            sender_id         TEXT NOT NULL REFERENCES users (id),
            message_type      TEXT NOT NULL CHECK (message_type IN ('text', 'image', 'file', 'deleted')),
            content           TEXT NOT NULL,
            client_message_id TEXT,
            is_read           INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
            read_at           INTEGER,
            created_at        INTEGER NOT NULL,
            upload_id         TEXT REFERENCES uploads (id),
            reply_to_seq      INTEGER,
            edited_at         INTEGER,
            deleted_at        INTEGER,
            UNIQUE (chat_id, sender_id, client_message_id)))"),
            QStringLiteral(R"(INSERT INTO messages_v7 (seq, id, chat_id, sender_id, message_type, content,
            client_message_id, is_read, read_at, created_at, upload_id)
            SELECT m.seq, m.id, m.chat_id, m.sender_id, m.message_type, m.content, m.client_message_id,
                m.is_read, m.read_at, m.created_at,
                CASE WHEN m.message_type = 'image' AND m.content LIKE '/uploads/%'
                    THEN (SELECT up.id FROM uploads up WHERE up.file_name = substr(m.content, 10)) END
            FROM messages m ORDER BY m.seq)"),
            QStringLiteral("DROP TABLE messages"),
            QStringLiteral("ALTER TABLE messages_v7 RENAME TO messages"),
            QStringLiteral("CREATE INDEX messages_by_chat ON messages (chat_id)"),
            QStringLiteral("CREATE INDEX messages_by_upload ON messages (upload_id) WHERE upload_id IS NOT NULL"),
            QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(body, chat, "
                           "tokenize = 'unicode61 remove_diacritics 2')"),
            // The marks of search snippets (U+0002, U+0003) never come from the text itself.
            QStringLiteral("INSERT INTO messages_fts (rowid, body, chat) SELECT seq, "
                           "replace(replace(content, char(2), ' '), char(3), ' '), 'k' || hex(chat_id) "
                           "FROM messages WHERE message_type = 'text' ORDER BY seq"),
        }};
}

// Version 8: invitations (closed registration, docs/API.md). An invitation is found by the
// SHA-256 of its code (code_hash, hex), so that redeeming never compares the secret itself;
// the code is kept as well so that its creator can list and revoke it. created_by is NULL for
// codes made on the command line (craftchat-server --create-invitation). A redeemed
// invitation keeps its row (redeemed_by, redeemed_at); a revoked one gets revoked_at.
Migration invitations()
{
    return Migration{8,
                     QStringLiteral("invitations"),
                     {
                         QStringLiteral(R"(CREATE TABLE invitations (
            code_hash   TEXT PRIMARY KEY NOT NULL,
            code        TEXT NOT NULL,
            role        TEXT NOT NULL CHECK (role IN ('client', 'craftsman')),
            created_by  TEXT REFERENCES users (id),
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            redeemed_by TEXT REFERENCES users (id),
            redeemed_at INTEGER,
            revoked_at  INTEGER) WITHOUT ROWID)"),
                         QStringLiteral("CREATE INDEX invitations_by_creator ON invitations (created_by)"),
                     }};
}

// Version 9: the activity counter (activity_seq, which orders chats whose last activity has
// the same time) is continued at start from its largest value. Without an index that was a
// scan of every participant row: 0.55 s of a 1.3 s start on 7.5 million messages in 20,000
// chats (docs/PERFORMANCE.md). With it, MAX() reads one index entry.
Migration activityCounterIndex()
{
    return Migration{9,
                     QStringLiteral("index of the activity counter"),
                     {
                         QStringLiteral("CREATE INDEX chat_participants_by_seq ON chat_participants (activity_seq)"),
                     }};
}

} // namespace

const std::vector<Migration> &sqliteMigrations()
{
    static const std::vector<Migration> all{
        initialSchema(),           dropSenderIndex(),     participantIndexByUser(),
        chatIndexAndReadMark(),    uploadNamesAndUsage(), tokenVersionsAndDeletedUsers(),
        filesRepliesEditsSearch(), invitations(),         activityCounterIndex()};
    return all;
}

int latestSchemaVersion()
{
    return sqliteMigrations().back().version;
}

StoreResult<int> migrate(QSqlDatabase &db, const std::vector<Migration> &migrations)
{
    StoreResult<int> current = userVersion(db);
    if (!current)
        return current;
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (*current > latest)
        return StoreFailure{StoreError::SchemaTooNew,
                            QStringLiteral("the database schema version %1 is newer than this "
                                           "server supports (%2); upgrade the server")
                                .arg(*current)
                                .arg(latest)};

    for (const Migration &m : migrations) {
        if (m.version <= *current)
            continue;
        if (!db.transaction())
            return failure(QStringLiteral("cannot begin migration %1").arg(m.version), db.lastError());
        QSqlQuery q(db);
        for (const QString &statement : m.statements) {
            if (!q.exec(statement)) {
                const StoreFailure f = failure(
                    QStringLiteral("migration %1 (%2) failed").arg(m.version).arg(m.description), q.lastError());
                q.finish();
                db.rollback();
                return f;
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version))) {
            const StoreFailure f
                = failure(QStringLiteral("cannot record schema version %1").arg(m.version), q.lastError());
            q.finish();
            db.rollback();
            return f;
        }
        q.finish();
        if (!db.commit()) {
            const StoreFailure f = failure(QStringLiteral("cannot commit migration %1").arg(m.version), db.lastError());
            db.rollback();
            return f;
        }
        *current = m.version;
    }
    return current;
}

} // namespace craftchat::storage
