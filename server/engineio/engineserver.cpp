#include "server/engineio/engineserver.h"

#include "server/engineio/heartbeatscheduler.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>

namespace craftchat::engineio {

namespace {

QString errorMessage(EngineError error)
{
    switch (error) {
    case EngineError::UnknownTransport:
        return QStringLiteral("Transport unknown");
    case EngineError::UnknownSid:
        return QStringLiteral("Session ID unknown");
    case EngineError::BadHandshakeMethod:
        return QStringLiteral("Bad handshake method");
    case EngineError::BadRequest:
        return QStringLiteral("Bad request");
    case EngineError::Forbidden:
        return QStringLiteral("Forbidden");
    case EngineError::UnsupportedProtocolVersion:
        return QStringLiteral("Unsupported protocol version");
    }
    return QStringLiteral("Bad request");
}

QString queryValue(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

// The checks shared by polling requests and WebSocket upgrades.
std::optional<EngineError> checkProtocol(const QUrlQuery &query, const QString &expectedTransport,
                                         const EngineOptions &options)
{
    const QString transport = queryValue(query, QStringLiteral("transport"));
    const bool known = (transport == QLatin1String("polling") && options.allowPolling)
                       || (transport == QLatin1String("websocket") && options.allowWebSocket);
    if (!known)
        return EngineError::UnknownTransport;
    if (transport != expectedTransport)
        return EngineError::BadRequest;
    if (queryValue(query, QStringLiteral("EIO")) != QLatin1String("4"))
        return EngineError::UnsupportedProtocolVersion;
    return std::nullopt;
}

} // namespace

EngineServer::EngineServer(const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_heartbeat(new HeartbeatScheduler(options.pingIntervalMs, options.pingTimeoutMs, this))
{}

EngineServer::~EngineServer()
{
    // Sessions go first, while the heartbeat scheduler (a child) still exists. Their
    // WebSockets are then closed with nobody listening, so nothing calls back into a
    // half-destroyed server.
    const auto sessions = std::exchange(m_sessions, {});
    for (EngineSession *session : sessions) {
        session->blockSignals(true);
        delete session;
    }
}

void EngineServer::attach(http::HttpServer *server, http::HttpServer::RequestHandler fallback)
{
    server->setRequestHandler([this, fallback = std::move(fallback)](const http::HttpExchangePtr &exchange) {
        if (handlesPath(exchange->request().path))
            handleRequest(exchange);
        else if (fallback)
            fallback(exchange);
        else
            exchange->respond(http::HttpResponse::error(404, QStringLiteral("Not found"), QStringLiteral("NOT_FOUND")));
    });
    server->setUpgradeFilter([this](const http::HttpRequest &request) { return filterUpgrade(request); });
    // A POST the HTTP layer refused as too large still ends its session, as maxPayload says.
    server->setBodyTooLargeHandler([this](const http::HttpRequest &head) {
        if (!handlesPath(head.path))
            return;
        if (EngineSession *session = m_sessions.value(queryValue(head.query, QStringLiteral("sid"))))
            session->closeNow(QStringLiteral("transport error"), QStringLiteral("payload too large"));
    });
    connect(server, &http::HttpServer::webSocketConnected, this, &EngineServer::handleWebSocket);
}

bool EngineServer::handlesPath(const QString &path) const
{
    if (path == m_options.path)
        return true;
    // "/socket.io" without the trailing slash is the same endpoint.
    return m_options.path.endsWith(QLatin1Char('/')) && path.size() + 1 == m_options.path.size()
           && m_options.path.startsWith(path);
}

http::HeaderList EngineServer::corsHeaders(const http::HttpRequest &request) const
{
    http::HeaderList headers;
    if (m_options.corsOrigins.isEmpty())
        return headers;
    const QByteArray origin = request.header("origin");
    if (m_options.corsOrigins.contains(QStringLiteral("*"))) {
        headers.emplaceBack("Access-Control-Allow-Origin", "*");
    } else if (!origin.isEmpty() && m_options.corsOrigins.contains(QString::fromUtf8(origin))) {
        headers.emplaceBack("Access-Control-Allow-Origin", origin);
        headers.emplaceBack("Vary", "Origin");
        if (m_options.corsCredentials)
            headers.emplaceBack("Access-Control-Allow-Credentials", "true");
    }
    return headers;
}

http::HttpResponse EngineServer::errorResponse(EngineError error, const http::HttpRequest &request,
                                               const EngineServer *server)
{
    QJsonObject body{{QStringLiteral("code"), int(error)}, {QStringLiteral("message"), errorMessage(error)}};
    auto response = http::HttpResponse::json(error == EngineError::Forbidden ? 403 : 400, QJsonDocument(body));
    if (server)
        response.headers.append(server->corsHeaders(request));
    return response;
}

void EngineServer::handleRequest(const http::HttpExchangePtr &exchange)
{
    const http::HttpRequest &request = exchange->request();

    if (request.method == "OPTIONS") {
        http::HttpResponse response;
        response.status = 204;
        response.headers = corsHeaders(request);
        if (!response.headers.isEmpty()) {
            response.headers.emplaceBack("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
            const QByteArray asked = request.header("access-control-request-headers");
            if (!asked.isEmpty()) {
                response.headers.emplaceBack("Access-Control-Allow-Headers", asked);
                response.headers.emplaceBack("Vary", "Access-Control-Request-Headers");
            }
        }
        exchange->respond(response);
        return;
    }

    if (auto error = checkProtocol(request.query, QStringLiteral("polling"), m_options)) {
        exchange->respond(errorResponse(*error, request, this));
        return;
    }

    const QString sid = queryValue(request.query, QStringLiteral("sid"));
    if (sid.isEmpty()) {
        if (request.method != "GET") {
            exchange->respond(errorResponse(EngineError::BadHandshakeMethod, request, this));
            return;
        }
        handshakePolling(exchange);
        return;
    }

    EngineSession *session = m_sessions.value(sid);
    if (session && session->pongOverdue(m_heartbeat->nowMs()))
        session->onPongTimeout(); // the timer has not fired yet, but the session is dead
    // A session closing after its queued packets still answers the poll that collects them.
    const bool collectingLastPoll = session && session->state() == EngineSession::State::Closing
                                    && session->m_closeAfterFlush && request.method == "GET";
    if (!session || (!session->isOpen() && !collectingLastPoll)) {
        exchange->respond(errorResponse(EngineError::UnknownSid, request, this));
        return;
    }
    if (session->transport() != EngineSession::Transport::Polling) {
        exchange->respond(errorResponse(EngineError::BadRequest, request, this));
        return;
    }
    if (request.method == "GET")
        session->handlePollGet(exchange);
    else if (request.method == "POST")
        session->handlePollPost(exchange);
    else
        exchange->respond(errorResponse(EngineError::BadRequest, request, this));
}

std::optional<http::HttpResponse> EngineServer::filterUpgrade(const http::HttpRequest &request) const
{
    if (!handlesPath(request.path))
        return http::HttpResponse::error(404, QStringLiteral("Not found"), QStringLiteral("NOT_FOUND"));
    if (auto error = checkProtocol(request.query, QStringLiteral("websocket"), m_options))
        return errorResponse(*error, request, this);
    const QString sid = queryValue(request.query, QStringLiteral("sid"));
    if (sid.isEmpty())
        return std::nullopt;
    EngineSession *session = m_sessions.value(sid);
    if (!session || !session->isOpen())
        return errorResponse(EngineError::UnknownSid, request, this);
    if (!m_options.allowUpgrades)
        return errorResponse(EngineError::BadRequest, request, this);
    // A session that already upgraded (or is upgrading) gets its WebSocket accepted and then
    // closed in handleWebSocket(), as the reference server does.
    return std::nullopt;
}

void EngineServer::handleWebSocket(http::WebSocketConnection *socket, const http::HttpRequest &request)
{
    const QString sid = queryValue(request.query, QStringLiteral("sid"));
    if (sid.isEmpty()) {
        handshakeWebSocket(socket, request);
        return;
    }
    // The session may have closed, or another upgrade won, between the filter and now.
    EngineSession *session = m_sessions.value(sid);
    if (!session || !session->isOpen() || session->transport() != EngineSession::Transport::Polling
        || session->isUpgrading()) {
        socket->close(http::WebSocketCloseCode::PolicyViolated);
        return;
    }
    session->beginUpgrade(socket);
}

QString EngineServer::generateId() const
{
    // 15 random bytes: 120 bits, 20 characters of base64url.
    for (;;) {
        quint32 words[4];
        QRandomGenerator::system()->fillRange(words);
        const QByteArray bytes(reinterpret_cast<const char *>(words), 15);
        QString id
            = QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (!m_sessions.contains(id))
            return id;
    }
}

QByteArray EngineServer::openPacketJson(bool withUpgrades, const QString &sid) const
{
    QJsonArray upgrades;
    if (withUpgrades && m_options.allowUpgrades && m_options.allowWebSocket)
        upgrades.append(QStringLiteral("websocket"));
    const QJsonObject open{
        {QStringLiteral("sid"), sid},
        {QStringLiteral("upgrades"), upgrades},
        {QStringLiteral("pingInterval"), m_options.pingIntervalMs},
        {QStringLiteral("pingTimeout"), m_options.pingTimeoutMs},
        {QStringLiteral("maxPayload"), double(m_options.maxPayload)},
    };
    return QJsonDocument(open).toJson(QJsonDocument::Compact);
}

EngineSession *EngineServer::createSession(const Handshake &handshake, EngineSession::Transport transport)
{
    auto *session = new EngineSession(this, generateId(), handshake, transport);
    session->m_serial = m_nextSerial++;
    m_sessions.insert(session->id(), session);
    return session;
}

void EngineServer::handshakePolling(const http::HttpExchangePtr &exchange)
{
    const http::HttpRequest &request = exchange->request();
    Handshake handshake;
    handshake.headers = request.headers;
    handshake.query = request.query;
    handshake.address = request.peerAddress;
    handshake.url = QString::fromUtf8(request.target);
    handshake.issuedMs = QDateTime::currentMSecsSinceEpoch();
    shareWithPrevious(handshake);

    EngineSession *session = createSession(handshake, EngineSession::Transport::Polling);
    // The open packet is the answer to this first GET.
    http::HttpResponse response
        = http::HttpResponse::text(200, protocol::eio::encodeTextFrame(protocol::eio::Packet::text(
                                            protocol::eio::PacketType::Open, openPacketJson(true, session->id()))));
    response.headers.append(corsHeaders(request));
    exchange->respond(response);
    m_heartbeat->add(session);
    emit connection(session);
}

void EngineServer::handshakeWebSocket(http::WebSocketConnection *socket, const http::HttpRequest &request)
{
    Handshake handshake;
    handshake.headers.reserve(request.headers.size());
    for (const auto &header : request.headers) {
        // The upgrade's own headers mean nothing once the WebSocket is open: not kept.
        if (header.first.startsWith("sec-websocket-") || header.first == "connection" || header.first == "upgrade")
            continue;
        handshake.headers.append(header);
    }
    handshake.headers.squeeze();
    handshake.query = request.query;
    handshake.address = request.peerAddress;
    handshake.url = QString::fromUtf8(request.target);
    handshake.issuedMs = QDateTime::currentMSecsSinceEpoch();
    shareWithPrevious(handshake);

    EngineSession *session = createSession(handshake, EngineSession::Transport::WebSocket);
    session->attachWebSocket(socket);
    session->writeWebSocket(
        protocol::eio::Packet::text(protocol::eio::PacketType::Open, openPacketJson(false, session->id())));
    m_heartbeat->add(session);
    emit connection(session);
}

namespace {

// Equal to what the previous session showed: take its implicitly shared copy (one allocation
// for thousands of sessions of the same client build); else remember this one for the next.
template <typename T>
void shareOrRemember(T &value, T &previous)
{
    if (value == previous)
        value = previous;
    else
        previous = value;
}

} // namespace

void EngineServer::shareWithPrevious(Handshake &handshake)
{
    Handshake &previous = m_previousHandshake;
    shareOrRemember(handshake.headers, previous.headers);
    shareOrRemember(handshake.query, previous.query);
    shareOrRemember(handshake.url, previous.url);
    shareOrRemember(handshake.address, previous.address);
}

void EngineServer::onSessionClosed(EngineSession *session)
{
    m_heartbeat->remove(session);
    m_sessions.remove(session->id());
    session->deleteLater();
}

void EngineServer::closeAll()
{
    const auto sessions = m_sessions.values();
    for (EngineSession *session : sessions)
        session->close(QStringLiteral("server shutting down"));
}

} // namespace craftchat::engineio
