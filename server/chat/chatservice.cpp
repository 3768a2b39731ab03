#include "server/chat/chatservice.h"

#include "common/chat/contract.h"
#include "common/chat/validation.h"
#include "server/logging/logcategories.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"
#include "server/storage/chatstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

namespace craftchat::chat {

using logging::lcMessage;
using logging::lcSocket;

namespace {

// A chatId argument: a non-empty string.
std::optional<QString> chatIdArgument(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return std::nullopt;
    return value.toString();
}

ChatError badChatId()
{
    return ChatError::invalid(QStringLiteral("chatId must be a non-empty string"));
}

qint64 wallClockMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

MessageSent sentFor(const Message &m)
{
    return MessageSent{true, m.id, m.timestamp, m.chatId, m.clientMessageId};
}

} // namespace

ChatService::ChatService(storage::ChatStore &store, sio::Namespace *nsp, const ChatLimits &limits,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_nsp(nsp)
    , m_limits(limits)
    , m_rateLimiter(limits.messagesPerWindow, limits.rateWindowMs)
    , m_recentSends(RecentSends::PerUser, limits.rateWindowMs)
    , m_retryLookups(limits.messagesPerWindow, limits.rateWindowMs)
{
    m_clock.start();
}

int ChatService::attachSocket(sio::Socket *socket, const QString &userId, const QString &role, quint64 tokenTag)
{
    m_connections.add(socket->id(), userId, role, wallClockMs(), tokenTag);
    socket->join(contract::userRoom(userId));
    const auto chatIds = m_store.chatIdsForUser(userId);
    if (!chatIds) {
        qCWarning(lcSocket).noquote() << "auto-join: loading the chats of user" << userId << "failed:"
                                      << storage::storeErrorName(chatIds.error());
        return 0;
    }
    QStringList rooms;
    rooms.reserve(chatIds->size());
    for (const QString &chatId : *chatIds)
        rooms.append(contract::chatRoom(chatId));
    if (!rooms.isEmpty())
        socket->join(rooms);
    return int(rooms.size());
}

void ChatService::detachSocket(const QString &socketId)
{
    m_connections.remove(socketId);
}

int ChatService::disconnectUser(const QString &userId, const QString &why)
{
    const QSet<QString> socketIds = m_connections.socketsOf(userId);
    for (const QString &socketId : socketIds) {
        if (sio::Socket *socket = m_nsp->socket(socketId))
            socket->disconnect(true);
    }
    if (!socketIds.isEmpty())
        qCInfo(lcSocket).noquote() << "disconnected" << socketIds.size() << "sockets of user" << userId
                                   << "because" << why;
    return int(socketIds.size());
}

int ChatService::disconnectToken(const QString &userId, quint64 tokenTag)
{
    int count = 0;
    for (const QString &socketId : m_connections.socketsOf(userId)) {
        const ConnectionRegistry::Entry *entry = m_connections.entry(socketId);
        sio::Socket *socket = m_nsp->socket(socketId);
        if (entry && socket && entry->tokenTag == tokenTag) {
            socket->disconnect(true);
            ++count;
        }
    }
    if (count > 0)
        qCInfo(lcSocket).noquote() << "disconnected" << count << "sockets of user" << userId
                                   << "because their token was logged out";
    return count;
}

void ChatService::userDeleted(const QString &userId)
{
    disconnectUser(userId, QStringLiteral("the account was deleted"));
    m_chats.clear();
}

const ChatDetails *ChatService::loadChat(const QString &chatId)
{
    if (const ChatDetails *cached = m_chats.find(chatId))
        return cached;
    const auto loaded = m_store.chatById(chatId);
    if (!loaded) {
        if (loaded.error() != storage::StoreError::NotFound)
            qCWarning(lcMessage).noquote() << "loading chat" << chatId << "failed:"
                                           << storage::storeErrorName(loaded.error()) << loaded.errorMessage();
        return nullptr;
    }
    return m_chats.put(*loaded);
}

std::optional<ChatError> ChatService::checkAccess(const QString &userId, const QString &chatId,
                                                  bool requireActive)
{
    const ChatDetails *chat = loadChat(chatId);
    if (!chat || !ChatCache::isParticipant(*chat, userId))
        return ChatError::notAuthorized();
    if (requireActive && !chat->isActive)
        return ChatError::notAuthorized();
    return std::nullopt;
}

QStringList ChatService::participantIds(const ChatDetails &chat)
{
    QStringList ids;
    ids.reserve(chat.participants.size());
    for (const UserProfile &p : chat.participants)
        ids.append(p.id);
    return ids;
}

void ChatService::emitChatUpdated(const ChatDetails &chat, const QStringList &userIds)
{
    QStringList rooms;
    rooms.reserve(userIds.size());
    for (const QString &id : userIds)
        rooms.append(contract::userRoom(id));
    // One broadcast over all the user rooms: encoded once, each socket reached once.
    m_nsp->to(rooms).emitEncoded(contract::ChatUpdated, chat.toJsonText());
}

ChatResult<SendMessageRequest> ChatService::validateSend(const QJsonValue &payload) const
{
    using Result = ChatResult<SendMessageRequest>;
    if (!payload.isObject())
        return Result(ChatError::invalid(QStringLiteral("Message payload must be an object")));
    const QJsonObject o = payload.toObject();
    // JSON types first, then the content rules of send-message.
    const QJsonValue chatId = o.value(QStringLiteral("chatId"));
    const QJsonValue type = o.value(QStringLiteral("messageType"));
    const QJsonValue content = o.value(QStringLiteral("content"));
    const QJsonValue clientId = o.value(QStringLiteral("clientMessageId"));
    const QJsonValue replyToId = o.value(QStringLiteral("replyToId"));
    if (!chatId.isString() || chatId.toString().isEmpty())
        return Result(badChatId());
    if (!type.isString())
        return Result(ChatError::invalid(QStringLiteral("messageType must be 'text', 'image' or 'file'")));
    if (!replyToId.isUndefined() && !replyToId.isNull() && !replyToId.isString())
        return Result(ChatError::invalid(QStringLiteral("replyToId must be a non-empty string")));
    if (!content.isString())
        return Result(ChatError::invalid(QStringLiteral("content must be a string that is not empty or blank")));
    if (!clientId.isUndefined() && !clientId.isNull() && !clientId.isString())
        return Result(ChatError::invalid(
            QStringLiteral("clientMessageId must be a non-empty string of at most %1 characters")
                .arg(contract::MaxClientMessageIdLength)));
    SendMessageRequest request;
    request.chatId = chatId.toString();
    request.messageType = type.toString();
    request.content = content.toString();
    if (clientId.isString())
        request.clientMessageId = clientId.toString();
    if (replyToId.isString())
        request.replyToId = replyToId.toString();
    const QString reason = validateSendMessage(request);
    if (!reason.isEmpty())
        return Result(ChatError::invalid(reason));
    return Result(std::move(request));
}

void ChatService::sendMessage(const QString &userId, const QJsonValue &payload, SendCallback done)
{
    using Result = ChatResult<MessageSent>;
    auto validated = validateSend(payload);
    if (!validated.ok())
        return done(Result(validated.failure()));
    SendMessageRequest &request = *validated;
    qCDebug(lcMessage).noquote() << "send-message from" << userId << "to chat" << request.chatId;

    if (auto denied = checkAccess(userId, request.chatId, true))
        return done(Result(*denied));

    const qint64 now = monotonicMs();
    if (now - m_lastPruneMs > m_limits.rateWindowMs) {
        m_rateLimiter.prune(now);
        m_retryLookups.prune(now);
        m_recentSends.prune(now);
        m_lastPruneMs = now;
    }
    // Idempotent retries take no rate-limit slot: the store answers them with the first
    // message and stores nothing (the slot taken here is given back after the commit). At the
    // limit, a retry is answered from memory (the user's latest messages near the limit are
    // kept) or, when still queued, by the store.
    QString pendingKey;
    if (request.clientMessageId)
        pendingKey = userId + QChar(0) + request.chatId + QChar(0) + *request.clientMessageId;
    const bool retryOfPending = !pendingKey.isEmpty() && m_pendingKeys.contains(pendingKey);
    qint64 stamp = -1;
    if (!retryOfPending) {
        if (!m_rateLimiter.allows(userId, now)) {
            if (request.clientMessageId) {
                if (auto prior = findRetryAtLimit(userId, request.chatId, *request.clientMessageId, now)) {
                    qCDebug(lcMessage).noquote() << "send: idempotent retry at the limit ->" << prior->messageId;
                    return done(Result(*prior));
                }
            }
            return done(Result(ChatError::rateLimited()));
        }
        // The slot is taken now so that a burst inside one group cannot pass the limit; it
        // is given back when the message turns out to be a retry or cannot be stored.
        m_rateLimiter.record(userId, now);
        stamp = now;
        if (!pendingKey.isEmpty())
            m_pendingKeys.insert(pendingKey);
    }
    m_pending.push_back(PendingSend{userId, std::move(request), stamp, std::move(done)});
    if (int(m_pending.size()) >= MaxBatchSize && !m_waitingForStore) {
        flushWhenWritable();
    } else if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &ChatService::flushWhenWritable, Qt::QueuedConnection);
    }
}

