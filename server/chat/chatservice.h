// The chat domain's operations (docs/API.md, section 1): connection bookkeeping and
// auto-join, send-message (validation, idempotency, rate limit, one store transaction, then
// the emits), join/typing/read, and chat creation for the HTTP API.
//
// Broadcasts go through rooms, so each event is encoded once whatever the number of
// recipients; chat-updated is built once per change and sent to all participants' user rooms
// in one broadcast.
#pragma once

#include "server/chat/chatcache.h"
#include "common/core/result.h"
#include "server/chat/chaterror.h"
#include "server/chat/chatlimits.h"
#include "server/chat/chatmetrics.h"
#include "server/chat/connectionregistry.h"
#include "server/chat/ratelimiter.h"
#include "server/chat/recentsends.h"

#include "common/chat/chatdetails.h"
#include "common/chat/events.h"
#include "common/chat/messagechanges.h"

#include <QElapsedTimer>
#include <QJsonValue>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace craftchat::sio {
class Namespace;
class Socket;
}
namespace craftchat::storage {
class ChatStore;
}

namespace craftchat::chat {

// A chat operation's value or the ChatError that refused it.
template <typename T>
using ChatResult = Result<T, ChatError>;

struct CreateChatRequest
{
    QString clientId;
    QString craftsmanId;
    std::optional<QString> jobId;
    std::optional<QString> initialMessage;   // nullopt or "" means none
};

struct CreateChatOutcome
{
    ChatDetails chat;
    bool created = false;                    // false: an existing active chat was returned
};

class ChatService : public QObject
{
    Q_OBJECT
public:
    ChatService(storage::ChatStore &store, sio::Namespace *nsp, const ChatLimits &limits,
                QObject *parent = nullptr);

    storage::ChatStore &store() const { return m_store; }
    sio::Namespace *nsp() const { return m_nsp; }
    const ChatLimits &limits() const { return m_limits; }
    ConnectionRegistry &connections() { return m_connections; }
    const ConnectionRegistry &connections() const { return m_connections; }
    ChatMetrics &metrics() { return m_metrics; }
    const ChatMetrics &metrics() const { return m_metrics; }

    // Connect: records the socket and joins user:<id> and every chat:<id> of the user.
    // Returns the number of chat rooms joined.
    // `tokenTag`: TokenVerifier::tokenTag of the token it connected with (for logout).
    int attachSocket(sio::Socket *socket, const QString &userId, const QString &role, quint64 tokenTag = 0);
    // Disconnect: forgets the socket.
    void detachSocket(const QString &socketId);
    // The user's tokens stopped working (password changed, account deleted): every socket of
    // the user is disconnected now (DISCONNECT, then its Engine.IO session closes). Returns
    // how many there were.
    int disconnectUser(const QString &userId, const QString &why);
    // One token of the user was logged out: the sockets that connected with it go.
    int disconnectToken(const QString &userId, quint64 tokenTag);
    // The account was deleted: its sockets go and cached chats (which show its old name) are
    // reloaded from the store on next use.
    void userDeleted(const QString &userId);

    using SendCallback = std::function<void(const ChatResult<MessageSent> &result)>;
    // send-message of a user (the raw event argument). Refusals (validation, participation,
    // rate limit) call `done` at once. Accepted messages wait for the end of this event-loop
    // turn (or, while the store asks deferrable writes to wait, until it resumes) and are
    // committed together (group commit, one transaction); after the commit each gets its
    // emits in commit order (new-message to the room, chat-updated to the participants),
    // then `done`.
    void sendMessage(const QString &userId, const QJsonValue &payload, SendCallback done);
    // Commits and announces the queued messages now, even while the store asked deferrable
    // writes to wait (used before shutting down).
    void flushPendingMessages();
    int pendingMessageCount() const { return int(m_pending.size()); }
    // Largest group commit; a full queue is flushed at once.
    static constexpr int MaxBatchSize = 256;
    // edit-message: only the sender, only a text that is not deleted, within the edit window;
    // the content as in send-message. Stored, then message-updated to the chat room and, when
    // it is the chat's last message, chat-updated to every participant.
    ChatResult<MessageChangeAck> editMessage(const QString &userId, const QJsonValue &payload);
    // delete-message: only the sender, any age. A tombstone; message-deleted to the chat room
    // and chat-updated when an unread count or the last message changed; the upload's file
    // goes (uploadRemover) when no other message shows it. Again: the first ack, no events.
    ChatResult<MessageChangeAck> deleteMessage(const QString &userId, const QJsonValue &payload);
    // Removes a stored upload file by its name in the uploads directory (set by the runtime;
    // the chat domain knows no files). Called after the deletion's commit.
    void setUploadRemover(std::function<void(const QString &fileName)> remover)
    {
        m_uploadRemover = std::move(remover);
    }

