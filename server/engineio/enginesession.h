// One Engine.IO session: a client identified by its sid, reachable over HTTP long-polling or
// WebSocket, possibly switching from the first to the second (upgrade).
#pragma once

#include "common/protocol/enginepacket.h"

#include "server/http/websocketconnection.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrlQuery>
#include <memory>

namespace craftchat::http {
class HttpExchange;
}

namespace craftchat::engineio {

class EngineServer;

// A MESSAGE packet encoded once and written to many sessions (broadcasts): the polling form
// and the complete WebSocket frame (header + "4" + text) are built at most once, whatever the
// number of recipients, and every WebSocket recipient queues the same shared bytes.
class PreparedMessage
{
public:
    explicit PreparedMessage(QByteArray text, QList<QByteArray> attachments = {})
        : m_text(std::move(text))
        , m_attachments(std::move(attachments))
    {}
    const QByteArray &text() const { return m_text; } // without the "4" type prefix
    const QList<QByteArray> &attachments() const { return m_attachments; }
    const QByteArray &webSocketFrame() const; // the unmasked text frame of "4" + text

private:
    QByteArray m_text;
    QList<QByteArray> m_attachments;
    mutable QByteArray m_wsFrame;
};

// What the client showed when it opened the session.
struct Handshake
{
    QList<QPair<QByteArray, QByteArray>> headers; // lower-case names
    QUrlQuery query;
    QHostAddress address;
    QString url;         // request target of the first request
    qint64 issuedMs = 0; // ms since epoch
    bool secure = false;
};

class EngineSession : public QObject, private http::WebSocketHandler
{
    Q_OBJECT
public:
    enum class Transport : quint8 {
        Polling,
        WebSocket
    };
    enum class State : quint8 {
        Open,
        Closing,
        Closed
    };

    const QString &id() const { return m_id; }
    Transport transport() const { return m_transport; }
    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    const Handshake &handshake() const { return m_handshake; }
    bool isUpgrading() const { return m_probeSocket != nullptr; }
    // Bytes (in polling form) waiting for the client's next GET; at most
    // EngineOptions::maxPollBufferBytes, beyond which the session closes as a slow consumer.
    qint64 pollBufferedBytes() const { return m_pollBufferBytes; }

    // Queues a packet: written at once on WebSocket, with the next poll on polling. A client
    // that stops reading (WebSocket) or polling makes its session close once its output
    // reaches the transport's limit; the session tells closed() in the next event-loop pass,
    // never from inside the send call (the sender may be going through many recipients).
    void send(const protocol::eio::Packet &packet);
    // A text MESSAGE packet ("4" + text) already encoded once for many sessions.
    void sendMessage(const QByteArray &utf8Text);
    void sendBinaryMessage(const QByteArray &bytes);
    // A MESSAGE (and its binary attachments) prepared once for many sessions.
    void sendPrepared(const PreparedMessage &message);
    // Hands what is queued on a WebSocket to the operating system now, instead of at the
    // next event-loop pass, so that it leaves in its own TCP segment.
    void flush();
    // Closes the session: pending packets are flushed first, then a CLOSE packet is sent
    // where the transport allows it. reason is reported through closed().
    void close(const QString &reason = QStringLiteral("forced close"));

signals:
    void packetReceived(const craftchat::protocol::eio::Packet &packet);
    // Emitted once; the session is deleted later (deleteLater) by the server.
    void closed(const QString &reason, const QString &description);

private:
    friend class EngineServer;
    EngineSession(EngineServer *server, QString id, Handshake handshake, Transport transport);
    ~EngineSession() override;

    // Transport plumbing, driven by EngineServer.
    void attachWebSocket(http::WebSocketConnection *socket);
    void handlePollGet(const std::shared_ptr<http::HttpExchange> &exchange);
    void handlePollPost(const std::shared_ptr<http::HttpExchange> &exchange);
    void beginUpgrade(http::WebSocketConnection *socket);
    // http::WebSocketHandler: messages of the active or the probing WebSocket, direct calls.
    void webSocketMessage(http::WebSocketConnection *socket, const QByteArray &message, bool binary) override;
    void webSocketClosed(http::WebSocketConnection *socket) override;
    void webSocketDeleted(http::WebSocketConnection *socket) override;
    void onProbeMessage(const QByteArray &message, bool binary);
    void releaseSocket(http::WebSocketConnection *socket);
    void finishUpgrade();
    void abortUpgrade();
    void receive(protocol::eio::Packet &&packet);
    void flushPolling();
    // Makes room for bytes more in the poll buffer. False when they would take it past
    // maxPollBufferBytes while no GET is there to take them: the session is then closing as
    // a slow consumer and the packet must be dropped.
    bool reservePollBuffer(qint64 bytes);
    void dropSlowPoller(qint64 wanted);
    void appendCloseToPollBuffer();
    void clearPollBuffer();
    // Answers the held long-poll (if any) with payload and lets it go.
    void answerPendingGet(const QByteArray &payload);
    void writeWebSocket(const protocol::eio::Packet &packet);
    void onPingDue(qint64 dueMs);
    void onPongTimeout();
    // Closes at once. pendingGetReply: what a held poll gets ("1" close by default, "6"
    // noop when the client itself closed).
    void closeNow(const QString &reason, const QString &description = {}, const QByteArray &pendingGetReply = {});

    EngineServer *m_server;
    QString m_id;
    Handshake m_handshake;
    Transport m_transport;
    State m_state = State::Open;
    QList<protocol::eio::Packet> m_pollBuffer;        // waiting for the next GET
    qint64 m_pollBufferBytes = 0;                     // m_pollBuffer's size in polling form
    std::shared_ptr<http::HttpExchange> m_pendingGet; // held long-poll
    // The WebSockets tell this session (webSocketClosed) before they go; it drops them then.
    http::WebSocketConnection *m_socket = nullptr;      // active WebSocket transport
    http::WebSocketConnection *m_probeSocket = nullptr; // WebSocket being upgraded to
    quint32 m_probeSerial = 0;                          // tells the upgrade timeout its probe
    bool m_closeAfterFlush = false;
    QString m_closeReason;

    // Heartbeat bookkeeping, owned by the server's HeartbeatScheduler.
    friend class HeartbeatScheduler;
    quint64 m_serial = 0;
    quint32 m_heartbeatTicket = 0;
    bool m_awaitingPong = false;
    qint64 m_pongDeadlineMs = 0; // on the scheduler's clock, while awaiting a pong
    bool pongOverdue(qint64 nowMs) const { return m_awaitingPong && nowMs >= m_pongDeadlineMs; }
};

} // namespace craftchat::engineio
