// SqliteChatStore: chats and participants.
#include "server/storage/sqlitestore_p.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "server/storage/ids.h"

#include <QHash>

namespace craftchat::storage {

// Builds chats from two result sets: chat rows (id, job_id, job title, last_message,
// last_message_at, last_message_sender_id, is_active) and participant rows (chat_id, user id,
// full_name, role, profile_picture, unread_count). Two queries for any number of chats.
StoreResult<QList<contract::ChatDetails>> SqliteChatStore::Impl::readChats(QSqlQuery &chatRows,
                                                                           QSqlQuery &participantRows)
{
    if (!exec(chatRows))
        return failure(chatRows, QStringLiteral("cannot read chats"));
    QList<contract::ChatDetails> chats;
    QHash<QString, qsizetype> index;
    while (chatRows.next()) {
        contract::ChatDetails c;
        c.id = chatRows.value(0).toString();
        if (!chatRows.value(1).isNull())
            c.job = contract::JobRef{chatRows.value(1).toString(), chatRows.value(2).toString()};
        if (!chatRows.value(4).isNull()) {
            c.lastMessage = chatRows.value(3).toString();
            c.lastMessageAt = sql::fromMs(chatRows.value(4).toLongLong());
            c.lastMessageSenderId = sql::optionalText(chatRows.value(5));
        }
        c.isActive = chatRows.value(6).toInt() != 0;
        index.insert(c.id, chats.size());
        chats.append(std::move(c));
    }
    chatRows.finish();
    if (chats.isEmpty())
        return chats;

    if (!exec(participantRows))
        return failure(participantRows, QStringLiteral("cannot read chat participants"));
    while (participantRows.next()) {
        const auto at = index.constFind(participantRows.value(0).toString());
        if (at == index.cend())
            continue;
        contract::ChatDetails &c = chats[*at];
        const QString userId = participantRows.value(1).toString();
        c.participants.append(contract::UserProfile{userId, participantRows.value(2).toString(),
                                                    participantRows.value(3).toString(), std::nullopt,
                                                    sql::optionalText(participantRows.value(4))});
        c.unreadCount.insert(userId, participantRows.value(5).toInt());
    }
    participantRows.finish();
    return chats;
}

StoreResult<contract::ChatDetails> SqliteChatStore::Impl::loadChat(const QString &chatId)
{
    st.chatRowById.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    st.participantsOfChat.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    StoreResult<QList<contract::ChatDetails>> chats = readChats(st.chatRowById, st.participantsOfChat);
    if (!chats)
        return chats.failure();
    if (chats->isEmpty())
        return StoreFailure{StoreError::NotFound, QStringLiteral("no chat with that id")};
    return chats->first();
}

StoreResult<contract::ChatDetails> SqliteChatStore::chatById(const QString &chatId)
{
    return d->loadChat(chatId);
}

StoreResult<contract::ChatDetails> SqliteChatStore::findActiveChat(const QString &clientId, const QString &craftsmanId,
                                                                   const std::optional<QString> &jobId)
{
    QSqlQuery &q = d->st.activeChat;
    q.bindValue(QStringLiteral(":client"), sql::text(clientId));
    q.bindValue(QStringLiteral(":craftsman"), sql::text(craftsmanId));
    q.bindValue(QStringLiteral(":job"), sql::nullable(jobId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot look for an active chat"));
    if (!q.next()) {
        q.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no active chat of these users and job")};
    }
    const QString id = q.value(0).toString();
    q.finish();
    return d->loadChat(id);
}

StoreResult<CreatedChat> SqliteChatStore::createChat(const NewChat &request)
{
    if (request.clientId == request.craftsmanId)
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("a chat needs two different users")};

    SqliteTransaction tx(d->st);
    if (!tx.begun())
        return tx.failure(QStringLiteral("cannot begin the chat transaction"));

    StoreResult<contract::ChatDetails> existing = findActiveChat(request.clientId, request.craftsmanId, request.jobId);
    if (existing) {
        if (!tx.commit())
            return tx.failure(QStringLiteral("cannot end the chat transaction"));
        return CreatedChat{std::move(existing).value(), std::nullopt, false};
    }
    if (existing.error() != StoreError::NotFound)
        return existing.failure();

    const QString chatId = newId();
    const QDateTime now = contract::nowUtc();
    QSqlQuery &insert = d->st.insertChat;
    insert.bindValue(QStringLiteral(":id"), chatId);
    insert.bindValue(QStringLiteral(":client"), sql::text(request.clientId));
    insert.bindValue(QStringLiteral(":craftsman"), sql::text(request.craftsmanId));
    insert.bindValue(QStringLiteral(":job"), sql::nullable(request.jobId));
    insert.bindValue(QStringLiteral(":at"), sql::toMs(now));
    if (!d->exec(insert))
        return d->failure(insert, QStringLiteral("cannot create the chat"));
    insert.finish();

    const qint64 seq = ++d->activitySeq;
    const QString members[] = {request.clientId, request.craftsmanId};
    for (int position = 0; position < 2; ++position) {
        QSqlQuery &p = d->st.insertParticipant;
        p.bindValue(QStringLiteral(":chat"), chatId);
        p.bindValue(QStringLiteral(":user"), sql::text(members[position]));
        p.bindValue(QStringLiteral(":position"), position);
        p.bindValue(QStringLiteral(":at"), sql::toMs(now));
        p.bindValue(QStringLiteral(":seq"), seq);
        if (!d->exec(p))
            return d->failure(p, QStringLiteral("cannot add a chat participant"));
        p.finish();
    }

    std::optional<contract::Message> initial;
    if (request.initialMessage) {
        NewMessage m{chatId,       request.clientId, contract::MessageTypeText, *request.initialMessage,
                     std::nullopt, std::nullopt};
        bool partial = false; // the transaction rolls back on any failure here
        StoreResult<InsertedMessage> stored = d->insertMessageInTransaction(m, &partial);
        if (!stored)
            return stored.failure();
        initial = std::move(stored->message);
    }

    StoreResult<contract::ChatDetails> details = d->loadChat(chatId);
    if (!details)
        return details.failure();
    if (!tx.commit())
        return tx.failure(QStringLiteral("cannot commit the new chat"));
    return CreatedChat{std::move(details).value(), std::move(initial), true};
}

StoreResult<QList<contract::ChatDetails>> SqliteChatStore::chatsForUser(const QString &userId)
{
    d->st.chatRowsForUser.bindValue(QStringLiteral(":user"), sql::text(userId));
    d->st.participantsForUser.bindValue(QStringLiteral(":user"), sql::text(userId));
    return d->readChats(d->st.chatRowsForUser, d->st.participantsForUser);
}

StoreResult<Participation> SqliteChatStore::participation(const QString &chatId, const QString &userId)
{
    QSqlQuery &q = d->st.participation;
    q.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    q.bindValue(QStringLiteral(":user"), sql::text(userId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot check the participation"));
    Participation result = Participation::None;
    if (q.next())
        result = q.value(0).toInt() != 0 ? Participation::Active : Participation::Inactive;
    q.finish();
    return result;
}

StoreResult<bool> SqliteChatStore::isParticipant(const QString &chatId, const QString &userId)
{
    StoreResult<Participation> p = participation(chatId, userId);
    if (!p)
        return p.failure();
    return *p == Participation::Active;
}

StoreResult<QStringList> SqliteChatStore::chatIdsForUser(const QString &userId)
{
    QSqlQuery &q = d->st.activeChatIds;
    q.bindValue(QStringLiteral(":user"), sql::text(userId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot list the user's chats"));
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    return ids;
}

StoreResult<QStringList> SqliteChatStore::participantIds(const QString &chatId)
{
    QSqlQuery &q = d->st.participantIds;
    q.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot list the chat's participants"));
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    if (ids.isEmpty())
        return StoreFailure{StoreError::NotFound, QStringLiteral("no chat with that id")};
    return ids;
}

StoreResult<void> SqliteChatStore::setChatActive(const QString &chatId, bool active)
{
    QSqlQuery &q = d->st.setActive;
    q.bindValue(QStringLiteral(":active"), active ? 1 : 0);
    q.bindValue(QStringLiteral(":at"), sql::toMs(contract::nowUtc()));
    q.bindValue(QStringLiteral(":chat"), sql::text(chatId));
    if (!d->exec(q)) {
        StoreFailure f = d->failure(q, QStringLiteral("cannot change the chat"));
        if (f.code == StoreError::Conflict)
            f.message = QStringLiteral("another active chat of these users and job exists");
        return f;
    }
    const bool changed = q.numRowsAffected() > 0;
    q.finish();
    if (!changed)
        return StoreFailure{StoreError::NotFound, QStringLiteral("no chat with that id")};
    return {};
}

} // namespace craftchat::storage
