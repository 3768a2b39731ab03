// The SQL of SqliteChatStore, prepared once per store.
#include "server/storage/sqlitestore_p.h"

namespace craftchat::storage {

namespace {

// A message with its sender, its upload (the attachment) and the message it answers as that
// one is now (a file's name; "" once deleted, as a tombstone's content is).
const char *const kMessageColumns =
    "m.id, m.chat_id, m.sender_id, u.full_name, u.role, u.profile_picture, m.message_type, "
    "m.content, m.created_at, m.is_read, m.client_message_id, "
    "a.original_name, a.size, a.mime, m.edited_at, m.deleted_at, "
    "r.id, r.sender_id, r.message_type, CASE WHEN r.message_type = 'file' THEN ra.original_name ELSE r.content END";
const char *const kMessageJoins =
    "JOIN users u ON u.id = m.sender_id LEFT JOIN uploads a ON a.id = m.upload_id "
    "LEFT JOIN messages r ON r.seq = m.reply_to_seq LEFT JOIN uploads ra ON ra.id = r.upload_id";
const char *const kChatColumns =
    "c.id, c.job_id, j.title, c.last_message, c.last_message_at, c.last_message_sender_id, c.is_active";
const char *const kParticipantColumns =
    "p.chat_id, u.id, u.full_name, u.role, u.profile_picture, p.unread_count";
const char *const kUserColumns =
    "id, email, full_name, role, password_hash, profile_picture, created_at, token_version, deleted_at";

QString withColumns(const char *sqlTemplate, const char *columns)
{
    return QString::fromLatin1(sqlTemplate).arg(QLatin1String(columns));
}

// "%1" the message columns, "%2" their joins (messages m first).
QString withMessage(const char *sqlTemplate)
{
    return QString::fromLatin1(sqlTemplate).arg(QLatin1String(kMessageColumns), QLatin1String(kMessageJoins));
}

} // namespace

StoreResult<void> SqliteChatStore::Impl::prepareAll()
{
    const std::pair<QSqlQuery *, QString> all[] = {
        {&st.begin, QStringLiteral("BEGIN")},
        {&st.commit, QStringLiteral("COMMIT")},
        {&st.rollback, QStringLiteral("ROLLBACK")},
        {&st.insertUser, QStringLiteral(
             "INSERT INTO users (id, email, full_name, name_key, role, password_hash, profile_picture, created_at) "
             "VALUES (:id, :email, :name, :key, :role, :hash, :picture, :at)")},
        {&st.userById, withColumns("SELECT %1 FROM users WHERE id = ?", kUserColumns)},
        {&st.userByEmail, withColumns("SELECT %1 FROM users WHERE email = :email", kUserColumns)},
        {&st.promoteAdmin, QStringLiteral(
             "UPDATE users SET role = 'admin', password_hash = :hash, token_version = token_version + 1 "
             "WHERE id = :id")},
        {&st.listUsers, QStringLiteral(
             "SELECT id, full_name, role, profile_picture FROM users "
             "WHERE role = COALESCE(:role, role) AND instr(name_key, :query) > 0 AND deleted_at IS NULL "
             "ORDER BY name_key, id LIMIT :limit")},
        {&st.changePassword, QStringLiteral(
             "UPDATE users SET password_hash = :hash, token_version = token_version + 1 "
             "WHERE id = :id AND deleted_at IS NULL")},
        // The email becomes a unique placeholder that no login matches (the address may
        // register again); the name is shown on the account's messages.
        {&st.deleteUser, QStringLiteral(
             "UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', full_name = :name, "
             "name_key = :key, password_hash = '', profile_picture = NULL, "
             "token_version = token_version + 1, deleted_at = :at WHERE id = :id AND deleted_at IS NULL")},
        {&st.revokeToken, QStringLiteral(
             "INSERT OR REPLACE INTO revoked_tokens (user_id, token_key, expires_at) VALUES (:user, :key, :exp)")},
        {&st.pruneRevoked, QStringLiteral("DELETE FROM revoked_tokens WHERE expires_at < :now")},
        {&st.isRevoked, QStringLiteral(
             "SELECT 1 FROM revoked_tokens WHERE user_id = :user AND token_key = :key")},

        {&st.insertJob, QStringLiteral(
             "INSERT INTO jobs (id, client_id, title, created_at) VALUES (:id, :client, :title, :at)")},
        {&st.jobById, QStringLiteral("SELECT id, client_id, title, created_at FROM jobs WHERE id = :id")},

        {&st.activeChat, QStringLiteral(
             "SELECT id FROM chats WHERE client_id = :client AND craftsman_id = :craftsman "
             "AND COALESCE(job_id, '') = COALESCE(:job, '') AND is_active = 1")},
        {&st.insertChat, QStringLiteral(
             "INSERT INTO chats (id, client_id, craftsman_id, job_id, is_active, created_at, updated_at) "
             "VALUES (:id, :client, :craftsman, :job, 1, :at, :at)")},
        {&st.insertParticipant, QStringLiteral(
             "INSERT INTO chat_participants (chat_id, user_id, position, unread_count, activity_at, activity_seq) "
             "VALUES (:chat, :user, :position, 0, :at, :seq)")},
        {&st.chatRowById, withColumns(
             "SELECT %1 FROM chats c LEFT JOIN jobs j ON j.id = c.job_id WHERE c.id = :chat", kChatColumns)},
        {&st.chatRowsForUser, withColumns(
             "SELECT %1 FROM chat_participants me JOIN chats c ON c.id = me.chat_id "
             "LEFT JOIN jobs j ON j.id = c.job_id WHERE me.user_id = :user "
             "ORDER BY me.activity_at DESC, me.activity_seq DESC", kChatColumns)},
        {&st.participantsOfChat, withColumns(
             "SELECT %1 FROM chat_participants p JOIN users u ON u.id = p.user_id "
             "WHERE p.chat_id = :chat ORDER BY p.position", kParticipantColumns)},
        {&st.participantsForUser, withColumns(
             "SELECT %1 FROM chat_participants me JOIN chat_participants p ON p.chat_id = me.chat_id "
             "JOIN users u ON u.id = p.user_id WHERE me.user_id = :user "
             "ORDER BY p.chat_id, p.position", kParticipantColumns)},
        {&st.participation, QStringLiteral(
             "SELECT c.is_active FROM chat_participants p JOIN chats c ON c.id = p.chat_id "
             "WHERE p.chat_id = :chat AND p.user_id = :user")},
        {&st.activeChatIds, QStringLiteral(
             "SELECT p.chat_id FROM chat_participants p JOIN chats c ON c.id = p.chat_id "
             "WHERE p.user_id = :user AND c.is_active = 1 "
             "ORDER BY p.activity_at DESC, p.activity_seq DESC")},
        {&st.participantIds, QStringLiteral(
             "SELECT user_id FROM chat_participants WHERE chat_id = :chat ORDER BY position")},
        {&st.setActive, QStringLiteral(
             "UPDATE chats SET is_active = :active, updated_at = :at WHERE id = :chat")},

        {&st.messageByClientId, withMessage(
             "SELECT %1 FROM messages m %2 "
             "WHERE m.chat_id = :chat AND m.sender_id = :sender AND m.client_message_id = :cmid")},
        // The hot path of a send binds by position (`?`): with named placeholders used twice,
        // Qt's SQLite driver rebuilds the value list by name on every execution.
        // The insert happens only for a participant of an active chat; a clientMessageId this
        // sender already used in this chat inserts nothing either (the caller then looks the
        // first message up), so the common case needs no look-up before the insert.
        // Values: id, chat, sender, type, content, cmid, at, upload, reply seq, chat, sender.
        {&st.insertMessage, QStringLiteral(
             "INSERT INTO messages (id, chat_id, sender_id, message_type, content, client_message_id, "
             "is_read, created_at, upload_id, reply_to_seq) "
             "SELECT ?, ?, ?, ?, ?, ?, 0, ?, ?, ? WHERE EXISTS ("
             "SELECT 1 FROM chat_participants p JOIN chats c ON c.id = p.chat_id "
             "WHERE p.chat_id = ? AND p.user_id = ? AND c.is_active = 1) "
             "ON CONFLICT (chat_id, sender_id, client_message_id) DO NOTHING")},
        // Values: content, at, sender, now, chat.
        {&st.touchChat, QStringLiteral(
             "UPDATE chats SET last_message = ?, last_message_at = ?, "
             "last_message_sender_id = ?, updated_at = ? WHERE id = ?")},
        // Values: sender, at, seq, chat.
        {&st.bumpParticipants, QStringLiteral(
             "UPDATE chat_participants SET unread_count = unread_count + (user_id <> ?), "
             "activity_at = ?, activity_seq = ? WHERE chat_id = ?")},
        // A chat's messages in commit order: messages_by_chat keeps (chat_id, seq) entries.
        {&st.anchor, QStringLiteral(
             "SELECT seq FROM messages WHERE id = :id AND chat_id = :chat")},
        {&st.pageLatest, withMessage(
             "SELECT %1 FROM messages m %2 WHERE m.chat_id = :chat "
             "ORDER BY m.seq DESC LIMIT :limit")},
        {&st.pageBefore, withMessage(
             "SELECT %1 FROM messages m %2 WHERE m.chat_id = :chat "
             "AND m.seq < :seq ORDER BY m.seq DESC LIMIT :limit")},
        {&st.pageAfter, withMessage(
             "SELECT %1 FROM messages m %2 WHERE m.chat_id = :chat "
             "AND m.seq > :seq ORDER BY m.seq ASC LIMIT :limit")},

        // ---- files, replies, edits, deletions, search
        {&st.liveUploadByName, QStringLiteral(
             "SELECT id, original_name, size, mime FROM uploads WHERE file_name = ? AND removed_at IS NULL")},
        // Values: id, chat.
        {&st.replyTarget, QStringLiteral(
             "SELECT r.seq, r.id, r.sender_id, r.message_type, "
             "CASE WHEN r.message_type = 'file' THEN ra.original_name ELSE r.content END "
             "FROM messages r LEFT JOIN uploads ra ON ra.id = r.upload_id WHERE r.id = ? AND r.chat_id = ?")},
        // Values: seq, body, chat id.
        {&st.ftsInsert, QStringLiteral("INSERT INTO messages_fts (rowid, body, chat) VALUES (?, ?, 'k' || hex(?))")},
        {&st.ftsUpdate, QStringLiteral("UPDATE messages_fts SET body = ? WHERE rowid = ?")},
        {&st.ftsDelete, QStringLiteral("DELETE FROM messages_fts WHERE rowid = ?")},
        {&st.messageMeta, QStringLiteral(
             "SELECT id, chat_id, sender_id, message_type, created_at, deleted_at, seq, is_read, upload_id "
             "FROM messages WHERE id = ?")},
        {&st.messageById, withMessage("SELECT %1 FROM messages m %2 WHERE m.id = ?")},
        // Values: content, at, seq.
        {&st.editMessage, QStringLiteral(
             "UPDATE messages SET content = ?, edited_at = ? WHERE seq = ? AND deleted_at IS NULL")},
        // Values: chat, seq. A message of the chat after this one that is not deleted.
        {&st.newerLiveExists, QStringLiteral(
             "SELECT EXISTS (SELECT 1 FROM messages WHERE chat_id = ? AND seq > ? AND deleted_at IS NULL)")},
        // Values: text, chat.
        {&st.setLastText, QStringLiteral("UPDATE chats SET last_message = ? WHERE id = ?")},
        // Values: at, seq.
        {&st.tombstone, QStringLiteral(
             "UPDATE messages SET message_type = 'deleted', content = '', upload_id = NULL, reply_to_seq = NULL, "
             "edited_at = NULL, deleted_at = ? WHERE seq = ?")},
        // Values: chat, sender.
        {&st.dropUnread, QStringLiteral(
             "UPDATE chat_participants SET unread_count = unread_count - 1 "
             "WHERE chat_id = ? AND user_id <> ? AND unread_count > 0")},
        // The chat's newest message that is not deleted. Values: chat.
        {&st.lastLive, QStringLiteral(
             "SELECT m.message_type, m.content, a.original_name, m.created_at, m.sender_id "
             "FROM messages m LEFT JOIN uploads a ON a.id = m.upload_id "
             "WHERE m.chat_id = ? AND m.deleted_at IS NULL ORDER BY m.seq DESC LIMIT 1")},
        // Values: text, at, sender, chat.
        {&st.setLast, QStringLiteral(
             "UPDATE chats SET last_message = ?, last_message_at = ?, last_message_sender_id = ? WHERE id = ?")},
        {&st.clearLast, QStringLiteral(
             "UPDATE chats SET last_message = NULL, last_message_at = NULL, last_message_sender_id = NULL "
             "WHERE id = ?")},
        {&st.uploadInUse, QStringLiteral("SELECT EXISTS (SELECT 1 FROM messages WHERE upload_id = ?)")},
        // Values: at, id.
        {&st.markUploadRemoved, QStringLiteral(
             "UPDATE uploads SET removed_at = ? WHERE id = ? AND removed_at IS NULL")},
        {&st.uploadFileById, QStringLiteral("SELECT file_name FROM uploads WHERE id = ?")},
        // Every chat of the user (active or not): the chat tokens a search may match.
        {&st.userChatIds, QStringLiteral("SELECT chat_id FROM chat_participants WHERE user_id = ?")},
        // Newest first, read straight from the FTS index (rowid = seq, descending); the match
        // names the user's chats already, the IN only guards. Values: match, user, limit.
        {&st.search, withMessage(
             "SELECT %1, highlight(messages_fts, 0, char(2), char(3)) FROM messages_fts f "
             "JOIN messages m ON m.seq = f.rowid %2 "
             "WHERE messages_fts MATCH ? AND m.deleted_at IS NULL "
             "AND m.chat_id IN (SELECT chat_id FROM chat_participants WHERE user_id = ?) "
             "ORDER BY f.rowid DESC LIMIT ?")},
        // Everything the reader's mark covers is read already; only what came after is looked at.
        {&st.readMark, QStringLiteral(
             "SELECT read_seq FROM chat_participants WHERE chat_id = :chat AND user_id = :reader")},
        // Values: chat, mark, reader.
        {&st.unreadIds, QStringLiteral(
             "SELECT id FROM messages WHERE chat_id = ? AND seq > ? AND sender_id <> ? AND is_read = 0 "
             "ORDER BY seq")},
        // Values: at, chat, mark, reader.
        {&st.markRead, QStringLiteral(
             "UPDATE messages SET is_read = 1, read_at = ? "
             "WHERE chat_id = ? AND seq > ? AND sender_id <> ? AND is_read = 0")},
        // Every message of the chat is now read by this reader: the mark moves to the last one.
        // Values: chat, chat, reader.
        {&st.resetUnread, QStringLiteral(
             "UPDATE chat_participants SET unread_count = 0, "
             "read_seq = COALESCE((SELECT MAX(seq) FROM messages WHERE chat_id = ?), read_seq) "
             "WHERE chat_id = ? AND user_id = ?")},

        {&st.insertUpload, QStringLiteral(
             "INSERT INTO uploads (id, owner_id, file_name, mime, size, created_at, original_name) "
             "VALUES (:id, :owner, :name, :mime, :size, :at, :original)")},
        {&st.uploadByName, QStringLiteral(
             "SELECT id, owner_id, file_name, mime, size, created_at, original_name FROM uploads "
             "WHERE file_name = :name")},
        // Both parts walk uploads_by_owner_time.
        {&st.uploadUsage, QStringLiteral(
             "SELECT COUNT(*), COALESCE(SUM(size), 0), MIN(created_at), "
             "(SELECT COALESCE(SUM(size), 0) FROM uploads WHERE owner_id = :owner2 AND removed_at IS NULL) "
             "FROM uploads WHERE owner_id = :owner AND created_at >= :since")},
        {&st.counts, QStringLiteral(
             "SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM chats), "
             "(SELECT COUNT(*) FROM chats WHERE is_active = 1), (SELECT COUNT(*) FROM messages), "
             "(SELECT COUNT(*) FROM uploads)")},
    };
    for (const auto &[query, text] : all) {
        *query = QSqlQuery(db);
        query->setForwardOnly(true);
        if (!query->prepare(text))
            return failure(*query, QStringLiteral("cannot prepare \"%1\"").arg(text.left(60)));
    }
    return {};
}

} // namespace craftchat::storage
