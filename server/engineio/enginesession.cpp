#include "server/engineio/enginesession.h"

#include "server/engineio/engineserver.h"
#include "server/engineio/heartbeatscheduler.h"

#include "server/http/httpserver.h"
#include "server/http/websocketframe.h"
#include "server/logging/logcategories.h"

#include <QTimer>

namespace craftchat::engineio {

namespace {

http::HttpResponse pollResponse(const QByteArray &payload, const http::HttpRequest &request, const EngineServer *server)
{
    http::HttpResponse response = http::HttpResponse::text(200, payload);
    response.headers.append(server->corsHeaders(request));
    return response;
}

// The WebSocket text frame of a packet, built in one go (no intermediate "digit + data" copy).
QByteArray webSocketTextFrame(const protocol::eio::Packet &packet)
{
    return http::WebSocketFrame::textWithPrefix(char('0' + int(packet.type)), packet.data);
}

// Bytes a packet takes in a polling payload: its type digit (or "b" and base64 for binary
// data) and a record separator, as encodePayload() counts them.
qint64 pollFormBytes(const protocol::eio::Packet &packet)
{
    return 2 + (packet.binary ? (packet.data.size() + 2) / 3 * 4 : packet.data.size());
}

} // namespace

const QByteArray &PreparedMessage::webSocketFrame() const
{
    if (m_wsFrame.isNull())
        m_wsFrame = webSocketTextFrame(protocol::eio::Packet::message(m_text));
    return m_wsFrame;
}

EngineSession::EngineSession(EngineServer *server, QString id, Handshake handshake, Transport transport)
    : QObject(server)
    , m_server(server)
    , m_id(std::move(id))
    , m_handshake(std::move(handshake))
    , m_transport(transport)
{}

EngineSession::~EngineSession()
{
    if (m_state != State::Closed)
        m_server->heartbeat()->remove(this);
    if (m_pendingGet)
        m_pendingGet->setOnAbort({});
    for (http::WebSocketConnection *socket : {m_socket, m_probeSocket}) {
        if (socket) {
            socket->setHandler(nullptr);
            socket->abort(); // deletes itself later
        }
    }
}

// --- sending ------------------------------------------------------------------------------

void EngineSession::send(const protocol::eio::Packet &packet)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::WebSocket && m_socket) {
        writeWebSocket(packet);
        return;
    }
    if (!reservePollBuffer(pollFormBytes(packet)))
        return;
    m_pollBuffer.append(packet);
    flushPolling();
}

void EngineSession::sendMessage(const QByteArray &utf8Text)
{
    send(protocol::eio::Packet::message(utf8Text));
}

void EngineSession::sendBinaryMessage(const QByteArray &bytes)
{
    send(protocol::eio::Packet::binaryMessage(bytes));
}

void EngineSession::sendPrepared(const PreparedMessage &message)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::WebSocket && m_socket) {
        m_socket->sendFrame(message.webSocketFrame());
        for (const QByteArray &attachment : message.attachments())
            m_socket->sendBinary(attachment);
        return;
    }
    // The message and its attachments are buffered whole or not at all.
    QList<protocol::eio::Packet> packets;
    packets.reserve(1 + message.attachments().size());
    packets.append(protocol::eio::Packet::message(message.text()));
    for (const QByteArray &attachment : message.attachments())
        packets.append(protocol::eio::Packet::binaryMessage(attachment));
    qint64 bytes = 0;
    for (const protocol::eio::Packet &packet : std::as_const(packets))
        bytes += pollFormBytes(packet);
    if (!reservePollBuffer(bytes))
        return;
    m_pollBuffer.append(packets);
    flushPolling();
}

bool EngineSession::reservePollBuffer(qint64 bytes)
{
    const qint64 wanted = m_pollBufferBytes + bytes;
    if (m_pendingGet) {
        // A held GET takes the packet at once (flushPolling): nothing stays.
        m_pollBufferBytes = wanted;
        return true;
    }
    if (wanted > m_server->options().maxPollBufferBytes) {
        dropSlowPoller(wanted);
        return false;
    }
    m_pollBufferBytes = wanted;
    m_server->notePollBuffered(wanted);
    return true;
}