void ChatService::flushWhenWritable()
{
    m_flushScheduled = false;
    if (m_pending.empty() || m_waitingForStore)
        return;
    // The store may ask for a short pause (its WAL starting over); the queue waits, the event
    // loop does not, and the messages go in one group when it resumes.
    QPointer<ChatService> self(this);
    if (!m_store.readyForDeferrableWrite([self] {
            if (!self)
                return;
            self->m_waitingForStore = false;
            self->flushPendingMessages();
        })) {
        m_waitingForStore = true;
        return;
    }
    flushPendingMessages();
}

std::optional<MessageSent> ChatService::findRetryAtLimit(const QString &userId, const QString &chatId,
                                                         const QString &clientMessageId, qint64 nowMs)
{
    if (auto prior = m_recentSends.find(userId, chatId, clientMessageId))
        return prior;
    // Else the chat's latest messages from the store; at most `limit` such look-ups per user
    // and window, so refused senders cannot turn refusals into database work.
    if (!m_retryLookups.allows(userId, nowMs))
        return std::nullopt;
    m_retryLookups.record(userId, nowMs);
    const auto page = m_store.messagesPage(chatId, std::nullopt, RetryLookupDepth);
    if (!page)
        return std::nullopt;
    for (auto it = page->crbegin(); it != page->crend(); ++it) {
        if (it->sender.id == userId && it->clientMessageId == clientMessageId)
            return sentFor(*it);
    }
    return std::nullopt;
}

