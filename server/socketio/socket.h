// One Socket.IO socket: a client's connection to one namespace.
#pragma once

#include "server/socketio/broadcast.h"
#include "server/socketio/namespace.h"
#include "server/socketio/recoverybuffer.h"

#include "server/engineio/enginesession.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace craftchat::socketio {

class Connection;
class Socket;
class Namespace;

// An incoming event.
struct Event
{
    QString name;
    QJsonArray args;               // arguments after the name
    QList<QByteArray> attachments; // binary values, referenced by placeholders in args
};

// The reply to an event that asked for an acknowledgement. Calling it more than once, or
// when no ack was asked for, does nothing.
class Ack
{
public:
    Ack() = default;
    Ack(Socket *socket, qint64 id);
    bool requested() const { return m_state && !m_state->sent; }
    void operator()(const QJsonArray &args = {}, const QList<QByteArray> &attachments = {}) const;
    // The same with the arguments' JSON already written (sio::encodeArguments).
    void sendEncoded(QByteArrayView arguments) const;

private:
    struct State
    {
        QPointer<Socket> socket;
        qint64 id = -1;
        bool sent = false;
    };
    std::shared_ptr<State> m_state;
    friend class Socket;
};

// Socket.IO disconnect reasons, as the JavaScript server names them.
namespace reason {
inline const QString ServerDisconnect = QStringLiteral("server namespace disconnect");
inline const QString ClientDisconnect = QStringLiteral("client namespace disconnect");
inline const QString ServerShuttingDown = QStringLiteral("server shutting down");
inline const QString PingTimeout = QStringLiteral("ping timeout");
inline const QString TransportClose = QStringLiteral("transport close");
inline const QString TransportError = QStringLiteral("transport error");
inline const QString ParseError = QStringLiteral("parse error");
inline const QString ForcedClose = QStringLiteral("forced close");
} // namespace reason

class Socket : public QObject
{
    Q_OBJECT
public:
    using EventHandler = std::function<void(Socket &socket, const Event &event, const Ack &ack)>;
    // Called with the acknowledgement's arguments, or with timedOut = true.
    using AckCallback
        = std::function<void(bool timedOut, const QJsonArray &args, const QList<QByteArray> &attachments)>;

    // The length of every socket id (15 random bytes in base64url).
    static constexpr int IdLength = 20;

    struct Handshake
    {
        // The CONNECT packet's data. Kept while the middlewares and the connected() handlers
        // run, then released (it is rarely needed later and costs about 0.25 KB per socket)
        // unless SocketIoOptions::keepConnectAuth is set.
        QJsonObject auth;
        const engineio::Handshake *transport = nullptr; // headers, query, address of the session
    };

    const QString &id() const { return m_id; }
    Namespace *nsp() const { return m_nsp; }
    const Handshake &handshake() const { return m_handshake; }
    // Connected to its namespace: also while detached (see below).
    bool isConnected() const { return m_connected; }
    // Connection state recovery (SocketIoOptions::recoveryWindowMs): a socket whose transport
    // closed stays connected, detached from any transport, until its client comes back or the
    // window ends. What is emitted to it meanwhile is kept and sent when it comes back.
    bool isDetached() const { return m_connected && !m_connection; }
    // The private session id a client recovers this socket with (empty when recovery is off).
    const QString &privateId() const { return m_pid; }
    // The Engine.IO session, nullptr while detached.
    engineio::EngineSession *session() const;

    // Per-socket application data (e.g. the authenticated user). A map, not a hash: it holds
    // a few entries, and Qt 6.4's QHash reserves room for 48 on its first insert (2.6 KB).
    QVariantMap &data() { return m_data; }
    const QVariantMap &data() const { return m_data; }

    // Incoming events.
    void on(const QString &event, EventHandler handler);
    void onAny(EventHandler handler) { m_anyHandler = std::move(handler); }

    // Outgoing event to this socket only. With a callback, an ack is requested; timeoutMs < 0
    // waits until the socket disconnects (then timedOut = true).
    void emitEvent(const QString &event, const QJsonArray &args = {}, AckCallback callback = {}, int timeoutMs = -1,
                   const QList<QByteArray> &attachments = {});

    // The same with the arguments' JSON already written (sio::encodeArguments): a payload
    // encoded once can go out as an event and as an ack.
    void emitEncoded(const QString &event, QByteArrayView arguments);

    // Rooms. Every socket is in the room named after its own id (not stored: see RoomIndex).
    void join(const QString &room);
    void join(const QStringList &rooms);
    void leave(const QString &room);
    QStringList rooms() const;

    // Everyone in room but this socket.
    BroadcastOperator to(const QString &room) const;
    BroadcastOperator broadcast() const; // everyone in the namespace but this socket

    // Sends DISCONNECT for this namespace; closeConnection also closes the Engine.IO session.
    void disconnect(bool closeConnection = false);

signals:
    void disconnecting(const QString &reason);
    void disconnected(const QString &reason);

private:
    friend class Connection;
    friend class Namespace;
    friend class Ack;
    friend class BroadcastOperator;
    friend class SocketIoServer;
    friend class RoomIndex;
    Socket(Connection *connection, Namespace *nsp, QString id, QJsonObject auth);
    ~Socket() override;
    // An event for this socket, with its offset when recovery is on (-1: none): kept for
    // recovery and written to the transport when attached.
    void deliver(const engineio::PreparedMessage &message, qint64 offset);
    void deliverEncoded(const QString &event, QByteArrayView arguments);
    // Recovery: the transport closed / a client came back with the pid / the window ended.
    void detach(const QString &reason);
    void attach(Connection *connection);
    void expire();
    void releaseRecoveryBytes(qint64 bytes);
    void dispatchEvent(Event &&event, qint64 ackId);
    void dispatchAck(qint64 id, const QJsonArray &args, const QList<QByteArray> &attachments);
    void sendAck(qint64 id, const QJsonArray &args, const QList<QByteArray> &attachments);
    void onClose(const QString &reason); // from the connection or the namespace

    Connection *m_connection;
    Namespace *m_nsp;
    QPointer<Namespace> m_nspGuard; // the namespace may be destroyed before the socket
    QString m_id;
    Handshake m_handshake;
    bool m_connected = false;
    bool m_inOwnRoom = false;  // in the room named after m_id (RoomIndex)
    QStringList m_joinedRooms; // the other rooms, in join order (RoomIndex)
    QVariantMap m_data;
    QHash<QString, QList<EventHandler>> m_handlers;
    EventHandler m_anyHandler;
    qint64 m_nextAckId = 0;
    struct PendingAck
    {
        AckCallback callback;
        qint64 deadlineMs = 0;
    };
    QHash<qint64, PendingAck> m_pendingAcks;

    // Connection state recovery.
    QString m_pid;
    std::unique_ptr<RecoveryBuffer> m_recovery;
    std::optional<engineio::Handshake> m_savedTransport; // the closed session's, while detached
    QString m_detachReason;
    QTimer *m_expiry = nullptr;
};

} // namespace craftchat::socketio
