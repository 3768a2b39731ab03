// One signed-in session with a server: the HTTP API plus the Socket.IO connection, with the
// contract's events as typed signals. Sends the outbox in order whenever it is connected; an
// image entry is uploaded first (POST /api/uploads) and holds back its chat's later entries.
#pragma once

#include "common/contract/payloads.h"
#include "ui/models/outbox.h"
#include "ui/net/apiclient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

namespace craftchat::client {
class SocketIoClient;
}

namespace craftchat::ui {

class ChatSession : public QObject
{
    Q_OBJECT
public:
    enum class ConnectionState {
        Offline,
        Connecting,
        Connected,
        Reconnecting
    };
    Q_ENUM(ConnectionState)

    explicit ChatSession(QObject *parent = nullptr);
    ~ChatSession() override;

    ApiClient *api() const { return m_api; }
    client::SocketIoClient *socket() const { return m_socket; }
    void setOutbox(Outbox *outbox);
    Outbox *outbox() const { return m_outbox; }

    // Connects (and keeps reconnecting) as `me` with `token`.
    void start(const QUrl &server, const QString &token, const contract::UserProfile &me);
    void stop();
    // A renewed token: used by the API at once and by the socket from its next (re)connect.
    void setToken(const QString &token);
    // Sets who is signed in and the shown state without connecting (screenshot/demo mode).
    void presentAs(const contract::UserProfile &me, ConnectionState state);
    bool isStarted() const { return m_started; }
    QUrl serverUrl() const { return m_api->baseUrl(); }
    const contract::UserProfile &me() const { return m_me; }
    ConnectionState state() const { return m_state; }
    // Seconds until the next reconnection attempt (Reconnecting only).
    int secondsUntilReconnect() const;

    void typingStart(const QString &chatId);
    void typingStop(const QString &chatId);
    void markRead(const QString &chatId);
    void joinChat(const QString &chatId);
    // Queues a message in the outbox (sent at once when connected). Returns its clientMessageId.
    QString sendMessage(const QString &chatId, const QString &type, const QString &content,
                        const QString &replyToId = {});
    // edit-message / delete-message with an ack; done(error) with "" on success. The change
    // itself arrives as message-updated / message-deleted, for this app as for everyone.
    using ChangeDone = std::function<void(const QString &error)>;
    void editMessage(const QString &messageId, const QString &content, ChangeDone done = {});
    void deleteMessage(const QString &messageId, ChangeDone done = {});
    // The most the server takes in one upload (default contract::DefaultUploadLimitBytes).
    qint64 uploadLimit() const { return m_uploadLimit; }
    void setUploadLimit(qint64 bytes) { m_uploadLimit = bytes; }
    // Stops the upload of a queued file or photo and gives the message up.
    void cancelUpload(const QString &clientMessageId);
    bool isUploading(const QString &clientMessageId) const { return m_uploads.contains(clientMessageId); }
    void retry(const QString &clientMessageId);
    void flushOutbox();
    // Offline or waiting to reconnect: try now instead of waiting for the next attempt.
    void reconnectNow();

signals:
    void connectionStateChanged(craftchat::ui::ChatSession::ConnectionState state);
    void reconnectScheduled(int attempt, int delayMs);
    void connected();            // (re)connected: time to catch up on missed events
    void authenticationFailed(); // the token was refused: sign in again
    void newMessage(const craftchat::contract::Message &message);
    void chatUpdated(const craftchat::contract::ChatDetails &chat);
    void newChatNotification(const QString &chatId, const QString &text);
    void userTyping(const QString &chatId, const QString &userId, bool typing);
    void messageRead(const QString &chatId, const QString &readerId, const QStringList &messageIds);
    // The server stored an outbox message (ack of send-message).
    void messageConfirmed(const QString &clientMessageId, const QString &chatId, const QString &messageId,
                          const QDateTime &timestamp);
    void messageFailed(const QString &clientMessageId, const QString &chatId, const QString &error);
    // A queued file or photo on its way to the server: bytes sent of total.
    void uploadProgress(const QString &clientMessageId, qint64 sent, qint64 total);
    void messageUpdated(const craftchat::contract::MessageUpdated &update);
    void messageDeleted(const craftchat::contract::MessageDeleted &deletion);
    void serverError(const QString &code, const QString &message);
    // The Socket.IO connection was refused by the trust rule (see TrustStore).
    void tlsRefused(const craftchat::ui::TlsProblem &problem);

private:
    void setState(ConnectionState state);
    void registerHandlers();
    void sendEntry(const QString &clientMessageId);
    void uploadEntry(const QString &clientMessageId);
    void uploadPrepared(const QString &clientMessageId, const QByteArray &bytes, const QString &error);
    void startUpload(const QString &clientMessageId, QIODevice *body, qint64 size, const QString &name);
    void change(const QString &event, const QJsonObject &request, contract::MessageChangeAck::Kind kind,
                ChangeDone done);
    void fail(const QString &clientMessageId, const QString &error, bool permanent);
    void watchNetwork();
    void handleUploadResult(const QString &clientMessageId, const ApiResult &result, const QString &url);
    QString uploadRefusal(const Outbox::Entry &entry, const ApiResult &result) const;
    void handleSendAck(const QString &clientMessageId, bool timedOut, const QJsonArray &args);

    ApiClient *m_api;
    client::SocketIoClient *m_socket;
    QPointer<Outbox> m_outbox;
    contract::UserProfile m_me;
    ConnectionState m_state = ConnectionState::Offline;
    QTimer m_retryTimer;
    bool m_started = false;
    qint64 m_uploadLimit;
    QHash<QString, QPointer<QNetworkReply>> m_uploads; // clientMessageId -> running upload
};

// "2.4 MB", "830 KB", "12 bytes": a size for people (decimal units, as file managers show).
QString formatFileSize(qint64 bytes);

// A readable sentence for an error code of the contract.
QString describeError(const QString &code, const QString &serverMessage);

} // namespace craftchat::ui
