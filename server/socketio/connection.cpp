#include "server/socketio/connection.h"

#include "server/socketio/namespace.h"
#include "server/socketio/recoverybuffer.h"
#include "server/socketio/socket.h"
#include "server/socketio/socketioserver.h"

#include "server/engineio/enginesession.h"
#include "server/logging/logcategories.h"

#include <QRandomGenerator>

namespace craftchat::socketio {

using logging::lcSocketIo;

Connection::Connection(SocketIoServer *server, engineio::EngineSession *session)
    : QObject(session)
    , m_server(server)
    , m_session(session)
    , m_decoder(server->options().maxAttachments)
{
    connect(session, &engineio::EngineSession::packetReceived, this, &Connection::onEnginePacket);
    connect(session, &engineio::EngineSession::closed, this, &Connection::onEngineClosed);
    // A session that never joins a namespace is closed after connectTimeout.
    server->watchConnectTimeout(this);
}

void Connection::onConnectTimeout()
{
    if (m_sockets.isEmpty() && !m_closed)
        close(QStringLiteral("connect timeout"));
}

Connection::~Connection()
{
    m_closed = true;
}

void Connection::send(const protocol::sio::Packet &packet)
{
    if (!m_session || !m_session->isOpen())
        return;
    const protocol::sio::EncodedPacket encoded = protocol::sio::encode(packet);
    m_session->sendMessage(encoded.text);
    for (const QByteArray &attachment : encoded.attachments)
        m_session->sendBinaryMessage(attachment);
}

void Connection::sendText(const QByteArray &text)
{
    if (m_session && m_session->isOpen())
        m_session->sendMessage(text);
}

void Connection::sendPrepared(const engineio::PreparedMessage &message)
{
    if (m_session)
        m_session->sendPrepared(message);
}

void Connection::close(const QString &reason)
{
    if (m_session)
        m_session->close(reason);
}

void Connection::forget(Socket *socket)
{
    m_sockets.removeAll(socket);
}

Socket *Connection::socketFor(const QString &nsp) const
{
    for (Socket *socket : m_sockets)
        if (socket->nsp()->name() == nsp)
            return socket;
    return nullptr;
}

namespace {

// The namespace a BINARY_EVENT / BINARY_ACK text header ("51-/admin,[...]", "52-[...]") is for.
QString binaryHeaderNamespace(const QByteArray &text)
{
    const qsizetype dash = text.indexOf('-');
    if (dash < 0 || dash + 1 >= text.size() || text.at(dash + 1) != '/')
        return QStringLiteral("/");
    const qsizetype comma = text.indexOf(',', dash + 1);
    const QByteArray nsp = comma < 0 ? text.mid(dash + 1) : text.mid(dash + 1, comma - dash - 1);
    return QString::fromUtf8(nsp);
}

} // namespace

void Connection::onEnginePacket(const protocol::eio::Packet &packet)
{
    // Binary packets only once their namespace is joined: before that, an attachment (or the
    // header that announces some) would only be buffered for a packet that is dropped anyway.
    if (!m_decoder.awaitingAttachments()) {
        const bool binaryHeader
            = !packet.binary && !packet.data.isEmpty() && (packet.data.at(0) == '5' || packet.data.at(0) == '6');
        if (packet.binary || (binaryHeader && !socketFor(binaryHeaderNamespace(packet.data)))) {
            closeForBadInput(QStringLiteral("binary packet before CONNECT"));
            return;
        }
    }
    protocol::sio::Decoder::Result result
        = packet.binary ? m_decoder.feedBinary(packet.data) : m_decoder.feedText(packet.data);
    if (result.error != protocol::sio::DecodeError::None) {
        closeForBadInput(protocol::sio::toString(result.error));
        return;
    }
    if (result.packet)
        handle(std::move(*result.packet));
}

void Connection::closeForBadInput(const QString &why)
{
    qCDebug(lcSocketIo) << "closing connection on malformed packet:" << why;
    const auto sockets = std::exchange(m_sockets, {});
    for (Socket *socket : sockets)
        socket->onClose(reason::ParseError);
    if (m_session)
        m_session->close(reason::ParseError);
}

void Connection::handle(protocol::sio::Packet &&packet)
{
    switch (packet.type) {
    case protocol::sio::PacketType::Connect:
        connectTo(std::move(packet));
        return;
    case protocol::sio::PacketType::Event:
    case protocol::sio::PacketType::BinaryEvent: {
        Socket *socket = socketFor(packet.nsp);
        if (!socket)
            return; // not connected to that namespace: ignored, as the reference server does
        // The array is taken out of the packet first: removing the name from an array that
        // nothing else shares does not copy it.
        QJsonArray args = std::exchange(packet.data, QJsonValue()).toArray();
        QString name = args.first().toString(); // the decoder checked: a non-empty array, a string first
        args.removeFirst();
        Event event{std::move(name), std::move(args), std::move(packet.attachments)};
        socket->dispatchEvent(std::move(event), packet.id);
        return;
    }
    case protocol::sio::PacketType::Ack:
    case protocol::sio::PacketType::BinaryAck: {
        if (Socket *socket = socketFor(packet.nsp))
            socket->dispatchAck(packet.id, packet.arguments(), packet.attachments);
        return;
    }
    case protocol::sio::PacketType::Disconnect:
        if (Socket *socket = socketFor(packet.nsp))
            socket->onClose(reason::ClientDisconnect);
        return;
    case protocol::sio::PacketType::ConnectError:
        closeForBadInput(QStringLiteral("CONNECT_ERROR from a client"));
        return;
    }
}

void Connection::connectTo(protocol::sio::Packet &&packet)
{
    Namespace *nsp = m_server->findNamespace(packet.nsp);
    if (!nsp) {
        protocol::sio::Packet refusal;
        refusal.type = protocol::sio::PacketType::ConnectError;
        refusal.nsp = packet.nsp;
        refusal.data = QJsonObject{{QStringLiteral("message"), QStringLiteral("Invalid namespace")}};
        send(refusal);
        return;
    }
    if (socketFor(nsp->name()))
        return; // already connected there

    const QJsonObject auth = packet.data.isObject() ? packet.data.toObject() : QJsonObject();
    if (m_server->recoveryEnabled() && recover(nsp, auth))
        return;
    auto *socket = new Socket(this, nsp, generateSocketId(), auth);
    if (m_server->recoveryEnabled()) {
        socket->m_pid = generateSocketId();
        const SocketIoOptions &options = m_server->options();
        socket->m_recovery = std::make_unique<RecoveryBuffer>(options.recoveryMaxPackets, options.recoveryMaxBytes);
    }
    if (auto error = nsp->runMiddleware(*socket)) {
        protocol::sio::Packet refusal;
        refusal.type = protocol::sio::PacketType::ConnectError;
        refusal.nsp = nsp->name();
        QJsonObject body{{QStringLiteral("message"), error->message}};
        if (!error->data.isUndefined())
            body.insert(QStringLiteral("data"), error->data);
        refusal.data = body;
        send(refusal);
        delete socket;
        return;
    }
    if (!m_session || !m_session->isOpen()) {
        delete socket;
        return;
    }
    m_sockets.append(socket);
    socket->m_connected = true;
    nsp->add(socket);
    socket->join(socket->id());
    sendConnectReply(socket);
    emit nsp->connected(socket);
    // The handlers have seen the auth; the socket object lives at least until the next
    // event-loop pass even when a handler disconnected it.
    if (!m_server->options().keepConnectAuth)
        socket->m_handshake.auth = QJsonObject();
}

void Connection::sendConnectReply(Socket *socket)
{
    protocol::sio::Packet reply;
    reply.type = protocol::sio::PacketType::Connect;
    reply.nsp = socket->nsp()->name();
    QJsonObject data{{QStringLiteral("sid"), socket->id()}};
    if (!socket->privateId().isEmpty())
        data.insert(QStringLiteral("pid"), socket->privateId());
    reply.data = data;
    send(reply);
    // Let the CONNECT reply leave on its own: what the connection handlers emit next then
    // arrives in a separate read at clients that handle one frame per read badly.
    m_session->flush();
}

bool Connection::recover(Namespace *nsp, const QJsonObject &auth)
{
    const QJsonValue pid = auth.value(QStringLiteral("pid"));
    if (!pid.isString())
        return false;
    Socket *socket = nsp->socketByPid(pid.toString());
    if (!socket || !socket->m_recovery || !socket->isConnected() || !m_session || !m_session->isOpen())
        return false;
    const std::optional<qint64> offset = parseOffset(auth.value(QStringLiteral("offset")));
    const auto missed = offset ? socket->m_recovery->after(*offset) : std::nullopt;
    if (!missed) {
        // Packets it missed were given up for room (or the offset is not ours): it cannot be
        // recovered exactly, so it ends now and the client starts a new session.
        qCDebug(lcSocketIo) << "socket" << socket->id() << "cannot be recovered exactly";
        if (socket->isDetached())
            socket->expire();
        return false;
    }
    if (Connection *previous = socket->m_connection) {
        // The client came back before its old transport was seen to close: the socket
        // moves here; the old transport goes when nothing else lives on it.
        previous->forget(socket);
        socket->detach(reason::TransportClose);
        if (previous->m_sockets.isEmpty())
            previous->close(reason::ForcedClose);
    }
    socket->attach(this);
    m_sockets.append(socket);
    qCDebug(lcSocketIo) << "socket" << socket->id() << "recovered," << missed->size() << "packets missed";
    sendConnectReply(socket);
    for (const RecoveryBuffer::Entry *entry : *missed)
        m_session->sendPrepared(entry->message);
    socket->releaseRecoveryBytes(socket->m_recovery->resend(*offset, m_server->nowMs()));
    return true;
}

void Connection::onEngineClosed(const QString &reason)
{
    m_closed = true;
    // Recovery on: after a transport failure the sockets wait for their client, detached.
    const bool recoverable = m_server->recoveryEnabled()
                             && (reason == reason::TransportClose || reason == reason::TransportError
                                 || reason == reason::PingTimeout || reason == reason::ForcedClose);
    const auto sockets = std::exchange(m_sockets, {});
    for (Socket *socket : sockets) {
        if (recoverable && socket->m_recovery)
            socket->detach(reason);
        else
            socket->onClose(reason);
    }
}

QString Connection::generateSocketId() const
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char *>(words), 15);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace craftchat::socketio
