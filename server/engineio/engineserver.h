// Engine.IO v4 server. Transport-independent session logic on top of the project's HTTP
// layer: attach() it to an HttpServer and it answers everything under its path (polling
// requests, WebSocket upgrades); other requests are passed to the fallback handler.
#pragma once

#include "server/engineio/engineoptions.h"
#include "server/engineio/enginesession.h"

#include "server/http/httpserver.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace craftchat::engineio {

class HeartbeatScheduler;

// Engine.IO error codes of the HTTP 400 answers: {"code": n, "message": "..."}.
enum class EngineError {
    UnknownTransport = 0,
    UnknownSid = 1,
    BadHandshakeMethod = 2,
    BadRequest = 3,
    Forbidden = 4,
    UnsupportedProtocolVersion = 5,
};

class EngineServer : public QObject
{
    Q_OBJECT
public:
    explicit EngineServer(const EngineOptions &options, QObject *parent = nullptr);
    ~EngineServer() override;

    const EngineOptions &options() const { return m_options; }

    // Takes over the HttpServer's request handler and upgrade filter. Requests outside the
    // Engine.IO path go to fallback (404 when none).
    void attach(http::HttpServer *server, http::HttpServer::RequestHandler fallback = {});

    // The pieces attach() wires, usable on their own.
    bool handlesPath(const QString &path) const;
    void handleRequest(const http::HttpExchangePtr &exchange);
    std::optional<http::HttpResponse> filterUpgrade(const http::HttpRequest &request) const;
    // An accepted upgrade (HttpServer::webSocketConnected): a new session or a probe.
    void handleWebSocket(http::WebSocketConnection *socket, const http::HttpRequest &request);

    int sessionCount() const { return int(m_sessions.size()); }
    EngineSession *session(const QString &sid) const { return m_sessions.value(sid); }
    // The most bytes one polling session held for its client at once (at most
    // options().maxPollBufferBytes): for tests and diagnostics.
    qint64 pollPeakBufferedBytes() const { return m_pollPeakBufferedBytes; }
    // Closes every session ("server shutting down").
    void closeAll();

    // CORS headers for a request's Origin (empty when the origin is not allowed).
    http::HeaderList corsHeaders(const http::HttpRequest &request) const;
    static http::HttpResponse errorResponse(EngineError error, const http::HttpRequest &request,
                                            const EngineServer *server = nullptr);

signals:
    void connection(craftchat::engineio::EngineSession *session);

private:
    friend class EngineSession;
    friend class HeartbeatScheduler;
    QString generateId() const;
    QByteArray openPacketJson(bool withUpgrades, const QString &sid) const;
    void handshakePolling(const http::HttpExchangePtr &exchange);
    void handshakeWebSocket(http::WebSocketConnection *socket, const http::HttpRequest &request);
    EngineSession *createSession(const Handshake &handshake, EngineSession::Transport transport);
    void onSessionClosed(EngineSession *session);
    // Makes handshake share (implicitly) the parts equal to the previous handshake's.
    void shareWithPrevious(Handshake &handshake);
    HeartbeatScheduler *heartbeat() const { return m_heartbeat; }
    void notePollBuffered(qint64 bytes) { m_pollPeakBufferedBytes = qMax(m_pollPeakBufferedBytes, bytes); }

    EngineOptions m_options;
    QHash<QString, EngineSession *> m_sessions;
    HeartbeatScheduler *m_heartbeat = nullptr;
    quint64 m_nextSerial = 1;
    qint64 m_pollPeakBufferedBytes = 0;
    // Clients of one application send the same headers, query and target again and again:
    // a session whose parts equal the previous session's shares them instead of keeping a
    // copy of its own (most of the memory of a Handshake).
    Handshake m_previousHandshake;
};

} // namespace craftchat::engineio
