#include "ui/controller/chatcontroller.h"

#include "common/contract/contract.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/models/typingtracker.h"
#include "ui/net/chatsession.h"
#include "ui/util/photoupload.h"
#include "ui/util/textmatch.h"

#include <QFileInfo>
#include <QImageReader>
#include <QMimeDatabase>
#include <QUrl>

#include <utility>

namespace craftchat::ui {

namespace contract = craftchat::contract;

ChatController::ChatController(ChatSession *session, Outbox *outbox, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_chats(new ChatListModel(this))
    , m_messages(new MessageModel(this))
    , m_typing(new TypingTracker(this))
    , m_outbox(outbox)
    , m_highlightTimer(new QTimer(this))
{
    m_highlightTimer->setSingleShot(true);
    m_highlightTimer->setInterval(HighlightMs);
    connect(m_highlightTimer, &QTimer::timeout, m_messages, &MessageModel::clearHighlight);
    m_outbox->setParent(this);
    const QString me = session->me().id;
    m_chats->setCurrentUserId(me);
    m_messages->setCurrentUserId(me);
    m_typing->setCurrentUserId(me);
    session->setOutbox(m_outbox);

    connect(session, &ChatSession::connected, this, [this] {
        refreshChats();
        if (!m_openChatId.isEmpty())
            catchUp();
    });
    connect(session, &ChatSession::messageUpdated, this, [this](const contract::MessageUpdated &u) {
        m_messages->applyEdit(u);
        if (u.messageId == m_editing && u.chatId == m_openChatId)
            cancelEdit();
    });
    connect(session, &ChatSession::messageDeleted, this, [this](const contract::MessageDeleted &d) {
        m_messages->applyDeletion(d);
        if (d.chatId != m_openChatId)
            return;
        if (d.messageId == m_editing)
            cancelEdit();
        if (d.messageId == m_replyTo)
            cancelReply();
    });
    connect(session, &ChatSession::uploadProgress, this, [this](const QString &cmid, qint64 sent, qint64 total) {
        m_messages->setTransfer(cmid, total > 0 ? double(sent) / double(total) : 0.0);
    });
    connect(session, &ChatSession::connectionStateChanged, this, [this](ChatSession::ConnectionState s) {
        if (s != ChatSession::ConnectionState::Connected)
            m_typing->clear();
    });
    connect(session, &ChatSession::newMessage, this, &ChatController::onNewMessage);
    connect(session, &ChatSession::chatUpdated, this, &ChatController::onChatUpdated);
    connect(session, &ChatSession::newChatNotification, this, &ChatController::onNewChat);
    connect(session, &ChatSession::messageRead, this, &ChatController::onMessageRead);
    connect(session, &ChatSession::userTyping, m_typing, &TypingTracker::setTyping);
    connect(m_typing, &TypingTracker::typingChanged, this, &ChatController::onTyping);
    connect(session, &ChatSession::messageConfirmed, this,
            [this](const QString &cmid, const QString &chatId, const QString &id, const QDateTime &at) {
                if (chatId == m_openChatId)
                    m_messages->confirmSent(cmid, id, at);
            });
    connect(session, &ChatSession::serverError, this, [this](const QString &code, const QString &message) {
        if (code != contract::code::RateLimit && code != contract::code::InvalidInput)
            emit problem(describeError(code, message));
    });

    connect(m_outbox, &Outbox::added, this, [this](const Outbox::Entry &e) {
        if (e.chatId == m_openChatId)
            m_messages->addPending(pendingMessage(e));
    });
    connect(m_outbox, &Outbox::uploaded, this, [this](const QString &cmid, const QString &url) {
        const Outbox::Entry *e = m_outbox->find(cmid);
        if (e && e->chatId == m_openChatId)
            m_messages->setPendingContent(cmid, url);
    });
    connect(m_outbox, &Outbox::removed, this, [this](const QString &cmid, const QString &chatId) {
        // Sent ones are replaced by their stored message already; this drops given-up ones.
        if (chatId == m_openChatId)
            m_messages->removeUnsent(cmid);
    });
    connect(m_outbox, &Outbox::stateChanged, this, [this](const QString &cmid, Outbox::State state) {
        const Outbox::Entry *e = m_outbox->find(cmid);
        if (!e || e->chatId != m_openChatId)
            return;
        if (state == Outbox::State::Failed)
            m_messages->setFailed(cmid, e->error, !e->permanent);
        else
            m_messages->setPendingAgain(cmid);
    });
}

void ChatController::refreshChats()
{
    if (!m_session || !m_networkEnabled)
        return;
    m_session->api()->chats(
        [this, guard = QPointer<ChatController>(this)](const ApiResult &r, const QList<contract::ChatDetails> &list) {
            if (!guard)
                return;
            if (!r.ok()) {
                emit problem(r.errorMessage);
                return;
            }
            m_chats->setChats(list);
            markOpenChatReadIfActive();
        });
}

void ChatController::openChat(const QString &chatId)
{
    if (chatId == m_openChatId)
        return;
    typingStopped();
    m_openChatId = chatId;
    m_shownNewestId.clear();
    ++m_generation;
    m_messages->reset(chatId);
    m_loadingHistory = false;
    m_catchingUp = false;
    m_jumpTarget.clear();
    m_pendingJump.clear();
    m_highlightTimer->stop();
    if (!m_replyTo.isEmpty())
        cancelReply();
    if (!m_editing.isEmpty())
        cancelEdit();
    if (const contract::ChatDetails *c = m_chats->chat(chatId)) {
        QHash<QString, QString> names;
        for (const auto &p : c->participants)
            names.insert(p.id, p.fullName);
        m_messages->setParticipantNames(names);
    }
    if (!chatId.isEmpty()) {
        for (const Outbox::Entry &e : m_outbox->entriesForChat(chatId)) {
            m_messages->addPending(pendingMessage(e));
            if (e.state == Outbox::State::Failed)
                m_messages->setFailed(e.clientMessageId, e.error, !e.permanent);
        }
        loadNewestPage();
        markOpenChatReadIfActive();
    }
    emit openChatChanged(chatId);
    emit typingTextChanged(typingText());
}

void ChatController::closeChat()
{
    openChat(QString());
}

void ChatController::loadNewestPage()
{
    if (!m_networkEnabled)
        return;
    requestHistoryPage(QString(), [this](const QList<contract::Message> &page) {
        if (m_messages->rowCount() == 0 || m_messages->oldestStoredId().isEmpty()) {
            m_messages->setHistory(page);
        } else {
            // A catch-up after reconnecting: merge without losing older pages.
            for (const contract::Message &m : page)
                m_messages->addMessage(m);
        }
        if (m_messages->oldestStoredId().isEmpty() || page.size() < PageSize)
            m_messages->setHasMoreHistory(page.size() >= PageSize);
        emit historyLoaded(int(page.size()));
        if (!m_pendingJump.isEmpty())
            jumpTo(std::exchange(m_pendingJump, QString()));
    });
}

void ChatController::catchUp()
{
    if (!m_networkEnabled || m_openChatId.isEmpty())
        return;
    const QString newest = m_messages->newestStoredId();
    if (newest.isEmpty())
        return loadNewestPage();
    if (m_catchingUp)
        return;
    m_catchingUp = true;
    catchUpFrom(newest, 0);
}

void ChatController::catchUpFrom(const QString &after, int addedSoFar)
{
    const quint64 generation = m_generation;
    m_session->api()->messagesAfter(
        m_openChatId, after, CatchUpPageSize,
        [this, guard = QPointer<ChatController>(this), generation, addedSoFar,
         after](const ApiResult &r, const QList<contract::Message> &page) {
            if (!guard || generation != m_generation)
                return;
            if (!r.ok()) {
                // Tried again at the next reconnect; what is shown stays as it is.
                m_catchingUp = false;
                emit problem(r.errorMessage);
                return;
            }
            const int added = addedSoFar + m_messages->mergeNewer(page);
            if (page.size() >= CatchUpPageSize && !page.last().id.isEmpty() && page.last().id != after)
                return catchUpFrom(page.last().id, added);
            // Up to date. The newest page once more brings edits and deletions of the messages
            // on screen (after= only covers newer ones).
            requestHistoryPage(QString(), [this, added](const QList<contract::Message> &newest) {
                m_messages->mergeNewer(newest);
                m_catchingUp = false;
                markOpenChatReadIfActive();
                emit caughtUp(added);
            });
        });
}

void ChatController::loadOlder()
{
    if (m_openChatId.isEmpty() || m_loadingHistory || !m_messages->hasMoreHistory() || !m_networkEnabled)
        return;
    const QString before = m_messages->oldestStoredId();
    if (before.isEmpty())
        return;
    const int limit = m_jumpTarget.isEmpty() ? PageSize : CatchUpPageSize;
    requestHistoryPage(before, [this, limit](const QList<contract::Message> &page) {
        const int added = m_messages->prependHistory(page);
        if (page.size() < limit)
            m_messages->setHasMoreHistory(false);
        emit historyLoaded(added);
        if (!m_jumpTarget.isEmpty())
            continueJump();
    });
}

void ChatController::jumpTo(const QString &messageId)
{
    if (messageId.isEmpty() || m_openChatId.isEmpty())
        return;
    m_jumpTarget = messageId;
    m_jumpPages = 0;
    continueJump();
}

void ChatController::continueJump()
{
    if (m_messages->rowOfId(m_jumpTarget) >= 0)
        return finishJump(true);
    // Older pages until it is there: at most 1,000 pages (100,000 messages) for one jump.
    if (!m_messages->hasMoreHistory() || m_messages->oldestStoredId().isEmpty() || ++m_jumpPages > 1000)
        return finishJump(false);
    if (!m_loadingHistory)
        loadOlder();
}

void ChatController::finishJump(bool found)
{
    const QString target = std::exchange(m_jumpTarget, QString());
    if (!found) {
        emit jumpFailed();
        return;
    }
    m_messages->setHighlighted(target);
    m_highlightTimer->start();
    emit scrollToMessage(target);
}

void ChatController::openChatAt(const QString &chatId, const QString &messageId)
{
    if (chatId == m_openChatId && m_messages->rowCount() > 0 && !m_messages->oldestStoredId().isEmpty()) {
        jumpTo(messageId);
        return;
    }
    openChat(chatId);
    m_pendingJump = messageId;
    if (!m_networkEnabled)
        jumpTo(std::exchange(m_pendingJump, QString()));
}

void ChatController::requestHistoryPage(const QString &before, PageHandler onPage)
{
    m_loadingHistory = true;
    const quint64 generation = m_generation;
    // A jump into the past takes the biggest pages the API gives.
    const int limit = m_jumpTarget.isEmpty() ? PageSize : CatchUpPageSize;
    m_session->api()->messages(m_openChatId, before, limit,
                               [this, guard = QPointer<ChatController>(this), generation,
                                onPage = std::move(onPage)](const ApiResult &r, const QList<contract::Message> &page) {
                                   if (!guard || generation != m_generation)
                                       return;
                                   m_loadingHistory = false;
                                   if (!r.ok()) {
                                       emit problem(r.errorMessage);
                                       return;
                                   }
                                   onPage(page);
                               });
}

void ChatController::sendText(const QString &text)
{
    if (m_openChatId.isEmpty() || text.trimmed().isEmpty() || text.size() > contract::MaxTextLength)
        return;
    if (!m_editing.isEmpty()) {
        const QString id = m_editing;
        const int row = m_messages->rowOfId(id);
        if (row >= 0 && m_messages->messageAt(row).content != text) {
            m_session->editMessage(id, text, [this, guard = QPointer<ChatController>(this)](const QString &error) {
                if (guard && !error.isEmpty())
                    emit problem(error);
            });
        }
        cancelEdit();
        return;
    }
    m_session->sendMessage(m_openChatId, contract::MessageTypeText, text, m_replyTo);
    if (!m_replyTo.isEmpty())
        cancelReply();
}

void ChatController::replyTo(const QString &messageId)
{
    const int row = m_messages->rowOfId(messageId);
    if (row < 0 || m_messages->messageAt(row).isDeleted())
        return;
    if (!m_editing.isEmpty())
        cancelEdit();
    m_replyTo = messageId;
    emit replyChanged(messageId);
}

void ChatController::cancelReply()
{
    m_replyTo.clear();
    emit replyChanged(QString());
}

bool ChatController::canEdit(const QString &messageId) const
{
    const int row = m_messages->rowOfId(messageId);
    if (row < 0)
        return false;
    const contract::Message &m = m_messages->messageAt(row);
    return m.sender.id == m_session->me().id && m.messageType == contract::MessageTypeText && !m.isDeleted()
           && m.timestamp.secsTo(contract::nowUtc()) < contract::DefaultEditWindowSeconds;
}

bool ChatController::canDelete(const QString &messageId) const
{
    const int row = m_messages->rowOfId(messageId);
    if (row < 0)
        return false;
    const contract::Message &m = m_messages->messageAt(row);
    return m.sender.id == m_session->me().id && !m.isDeleted();
}

bool ChatController::startEdit(const QString &messageId)
{
    const QString id = messageId.isEmpty() ? m_messages->lastOwnTextId() : messageId;
    if (!canEdit(id))
        return false;
    if (!m_replyTo.isEmpty())
        cancelReply();
    m_editing = id;
    emit editingChanged(id, m_messages->messageAt(m_messages->rowOfId(id)).content);
    return true;
}

void ChatController::cancelEdit()
{
    if (m_editing.isEmpty())
        return;
    m_editing.clear();
    emit editingChanged(QString(), QString());
}

void ChatController::deleteMessage(const QString &messageId)
{
    if (!canDelete(messageId))
        return;
    m_session->deleteMessage(messageId, [this, guard = QPointer<ChatController>(this)](const QString &error) {
        if (guard && !error.isEmpty())
            emit problem(error);
    });
}

void ChatController::sendFile(const QString &path)
{
    if (m_openChatId.isEmpty())
        return;
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        emit attachmentRefused(tr("%1 cannot be read.").arg(info.fileName()));
        return;
    }
    // A photo is sent as a picture (scaled down when it is large); everything else as it is.
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    const QByteArray format = reader.canRead() ? reader.format().toLower() : QByteArray();
    const bool photo = format == "png" || format == "jpeg" || format == "jpg" || format == "webp" || format == "gif"
                       || format == "bmp" || format == "tiff" || format == "heic" || format == "heif";
    if (photo) {
        sendImageFile(path);
        return;
    }
    if (info.size() > m_session->uploadLimit()) {
        emit attachmentRefused(
            tr("%1 is %2; the server takes files up to %3.")
                .arg(info.fileName(), formatFileSize(info.size()), formatFileSize(m_session->uploadLimit())));
        return;
    }
    if (info.size() == 0) {
        emit attachmentRefused(tr("%1 is empty.").arg(info.fileName()));
        return;
    }
    if (m_outbox->enqueueFile(m_openChatId, path, m_replyTo).isEmpty()) {
        emit attachmentRefused(tr("Cannot keep a copy of %1 for sending.").arg(path));
        return;
    }
    if (!m_replyTo.isEmpty())
        cancelReply();
}

void ChatController::searchMessages(const QString &query, const QString &chatId, int limit, SearchDone done)
{
    if (!m_networkEnabled || query.trimmed().isEmpty()) {
        done({}, QString());
        return;
    }
    m_session->api()->searchMessages(
        query.trimmed(), chatId, limit,
        [this, guard = QPointer<ChatController>(this), query, chatId, done](const ApiResult &r,
                                                                            const QList<contract::SearchHit> &hits) {
            if (!guard)
                return;
            if (r.ok())
                return done(hits, QString());
            if (chatId.isEmpty() || chatId != m_openChatId)
                return done({}, r.errorMessage);
            // What is loaded of the open chat, searched here.
            QList<contract::SearchHit> local;
            for (int row = m_messages->rowCount() - 1; row >= 0; --row) {
                const contract::Message &m = m_messages->messageAt(row);
                if (m.id.isEmpty() || m.isDeleted())
                    continue;
                const QString text
                    = m.messageType == contract::MessageTypeFile && m.attachment ? m.attachment->name : m.content;
                if (m.messageType != contract::MessageTypeImage && textmatch::matchesAll(text, query))
                    local.append({m, text.left(200)});
            }
            done(local, QString());
        });
}

void ChatController::cancelUpload(const QString &clientMessageId)
{
    m_session->cancelUpload(clientMessageId);
}

contract::Message ChatController::pendingMessage(const Outbox::Entry &e) const
{
    contract::Message m;
    m.chatId = e.chatId;
    m.sender = m_session->me();
    m.messageType = e.type;
    m.content = e.displayContent();
    m.timestamp = e.createdAt;
    m.clientMessageId = e.clientMessageId;
    if (e.type != contract::MessageTypeText) {
        // What the card shows until the server's answer says what it made of the file.
        static const QMimeDatabase mimes;
        const QString name = e.fileName.isEmpty() ? QFileInfo(e.localFile).fileName() : e.fileName;
        const QString mime = e.localFile.isEmpty() ? QString() : mimes.mimeTypeForFile(e.localFile).name();
        m.attachment = contract::Attachment{name, e.localFile.isEmpty() ? -1 : QFileInfo(e.localFile).size(), mime};
    }
    if (!e.replyToId.isEmpty()) {
        contract::ReplyPreview preview{e.replyToId, QString(), QString(), QString()};
        if (const int row = m_messages->rowOfId(e.replyToId); row >= 0) {
            const contract::Message &r = m_messages->messageAt(row);
            preview.senderId = r.sender.id;
            preview.messageType = r.messageType;
            preview.content
                = r.messageType == contract::MessageTypeFile && r.attachment ? r.attachment->name : r.content;
        }
        m.replyTo = preview;
    }
    return m;
}

void ChatController::sendImageFile(const QString &path)
{
    if (m_openChatId.isEmpty())
        return;
    // A photo of any size is accepted: one over the server's limit is scaled down before it
    // is uploaded. What is not a photo is refused here, with the reason, before it is queued.
    if (const QString reason = PhotoUpload::check(path); !reason.isEmpty()) {
        emit attachmentRefused(reason);
        return;
    }
    // Queued like a text: the outbox keeps a copy, uploads it when connected and sends it.
    if (m_outbox->enqueueImage(m_openChatId, path, m_replyTo).isEmpty())
        emit attachmentRefused(tr("Cannot keep a copy of %1 for sending.").arg(path));
    else if (!m_replyTo.isEmpty())
        cancelReply();
}

void ChatController::retry(const QString &clientMessageId)
{
    if (canRetry(clientMessageId))
        m_session->retry(clientMessageId);
}

bool ChatController::canRetry(const QString &clientMessageId) const
{
    const Outbox::Entry *e = m_outbox->find(clientMessageId);
    return e && e->state == Outbox::State::Failed && !e->permanent;
}

bool ChatController::canDiscard(const QString &clientMessageId) const
{
    const Outbox::Entry *e = m_outbox->find(clientMessageId);
    // One on its way may already be stored: wait for its answer.
    return e && e->state != Outbox::State::Sending;
}

void ChatController::discardUnsent(const QString &clientMessageId)
{
    if (canDiscard(clientMessageId))
        m_outbox->remove(clientMessageId);
}

void ChatController::typingStarted()
{
    if (!m_openChatId.isEmpty())
        m_session->typingStart(m_openChatId);
}

void ChatController::typingStopped()
{
    if (!m_openChatId.isEmpty())
        m_session->typingStop(m_openChatId);
}

void ChatController::createChat(const QString &craftsmanId, const QString &jobTitle, const QString &firstMessage)
{
    auto create = [this, guard = QPointer<ChatController>(this), craftsmanId, firstMessage](const QString &jobId) {
        if (!guard)
            return;
        m_session->api()->createChat(craftsmanId, jobId, firstMessage,
                                     [this, guard](const ApiResult &r, const contract::ChatDetails &details) {
                                         if (!guard)
                                             return;
                                         if (!r.ok()) {
                                             emit chatCreationFailed(r.errorMessage);
                                             return;
                                         }
                                         if (!m_chats->chat(details.id))
                                             m_chats->upsertChat(details);
                                         openChat(details.id);
                                         emit chatCreated(details.id);
                                     });
    };
    if (jobTitle.trimmed().isEmpty())
        return create(QString());
    m_session->api()->createJob(jobTitle.trimmed(), [this, guard = QPointer<ChatController>(this),
                                                     create](const ApiResult &r, const QString &jobId) {
        if (!guard)
            return;
        if (!r.ok()) {
            emit chatCreationFailed(r.errorMessage);
            return;
        }
        create(jobId);
    });
}

void ChatController::setWindowActive(bool active)
{
    m_windowActive = active;
    markOpenChatReadIfActive();
}

void ChatController::newestMessageShown()
{
    m_shownNewestId = m_messages->newestStoredId();
    markOpenChatReadIfActive();
}

void ChatController::markOpenChatReadIfActive()
{
    if (!m_windowActive || m_openChatId.isEmpty())
        return;
    // Read means seen: only once the newest stored message has been on screen.
    if (m_shownNewestId.isEmpty() || m_shownNewestId != m_messages->newestStoredId())
        return;
    const contract::ChatDetails *c = m_chats->chat(m_openChatId);
    if (!c || c->unreadCount.value(m_session->me().id) <= 0)
        return;
    m_chats->clearUnread(m_openChatId);
    m_session->markRead(m_openChatId);
}

void ChatController::onNewMessage(const contract::Message &message)
{
    m_typing->messageArrived(message.chatId, message.sender.id);
    const bool own = message.sender.id == m_session->me().id;
    if (message.chatId == m_openChatId)
        m_messages->addMessage(message);
    if (own || m_muted)
        return;
    if (message.chatId != m_openChatId || !m_windowActive) {
        QString body = message.messageType == contract::MessageTypeImage ? tr("Photo") : message.content.left(200);
        if (message.messageType == contract::MessageTypeFile)
            body = tr("File: %1").arg(message.attachment ? message.attachment->name : QString());
        emit notify(message.chatId, message.sender.fullName, body);
    }
}

void ChatController::onChatUpdated(const contract::ChatDetails &chat)
{
    m_chats->upsertChat(chat);
    if (chat.id == m_openChatId)
        markOpenChatReadIfActive();
}

void ChatController::onNewChat(const QString &chatId, const QString &text)
{
    Q_UNUSED(text);
    // The client who created it opens it already; the craftsman is told.
    if (m_session->me().role == contract::RoleClient || m_muted)
        return;
    // The chat's details follow in chat-updated; refresh so the name is known.
    m_session->api()->chats([this, guard = QPointer<ChatController>(this),
                             chatId](const ApiResult &r, const QList<contract::ChatDetails> &list) {
        if (!guard || !r.ok())
            return;
        for (const contract::ChatDetails &c : list)
            if (!m_chats->chat(c.id) || c.id == chatId)
                m_chats->upsertChat(c);
        const contract::ChatDetails *c = m_chats->chat(chatId);
        const QString who = c ? m_chats->peerOf(*c).fullName : QString();
        emit notify(chatId, tr("New chat"),
                    who.isEmpty() ? tr("Someone started a chat with you.")
                                  : tr("%1 started a chat with you.").arg(who));
    });
}

void ChatController::onMessageRead(const QString &chatId, const QString &readerId, const QStringList &ids)
{
    if (readerId == m_session->me().id || chatId != m_openChatId)
        return;
    m_messages->markReadByPeer(ids);
}

void ChatController::onTyping(const QString &chatId, bool anyone)
{
    m_chats->setTyping(chatId, anyone);
    if (chatId == m_openChatId)
        emit typingTextChanged(typingText());
}

QString ChatController::nameOf(const QString &chatId, const QString &userId) const
{
    if (const contract::ChatDetails *c = m_chats->chat(chatId))
        for (const auto &p : c->participants)
            if (p.id == userId)
                return p.fullName;
    return tr("Someone");
}

QString ChatController::typingText() const
{
    if (m_openChatId.isEmpty())
        return {};
    const QStringList users = m_typing->typingUsers(m_openChatId);
    if (users.isEmpty())
        return {};
    return tr("%1 is typing…").arg(nameOf(m_openChatId, users.first()));
}

} // namespace craftchat::ui