void ChatService::flushPendingMessages()
{
    m_flushScheduled = false;
    if (m_pending.empty())
        return;
    std::vector<PendingSend> batch;
    batch.swap(m_pending);
    m_pendingKeys.clear();

    QList<storage::NewMessage> rows;
    rows.reserve(qsizetype(batch.size()));
    for (const PendingSend &p : batch) {
        storage::NewMessage row;
        row.chatId = p.request.chatId;
        row.senderId = p.userId;
        row.messageType = p.request.messageType;
        row.content = p.request.content;
        row.clientMessageId = p.request.clientMessageId;
        row.replyToId = p.request.replyToId;
        rows.append(std::move(row));
    }
    // One transaction for the whole group: each message, its chat's last message and unread
    // counts. Nothing is emitted before the commit.
    const QList<storage::StoreResult<storage::InsertedMessage>> results = m_store.insertMessages(rows);
    qCDebug(lcMessage) << "group commit of" << rows.size() << "messages";

    // chat-updated: the cached chat with each message applied in order (exact per message);
    // a chat missing from the cache is loaded once after the commit (then it already holds the
    // whole group) and sent as loaded.
    QSet<QString> loadedAfterCommit;
    const qint64 wallNow = wallClockMs();
    for (std::size_t i = 0; i < batch.size(); ++i) {
        PendingSend &p = batch[i];
        using Result = ChatResult<MessageSent>;
        if (qsizetype(i) >= results.size() || !results.at(qsizetype(i))) {
            if (p.stampMs >= 0)
                m_rateLimiter.unrecord(p.userId, p.stampMs);
            const storage::StoreError error = qsizetype(i) < results.size() ? results.at(qsizetype(i)).error()
                                                                            : storage::StoreError::Database;
            if (error == storage::StoreError::InvalidArgument || error == storage::StoreError::NotParticipant)
                qCInfo(lcMessage).noquote() << "send: message to chat" << p.request.chatId << "refused:"
                                            << results.at(qsizetype(i)).errorMessage();
            else
                qCWarning(lcMessage).noquote() << "send: storing a message in chat" << p.request.chatId
                                               << "failed:" << storage::storeErrorName(error);
            if (error == storage::StoreError::NotParticipant)
                p.done(Result(ChatError::notAuthorized()));
            else if (error == storage::StoreError::InvalidArgument) // no such upload or reply target
                p.done(Result(ChatError::invalid(results.at(qsizetype(i)).errorMessage())));
            else
                p.done(Result(ChatError::storeFailed(QStringLiteral("Failed to send message"))));
            continue;
        }
        const storage::InsertedMessage &inserted = *results.at(qsizetype(i));
        const Message &message = inserted.message;
        // A repeated clientMessageId: the first message's id and timestamp, no quota, no broadcast.
        if (inserted.duplicate) {
            if (p.stampMs >= 0)
                m_rateLimiter.unrecord(p.userId, p.stampMs);
            qCDebug(lcMessage).noquote() << "send: idempotent retry ->" << message.id;
            p.done(Result(sentFor(message)));
            continue;
        }
        m_metrics.countMessage(wallNow);
        // Kept only for users close to the limit, where a retry could not reach the store.
        if (message.clientMessageId
            && m_rateLimiter.count(p.userId, monotonicMs()) + RecentSends::PerUser > m_limits.messagesPerWindow)
            m_recentSends.remember(p.userId, sentFor(message), monotonicMs());
        qCDebug(lcMessage).noquote() << "message saved" << message.id << "chat" << message.chatId
                                     << "sender" << p.userId << message.messageType;

        const QString room = contract::chatRoom(message.chatId);
        const int reached = m_nsp->to(room).emitEncoded(contract::NewMessage, message.toJsonText());
        qCDebug(lcMessage).noquote() << "new-message emitted to" << room << "room size:" << reached;

        const ChatDetails *chat = nullptr;
        if (loadedAfterCommit.contains(message.chatId)) {
            chat = m_chats.find(message.chatId);
        } else {
            chat = m_chats.applyMessage(message);
            if (!chat) {
                chat = loadChat(message.chatId);
                loadedAfterCommit.insert(message.chatId);
            }
        }
        if (chat)
            emitChatUpdated(*chat, participantIds(*chat));
        p.done(Result(sentFor(message)));
    }
}

