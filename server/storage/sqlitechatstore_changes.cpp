// SqliteChatStore: edits, deletions (tombstones) and full-text search (schema version 7).
#include "server/storage/sqlitestore_p.h"

#include "common/chat/contract.h"

namespace craftchat::storage {

namespace {

constexpr int kMaxSearchLimit = 1000;
// A user in more chats than this searches without naming them in the match (each named chat
// is one more index list to merge); the membership check after the match still applies.
constexpr int kMaxNamedChats = 1000;

// Columns of messageMeta: id, chat_id, sender_id, message_type, created_at, deleted_at, seq,
// is_read, upload_id
struct MetaRow
{
    MessageMeta meta;
    qint64 seq = 0;
    bool isRead = false;
    std::optional<QString> uploadId;
};

MetaRow readMeta(const QSqlQuery &q)
{
    MetaRow row;
    row.meta.id = q.value(0).toString();
    row.meta.chatId = q.value(1).toString();
    row.meta.senderId = q.value(2).toString();
    row.meta.messageType = q.value(3).toString();
    row.meta.timestamp = sql::fromMs(q.value(4).toLongLong());
    if (!q.value(5).isNull())
        row.meta.deletedAt = sql::fromMs(q.value(5).toLongLong());
    row.seq = q.value(6).toLongLong();
    row.isRead = q.value(7).toInt() != 0;
    row.uploadId = sql::optionalText(q.value(8));
    return row;
}

// body : ("word"* ...) AND chat : ("k<hex>" OR ...): every word must start a word of the
// text or file name (the words are letters, digits and marks only; quotes are doubled
// anyway), in one of the given chats (none: any chat).
QString matchExpression(const QStringList &words, const QStringList &chatIds)
{
    QStringList parts;
    parts.reserve(words.size());
    for (const QString &w : words) {
        QString quoted = w;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        parts.append(QLatin1Char('"') + quoted + QStringLiteral("\"*"));
    }
    QString match = QStringLiteral("body : (") + parts.join(QLatin1Char(' ')) + QLatin1Char(')');
    if (chatIds.isEmpty())
        return match;
    QStringList chats;
    chats.reserve(chatIds.size());
    for (const QString &id : chatIds)
        chats.append(QStringLiteral("\"k") + QString::fromLatin1(id.toUtf8().toHex()) + QLatin1Char('"'));
    return match + QStringLiteral(" AND chat : (") + chats.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

} // namespace

StoreResult<MessageMeta> SqliteChatStore::messageMeta(const QString &messageId)
{
    QSqlQuery &q = d->st.messageMeta;
    q.bindValue(0, sql::text(messageId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot read the message"));
    if (!q.next()) {
        q.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no message with that id")};
    }
    MetaRow row = readMeta(q);
    q.finish();
    return row.meta;
}

StoreResult<EditedMessage> SqliteChatStore::editMessage(const QString &messageId, const QString &content,
                                                        const QDateTime &editedAt)
{
    SqliteTransaction tx(d->st);
    if (!tx.begun())
        return tx.failure(QStringLiteral("cannot begin the edit transaction"));
    QSqlQuery &metaQuery = d->st.messageMeta;
    metaQuery.bindValue(0, sql::text(messageId));
    if (!d->exec(metaQuery))
        return d->failure(metaQuery, QStringLiteral("cannot read the message"));
    if (!metaQuery.next()) {
        metaQuery.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no message with that id")};
    }
    const MetaRow row = readMeta(metaQuery);
    metaQuery.finish();
    if (row.meta.deletedAt)
        return StoreFailure{StoreError::NotFound, QStringLiteral("the message is deleted")};
    if (row.meta.messageType != contract::MessageTypeText)
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("only text messages can be edited")};

    const QDateTime at = editedAt.toUTC();
    QSqlQuery &edit = d->st.editMessage;
    edit.bindValue(0, sql::text(content));
    edit.bindValue(1, sql::toMs(at));
    edit.bindValue(2, row.seq);
    if (!d->exec(edit))
        return d->failure(edit, QStringLiteral("cannot edit the message"));
    edit.finish();

    QSqlQuery &fts = d->st.ftsUpdate;
    fts.bindValue(0, sql::searchableText(content));
    fts.bindValue(1, row.seq);
    if (!d->exec(fts))
        return d->failure(fts, QStringLiteral("cannot index the edited message"));
    fts.finish();

    QSqlQuery &newer = d->st.newerLiveExists;
    newer.bindValue(0, sql::text(row.meta.chatId));
    newer.bindValue(1, row.seq);
    if (!d->exec(newer) || !newer.next())
        return d->failure(newer, QStringLiteral("cannot find the chat's last message"));
    const bool isLast = newer.value(0).toInt() == 0;
    newer.finish();
    if (isLast) {
        QSqlQuery &last = d->st.setLastText;
        last.bindValue(0, sql::text(content));
        last.bindValue(1, sql::text(row.meta.chatId));
        if (!d->exec(last))
            return d->failure(last, QStringLiteral("cannot update the chat"));
        last.finish();
    }
    if (!tx.commit())
        return tx.failure(QStringLiteral("cannot commit the edit"));
    return EditedMessage{row.meta.chatId, row.meta.id, content, at, isLast};
}

StoreResult<DeletedMessage> SqliteChatStore::deleteMessage(const QString &messageId, const QDateTime &deletedAt)
{
    SqliteTransaction tx(d->st);
    if (!tx.begun())
        return tx.failure(QStringLiteral("cannot begin the delete transaction"));
    QSqlQuery &metaQuery = d->st.messageMeta;
    metaQuery.bindValue(0, sql::text(messageId));
    if (!d->exec(metaQuery))
        return d->failure(metaQuery, QStringLiteral("cannot read the message"));
    if (!metaQuery.next()) {
        metaQuery.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no message with that id")};
    }
    const MetaRow row = readMeta(metaQuery);
    metaQuery.finish();

    DeletedMessage result;
    result.chatId = row.meta.chatId;
    result.messageId = row.meta.id;
    if (row.meta.deletedAt) {
        result.deletedAt = *row.meta.deletedAt;
        result.alreadyDeleted = true;
        return result;   // rolled back: nothing was written
    }
    result.deletedAt = deletedAt.toUTC();
    const QVariant chatId = sql::text(row.meta.chatId);

    // Was it the chat's last message (its newest one that is not deleted)? Asked before the
    // tombstone is written.
    QSqlQuery &newer = d->st.newerLiveExists;
    newer.bindValue(0, chatId);
    newer.bindValue(1, row.seq);
    if (!d->exec(newer) || !newer.next())
        return d->failure(newer, QStringLiteral("cannot find the chat's last message"));
    result.lastMessageChanged = newer.value(0).toInt() == 0;
    newer.finish();

    QSqlQuery &tomb = d->st.tombstone;
    tomb.bindValue(0, sql::toMs(result.deletedAt));
    tomb.bindValue(1, row.seq);
    if (!d->exec(tomb))
        return d->failure(tomb, QStringLiteral("cannot delete the message"));
    tomb.finish();

    // Out of the search index (a row that was never indexed, an image, deletes nothing).
    QSqlQuery &fts = d->st.ftsDelete;
    fts.bindValue(0, row.seq);
    if (!d->exec(fts))
        return d->failure(fts, QStringLiteral("cannot remove the message from the search index"));
    fts.finish();

    if (!row.isRead) {
        QSqlQuery &drop = d->st.dropUnread;
        drop.bindValue(0, chatId);
        drop.bindValue(1, sql::text(row.meta.senderId));
        if (!d->exec(drop))
            return d->failure(drop, QStringLiteral("cannot update the unread counts"));
        result.unreadDropped = drop.numRowsAffected() > 0;
        drop.finish();
    }

    if (result.lastMessageChanged) {
        QSqlQuery &live = d->st.lastLive;
        live.bindValue(0, chatId);
        if (!d->exec(live))
            return d->failure(live, QStringLiteral("cannot find the chat's last message"));
        if (live.next()) {
            const bool file = live.value(0).toString() == contract::MessageTypeFile && !live.value(2).isNull();
            const QString text = file ? live.value(2).toString() : live.value(1).toString();
            const qint64 at = live.value(3).toLongLong();
            const QString sender = live.value(4).toString();
            live.finish();
            QSqlQuery &set = d->st.setLast;
            set.bindValue(0, text);
            set.bindValue(1, at);
            set.bindValue(2, sender);
            set.bindValue(3, chatId);
            if (!d->exec(set))
                return d->failure(set, QStringLiteral("cannot update the chat"));
            set.finish();
        } else {
            live.finish();
            QSqlQuery &clear = d->st.clearLast;
            clear.bindValue(0, chatId);
            if (!d->exec(clear))
                return d->failure(clear, QStringLiteral("cannot update the chat"));
            clear.finish();
        }
    }

    // The upload's file goes when no other message shows it (its row stays, marked removed).
    if (row.uploadId) {
        QSqlQuery &inUse = d->st.uploadInUse;
        inUse.bindValue(0, *row.uploadId);
        if (!d->exec(inUse) || !inUse.next())
            return d->failure(inUse, QStringLiteral("cannot check the upload's other messages"));
        const bool used = inUse.value(0).toInt() != 0;
        inUse.finish();
        if (!used) {
            QSqlQuery &name = d->st.uploadFileById;
            name.bindValue(0, *row.uploadId);
            if (!d->exec(name))
                return d->failure(name, QStringLiteral("cannot read the upload"));
            if (name.next())
                result.removableUploadFile = name.value(0).toString();
            name.finish();
            QSqlQuery &removed = d->st.markUploadRemoved;
            removed.bindValue(0, sql::toMs(result.deletedAt));
            removed.bindValue(1, *row.uploadId);
            if (!d->exec(removed))
                return d->failure(removed, QStringLiteral("cannot mark the upload removed"));
            removed.finish();
        }
    }

    if (!tx.commit())
        return tx.failure(QStringLiteral("cannot commit the deletion"));
    return result;
}

StoreResult<QList<StoredSearchHit>> SqliteChatStore::searchMessages(const QString &userId, const QStringList &words,
                                                                    const std::optional<QString> &chatId, int limit)
{
    if (words.isEmpty())
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("no words to search for")};
    if (limit < 1 || limit > kMaxSearchLimit)
        return StoreFailure{StoreError::InvalidArgument,
                            QStringLiteral("limit must be between 1 and %1").arg(kMaxSearchLimit)};
    QStringList chatIds;
    if (chatId) {
        chatIds.append(*chatId);
    } else {
        QSqlQuery &mine = d->st.userChatIds;
        mine.bindValue(0, sql::text(userId));
        if (!d->exec(mine))
            return d->failure(mine, QStringLiteral("cannot list the user's chats"));
        while (mine.next())
            chatIds.append(mine.value(0).toString());
        mine.finish();
        if (chatIds.isEmpty())
            return QList<StoredSearchHit>();
        if (chatIds.size() > kMaxNamedChats)
            chatIds.clear();
    }
    QSqlQuery &q = d->st.search;
    q.bindValue(0, matchExpression(words, chatIds));
    q.bindValue(1, sql::text(userId));
    q.bindValue(2, limit);
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot search messages"));
    QList<StoredSearchHit> hits;
    while (q.next()) {
        StoredSearchHit hit;
        hit.message = sql::readMessage(q);
        hit.marked = q.value(20).toString();
        hits.append(std::move(hit));
    }
    q.finish();
    return hits;
}

} // namespace craftchat::storage
