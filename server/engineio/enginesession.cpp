#include "enginesession.h"

#include "engineserver.h"
#include "heartbeatscheduler.h"

#include "http/directwritesocket.h"
#include "http/httpserver.h"

#include <QTimer>
#include <QWebSocket>

namespace craftchat::eio {

namespace {

http::HttpResponse pollResponse(const QByteArray &payload, const http::HttpRequest &request,
                                const EngineServer *server)
{
    http::HttpResponse response = http::HttpResponse::text(200, payload);
    response.headers.append(server->corsHeaders(request));
    return response;
}

} // namespace

const QString &PreparedMessage::webSocketFrame() const
{
    if (m_wsFrame.isNull()) {
        m_wsFrame.reserve(m_text.size() + 1);
        m_wsFrame.append(QLatin1Char('4'));
        m_wsFrame.append(QString::fromUtf8(m_text));
    }
    return m_wsFrame;
}

EngineSession::EngineSession(EngineServer *server, QString id, Handshake handshake, Transport transport)
    : QObject(server), m_server(server), m_id(std::move(id)), m_handshake(std::move(handshake)),
      m_transport(transport)
{
}

EngineSession::~EngineSession()
{
    if (m_state != State::Closed)
        m_server->heartbeat()->remove(this);
    if (m_pendingGet)
        m_pendingGet->setOnAbort({});
    for (QWebSocket *socket : {m_socket.data(), m_probeSocket.data()}) {
        if (!socket)
            continue;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

// --- sending ------------------------------------------------------------------------------

void EngineSession::send(const Packet &packet)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::WebSocket && m_socket) {
        writeWebSocket(packet);
        return;
    }
    m_pollBuffer.append(packet);
    flushPolling();
}

void EngineSession::sendMessage(const QByteArray &utf8Text)
{
    send(Packet::message(utf8Text));
}

void EngineSession::sendBinaryMessage(const QByteArray &bytes)
{
    send(Packet::binaryMessage(bytes));
}

void EngineSession::sendPrepared(const PreparedMessage &message)
{
    if (m_state != State::Open)
        return;
    if (m_transport == Transport::WebSocket && m_socket) {
        m_socket->sendTextMessage(message.webSocketFrame());
        for (const QByteArray &attachment : message.attachments())
            m_socket->sendBinaryMessage(attachment);
        return;
    }
    m_pollBuffer.append(Packet::message(message.text()));
    for (const QByteArray &attachment : message.attachments())
        m_pollBuffer.append(Packet::binaryMessage(attachment));
    flushPolling();
}

void EngineSession::flush()
{
    if (auto *direct = http::DirectWriteSocket::of(m_socket))
        direct->flushPending();
    if (m_socket)
        m_socket->flush();
}

void EngineSession::writeWebSocket(const Packet &packet)
{
    if (!m_socket)
        return;
    if (packet.binary)
        m_socket->sendBinaryMessage(packet.data);
    else
        m_socket->sendTextMessage(QString::fromUtf8(encodeTextFrame(packet)));
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
    answerPendingGet(encodePayload(std::exchange(m_pollBuffer, {})));
    if (closing)
        closeNow(m_closeReason);
}

// --- polling transport --------------------------------------------------------------------

void EngineSession::handlePollGet(const std::shared_ptr<http::HttpExchange> &exchange)
{
    if (m_pendingGet && m_pendingGet->isOpen()) {
        // Two long-polls at once: the client is confused or hostile. End both and the session.
        exchange->respond(EngineServer::errorResponse(EngineError::BadRequest, exchange->request(), m_server));
        closeNow(QStringLiteral("transport error"), QStringLiteral("overlapping poll requests"),
                 "1");
        return;
    }
    if (isUpgrading()) {
        // The client is moving to WebSocket: release its poll at once.
        exchange->respond(pollResponse(encodeTextFrame(Packet::text(PacketType::Noop)),
                                       exchange->request(), m_server));
        return;
    }
    m_pendingGet = exchange;
    QPointer<EngineSession> self(this);
    exchange->setOnAbort([self] {
        if (self && self->m_state != State::Closed) {
            self->m_pendingGet.reset();
            self->closeNow(QStringLiteral("transport error"),
                           QStringLiteral("poll connection closed prematurely"));
        }
    });
    flushPolling();
}

void EngineSession::handlePollPost(const std::shared_ptr<http::HttpExchange> &exchange)
{
    const http::HttpRequest &request = exchange->request();
    if (request.body.size() > m_server->options().maxPayload) {
        http::HttpResponse response = http::HttpResponse::error(413, QStringLiteral("Payload too large"),
                                                                QStringLiteral("PAYLOAD_TOO_LARGE"));
        response.headers.append(m_server->corsHeaders(request));
        exchange->respond(response);
        closeNow(QStringLiteral("transport error"), QStringLiteral("payload too large"));
        return;
    }
    auto packets = decodePayload(request.body);
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
    for (Packet &packet : *packets) {
        if (!self || m_state == State::Closed)
            break;
        receive(std::move(packet));
    }
}

// --- WebSocket transport ------------------------------------------------------------------

void EngineSession::attachWebSocket(QWebSocket *socket)
{
    m_socket = socket;
    m_transport = Transport::WebSocket;
    socket->disconnect(this);
    connect(socket, &QWebSocket::textMessageReceived, this, &EngineSession::onWebSocketText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &EngineSession::onWebSocketBinary);
    connect(socket, &QWebSocket::disconnected, this, [this] {
        closeNow(QStringLiteral("transport close"));
    });
}

void EngineSession::onWebSocketText(const QString &text)
{
    auto packet = decodeTextFrame(text.toUtf8());
    if (!packet) {
        closeNow(QStringLiteral("parse error"));
        return;
    }
    receive(std::move(*packet));
}

void EngineSession::onWebSocketBinary(const QByteArray &data)
{
    receive(decodeBinaryFrame(data));
}

void EngineSession::beginUpgrade(QWebSocket *socket)
{
    m_probeSocket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, &EngineSession::onProbeText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this] { abortUpgrade(); });
    connect(socket, &QWebSocket::disconnected, this, [this] { abortUpgrade(); });
    QPointer<QWebSocket> probe(socket);
    QTimer::singleShot(m_server->options().upgradeTimeoutMs, this, [this, probe] {
        if (probe && m_probeSocket == probe)
            abortUpgrade();
    });
}

