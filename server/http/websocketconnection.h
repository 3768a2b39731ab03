// The server side of one WebSocket (RFC 6455) after the HTTP upgrade.
//
// HttpConnection validates the upgrade request; the HttpServer then takes the descriptor away
// from its QTcpSocket and gives it to a WebSocketConnection, which answers the handshake (101,
// Sec-WebSocket-Accept; no extension, no subprotocol) and from then on does non-blocking
// recv()/send() on the descriptor itself. Per connection that is this object (which is also
// its read notifier), the frame parser's state and nothing else while idle: no read buffer (bytes are
// read into the hub's shared buffer and parsed at once), no write buffer once the kernel took
// the bytes, no timer (deadlines are checked by the HttpServer's sweep).
//
// Writes made during one event-loop pass are gathered and handed to the kernel with one
// send() in the next pass (WebSocketHub); a complete frame given to sendFrame() is kept by
// reference, so a broadcast frame built once is shared by every recipient. Only when the
// kernel refuses bytes does a write notifier exist until they are gone.
//
// Output is bounded: a peer that stops reading while messages keep coming would otherwise
// make the server queue without limit. When the bytes waiting for the kernel would exceed
// HttpServerLimits::maxWebSocketQueuedBytes, the connection is aborted (TCP reset, queue
// dropped) and its handler is told with closed() in the next event-loop pass, never from
// inside the send call that overflowed (the sender may be iterating over many recipients);
// isSlowConsumer() then says why.
//
// Messages go to one WebSocketHandler by a direct call, text as UTF-8 bytes. The handler is
// told once (closed()) when the connection stops by the peer's doing: its close frame, a
// protocol error, the TCP connection ending. Not after the local side's close() or abort().
//
// Closing: a close frame is sent (echoing the peer's code, or the local code), the write side
// is shut down once it left, and the descriptor is closed when the peer ends too, or after
// HttpServerLimits::webSocketHandshakeTimeoutMs. The object deletes itself (deleteLater) when
// its descriptor is closed; the hub deletes the remaining ones when the HttpServer goes.
//
// Transport: this class reads and writes the descriptor itself (recv/send, its own read
// notifier). Over TLS, TlsWebSocketConnection overrides the few transport primitives below
// (receive, send, wait for room, shut down the write side, close) to go through an OpenSSL
// session on the same descriptor; everything else (framing, limits, closing handshake,
// deadlines, the peer's address) is shared. The plain path has no extra object or
// indirection beyond a virtual call per recv()/send().
//
// Single-threaded, like the HttpServer.
#pragma once

#include "server/http/websocketframe.h"
#include "server/http/websocketframeparser.h"

#include <QHostAddress>
#include <QSocketNotifier>

namespace craftchat::http {

class WebSocketConnection;
class WebSocketHub;

class WebSocketHandler
{
public:
    // A complete message: text (valid UTF-8) or binary.
    virtual void webSocketMessage(WebSocketConnection *socket, const QByteArray &message, bool binary) = 0;
    // The peer closed, failed or went away; nothing is delivered after this.
    virtual void webSocketClosed(WebSocketConnection *socket) = 0;
    // The connection is being deleted while it still had this handler: only when its
    // HttpServer goes first. Forget the pointer; nothing else should happen.
    virtual void webSocketDeleted(WebSocketConnection *socket) = 0;

protected:
    ~WebSocketHandler() = default;
};

// The connection is its own read notifier (a QSocketNotifier on its descriptor): one QObject
// per idle connection instead of two. Use the notifier part only through this class.
class WebSocketConnection : public QSocketNotifier
{
    Q_OBJECT
public:
    enum class State : quint8 {
        Open,
        Closing, // a close frame is queued or sent; waiting for the peer to end
        Closed,  // descriptor closed; deleted later
    };

    ~WebSocketConnection() override;

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    void setHandler(WebSocketHandler *handler) { m_handler = handler; }
    WebSocketHandler *handler() const { return m_handler; }

