// HTTP/1.1 front end on QTcpServer: one port for plain HTTP requests and WebSocket upgrades.
//
// Requests are parsed with Debian's libhttp-parser (2.9), one at a time per connection: the
// next pipelined request stays unread in the socket until the current exchange is answered,
// so responses always go out in order. Hard limits (HttpServerLimits): head size (431), body
// size checked from Content-Length before any body byte is read (413; chunked bodies are
// counted as they arrive), idle timeout for keep-alive connections, request timeout for a
// started request (408), malformed input (400). Every error reply closes the connection after
// a short lingering drain. HTTP/1.0 and "Connection: close" are honoured; responses always
// carry Content-Length, Date and Connection. Deadlines are checked by one coarse sweep timer
// in the server, not by a timer per connection.
//
// A handler may answer at once or keep the HttpExchange and answer later (long-polling). If
// the client goes away first, the exchange's abort callback runs once, isOpen() turns false
// and respond() does nothing: nothing is ever written to a deleted socket.
//
// WebSocket upgrades (GET + Connection: upgrade + Upgrade: websocket): the upgrade filter sees
// the parsed request head and either refuses it with a response (written, then the connection
// closes) or accepts it. An accepted connection leaves Qt's socket classes: its descriptor goes
// to a WebSocketConnection (the server's own RFC 6455 layer, see websocketconnection.h) which
// answers 101 at once, with the frame and message limits of HttpServerLimits, and is emitted by
// webSocketConnected together with the request. Bytes the client sent behind its request are
// parsed as frames after the signal's receivers have set the handler.
//
// TLS (setTlsCredentials): the same port speaks HTTPS and WSS instead, with OpenSSL driven on
// the descriptors by the server itself (one shared SSL_CTX per certificate). During the HTTP
// phase a TlsBridge makes the handshake and pumps plaintext to and from the HttpConnection's
// socket (one end of a socketpair), under the same caps and deadlines as a request (a client
// that never finishes the handshake is closed by the sweep; a failed handshake, e.g. plain
// HTTP sent to the TLS port, closes just that connection). An upgraded connection takes the
// descriptor and its session (TlsWebSocketConnection): the same limits as the plain path,
// and no buffer beyond its own queue.
//
// Single-threaded: use the server and its exchanges from the thread that owns the server, and
// do not delete the server from inside a handler.
#pragma once

#include "server/http/httpmessage.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QTcpSocket;
class QTimer;

namespace craftchat::http {

class HttpConnection;
class TcpListener;
struct TlsCredentials;
class WebSocketConnection;
class WebSocketHub;

struct HttpServerLimits
{
    qsizetype maxHeadBytes = 16 * 1024;          // request line + headers
    qsizetype maxBodyBytes = 1'000'000;          // larger bodies get 413 and the connection closes
    int idleTimeoutMs = 60'000;                  // an idle keep-alive connection closes after this
    int requestTimeoutMs = 30'000;               // a started request must be complete by then
    int webSocketHandshakeTimeoutMs = 10'000;    // bound on a WebSocket's closing handshake
    qint64 maxWebSocketMessageBytes = 1'000'000; // larger messages close with 1009
    qint64 maxWebSocketFrameBytes = 1'000'000;
    // Output waiting for one WebSocket peer; beyond it the peer is taken for one that does not
    // read and the connection is aborted. Well above the largest single message the server
    // sends (about maxWebSocketMessageBytes / Engine.IO maxPayload, 1 MB by default), so
    // that a reader that keeps up is never cut off by one big message.
    qint64 maxWebSocketQueuedBytes = 4 * 1024 * 1024;
    int lingerMs = 2'000; // after an error reply, drain input at most this long
    // Hostile input: transport and uploads
    int maxConnectionsPerAddress = 0;           // open connections (HTTP and WebSocket) of one peer address; 0: no cap
    int maxConnections = 0;                     // open connections in all; 0: no cap. Over a cap: closed at once
    qint64 maxStreamedOutputBytes = 256 * 1024; // a streamed response body: at most this much queued per connection
    int acceptPauseMs = 200;                    // accept() failed (EMFILE, ENFILE, ...): accepting pauses this long
    // Output waiting for all WebSocket peers together (0: no bound); beyond it a peer that
    // has not taken its earlier output is aborted like one over maxWebSocketQueuedBytes.
    qint64 maxTotalWebSocketQueuedBytes = 0;
};

// One request being answered. Shared between the connection and the handler; the
// connection drops its reference when it closes, so a late respond() is a safe no-op.
class HttpExchange
{
public:
    const HttpRequest &request() const { return m_request; }
    // Writes the response (once; later calls are ignored). Thread: the server's thread.
    void respond(const HttpResponse &response);
    bool isOpen() const; // the client is still there and no response was written
    bool isResponded() const { return m_responded; }
    // Called once when the client goes away before a response was written (not when the
    // HttpServer itself is destroyed). respond() from inside the callback is a no-op.
    void setOnAbort(std::function<void()> callback) { m_onAbort = std::move(callback); }

    // Internal: used by HttpConnection.
    HttpExchange(HttpRequest request, HttpConnection *connection);
    // The connection is gone. Runs the abort callback (once) if asked and no response was written.
    void detach(bool runAbortCallback = true);

private:
    HttpRequest m_request;
    QPointer<HttpConnection> m_connection;
    bool m_responded = false;
    bool m_detached = false;
    std::function<void()> m_onAbort;
};
using HttpExchangePtr = std::shared_ptr<HttpExchange>;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    using RequestHandler = std::function<void(const HttpExchangePtr &)>;
    // Returns nullopt to accept the upgrade, or the response that refuses it.
    using UpgradeFilter = std::function<std::optional<HttpResponse>(const HttpRequest &)>;
    // Body limit for one request, decided from its head (method, path, headers; no body yet).
    // A negative result means limits().maxBodyBytes.
    using BodyLimit = std::function<qint64(const HttpRequest &head)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setLimits(const HttpServerLimits &limits);
    const HttpServerLimits &limits() const { return m_limits; }

