// SqliteChatStore: messages, read receipts and the rate-limit count.
#include "server/storage/sqlitestore_p.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "server/storage/ids.h"

#include <algorithm>

namespace craftchat::storage {

namespace {

constexpr int kMaxPageSize = 1000;

} // namespace

// Columns (kMessageColumns): 0 m.id, m.chat_id, m.sender_id, u.full_name, u.role,
// 5 u.profile_picture, m.message_type, m.content, m.created_at, m.is_read,
// 10 m.client_message_id, a.original_name, a.size, a.mime, m.edited_at,
// 15 m.deleted_at, r.id, r.sender_id, r.message_type, r's content (a file's name)
contract::Message sql::readMessage(const QSqlQuery &q)
{
    contract::Message m;
    m.id = q.value(0).toString();
    m.chatId = q.value(1).toString();
    m.sender = contract::UserProfile{q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), std::nullopt,
                                     sql::optionalText(q.value(5))};
    m.messageType = q.value(6).toString();
    m.content = q.value(7).toString();
    m.timestamp = sql::fromMs(q.value(8).toLongLong());
    m.isRead = q.value(9).toInt() != 0;
    m.clientMessageId = sql::optionalText(q.value(10));
    if (!q.value(11).isNull())
        m.attachment = contract::Attachment{q.value(11).toString(), q.value(12).toLongLong(), q.value(13).toString()};
    if (!q.value(14).isNull())
        m.editedAt = sql::fromMs(q.value(14).toLongLong());
    if (!q.value(15).isNull())
        m.deletedAt = sql::fromMs(q.value(15).toLongLong());
    if (!q.value(16).isNull())
        m.replyTo = contract::ReplyPreview{q.value(16).toString(), q.value(17).toString(), q.value(18).toString(),
                                           q.value(19).toString()};
    return m;
}

QString sql::searchableText(const QString &text)
{
    QString out = text;
    out.replace(QChar(0x0002), QLatin1Char(' '));
    out.replace(QChar(0x0003), QLatin1Char(' '));
    return out;
}

StoreResult<contract::UserProfile> SqliteChatStore::Impl::senderProfile(const QString &senderId)
{
    const auto cached = senderProfiles.constFind(senderId);
    if (cached != senderProfiles.cend())
        return *cached;
    st.userById.bindValue(0, sql::text(senderId));
    StoreResult<StoredUser> sender = readUser(st.userById, QStringLiteral("with the sender's id"));
    if (!sender)
        return sender.failure();
    if (senderProfiles.size() >= MaxSenderProfiles)
        senderProfiles.clear();
    return *senderProfiles.insert(senderId, sender->profile.withoutEmail());
}

