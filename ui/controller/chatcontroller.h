// The signed-in user's chat state: wires a ChatSession to the models (chat list, open
// conversation, typing, outbox) and decides when to mark read and when to notify.
#pragma once

#include "common/contract/payloads.h"
#include "ui/net/chatsession.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace craftchat::ui {

class ChatSession;
class ChatListModel;
class MessageModel;
class TypingTracker;
class Outbox;

class ChatController : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageSize = 30;

    // The session must already be started (it knows the user); the outbox is owned here.
    ChatController(ChatSession *session, Outbox *outbox, QObject *parent = nullptr);

    ChatSession *session() const { return m_session; }
    ChatListModel *chats() const { return m_chats; }
    MessageModel *messages() const { return m_messages; }
    TypingTracker *typing() const { return m_typing; }
    Outbox *outbox() const { return m_outbox; }

    QString openChatId() const { return m_openChatId; }
    // "Ada is typing…" for the open chat, or "".
    QString typingText() const;
    bool isLoadingHistory() const { return m_loadingHistory; }
    // Whether a retry can help an unsent message (false when the server refused it for good).
    bool canRetry(const QString &clientMessageId) const;
    bool canDiscard(const QString &clientMessageId) const;

    void setWindowActive(bool active);
    // Off: the models are filled by the caller and nothing is fetched (screenshot/demo mode).
    void setNetworkEnabled(bool enabled) { m_networkEnabled = enabled; }
    void setNotificationsMuted(bool muted) { m_muted = muted; }
    bool notificationsMuted() const { return m_muted; }

public slots:
    void refreshChats();
    void openChat(const QString &chatId);
    void closeChat();
    void loadOlder();
    void sendText(const QString &text);
    void sendImageFile(const QString &path);
    void retry(const QString &clientMessageId);
    // Gives up an unsent (pending or failed) message: it leaves the outbox and the chat.
    void discardUnsent(const QString &clientMessageId);
    // The conversation view painted its newest message in the active window.
    void newestMessageShown();
    void typingStarted();
    void typingStopped();
    // Creates (or finds) a chat with a craftsman and opens it.
    void createChat(const QString &craftsmanId, const QString &jobTitle, const QString &firstMessage);

signals:
    void openChatChanged(const QString &chatId);
    void typingTextChanged(const QString &text);
    // A desktop notification is due (not muted, not the open chat of an active window).
    void notify(const QString &chatId, const QString &title, const QString &body);
    void chatCreated(const QString &chatId);
    void chatCreationFailed(const QString &error);
    void problem(const QString &message); // shown in the status bar
    // A file the user picked cannot be sent (not a photo, unreadable): shown in the chat.
    void attachmentRefused(const QString &reason);
    void historyLoaded(int added);

private:
    void onNewMessage(const contract::Message &message);
    void onChatUpdated(const contract::ChatDetails &chat);
    void onNewChat(const QString &chatId, const QString &text);
    void onMessageRead(const QString &chatId, const QString &readerId, const QStringList &ids);
    void onTyping(const QString &chatId, bool anyone);
    void loadNewestPage();
    // Asks for one page of the open chat's history ("" before = the newest). An answer for a
    // chat that is no longer open is dropped, a failure is reported; onPage gets the rest.
    using PageHandler = std::function<void(const QList<contract::Message> &page)>;
    void requestHistoryPage(const QString &before, PageHandler onPage);
    void markOpenChatReadIfActive();
    QString nameOf(const QString &chatId, const QString &userId) const;

    QPointer<ChatSession> m_session;
    ChatListModel *m_chats;
    MessageModel *m_messages;
    TypingTracker *m_typing;
    Outbox *m_outbox;
    QString m_openChatId;
    QString m_creatingChat;
    bool m_windowActive = true;
    bool m_muted = false;
    bool m_loadingHistory = false;
    bool m_networkEnabled = true;
    quint64 m_generation = 0; // drops answers for a chat that is no longer open
    QString m_shownNewestId;  // the newest stored message the user has had on screen
};

} // namespace craftchat::ui
