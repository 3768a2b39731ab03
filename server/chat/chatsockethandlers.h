// Binds the contract's events on the main namespace "/": the auth middleware (token ->
// user), the connection-limit middleware, auto-join on connect, the client events with their
// replies and acks, and the bookkeeping on disconnect.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace craftchat::sio {
class Namespace;
class Socket;
struct Event;
class Ack;
}

namespace craftchat::chat {

class ChatService;
class TokenVerifier;
struct ChatError;

class ChatSocketHandlers : public QObject
{
    Q_OBJECT
public:
    // Installs the middlewares and the connection handlers on service->nsp().
    ChatSocketHandlers(ChatService *service, const TokenVerifier *verifier, QObject *parent = nullptr);

    // Keys of sio::Socket::data(), set by the auth middleware and read (then cleared) when
    // the socket is admitted; afterwards connections() knows the socket's user.
    static inline const QString UserIdKey = QStringLiteral("userId");
    static inline const QString RoleKey = QStringLiteral("role");
    static inline const QString TokenTagKey = QStringLiteral("tokenTag");

private:
    QString userIdOf(const sio::Socket &socket) const;
    void onConnected(sio::Socket *socket);
    void onDisconnected(sio::Socket *socket, const QString &reason);
    void bindEvents(sio::Socket *socket);
    void dispatch(sio::Socket &socket, const sio::Event &event, const sio::Ack &ack);
    // Answers with `event` (unless empty) and the ack, both carrying `payload`.
    void reply(sio::Socket &socket, const sio::Ack &ack, const QString &event, const QJsonObject &payload);
    // The same with the payload's JSON text already written (toJsonText()).
    void replyText(sio::Socket &socket, const sio::Ack &ack, const QString &event, const QByteArray &payload);
    void replyError(sio::Socket &socket, const sio::Ack &ack, const ChatError &error);

    // Per-socket token buckets for typing, join-chat and edit/delete-message (ChatLimits::socketEventsPerSecond).
    enum class Limited { Typing = 0, Join = 1, Change = 2 };
    struct EventBucket
    {
        double tokens = 0;
        qint64 refilledAtMs = -1;    // -1: never used (full)
        qint64 lastErrorMs = -1;     // last RATE_LIMIT error event sent for this kind
    };
    struct SocketBuckets
    {
        EventBucket kinds[3];
    };
    // True when the event may go on; else it is dropped: the ack (if asked) carries the
    // error, and the `error` event goes out at most once per second and kind.
    bool admitEvent(sio::Socket &socket, const sio::Ack &ack, Limited kind);

    ChatService *m_service;
    const TokenVerifier *m_verifier;
    QElapsedTimer m_clock;
    // Only sockets that sent a limited event have an entry; forgotten on disconnect.
    QHash<QString, SocketBuckets> m_buckets;
};

} // namespace craftchat::chat
