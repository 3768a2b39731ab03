#include "server/chat/chatsockethandlers.h"

#include "server/chat/chatservice.h"
#include "server/chat/tokenverifier.h"

#include "common/chat/contract.h"
#include "server/logging/logcategories.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"
#include "common/protocol/socketiopacket.h"

#include <QJsonArray>
#include <QPointer>

namespace craftchat::chat {

using logging::lcAuth;
using logging::lcMessage;
using logging::lcSocket;

namespace {

// The user the auth middleware found, until onConnected() hands it to the registry.
QString authenticatedUserOf(const sio::Socket &socket)
{
    return socket.data().value(ChatSocketHandlers::UserIdKey).toString();
}

QJsonValue firstArgument(const sio::Event &event)
{
    return event.args.isEmpty() ? QJsonValue(QJsonValue::Undefined) : event.args.at(0);
}

QString peerOf(const sio::Socket &socket)
{
    const auto *transport = socket.handshake().transport;
    return transport ? transport->address.toString() : QString();
}

} // namespace

ChatSocketHandlers::ChatSocketHandlers(ChatService *service, const TokenVerifier *verifier, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_verifier(verifier)
{
    m_clock.start();
    sio::Namespace *nsp = service->nsp();

    // 1. Authentication: auth.token must be a valid JWT naming an existing user.
    nsp->use([this](sio::Socket &socket) -> std::optional<sio::ConnectError> {
        const QJsonValue token = socket.handshake().auth.value(QStringLiteral("token"));
        QString reason = QStringLiteral("missing");
        std::optional<TokenVerifier::Verified> user;
        if (token.isString())
            user = m_verifier->verifyWithClaims(token.toString(), &reason);
        else if (!token.isUndefined())
            reason = QStringLiteral("not-a-string");
        if (!user) {
            qCInfo(lcAuth).noquote() << "socket authentication failed:" << reason << "from" << peerOf(socket);
            return sio::ConnectError{QStringLiteral("Authentication failed")};
        }
        socket.data().insert(UserIdKey, user->user.id);
        socket.data().insert(RoleKey, user->user.role);
        socket.data().insert(TokenTagKey, qulonglong(TokenVerifier::tokenTag(user->claims)));
        return std::nullopt;
    });

    // 2. At most maxSocketsPerUser sockets per user; the refused one takes no place.
    nsp->use([this](sio::Socket &socket) -> std::optional<sio::ConnectError> {
        const QString userId = authenticatedUserOf(socket);
        const int limit = m_service->limits().maxSocketsPerUser;
        if (m_service->connections().socketCount(userId) >= limit) {
            qCInfo(lcSocket).noquote() << "socket refused: connection limit" << limit << "user" << userId;
            m_service->metrics().countError(contract::ConnectionLimit);
            return sio::ConnectError{QStringLiteral("Connection limit reached"),
                                     QJsonObject{{QStringLiteral("code"), contract::ConnectionLimit}}};
        }
        return std::nullopt;
    });

    connect(nsp, &sio::Namespace::connected, this, &ChatSocketHandlers::onConnected);
    connect(nsp, &sio::Namespace::disconnected, this, &ChatSocketHandlers::onDisconnected);
}

QString ChatSocketHandlers::userIdOf(const sio::Socket &socket) const
{
    return m_service->connections().userOf(socket.id());
}

void ChatSocketHandlers::onConnected(sio::Socket *socket)
{
    const QString userId = authenticatedUserOf(*socket);
    const QString role = socket->data().value(RoleKey).toString();
    const quint64 tokenTag = socket->data().value(TokenTagKey).toULongLong();
    // From here on the registry knows the socket's user and role: the data map (two
    // QVariant entries, about 0.2 KB per socket) is released.
    socket->data() = QVariantMap();
    const int chats = m_service->attachSocket(socket, userId, role, tokenTag);
    qCInfo(lcSocket).noquote() << "socket connected" << socket->id() << "user" << userId << "role" << role
                               << "sockets of user:" << m_service->connections().socketCount(userId);
    qCInfo(lcSocket).noquote() << "auto-joined" << socket->id() << "to its user room and" << chats
                               << "chat rooms";
    bindEvents(socket);
}

void ChatSocketHandlers::onDisconnected(sio::Socket *socket, const QString &reason)
{
    const QString userId = userIdOf(*socket);
    m_buckets.remove(socket->id());
    m_service->detachSocket(socket->id());
    qCInfo(lcSocket).noquote() << "socket disconnected" << socket->id() << "user" << userId
                               << "reason:" << reason;
}

void ChatSocketHandlers::reply(sio::Socket &socket, const sio::Ack &ack, const QString &event,
                               const QJsonObject &payload)
{
    // Written once for the event and the ack.
    const QByteArray args = sio::encodeArguments(QJsonArray{payload});
    if (!event.isEmpty())
        socket.emitEncoded(event, args);
    ack.sendEncoded(args);
}

void ChatSocketHandlers::replyText(sio::Socket &socket, const sio::Ack &ack, const QString &event,
                                   const QByteArray &payload)
{
    // One object is the whole argument list.
    if (!event.isEmpty())
        socket.emitEncoded(event, payload);
    ack.sendEncoded(payload);
}

void ChatSocketHandlers::replyError(sio::Socket &socket, const sio::Ack &ack, const ChatError &error)
{
    const ErrorPayload payload = error.payload();
    m_service->metrics().countError(payload.code);
    qCInfo(lcMessage).noquote() << "error to socket" << socket.id() << payload.code << payload.message;
    reply(socket, ack, contract::Error, payload.toJson());
}

bool ChatSocketHandlers::admitEvent(sio::Socket &socket, const sio::Ack &ack, Limited kind)
{
    const ChatLimits &limits = m_service->limits();
    if (limits.socketEventsPerSecond <= 0)
        return true;
    const qint64 now = m_clock.elapsed();
    const double burst = qMax(1, limits.socketEventBurst);
    EventBucket &bucket = m_buckets[socket.id()].kinds[int(kind)];
    if (bucket.refilledAtMs < 0) {
        bucket.tokens = burst;
    } else {
        bucket.tokens = qMin(burst, bucket.tokens + double(now - bucket.refilledAtMs) * limits.socketEventsPerSecond / 1000.0);
    }
    bucket.refilledAtMs = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return true;
    }
    m_service->metrics().countDroppedEvent();
    const ErrorPayload payload = ChatError::rateLimited().payload();
    const QByteArray args = sio::encodeArguments(QJsonArray{payload.toJson()});
    ack.sendEncoded(args);
    if (bucket.lastErrorMs < 0 || now - bucket.lastErrorMs >= 1000) {
        bucket.lastErrorMs = now;
        m_service->metrics().countError(payload.code);
        qCInfo(lcMessage).noquote() << "rate limit:" << (kind == Limited::Typing ? "typing" : kind == Limited::Join ? "join-chat" : "edit/delete")
                                    << "events of socket" << socket.id() << "dropped";
        socket.emitEncoded(contract::Error, args);
    }
    return false;
}

void ChatSocketHandlers::bindEvents(sio::Socket *socket)
{
    // One handler per socket that dispatches by name: less per-socket memory than one
    // std::function per event.
    socket->onAny([this](sio::Socket &s, const sio::Event &event, const sio::Ack &ack) {
        dispatch(s, event, ack);
    });
}

void ChatSocketHandlers::dispatch(sio::Socket &s, const sio::Event &event, const sio::Ack &ack)
{
    m_service->metrics().countEvent(event.name);
    const QJsonValue argument = firstArgument(event);
    if (event.name == contract::SendMessage) {
        // Answered after the group commit; the socket may be gone by then.
        QPointer<sio::Socket> sender(&s);
        m_service->sendMessage(userIdOf(s), argument,
                               [this, sender, ack](const ChatResult<MessageSent> &result) {
                                   if (!sender)
                                       return;
                                   if (!result.ok())
                                       return replyError(*sender, ack, result.failure());
                                   replyText(*sender, ack, contract::MessageSent, result->toJsonText());
                               });
    } else if (event.name == contract::TypingStart || event.name == contract::TypingStop) {
        if (!admitEvent(s, ack, Limited::Typing))
            return;
        if (auto error = m_service->typing(s, userIdOf(s), argument, event.name == contract::TypingStart))
            return replyError(s, ack, *error);
        reply(s, ack, QString(), QJsonObject{{QStringLiteral("success"), true}});
    } else if (event.name == contract::JoinChat) {
        if (!admitEvent(s, ack, Limited::Join))
            return;
        const auto result = m_service->joinChat(s, userIdOf(s), argument);
        if (!result.ok() && result.failure().kind == ChatError::Kind::Unauthorized) {
            // Unknown or forbidden chats: counted (chat_refused_joins_total), not logged each.
            m_service->metrics().countRefusedJoin();
            return reply(s, ack, contract::Error, result.failure().payload().toJson());
        }
        if (!result.ok())
            return replyError(s, ack, result.failure());
        reply(s, ack, contract::ChatJoined, result->toJson());
    } else if (event.name == contract::EditMessage || event.name == contract::DeleteMessage) {
        if (!admitEvent(s, ack, Limited::Change))
            return;
        const auto result = event.name == contract::EditMessage ? m_service->editMessage(userIdOf(s), argument)
                                                                : m_service->deleteMessage(userIdOf(s), argument);
        if (!result.ok())
            return replyError(s, ack, result.failure());
        // Answered by the ack only: the room hears message-updated / message-deleted.
        reply(s, ack, QString(), result->toJson());
    } else if (event.name == contract::MarkMessagesRead) {
        if (auto error = m_service->markRead(userIdOf(s), argument))
            return replyError(s, ack, *error);
        reply(s, ack, QString(), QJsonObject{{QStringLiteral("success"), true}});
    }
    // Other events are counted ("other") and ignored, as a Socket.IO server without a
    // listener does.
}

} // namespace craftchat::chat