namespace {

// {messageId} (and {content} for an edit) of edit-message / delete-message.
std::optional<QString> messageIdArgument(const QJsonValue &payload)
{
    if (!payload.isObject())
        return std::nullopt;
    const QJsonValue id = payload.toObject().value(QStringLiteral("messageId"));
    if (!id.isString() || id.toString().isEmpty())
        return std::nullopt;
    return id.toString();
}

} // namespace

void ChatService::reloadChat(const QString &chatId)
{
    const auto reloaded = m_store.chatById(chatId);
    if (!reloaded) {
        m_chats.remove(chatId);
        return;
    }
    emitChatUpdated(*m_chats.put(*reloaded), participantIds(*reloaded));
}

ChatResult<MessageChangeAck> ChatService::editMessage(const QString &userId, const QJsonValue &payload)
{
    using Result = ChatResult<MessageChangeAck>;
    const auto messageId = messageIdArgument(payload);
    if (!messageId)
        return Result(ChatError::invalid(QStringLiteral("messageId must be a non-empty string")));
    const QJsonValue content = payload.toObject().value(QStringLiteral("content"));
    // Who may edit comes first: a stranger learns nothing about the message.
    const auto meta = m_store.messageMeta(*messageId);
    if (!meta) {
        if (meta.error() == storage::StoreError::NotFound)
            return Result(ChatError::notAuthorized());
        qCWarning(lcMessage).noquote() << "edit: reading message" << *messageId << "failed:" << meta.errorMessage();
        return Result(ChatError::storeFailed(QStringLiteral("Failed to edit message")));
    }
    if (meta->senderId != userId || checkAccess(userId, meta->chatId, false))
        return Result(ChatError::notAuthorized());
    if (meta->deletedAt)
        return Result(ChatError::invalid(QStringLiteral("The message is deleted")));
    if (meta->messageType != contract::MessageTypeText)
        return Result(ChatError::invalid(QStringLiteral("Only text messages can be edited")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (meta->timestamp.secsTo(now) > m_limits.editWindowSeconds)
        return Result(ChatError::invalid(
            QStringLiteral("The message can no longer be edited (at most %1 seconds after it was sent)")
                .arg(m_limits.editWindowSeconds)));
    if (!content.isString())
        return Result(ChatError::invalid(QStringLiteral("content must be a string that is not empty or blank")));
    if (const QString reason = validateText(content.toString()); !reason.isEmpty())
        return Result(ChatError::invalid(reason));

    // Millisecond precision, as every timestamp of the contract.
    const QDateTime editedAt = QDateTime::fromMSecsSinceEpoch(now.toMSecsSinceEpoch(), Qt::UTC);
    const auto edited = m_store.editMessage(*messageId, content.toString(), editedAt);
    if (!edited) {
        qCWarning(lcMessage).noquote() << "edit of message" << *messageId << "failed:" << edited.errorMessage();
        if (edited.error() == storage::StoreError::NotFound || edited.error() == storage::StoreError::InvalidArgument)
            return Result(ChatError::invalid(edited.errorMessage()));
        return Result(ChatError::storeFailed(QStringLiteral("Failed to edit message")));
    }
    const MessageUpdated event{edited->chatId, edited->messageId, edited->content, edited->editedAt};
    m_nsp->to(contract::chatRoom(edited->chatId)).emitEvent(contract::MessageUpdated, QJsonArray{event.toJson()});
    if (edited->wasLastMessage)
        reloadChat(edited->chatId);
    qCDebug(lcMessage).noquote() << "message edited" << edited->messageId << "chat" << edited->chatId;
    return Result(MessageChangeAck{MessageChangeAck::Kind::Edited, edited->messageId, edited->editedAt});
}

ChatResult<MessageChangeAck> ChatService::deleteMessage(const QString &userId, const QJsonValue &payload)
{
    using Result = ChatResult<MessageChangeAck>;
    const auto messageId = messageIdArgument(payload);
    if (!messageId)
        return Result(ChatError::invalid(QStringLiteral("messageId must be a non-empty string")));
    const auto meta = m_store.messageMeta(*messageId);
    if (!meta) {
        if (meta.error() == storage::StoreError::NotFound)
            return Result(ChatError::notAuthorized());
        qCWarning(lcMessage).noquote() << "delete: reading message" << *messageId << "failed:" << meta.errorMessage();
        return Result(ChatError::storeFailed(QStringLiteral("Failed to delete message")));
    }
    if (meta->senderId != userId || checkAccess(userId, meta->chatId, false))
        return Result(ChatError::notAuthorized());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime deletedAt = QDateTime::fromMSecsSinceEpoch(now.toMSecsSinceEpoch(), Qt::UTC);
    const auto deleted = m_store.deleteMessage(*messageId, deletedAt);
    if (!deleted) {
        qCWarning(lcMessage).noquote() << "delete of message" << *messageId << "failed:" << deleted.errorMessage();
        return Result(ChatError::storeFailed(QStringLiteral("Failed to delete message")));
    }
    const MessageChangeAck ack{MessageChangeAck::Kind::Deleted, deleted->messageId, deleted->deletedAt};
    if (deleted->alreadyDeleted)
        return Result(ack);
    // Committed: the file may go now.
    if (deleted->removableUploadFile && m_uploadRemover)
        m_uploadRemover(*deleted->removableUploadFile);
    const MessageDeleted event{deleted->chatId, deleted->messageId, deleted->deletedAt};
    m_nsp->to(contract::chatRoom(deleted->chatId)).emitEvent(contract::MessageDeleted, QJsonArray{event.toJson()});
    if (deleted->unreadDropped || deleted->lastMessageChanged)
        reloadChat(deleted->chatId);
    qCDebug(lcMessage).noquote() << "message deleted" << deleted->messageId << "chat" << deleted->chatId;
    return Result(ack);
}

ChatResult<ChatJoined> ChatService::joinChat(sio::Socket &socket, const QString &userId,
                                             const QJsonValue &chatIdValue)
{
    using Result = ChatResult<ChatJoined>;
    const auto chatId = chatIdArgument(chatIdValue);
    if (!chatId)
        return Result(badChatId());
    if (auto denied = checkAccess(userId, *chatId, false))
        return Result(*denied);
    const QString room = contract::chatRoom(*chatId);
    socket.join(room);
    return Result(ChatJoined{*chatId, true, m_nsp->rooms().memberCount(room)});
}

std::optional<ChatError> ChatService::typing(sio::Socket &socket, const QString &userId,
                                             const QJsonValue &chatIdValue, bool isTyping)
{
    const auto chatId = chatIdArgument(chatIdValue);
    if (!chatId)
        return badChatId();
    const QString room = contract::chatRoom(*chatId);
    // Fast path: a socket in the room is a participant (it got there by auto-join, join-chat
    // or chat creation, all checked). Otherwise ask the store.
    const QSet<sio::Socket *> *members = m_nsp->rooms().members(room);
    if (!members || !members->contains(&socket)) {
        if (auto denied = checkAccess(userId, *chatId, false))
            return denied;
    }
    socket.to(room).emitEvent(contract::UserTyping,
                              QJsonArray{UserTyping{*chatId, userId, isTyping}.toJson()});
    return std::nullopt;
}

std::optional<ChatError> ChatService::markRead(const QString &userId, const QJsonValue &chatIdValue)
{
    const auto chatId = chatIdArgument(chatIdValue);
    if (!chatId)
        return badChatId();
    if (auto denied = checkAccess(userId, *chatId, false))
        return denied;
    const auto read = m_store.markRead(*chatId, userId);
    if (!read) {
        qCWarning(lcMessage).noquote() << "mark-read in chat" << *chatId << "failed:"
                                       << storage::storeErrorName(read.error());
        if (read.error() == storage::StoreError::NotParticipant || read.error() == storage::StoreError::NotFound)
            return ChatError::notAuthorized();
        return ChatError::storeFailed(QStringLiteral("Failed to mark messages read"));
    }
    // Reloaded: the store is the authority for the unread counts after a read.
    const auto reloaded = m_store.chatById(*chatId);
    if (!reloaded)
        return ChatError::storeFailed(QStringLiteral("Failed to mark messages read"));
    const ChatDetails *chat = m_chats.put(*reloaded);
    QStringList others;
    for (const UserProfile &p : chat->participants) {
        if (p.id != userId)
            others.append(contract::userRoom(p.id));
    }
    if (!others.isEmpty())
        m_nsp->to(others).emitEvent(contract::MessageRead, QJsonArray{read->toJson()});
    emitChatUpdated(*chat, QStringList{userId});
    qCDebug(lcMessage).noquote() << "messages read in chat" << *chatId << "by" << userId
                                 << "count:" << read->messageIds.size();
    return std::nullopt;
}

ChatResult<CreateChatOutcome> ChatService::createChat(const CreateChatRequest &request)
{
    using Result = ChatResult<CreateChatOutcome>;
    const bool hasInitial = request.initialMessage && !request.initialMessage->isEmpty();
    if (hasInitial) {
        const QString reason = validateText(*request.initialMessage);
        if (!reason.isEmpty())
            return Result(ChatError::invalid(QStringLiteral("initialMessage: ") + reason));
    }
    const auto craftsman = m_store.userById(request.craftsmanId);
    if (!craftsman || craftsman->profile.role != contract::RoleCraftsman)
        return Result(ChatError{ChatError::Kind::NotFound, QStringLiteral("Craftsman not found")});
    if (request.jobId) {
        const auto job = m_store.jobById(*request.jobId);
        if (!job)
            return Result(ChatError{ChatError::Kind::NotFound, QStringLiteral("Job not found")});
        if (job->clientId != request.clientId)
            return Result(ChatError{ChatError::Kind::Forbidden, QStringLiteral("Job belongs to another client")});
    }
    // A retried POST answers the existing chat and ignores initialMessage (no quota either).
    const auto existing = m_store.findActiveChat(request.clientId, request.craftsmanId, request.jobId);
    if (existing)
        return Result(CreateChatOutcome{*existing, false});
    if (existing.error() != storage::StoreError::NotFound) {
        qCWarning(lcMessage).noquote() << "looking up an existing chat failed:" << existing.errorMessage();
        return Result(ChatError::storeFailed(QStringLiteral("Failed to create chat")));
    }

    const qint64 now = monotonicMs();
    if (hasInitial && !m_rateLimiter.allows(request.clientId, now))
        return Result(ChatError::rateLimited());

    storage::NewChat row;
    row.clientId = request.clientId;
    row.craftsmanId = request.craftsmanId;
    row.jobId = request.jobId;
    if (hasInitial)
        row.initialMessage = request.initialMessage;
    // One transaction: the chat, its participants and the initial message.
    const auto created = m_store.createChat(row);
    if (!created) {
        qCWarning(lcMessage).noquote() << "creating a chat failed:" << storage::storeErrorName(created.error())
                                       << created.errorMessage();
        return Result(ChatError::storeFailed(QStringLiteral("Failed to create chat")));
    }
    if (!created->created)
        return Result(CreateChatOutcome{created->chat, false});

    const ChatDetails &chat = *m_chats.put(created->chat);
    const QStringList users{request.clientId, request.craftsmanId};
    // 1. online sockets of both users join the room; 2. notification + chat-updated to both;
    // 3. the initial message as any message (new-message to the room, chat-updated again).
    joinOnlineSockets(chat.id, users);
    const QStringList userRooms{contract::userRoom(request.clientId), contract::userRoom(request.craftsmanId)};
    m_nsp->to(userRooms).emitEvent(
        contract::NewChatNotification,
        QJsonArray{NewChatNotification{chat.id, QStringLiteral("New chat conversation started")}.toJson()});
    emitChatUpdated(chat, users);
    if (created->initialMessage) {
        m_rateLimiter.record(request.clientId, now);
        m_metrics.countMessage(wallClockMs());
        m_nsp->to(contract::chatRoom(chat.id))
            .emitEncoded(contract::NewMessage, created->initialMessage->toJsonText());
        emitChatUpdated(chat, users);
    }
    qCInfo(lcMessage).noquote() << "chat created" << chat.id << "client" << request.clientId
                                << "craftsman" << request.craftsmanId;
    return Result(CreateChatOutcome{chat, true});
}

void ChatService::joinOnlineSockets(const QString &chatId, const QStringList &userIds)
{
    const QString room = contract::chatRoom(chatId);
    for (const QString &userId : userIds) {
        const QSet<QString> sockets = m_connections.socketsOf(userId);
        for (const QString &socketId : sockets) {
            if (sio::Socket *socket = m_nsp->socket(socketId))
                socket->join(room);
        }
    }
}

int ChatService::activeChatRooms() const
{
    int count = 0;
    static const QString prefix = QStringLiteral("chat:");
    for (const QString &room : m_nsp->rooms().roomNames()) {
        if (room.startsWith(prefix))
            ++count;
    }
    return count;
}

} // namespace craftchat::chat
