#include "server/socketio/socket.h"

#include "server/socketio/connection.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socketioserver.h"

#include "common/protocol/socketiopacket.h"

#include <QTimer>

namespace craftchat::socketio {

Ack::Ack(Socket *socket, qint64 id)
    : m_state(std::make_shared<State>())
{
    m_state->socket = socket;
    m_state->id = id;
}

void Ack::operator()(const QJsonArray &args, const QList<QByteArray> &attachments) const
{
    if (!m_state || m_state->sent)
        return;
    m_state->sent = true;
    if (Socket *socket = m_state->socket; socket && socket->isConnected())
        socket->sendAck(m_state->id, args, attachments);
}

void Ack::sendEncoded(QByteArrayView arguments) const
{
    if (!m_state || m_state->sent)
        return;
    m_state->sent = true;
    if (Socket *socket = m_state->socket; socket && socket->isConnected() && socket->m_connection)
        socket->m_connection->sendText(protocol::sio::encodeAck(socket->m_nsp->name(), m_state->id, arguments));
}

Socket::Socket(Connection *connection, Namespace *nsp, QString id, QJsonObject auth)
    : QObject(connection)
    , m_connection(connection)
    , m_nsp(nsp)
    , m_nspGuard(nsp)
    , m_id(std::move(id))
{
    m_handshake.auth = std::move(auth);
    if (engineio::EngineSession *engineSession = connection->session())
        m_handshake.transport = &engineSession->handshake();
}

Socket::~Socket()
{
    // Destroyed without a close (the whole server is going away): leave the namespace's
    // indexes quietly so that no dangling pointer stays there.
    if (m_connected && m_nspGuard) {
        m_nsp->m_rooms.leaveAll(this);
        m_nsp->m_sockets.remove(m_id);
        if (!m_pid.isEmpty())
            m_nsp->m_byPid.remove(m_pid);
        if (!m_connection)
            --m_nsp->server()->m_detachedSockets;
    }
    if (m_recovery && m_nspGuard)
        releaseRecoveryBytes(m_recovery->clear());
}

engineio::EngineSession *Socket::session() const
{
    return m_connection ? m_connection->session() : nullptr;
}

void Socket::releaseRecoveryBytes(qint64 bytes)
{
    m_nsp->server()->m_recoveryBytes -= bytes;
}

void Socket::deliver(const engineio::PreparedMessage &message, qint64 offset)
{
    if (!m_connected)
        return;
    if (offset >= 0 && m_recovery) {
        SocketIoServer *server = m_nsp->server();
        const qint64 now = server->nowMs();
        if (m_connection)
            releaseRecoveryBytes(m_recovery->prune(now, server->confirmMs()));
        const qint64 before = m_recovery->bytes();
        const qint64 given = m_recovery->append(offset, now, message);
        server->m_recoveryBytes += m_recovery->bytes() - before;
        Q_UNUSED(given);
        if (!m_connection && server->m_recoveryBytes > server->options().recoveryMaxTotalBytes) {
            // Over the bound of all sockets together: this one gives up its state.
            expire();
            return;
        }
    }
    if (m_connection)
        m_connection->sendPrepared(message);
}

void Socket::deliverEncoded(const QString &event, QByteArrayView arguments)
{
    if (!m_recovery) {
        if (m_connection)
            m_connection->sendText(protocol::sio::encodeEvent(m_nsp->name(), event, arguments));
        return;
    }
    const qint64 offset = m_nsp->server()->nextOffset();
    deliver(engineio::PreparedMessage(protocol::sio::encodeEvent(m_nsp->name(), event, withOffset(arguments, offset))),
            offset);
}

void Socket::detach(const QString &reason)
{
    Q_ASSERT(m_connection && m_recovery);
    const auto pending = std::exchange(m_pendingAcks, {});
    m_connection = nullptr;
    setParent(m_nsp);
    if (m_handshake.transport) {
        m_savedTransport = *m_handshake.transport;
        m_handshake.transport = &*m_savedTransport;
    }
    m_detachReason = reason;
    ++m_nsp->server()->m_detachedSockets;
    if (!m_expiry) {
        m_expiry = new QTimer(this);
        m_expiry->setSingleShot(true);
        connect(m_expiry, &QTimer::timeout, this, &Socket::expire);
    }
    m_expiry->start(m_nsp->server()->options().recoveryWindowMs);
    // Acks asked of the client cannot come back on a new transport.
    for (const auto &entry : pending)
        if (entry.callback)
            entry.callback(true, {}, {});
}

void Socket::attach(Connection *connection)
{
    Q_ASSERT(!m_connection);
    m_connection = connection;
    setParent(connection);
    --m_nsp->server()->m_detachedSockets;
    if (m_expiry)
        m_expiry->stop();
    m_handshake.transport = connection->session() ? &connection->session()->handshake() : nullptr;
    m_savedTransport.reset();
    m_detachReason.clear();
}

void Socket::expire()
{
    if (m_connected && !m_connection)
        onClose(m_detachReason.isEmpty() ? reason::TransportClose : m_detachReason);
}

void Socket::on(const QString &event, EventHandler handler)
{
    m_handlers[event].append(std::move(handler));
}

void Socket::emitEvent(const QString &event, const QJsonArray &args, AckCallback callback, int timeoutMs,
                       const QList<QByteArray> &attachments)
{
    if (!m_connected)
        return;
    qint64 ackId = -1;
    if (callback) {
        ackId = m_nextAckId++;
        m_pendingAcks.insert(ackId, PendingAck{std::move(callback), 0});
        if (timeoutMs >= 0) {
            QTimer::singleShot(timeoutMs, this, [this, ackId] {
                const auto pending = m_pendingAcks.take(ackId);
                if (pending.callback)
                    pending.callback(true, {}, {});
            });
        }
    }
    if (ackId < 0 && m_recovery) {
        // Kept for recovery, with its offset as the last argument (an event that asks for an
        // ack is not: its ack could not come back to a new transport).
        const qint64 offset = m_nsp->server()->nextOffset();
        if (attachments.isEmpty()) {
            deliver(engineio::PreparedMessage(protocol::sio::encodeEvent(
                        m_nsp->name(), event, withOffset(protocol::sio::encodeArguments(args), offset))),
                    offset);
        } else {
            QJsonArray withOffsetArgs = args;
            withOffsetArgs.append(offsetText(offset));
            protocol::sio::EncodedPacket encoded = protocol::sio::encode(
                protocol::sio::Packet::event(m_nsp->name(), event, withOffsetArgs, attachments));
            deliver(engineio::PreparedMessage(std::move(encoded.text), std::move(encoded.attachments)), offset);
        }
        return;
    }
    if (!m_connection)
        return;
    if (attachments.isEmpty())
        m_connection->sendText(
            protocol::sio::encodeEvent(m_nsp->name(), event, protocol::sio::encodeArguments(args), ackId));
    else
        m_connection->send(protocol::sio::Packet::event(m_nsp->name(), event, args, attachments, ackId));
}

void Socket::emitEncoded(const QString &event, QByteArrayView arguments)
{
    if (m_connected)
        deliverEncoded(event, arguments);
}

void Socket::join(const QString &room)
{
    if (m_connected)
        m_nsp->rooms().join(this, room);
}

void Socket::join(const QStringList &rooms)
{
    for (const QString &room : rooms)
        join(room);
}

void Socket::leave(const QString &room)
{
    m_nsp->rooms().leave(this, room);
}

QStringList Socket::rooms() const
{
    return m_nsp->rooms().roomsOf(this);
}

BroadcastOperator Socket::to(const QString &room) const
{
    return BroadcastOperator(m_nsp).to(room).exceptSocket(this);
}

BroadcastOperator Socket::broadcast() const
{
    return BroadcastOperator(m_nsp).exceptSocket(this);
}

void Socket::disconnect(bool closeConnection)
{
    if (!m_connected)
        return;
    Connection *connection = m_connection;
    if (!connection) { // detached: nobody to tell
        onClose(reason::ServerDisconnect);
        return;
    }
    if (closeConnection) {
        onClose(reason::ServerDisconnect);
        connection->close(reason::ServerDisconnect);
        return;
    }
    protocol::sio::Packet packet;
    packet.type = protocol::sio::PacketType::Disconnect;
    packet.nsp = m_nsp->name();
    connection->send(packet);
    onClose(reason::ServerDisconnect);
}

void Socket::dispatchEvent(Event &&event, qint64 ackId)
{
    const Ack ack = ackId >= 0 ? Ack(this, ackId) : Ack();
    if (m_anyHandler)
        m_anyHandler(*this, event, ack);
    const auto it = m_handlers.constFind(event.name);
    if (it == m_handlers.constEnd())
        return;
    // Handlers may disconnect this socket: iterate over a copy.
    const QList<EventHandler> handlers = it.value();
    for (const EventHandler &handler : handlers) {
        handler(*this, event, ack);
        if (!m_connected)
            break;
    }
}

void Socket::dispatchAck(qint64 id, const QJsonArray &args, const QList<QByteArray> &attachments)
{
    const auto pending = m_pendingAcks.take(id);
    if (pending.callback)
        pending.callback(false, args, attachments);
}

void Socket::sendAck(qint64 id, const QJsonArray &args, const QList<QByteArray> &attachments)
{
    if (!m_connection)
        return;
    if (attachments.isEmpty())
        m_connection->sendText(protocol::sio::encodeAck(m_nsp->name(), id, protocol::sio::encodeArguments(args)));
    else
        m_connection->send(protocol::sio::Packet::ack(m_nsp->name(), id, args, attachments));
}

void Socket::onClose(const QString &why)
{
    if (!m_connected)
        return;
    emit disconnecting(why);
    m_connected = false;
    const auto pending = std::exchange(m_pendingAcks, {});
    for (const auto &entry : pending)
        if (entry.callback)
            entry.callback(true, {}, {});
    if (m_connection)
        m_connection->forget(this);
    else
        --m_nsp->server()->m_detachedSockets;
    if (m_expiry)
        m_expiry->stop();
    if (m_recovery)
        releaseRecoveryBytes(m_recovery->clear());
    m_nsp->remove(this, why);
    emit disconnected(why);
    m_handlers.clear();
    m_anyHandler = nullptr;
    deleteLater();
}

} // namespace craftchat::socketio