StoreResult<InsertedMessage> SqliteChatStore::Impl::insertMessageInTransaction(const NewMessage &in, bool *partial)
{
    *partial = false;
    const bool isFile = in.messageType == contract::MessageTypeFile;
    if (in.messageType != contract::MessageTypeText && in.messageType != contract::MessageTypeImage && !isFile)
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("messageType must be text, image or file")};

    // The upload behind a file (or an image of this server): its record fills the attachment.
    QVariant uploadId(QMetaType::fromType<QString>());
    std::optional<contract::Attachment> attachment;
    static const QString uploadPrefix = QStringLiteral("/uploads/");
    if (in.messageType != contract::MessageTypeText && in.content.startsWith(uploadPrefix)) {
        QSqlQuery &upload = st.liveUploadByName;
        upload.bindValue(0, in.content.mid(uploadPrefix.size()));
        if (!exec(upload))
            return failure(upload, QStringLiteral("cannot look up the upload"));
        if (upload.next()) {
            uploadId = upload.value(0).toString();
            attachment = contract::Attachment{upload.value(1).toString(), upload.value(2).toLongLong(),
                                              upload.value(3).toString()};
        }
        upload.finish();
    }
    if (isFile && !attachment)
        return StoreFailure{StoreError::InvalidArgument,
                            QStringLiteral("a file message's content must be the url of an upload of this server")};

    // The answered message: of the same chat.
    QVariant replySeq(QMetaType::fromType<qlonglong>());
    std::optional<contract::ReplyPreview> replyTo;
    if (in.replyToId) {
        QSqlQuery &target = st.replyTarget;
        target.bindValue(0, sql::text(*in.replyToId));
        target.bindValue(1, sql::text(in.chatId));
        if (!exec(target))
            return failure(target, QStringLiteral("cannot look up the answered message"));
        if (!target.next()) {
            target.finish();
            return StoreFailure{StoreError::InvalidArgument,
                                QStringLiteral("replyToId must be the id of a message of the same chat")};
        }
        replySeq = target.value(0).toLongLong();
        replyTo = contract::ReplyPreview{target.value(1).toString(), target.value(2).toString(),
                                         target.value(3).toString(), target.value(4).toString()};
        target.finish();
    }

    // The sender's profile doubles as the existence check of the sender.
    StoreResult<contract::UserProfile> profile = senderProfile(in.senderId);
    if (!profile) {
        if (profile.error() == StoreError::NotFound)
            return StoreFailure{StoreError::NotParticipant, QStringLiteral("the sender does not exist")};
        return profile.failure();
    }

    contract::Message m;
    m.id = newId();
    m.chatId = in.chatId;
    m.sender = std::move(profile).value();
    m.messageType = in.messageType;
    m.content = in.content;
    m.timestamp = in.timestamp ? in.timestamp->toUTC() : contract::nowUtc();
    m.isRead = false;
    m.clientMessageId = in.clientMessageId;
    m.attachment = attachment;
    m.replyTo = replyTo;
    const qint64 at = sql::toMs(m.timestamp);
    const QVariant chatId = sql::text(m.chatId);
    const QVariant senderId = sql::text(in.senderId);

    // Inserts nothing for a non-participant or a clientMessageId already used (see the SQL).
    QSqlQuery &insert = st.insertMessage;
    insert.bindValue(0, m.id);
    insert.bindValue(1, chatId);
    insert.bindValue(2, senderId);
    insert.bindValue(3, m.messageType);
    insert.bindValue(4, sql::text(m.content));
    insert.bindValue(5, sql::nullable(m.clientMessageId));
    insert.bindValue(6, at);
    insert.bindValue(7, uploadId);
    insert.bindValue(8, replySeq);
    insert.bindValue(9, chatId);
    insert.bindValue(10, senderId);
    if (!exec(insert))
        return failure(insert, QStringLiteral("cannot store the message"));
    const bool inserted = insert.numRowsAffected() > 0;
    const qint64 seq = insert.lastInsertId().toLongLong();
    insert.finish();
    if (!inserted) {
        if (in.clientMessageId) {
            QSqlQuery &prior = st.messageByClientId;
            prior.bindValue(QStringLiteral(":chat"), chatId);
            prior.bindValue(QStringLiteral(":sender"), senderId);
            prior.bindValue(QStringLiteral(":cmid"), sql::text(*in.clientMessageId));
            if (!exec(prior))
                return failure(prior, QStringLiteral("cannot look up the clientMessageId"));
            if (prior.next()) {
                InsertedMessage dup{sql::readMessage(prior), true};
                prior.finish();
                return dup;
            }
            prior.finish();
        }
        return StoreFailure{StoreError::NotParticipant,
                            QStringLiteral("the sender is not a participant of an active chat with that id")};
    }

    *partial = true;
    // What search matches: a text, or a file's name.
    if (m.messageType == contract::MessageTypeText || isFile) {
        QSqlQuery &fts = st.ftsInsert;
        fts.bindValue(0, seq);
        fts.bindValue(1, sql::searchableText(isFile ? attachment->name : m.content));
        fts.bindValue(2, chatId);
        if (!exec(fts))
            return failure(fts, QStringLiteral("cannot index the message"));
        fts.finish();
    }

    QSqlQuery &touch = st.touchChat;
    touch.bindValue(0, sql::text(sql::lastMessageText(m)));
    touch.bindValue(1, at);
    touch.bindValue(2, senderId);
    touch.bindValue(3, sql::toMs(contract::nowUtc()));
    touch.bindValue(4, chatId);
    if (!exec(touch))
        return failure(touch, QStringLiteral("cannot update the chat"));
    touch.finish();

    QSqlQuery &bump = st.bumpParticipants;
    bump.bindValue(0, senderId);
    bump.bindValue(1, at);
    bump.bindValue(2, ++activitySeq);
    bump.bindValue(3, chatId);
    if (!exec(bump))
        return failure(bump, QStringLiteral("cannot update the unread counts"));
    bump.finish();

    *partial = false;
    return InsertedMessage{std::move(m), false};
}

QList<StoreResult<InsertedMessage>> SqliteChatStore::insertMessages(const QList<NewMessage> &messages)
{
    QList<StoreResult<InsertedMessage>> results;
    results.reserve(messages.size());
    auto failAll = [&](const StoreFailure &f) {
        results.clear();
        for (qsizetype i = 0; i < messages.size(); ++i)
            results.append(f);
        return results;
    };
    if (messages.isEmpty())
        return results;

    // No savepoint per message: a refused message (not a participant, a repeated
    // clientMessageId, a bad type) writes nothing, so it cannot disturb the others. Only a
    // database error in the middle of a message's statements leaves a half-written message;
    // then the whole batch is rolled back and fails (such an error fails the commit anyway).
    SqliteTransaction tx(d->st);
    if (!tx.begun())
        return failAll(tx.failure(QStringLiteral("cannot begin the batch transaction")));
    for (const NewMessage &m : messages) {
        bool partial = false;
        results.append(d->insertMessageInTransaction(m, &partial));
        if (partial)
            return failAll(results.constLast().failure());
    }
    if (!tx.commit())
        return failAll(tx.failure(QStringLiteral("cannot commit the batch")));
    return results;
}