    // The handler must answer every exchange, now or later. Unset: 404.
    void setRequestHandler(RequestHandler handler);
    // Unset: every upgrade is refused with 400.
    void setUpgradeFilter(UpgradeFilter filter);
    // Optional per-request body limit (e.g. a larger one for uploads than for JSON calls).
    void setBodyLimit(BodyLimit bodyLimit);
    // Told about every request refused with 413 (its head; the body was not kept), so that
    // a protocol layer can react, e.g. Engine.IO closing the session whose POST was too large.
    using BodyTooLargeHandler = std::function<void(const HttpRequest &head)>;
    void setBodyTooLargeHandler(BodyTooLargeHandler handler) { m_bodyTooLarge = std::move(handler); }
    // Asked once a request's head is complete and within the body limit, before any body byte
    // is read: nullopt lets the request go on, a response refuses it at once (then the
    // connection closes; what the client still sends is discarded, never buffered).
    using HeadCheck = std::function<std::optional<HttpResponse>(const HttpRequest &head)>;
    void setHeadCheck(HeadCheck check) { m_headCheck = std::move(check); }
    // Asked for every request with a body once the head passed: a sink takes the body as it
    // arrives (HttpRequest::bodySink) instead of HttpRequest::body; null keeps it in memory.
    using BodySinkFactory = std::function<std::shared_ptr<HttpBodySink>(const HttpRequest &head)>;
    void setBodySinkFactory(BodySinkFactory factory) { m_bodySinkFactory = std::move(factory); }

    // TLS for the connections accepted from now on (before or after listen(); again to change
    // the certificate: open connections keep theirs). See TlsCredentials.
    void setTlsCredentials(const TlsCredentials &credentials);
    bool isTls() const;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;
    // Stops accepting; closes idle connections; in-flight exchanges may still respond.
    void close();
    int connectionCount() const; // HTTP connections (not those upgraded to WebSocket)
    int webSocketCount() const;  // WebSocketConnections alive, closing ones included
    // The most bytes one WebSocket had queued for its peer at once (at most
    // limits().maxWebSocketQueuedBytes): for tests and diagnostics.
    qint64 webSocketPeakQueuedBytes() const;
    qint64 webSocketQueuedBytes() const; // all WebSocket connections together, now
    // Response bytes the HTTP connections (not the WebSockets) hold for their peers now, and
    // the most one connection held at once: for tests and diagnostics.
    qint64 pendingOutputBytes() const;
    qint64 peakPendingOutputBytes() const { return m_peakPendingOutput; }
    // Connections closed at once for a connection cap, since the server was made.
    qint64 refusedConnections() const { return m_refusedConnections; }

signals:
    // A WebSocket upgrade was accepted and answered; request is the upgrade request (path,
    // query, headers, peer). Receivers set the socket's handler before they return. The socket
    // deletes itself once closed; the HttpServer deletes those still open when it goes.
    void webSocketConnected(craftchat::http::WebSocketConnection *socket, const craftchat::http::HttpRequest &request);

private:
    friend class HttpConnection;
    void onNewConnection();
    void onAcceptError(QAbstractSocket::SocketError error);
    bool admit(std::size_t addressKey);
    void release(std::size_t addressKey);
    void notePendingOutput(qint64 bytes) { m_peakPendingOutput = std::max(m_peakPendingOutput, bytes); }
    void sweep();
    void updateSweepInterval();
    // Called by HttpConnection.
    qint64 nowMs() const { return m_clock.elapsed(); }
    const QByteArray &dateHeaderValue();
    void handOverToWebSocket(QTcpSocket *socket, const HttpRequest &request, const QByteArray &earlyInput,
                             std::size_t addressKey);
    // handedOver: its address slot went on to a WebSocket.
    void removeConnection(HttpConnection *connection, bool handedOver = false);
    bool isClosing() const { return m_closing; }
    char *scratch() { return m_scratch.data(); }
    qsizetype scratchSize() const { return qsizetype(m_scratch.size()); }

    TcpListener *m_tcp = nullptr;
    WebSocketHub *m_webSockets = nullptr;
    QTimer *m_sweepTimer = nullptr;
    QElapsedTimer m_clock;
    HttpServerLimits m_limits;
    RequestHandler m_handler;
    UpgradeFilter m_upgradeFilter;
    BodyLimit m_bodyLimit;
    BodyTooLargeHandler m_bodyTooLarge;
    HeadCheck m_headCheck;
    BodySinkFactory m_bodySinkFactory;
    std::unordered_map<std::size_t, int> m_perAddress; // open connections by peer address hash
    int m_openConnections = 0;                         // HTTP and WebSocket
    qint64 m_refusedConnections = 0;
    qint64 m_peakPendingOutput = 0;
    QTimer *m_acceptResume = nullptr;
    bool m_acceptErrorLogged = false;
    std::vector<HttpConnection *> m_connections; // index kept in each connection
    std::vector<char> m_scratch;                 // shared read buffer (single thread)
    QByteArray m_date;
    qint64 m_dateSecond = -1;
    bool m_closing = false;
};

} // namespace craftchat::http