void EngineSession::dropSlowPoller(qint64 wanted)
{
    // Once per session (it stops accepting packets here); the address, never what was sent
    // nor the sid (which is all it takes to poll this session).
    qCInfo(logging::lcSocket).nospace().noquote()
        << "Polling client " << m_handshake.address.toString() << " does not poll: session closed with " << wanted
        << " bytes to buffer (limit " << m_server->options().maxPollBufferBytes << ")";
    // What was buffered is dropped now; the session takes no more packets and closes from the
    // event loop, not inside the send call that overflowed (the sender may be going through
    // many recipients, and closed() makes the layers above leave rooms and namespaces).
    clearPollBuffer();
    m_state = State::Closing;
    // Polls and upgrades that come meanwhile are refused as for a closed session (400
    // "Session ID unknown"); a held GET cannot exist here (it would have taken the packets).
    QMetaObject::invokeMethod(
        this,
        [this] {
            closeNow(QStringLiteral("transport error"),
                     QStringLiteral("slow consumer: the client stopped polling its output"));
        },
        Qt::QueuedConnection);
}

void EngineSession::appendCloseToPollBuffer()
{
    // Past the limit by the close packet's two bytes at most: closing is never refused.
    const protocol::eio::Packet close = protocol::eio::Packet::text(protocol::eio::PacketType::Close);
    m_pollBufferBytes += pollFormBytes(close);
    m_pollBuffer.append(close);
}

void EngineSession::clearPollBuffer()
{
    m_pollBuffer.clear();
    m_pollBufferBytes = 0;
}

void EngineSession::flush()
{
    if (m_socket)
        m_socket->flush();
}

void EngineSession::writeWebSocket(const protocol::eio::Packet &packet)
{
    if (!m_socket)
        return;
    if (packet.binary)
        m_socket->sendBinary(packet.data);
    else
        m_socket->sendFrame(webSocketTextFrame(packet));
}

void EngineSession::answerPendingGet(const QByteArray &payload)
{
    if (!m_pendingGet)
        return;
    const auto exchange = std::exchange(m_pendingGet, {});
    exchange->setOnAbort({});
    exchange->respond(pollResponse(payload, exchange->request(), m_server));
}

void EngineSession::flushPolling()
{
    if (!m_pendingGet || m_pollBuffer.isEmpty())
        return;
    const bool closing = m_closeAfterFlush;
    m_pollBufferBytes = 0;
    answerPendingGet(protocol::eio::encodePayload(std::exchange(m_pollBuffer, {})));
    if (closing)
        closeNow(m_closeReason);
}

// --- polling transport --------------------------------------------------------------------

void EngineSession::handlePollGet(const std::shared_ptr<http::HttpExchange> &exchange)
{
    if (m_pendingGet && m_pendingGet->isOpen()) {
        // Two long-polls at once: the client is confused or hostile. End both and the session.
        exchange->respond(EngineServer::errorResponse(EngineError::BadRequest, exchange->request(), m_server));
        closeNow(QStringLiteral("transport error"), QStringLiteral("overlapping poll requests"), "1");
        return;
    }
    if (isUpgrading()) {
        // The client is moving to WebSocket: release its poll at once.
        exchange->respond(
            pollResponse(protocol::eio::encodeTextFrame(protocol::eio::Packet::text(protocol::eio::PacketType::Noop)),
                         exchange->request(), m_server));
        return;
    }
    m_pendingGet = exchange;
    QPointer<EngineSession> self(this);
    exchange->setOnAbort([self] {
        if (self && self->m_state != State::Closed) {
            self->m_pendingGet.reset();
            self->closeNow(QStringLiteral("transport error"), QStringLiteral("poll connection closed prematurely"));
        }
    });
    flushPolling();
}