    // join-chat: checks participation and joins the room.
    ChatResult<ChatJoined> joinChat(sio::Socket &socket, const QString &userId, const QJsonValue &chatId);
    // typing-start / typing-stop: user-typing to the other sockets of the room.
    std::optional<ChatError> typing(sio::Socket &socket, const QString &userId,
                                    const QJsonValue &chatId, bool isTyping);
    // mark-messages-read: marks, then message-read to the others and chat-updated to the reader.
    std::optional<ChatError> markRead(const QString &userId, const QJsonValue &chatId);

    // POST /api/messages/chats (input already type-checked by the API; the caller is a
    // client). Emits in the contract's order after the commit.
    ChatResult<CreateChatOutcome> createChat(const CreateChatRequest &request);
    // Every online socket of these users joins chat:<chatId>.
    void joinOnlineSockets(const QString &chatId, const QStringList &userIds);

    // Chat rooms with at least one connected socket (the chat_active_chats gauge).
    int activeChatRooms() const;

private:
    // The scheduled group commit: flushPendingMessages unless the store asks to wait
    // (ChatStore::readyForDeferrableWrite), then when it resumes.
    void flushWhenWritable();
    qint64 monotonicMs() const { return m_clock.elapsed(); }
    // The chat from the cache, else from the store (then cached); null when unknown or on a
    // store error (logged).
    const ChatDetails *loadChat(const QString &chatId);
    // Participation check shared by the events; nullopt when allowed.
    std::optional<ChatError> checkAccess(const QString &userId, const QString &chatId,
                                         bool requireActive);
    void emitChatUpdated(const ChatDetails &chat, const QStringList &userIds);
    // The chat from the store into the cache, then chat-updated to every participant.
    void reloadChat(const QString &chatId);
    static QStringList participantIds(const ChatDetails &chat);
    ChatResult<SendMessageRequest> validateSend(const QJsonValue &payload) const;
    // The first message of a retry that arrives at the rate limit (memory, then the store).
    std::optional<MessageSent> findRetryAtLimit(const QString &userId, const QString &chatId,
                                                const QString &clientMessageId, qint64 nowMs);
    static constexpr int RetryLookupDepth = 100; // latest messages of the chat searched

    struct PendingSend
    {
        QString userId;
        SendMessageRequest request;
        qint64 stampMs = -1;         // the rate-limit slot taken for it (-1: none, a retry)
        SendCallback done;
    };

    storage::ChatStore &m_store;
    sio::Namespace *m_nsp;
    ChatLimits m_limits;
    ConnectionRegistry m_connections;
    RateLimiter m_rateLimiter;
    RecentSends m_recentSends;
    RateLimiter m_retryLookups;      // store look-ups for retries at the limit, per user
    ChatMetrics m_metrics;
    ChatCache m_chats;
    QElapsedTimer m_clock;
    qint64 m_lastPruneMs = 0;
    std::vector<PendingSend> m_pending;
    QSet<QString> m_pendingKeys;     // user, chat and clientMessageId of the queued messages
    bool m_flushScheduled = false;
    bool m_waitingForStore = false;  // the store will call back; no flush until then
    std::function<void(const QString &)> m_uploadRemover;
};

} // namespace craftchat::chat
