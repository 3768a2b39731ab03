#include "ui/controller/chatcontroller.h"

#include "common/contract/contract.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/models/typingtracker.h"
#include "ui/net/chatsession.h"
#include "ui/util/photoupload.h"

namespace craftchat::ui {

namespace contract = craftchat::contract;

ChatController::ChatController(ChatSession *session, Outbox *outbox, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_chats(new ChatListModel(this))
    , m_messages(new MessageModel(this))
    , m_typing(new TypingTracker(this))
    , m_outbox(outbox)
{
    m_outbox->setParent(this);
    const QString me = session->me().id;
    m_chats->setCurrentUserId(me);
    m_messages->setCurrentUserId(me);
    m_typing->setCurrentUserId(me);
    session->setOutbox(m_outbox);

    connect(session, &ChatSession::connected, this, [this] {
        refreshChats();
        if (!m_openChatId.isEmpty())
            loadNewestPage();
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
            m_messages->addPending(e.clientMessageId, e.type, e.displayContent(), e.createdAt, m_session->me());
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
    if (!chatId.isEmpty()) {
        for (const Outbox::Entry &e : m_outbox->entriesForChat(chatId)) {
            m_messages->addPending(e.clientMessageId, e.type, e.displayContent(), e.createdAt, m_session->me());
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
    });
}

void ChatController::loadOlder()
{
    if (m_openChatId.isEmpty() || m_loadingHistory || !m_messages->hasMoreHistory() || !m_networkEnabled)
        return;
    const QString before = m_messages->oldestStoredId();
    if (before.isEmpty())
        return;
    requestHistoryPage(before, [this](const QList<contract::Message> &page) {
        const int added = m_messages->prependHistory(page);
        if (page.size() < PageSize)
            m_messages->setHasMoreHistory(false);
        emit historyLoaded(added);
    });
}

void ChatController::requestHistoryPage(const QString &before, PageHandler onPage)
{
    m_loadingHistory = true;
    const quint64 generation = m_generation;
    m_session->api()->messages(m_openChatId, before, PageSize,
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
    m_session->sendMessage(m_openChatId, contract::MessageTypeText, text);
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
    if (m_outbox->enqueueImage(m_openChatId, path).isEmpty())
        emit attachmentRefused(tr("Cannot keep a copy of %1 for sending.").arg(path));
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
        const QString body
            = message.messageType == contract::MessageTypeImage ? tr("Photo") : message.content.left(200);
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