void EngineSession::handlePollPost(const std::shared_ptr<http::HttpExchange> &exchange)
{
    const http::HttpRequest &request = exchange->request();
    if (request.body.size() > m_server->options().maxPayload) {
        http::HttpResponse response
            = http::HttpResponse::error(413, QStringLiteral("Payload too large"), QStringLiteral("PAYLOAD_TOO_LARGE"));
        response.headers.append(m_server->corsHeaders(request));
        exchange->respond(response);
        closeNow(QStringLiteral("transport error"), QStringLiteral("payload too large"));
        return;
    }
    auto packets = protocol::eio::decodePayload(request.body);
    if (!packets) {
        exchange->respond(EngineServer::errorResponse(EngineError::BadRequest, request, m_server));
        closeNow(QStringLiteral("parse error"));
        return;
    }
    // Answer first: handling the packets may close the session.
    http::HttpResponse response = http::HttpResponse::text(200, "ok", "text/html");
    response.headers.append(m_server->corsHeaders(request));
    exchange->respond(response);
    QPointer<EngineSession> self(this);
    for (protocol::eio::Packet &packet : *packets) {
        if (!self || m_state == State::Closed)
            break;
        receive(std::move(packet));
    }
}

// --- WebSocket transport ------------------------------------------------------------------

void EngineSession::attachWebSocket(http::WebSocketConnection *socket)
{
    m_socket = socket;
    m_transport = Transport::WebSocket;
    socket->setHandler(this);
}

void EngineSession::webSocketMessage(http::WebSocketConnection *socket, const QByteArray &message, bool binary)
{
    if (socket == m_probeSocket) {
        onProbeMessage(message, binary);
        return;
    }
    if (socket != m_socket)
        return;
    if (binary) {
        receive(protocol::eio::decodeBinaryFrame(message));
        return;
    }
    auto packet = protocol::eio::decodeTextFrame(message);
    if (!packet) {
        closeNow(QStringLiteral("parse error"));
        return;
    }
    receive(std::move(*packet));
}

void EngineSession::webSocketClosed(http::WebSocketConnection *socket)
{
    if (socket == m_probeSocket) {
        m_probeSocket = nullptr; // the upgrade is off; polling goes on
        return;
    }
    if (socket == m_socket) {
        m_socket = nullptr;
        if (socket->isSlowConsumer()) // the HTTP layer logged it (once, at info)
            closeNow(QStringLiteral("transport error"),
                     QStringLiteral("slow consumer: the client stopped reading its output"));
        else
            closeNow(QStringLiteral("transport close"));
    }
}

void EngineSession::webSocketDeleted(http::WebSocketConnection *socket)
{
    // The HttpServer went before this session: drop the pointer, close nothing.
    if (socket == m_probeSocket)
        m_probeSocket = nullptr;
    if (socket == m_socket)
        m_socket = nullptr;
}

void EngineSession::releaseSocket(http::WebSocketConnection *socket)
{
    socket->setHandler(nullptr);
    socket->abort();
}

void EngineSession::beginUpgrade(http::WebSocketConnection *socket)
{
    m_probeSocket = socket;
    socket->setHandler(this);
    const quint32 serial = ++m_probeSerial;
    QTimer::singleShot(m_server->options().upgradeTimeoutMs, this, [this, serial] {
        if (m_probeSocket && m_probeSerial == serial)
            abortUpgrade();
    });
}

void EngineSession::onProbeMessage(const QByteArray &message, bool binary)
{
    const auto packet = binary ? std::nullopt : protocol::eio::decodeTextFrame(message);
    if (packet && packet->type == protocol::eio::PacketType::Ping && packet->data == "probe") {
        m_probeSocket->sendFrame(
            webSocketTextFrame(protocol::eio::Packet::text(protocol::eio::PacketType::Pong, "probe")));
        // Release the client's pending poll so that it can complete the upgrade.
        answerPendingGet(protocol::eio::encodeTextFrame(protocol::eio::Packet::text(protocol::eio::PacketType::Noop)));
        return;
    }
    if (packet && packet->type == protocol::eio::PacketType::Upgrade) {
        finishUpgrade();
        return;
    }
    abortUpgrade();
}

