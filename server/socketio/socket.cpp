#include "server/socketio/socket.h"

#include "server/socketio/connection.h"
#include "server/socketio/namespace.h"

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
    if (Socket *socket = m_state->socket; socket && socket->isConnected())
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
    }
}

engineio::EngineSession *Socket::session() const
{
    return m_connection->session();
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
    if (attachments.isEmpty())
        m_connection->sendText(
            protocol::sio::encodeEvent(m_nsp->name(), event, protocol::sio::encodeArguments(args), ackId));
    else
        m_connection->send(protocol::sio::Packet::event(m_nsp->name(), event, args, attachments, ackId));
}

void Socket::emitEncoded(const QString &event, QByteArrayView arguments)
{
    if (m_connected)
        m_connection->sendText(protocol::sio::encodeEvent(m_nsp->name(), event, arguments));
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
    m_nsp->remove(this, why);
    m_connection->forget(this);
    emit disconnected(why);
    m_handlers.clear();
    m_anyHandler = nullptr;
    deleteLater();
}

} // namespace craftchat::socketio
