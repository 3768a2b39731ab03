// The signed-in user's chat state: wires a ChatSession to the models (chat list, open
// conversation, typing, outbox) and decides when to mark read and when to notify.
#pragma once

#include "common/contract/payloads.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace craftchat::ui {

class ChatSession;
class ChatListModel;
class MessageModel;
class TypingTracker;

class ChatController : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageSize = 30;
    // Pages of a catch-up after a reconnect, and of a jump to an old message: the API's most.
    static constexpr int CatchUpPageSize = 100;
    // How long a message that a jump led to stays highlighted.
    static constexpr int HighlightMs = 2000;

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
    // Whether the signed-in user may edit / delete this stored message (own, text, not deleted,
    // within the edit window).
    bool canEdit(const QString &messageId) const;
    bool canDelete(const QString &messageId) const;
    // The message the next text answers ("" when none), and the one being edited.
    QString replyingTo() const { return m_replyTo; }
    QString editing() const { return m_editing; }
    // True while older pages are fetched to reach the target of a jump.
    bool isJumping() const { return !m_jumpTarget.isEmpty(); }

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
    // Sends the text; while editing, it replaces the edited message's text instead.
    void sendText(const QString &text);
    void sendImageFile(const QString &path);
    // Any file: a photo (PNG, JPEG, WebP, ...) goes as an image with its preview, anything
    // else as a file card. Over the upload limit it is refused at once, with the reason.
    void sendFile(const QString &path);
    void cancelUpload(const QString &clientMessageId);
    void replyTo(const QString &messageId);
    void cancelReply();
    // Starts editing an own text message ("" = the newest one); false when there is none.
    bool startEdit(const QString &messageId = {});
    void cancelEdit();
    void deleteMessage(const QString &messageId);
    // Scrolls to a message of the open chat, loading older pages until it is there, and
    // highlights it for a moment.
    void jumpTo(const QString &messageId);
    // Opens a chat at a message (a search result).
    void openChatAt(const QString &chatId, const QString &messageId);

public:
    // Searches the messages of one chat ("" = every chat of the user) on the server, newest
    // first. Should the server not answer, the open chat's loaded messages are searched here.
    using SearchDone = std::function<void(const QList<contract::SearchHit> &hits, const QString &error)>;
    void searchMessages(const QString &query, const QString &chatId, int limit, SearchDone done);
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
    void replyChanged(const QString &messageId);
    // Editing started ("" = ended): the composer shows the text to change.
    void editingChanged(const QString &messageId, const QString &text);
    // The view should bring this row into sight (a jump, a search result).
    void scrollToMessage(const QString &messageId);
    // A jump could not find its message (deleted history, no such message).
    void jumpFailed();
    // A catch-up after a reconnect finished: the open chat is complete up to the newest.
    void caughtUp(int added);

private:
    void onNewMessage(const contract::Message &message);
    void onChatUpdated(const contract::ChatDetails &chat);
    void onNewChat(const QString &chatId, const QString &text);
    void onMessageRead(const QString &chatId, const QString &readerId, const QStringList &ids);
    void onTyping(const QString &chatId, bool anyone);
    void loadNewestPage();
    // After a reconnect: every page after the newest shown message, until the server has no
    // more; then the newest page again for edits and deletions among the shown ones.
    void catchUp();
    void catchUpFrom(const QString &after, int addedSoFar);
    void continueJump();
    void finishJump(bool found);
    contract::Message pendingMessage(const Outbox::Entry &e) const;
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
    QString m_replyTo;
    QString m_editing;
    QString m_jumpTarget; // the message a jump is loading older pages for
    int m_jumpPages = 0;
    QString m_pendingJump; // openChatAt: the message to jump to once the first page is in
    bool m_catchingUp = false;
    QTimer *m_highlightTimer;
};

} // namespace craftchat::ui