void EngineSession::finishUpgrade()
{
    http::WebSocketConnection *socket = std::exchange(m_probeSocket, nullptr);
    answerPendingGet(protocol::eio::encodeTextFrame(protocol::eio::Packet::text(protocol::eio::PacketType::Noop)));
    attachWebSocket(socket);
    const QList<protocol::eio::Packet> buffered = std::exchange(m_pollBuffer, {});
    m_pollBufferBytes = 0; // the WebSocket's own output limit applies from here on
    for (const protocol::eio::Packet &packet : buffered)
        writeWebSocket(packet);
    if (m_closeAfterFlush)
        closeNow(m_closeReason);
}

void EngineSession::abortUpgrade()
{
    if (http::WebSocketConnection *socket = std::exchange(m_probeSocket, nullptr))
        releaseSocket(socket);
}

// --- packets ------------------------------------------------------------------------------

void EngineSession::receive(protocol::eio::Packet &&packet)
{
    switch (packet.type) {
    case protocol::eio::PacketType::Message:
        emit packetReceived(packet);
        break;
    case protocol::eio::PacketType::Pong:
        if (m_awaitingPong)
            m_server->heartbeat()->pongReceived(this);
        break;
    case protocol::eio::PacketType::Close:
        // The client leaves: a pending poll is released with a noop.
        closeNow(QStringLiteral("transport close"), QStringLiteral("client sent close"), "6");
        break;
    case protocol::eio::PacketType::Noop:
    case protocol::eio::PacketType::Ping:
        break;
    case protocol::eio::PacketType::Open:
    case protocol::eio::PacketType::Upgrade:
        closeNow(QStringLiteral("parse error"), QStringLiteral("unexpected packet"));
        break;
    }
}

void EngineSession::onPingDue(qint64 dueMs)
{
    send(protocol::eio::Packet::text(protocol::eio::PacketType::Ping));
    m_server->heartbeat()->pingSent(this, dueMs);
}

void EngineSession::onPongTimeout()
{
    closeNow(QStringLiteral("ping timeout"));
}

// --- closing ------------------------------------------------------------------------------

void EngineSession::close(const QString &reason)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::Polling && !m_pollBuffer.isEmpty() && !m_pendingGet) {
        // Deliver what is queued with the next poll, then close; give up after a ping cycle.
        m_state = State::Closing;
        m_closeAfterFlush = true;
        m_closeReason = reason;
        appendCloseToPollBuffer();
        QPointer<EngineSession> self(this);
        QTimer::singleShot(m_server->options().pingIntervalMs + m_server->options().pingTimeoutMs, this, [self] {
            if (self)
                self->closeNow(self->m_closeReason);
        });
        return;
    }
    if (m_transport == Transport::Polling) {
        appendCloseToPollBuffer();
        m_state = State::Closing;
        m_closeAfterFlush = true;
        m_closeReason = reason;
        flushPolling();
        if (m_state != State::Closed)
            closeNow(reason);
        return;
    }
    closeNow(reason);
}

void EngineSession::closeNow(const QString &reason, const QString &description, const QByteArray &pendingGetReply)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_server->heartbeat()->remove(this);

    if (m_pendingGet) {
        QByteArray reply = pendingGetReply;
        if (reply.isEmpty())
            reply = m_pollBuffer.isEmpty()
                        ? QByteArray("1")
                        : protocol::eio::encodePayload(m_pollBuffer) + protocol::eio::RecordSeparator + '1';
        answerPendingGet(reply);
    }
    clearPollBuffer();
    abortUpgrade();
    if (http::WebSocketConnection *socket = std::exchange(m_socket, nullptr)) {
        socket->setHandler(nullptr);
        socket->close(http::WebSocketCloseCode::Normal); // queued packets leave first
    }
    emit closed(reason, description);
    m_server->onSessionClosed(this);
}

} // namespace craftchat::engineio