StoreResult<QList<contract::Message>>
SqliteChatStore::messagesPage(const QString &chatId, const std::optional<QString> &beforeMessageId, int limit)
{
    if (limit < 1 || limit > kMaxPageSize)
        return StoreFailure{StoreError::InvalidArgument,
                            QStringLiteral("limit must be between 1 and %1").arg(kMaxPageSize)};

    QSqlQuery *page = &d->st.pageLatest;
    if (beforeMessageId) {
        QSqlQuery &anchor = d->st.anchor;
        anchor.bindValue(QStringLiteral(":id"), sql::text(*beforeMessageId));
        anchor.bindValue(QStringLiteral(":chat"), sql::text(chatId));
        if (!d->exec(anchor))
            return d->failure(anchor, QStringLiteral("cannot find the page anchor"));
        if (!anchor.next()) {
            anchor.finish();
            return StoreFailure{StoreError::InvalidArgument, QStringLiteral("before is not a message of this chat")};
        }
        page = &d->st.pageBefore;
        page->bindValue(QStringLiteral(":seq"), anchor.value(0).toLongLong());
        anchor.finish();
    }
    page->bindValue(QStringLiteral(":chat"), sql::text(chatId));
    page->bindValue(QStringLiteral(":limit"), limit);
    if (!d->exec(*page))
        return d->failure(*page, QStringLiteral("cannot read messages"));
    QList<contract::Message> messages;
    while (page->next())
        messages.append(sql::readMessage(*page));
    page->finish();
    std::reverse(messages.begin(), messages.end());
    return messages;
}

StoreResult<QList<contract::Message>> SqliteChatStore::messagesAfter(const QString &chatId,
                                                                     const QString &afterMessageId, int limit)
{
    if (limit < 1 || limit > kMaxPageSize)
        return StoreFailure{StoreError::InvalidArgument,
                            QStringLiteral("limit must be between 1 and %1").arg(kMaxPageSize)};
    QSqlQuery &anchor = d->st.anchor;
    anchor.bindValue(QStringLiteral(":id"), sql::text(afterMessageId));
    anchor.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    if (!d->exec(anchor))
        return d->failure(anchor, QStringLiteral("cannot find the page anchor"));
    if (!anchor.next()) {
        anchor.finish();
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("after is not a message of this chat")};
    }
    const qint64 seq = anchor.value(0).toLongLong();
    anchor.finish();
    QSqlQuery &page = d->st.pageAfter;
    page.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    page.bindValue(QStringLiteral(":seq"), seq);
    page.bindValue(QStringLiteral(":limit"), limit);
    if (!d->exec(page))
        return d->failure(page, QStringLiteral("cannot read messages"));
    QList<contract::Message> messages;
    while (page.next())
        messages.append(sql::readMessage(page));
    page.finish();
    return messages;
}

StoreResult<contract::MessageRead> SqliteChatStore::markRead(const QString &chatId, const QString &readerId)
{
    SqliteTransaction tx(d->st);
    if (!tx.begun())
        return tx.failure(QStringLiteral("cannot begin the read transaction"));

    // The reader's participant row: its read mark, and at the same time the proof that the
    // reader takes part in the chat (no row: not a participant, or no such chat).
    QSqlQuery &markQuery = d->st.readMark;
    markQuery.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    markQuery.bindValue(QStringLiteral(":reader"), sql::text(readerId));
    if (!d->exec(markQuery))
        return d->failure(markQuery, QStringLiteral("cannot read the read mark"));
    if (!markQuery.next()) {
        markQuery.finish();
        return StoreFailure{StoreError::NotParticipant, QStringLiteral("the reader is not a participant of that chat")};
    }
    const qint64 readMark = markQuery.value(0).toLongLong();
    markQuery.finish();

    contract::MessageRead receipt{chatId, readerId, contract::nowUtc(), {}};
    QSqlQuery &ids = d->st.unreadIds;
    ids.bindValue(0, sql::text(chatId));
    ids.bindValue(1, readMark);
    ids.bindValue(2, sql::text(readerId));
    if (!d->exec(ids))
        return d->failure(ids, QStringLiteral("cannot list unread messages"));
    while (ids.next())
        receipt.messageIds.append(ids.value(0).toString());
    ids.finish();

    if (!receipt.messageIds.isEmpty()) {
        QSqlQuery &mark = d->st.markRead;
        mark.bindValue(0, sql::toMs(receipt.readAt));
        mark.bindValue(1, sql::text(chatId));
        mark.bindValue(2, readMark);
        mark.bindValue(3, sql::text(readerId));
        if (!d->exec(mark))
            return d->failure(mark, QStringLiteral("cannot mark messages read"));
        mark.finish();
    }
    QSqlQuery &reset = d->st.resetUnread;
    reset.bindValue(0, sql::text(chatId));
    reset.bindValue(1, sql::text(chatId));
    reset.bindValue(2, sql::text(readerId));
    if (!d->exec(reset))
        return d->failure(reset, QStringLiteral("cannot reset the unread count"));
    reset.finish();

    if (!tx.commit())
        return tx.failure(QStringLiteral("cannot commit the read receipt"));
    return receipt;
}

} // namespace craftchat::storage