void EngineSession::onProbeText(const QString &text)
{
    const auto packet = decodeTextFrame(text.toUtf8());
    if (packet && packet->type == PacketType::Ping && packet->data == "probe") {
        m_probeSocket->sendTextMessage(QStringLiteral("3probe"));
        // Release the client's pending poll so that it can complete the upgrade.
        answerPendingGet(encodeTextFrame(Packet::text(PacketType::Noop)));
        return;
    }
    if (packet && packet->type == PacketType::Upgrade) {
        finishUpgrade();
        return;
    }
    abortUpgrade();
}

void EngineSession::finishUpgrade()
{
    QWebSocket *socket = m_probeSocket;
    m_probeSocket = nullptr;
    answerPendingGet(encodeTextFrame(Packet::text(PacketType::Noop)));
    attachWebSocket(socket);
    const QList<Packet> buffered = std::exchange(m_pollBuffer, {});
    for (const Packet &packet : buffered)
        writeWebSocket(packet);
    if (m_closeAfterFlush)
        closeNow(m_closeReason);
}

void EngineSession::abortUpgrade()
{
    if (!m_probeSocket)
        return;
    QWebSocket *socket = m_probeSocket;
    m_probeSocket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

// --- packets ------------------------------------------------------------------------------

void EngineSession::receive(Packet &&packet)
{
    switch (packet.type) {
    case PacketType::Message:
        emit packetReceived(packet);
        break;
    case PacketType::Pong:
        if (m_awaitingPong)
            m_server->heartbeat()->pongReceived(this);
        break;
    case PacketType::Close:
        // The client leaves: a pending poll is released with a noop.
        closeNow(QStringLiteral("transport close"), QStringLiteral("client sent close"), "6");
        break;
    case PacketType::Noop:
    case PacketType::Ping:
        break;
    case PacketType::Open:
    case PacketType::Upgrade:
        closeNow(QStringLiteral("parse error"), QStringLiteral("unexpected packet"));
        break;
    }
}

void EngineSession::onPingDue(qint64 dueMs)
{
    send(Packet::text(PacketType::Ping));
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
        m_pollBuffer.append(Packet::text(PacketType::Close));
        QPointer<EngineSession> self(this);
        QTimer::singleShot(m_server->options().pingIntervalMs + m_server->options().pingTimeoutMs, this,
                           [self] {
                               if (self)
                                   self->closeNow(self->m_closeReason);
                           });
        return;
    }
    if (m_transport == Transport::Polling) {
        m_pollBuffer.append(Packet::text(PacketType::Close));
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

void EngineSession::closeNow(const QString &reason, const QString &description,
                             const QByteArray &pendingGetReply)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_server->heartbeat()->remove(this);

    if (m_pendingGet) {
        QByteArray reply = pendingGetReply;
        if (reply.isEmpty())
            reply = m_pollBuffer.isEmpty() ? QByteArray("1")
                                           : encodePayload(m_pollBuffer) + RecordSeparator + '1';
        answerPendingGet(reply);
    }
    m_pollBuffer.clear();
    abortUpgrade();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ConnectedState)
            socket->close(QWebSocketProtocol::CloseCodeNormal);
        socket->deleteLater();
    }
    emit closed(reason, description);
    m_server->onSessionClosed(this);
}

} // namespace craftchat::eio