    void sendText(QByteArrayView utf8);
    void sendBinary(QByteArrayView bytes);
    // A complete unmasked frame (WebSocketFrame::build), shared, not copied, when nothing
    // else is queued.
    void sendFrame(const QByteArray &frame);
    // Hands what is queued to the kernel now instead of in the next event-loop pass.
    void flush();
    // Starts the closing handshake (once). The handler is not called.
    void close(quint16 code = WebSocketCloseCode::Normal, QByteArrayView reason = {});
    // Closes the TCP connection now; queued bytes are dropped. The handler is not called.
    void abort();

    // Bytes queued for the kernel and not yet taken by it (bounded by the hub's limit).
    qsizetype queuedBytes() const { return m_out.size() - m_outSent; }
    // True once the connection was aborted because its peer did not read its output.
    bool isSlowConsumer() const { return m_slowConsumer; }

    // The code of the peer's close frame (NoStatus when it had none), 0 before one came.
    quint16 peerCloseCode() const { return m_peerCloseCode; }
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    qintptr socketDescriptor() const { return m_fd; }

protected:
    // Readiness to read arrives as an event and goes to onReadable() by a direct call: no
    // signal connection (and its memory) per socket.
    bool event(QEvent *event) override;

    // Takes ownership of fd (connected, any blocking mode; made non-blocking). Created by the hub.
    WebSocketConnection(int fd, WebSocketHub *hub);

    // Transport primitives (see the header comment). receive: > 0 bytes read, 0 none now
    // (readiness is signalled again), < 0 the stream ended or failed. send: > 0 bytes
    // taken, 0 no room now (waitForRoom() follows), < 0 the peer is gone.
    virtual qint64 transportReceive(char *buffer, qint64 size);
    virtual qint64 transportSend(const char *data, qint64 size);
    // Call onWritable() once there is room again.
    virtual void transportWaitForRoom();
    virtual void transportShutdownWrite();
    // Ends the connection; reset: with a TCP reset, dropping what was not sent.
    virtual void transportClose(bool reset);

    void onReadable();
    void onWritable();
    bool isAwaitingRoom() const { return m_awaitingRoom; }
    WebSocketHub *hub() const { return m_hub; }

private:
    friend class WebSocketHub;

    void feed(const char *data, qsizetype size);
    void handleEvent(WebSocketFrameParser::Event &&event);
    void queue(const QByteArray &bytes);
    void dropSlowConsumer(qsizetype wanted);
    void onFlushPass();
    void queueClose(quint16 code, QByteArrayView reason);
    void fail(quint16 code);
    void peerGone();
    void afterWritesDone();
    void closeDescriptor(bool reset = false);
    void notifyClosed();
    void onDeadline();

    WebSocketHub *m_hub;
    WebSocketHandler *m_handler = nullptr;
    QSocketNotifier *m_writer = nullptr; // only while the kernel refuses bytes
    WebSocketFrameParser m_parser;
    QByteArray m_out;        // queued, not yet taken by the kernel
    qsizetype m_outSent = 0; // bytes of m_out already sent
    qint64 m_deadline = 0;   // while Closing
    // Hub bookkeeping: every connection of the hub (intrusive list), and the flush list.
    WebSocketConnection *m_prev = nullptr;
    WebSocketConnection *m_next = nullptr;
    int m_fd = -1;
    std::size_t m_addressKey = 0; // the HttpServer's slot of the peer address
    quint16 m_peerCloseCode = 0;
    State m_state = State::Open;
    bool m_flushScheduled = false;
    bool m_awaitingRoom = false; // the transport refused bytes; onWritable() comes when it has room
    bool m_closeQueued = false;  // our close frame is in m_out (or sent)
    bool m_writeShut = false;
    bool m_peerClosed = false;   // the peer's close frame came (the handshake is complete)
    bool m_discardInput = false; // after a protocol error: drain without parsing
    bool m_inFeed = false;
    bool m_slowConsumer = false;  // aborted: the output limit was reached
    bool m_notifyPending = false; // closed; the handler is told (then deletion) in the next pass
};

} // namespace craftchat::http
