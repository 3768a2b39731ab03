// Socket.IO v5 server on top of an Engine.IO server: namespaces, connection middleware,
// sockets, rooms and acknowledgements.
//
//   eio::EngineServer engine(options);  engine.attach(&http);
//   sio::SocketIoServer io(&engine);
//   sio::Namespace *root = io.of("/");
//   root->use([](sio::Socket &s) -> std::optional<sio::ConnectError> { ... });
//   connect(root, &sio::Namespace::connected, [](sio::Socket *s) {
//       s->on("ping", [](sio::Socket &, const sio::Event &e, const sio::Ack &ack) { ack(e.args); });
//   });
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <deque>

class QTimer;

namespace craftchat::engineio {
class EngineServer;
class EngineSession;
} // namespace craftchat::engineio

namespace craftchat::socketio {

class Namespace;
class Connection;

struct SocketIoOptions
{
    int connectTimeoutMs = 45000; // an Engine.IO session without CONNECT is closed after this
    int maxAttachments = 10;      // per binary packet
    // Keep Socket::handshake().auth after the connected() handlers have run (see Socket).
    bool keepConnectAuth = false;

    // Connection state recovery (Socket.IO 4.6+, docs/API.md). 0 turns it off. When on, the
    // CONNECT answer carries a private session id (pid), every event without an ack carries
    // its offset as its last argument, and a socket whose transport closed (transport
    // close/error, ping timeout) stays in its namespace and rooms, detached, for this long:
    // a client that connects again with {pid, offset} gets it back with everything it
    // missed. Only when the window ends is the socket disconnected.
    int recoveryWindowMs = 0;
    int recoveryMaxPackets = 1000;                   // kept per socket
    qint64 recoveryMaxBytes = 1024 * 1024;           // kept per socket
    qint64 recoveryMaxTotalBytes = 64 * 1024 * 1024; // kept for all sockets together
};

class SocketIoServer : public QObject
{
    Q_OBJECT
public:
    explicit SocketIoServer(engineio::EngineServer *engine, const SocketIoOptions &options = {},
                            QObject *parent = nullptr);
    ~SocketIoServer() override;

    // The namespace of that name, created on first use ("/" always exists).
    Namespace *of(const QString &name);
    Namespace *findNamespace(const QString &name) const { return m_namespaces.value(name); }
    const SocketIoOptions &options() const { return m_options; }
    engineio::EngineServer *engine() const { return m_engine; }

    // Disconnects every socket and closes every Engine.IO session.
    void closeAll();

    bool recoveryEnabled() const { return m_options.recoveryWindowMs > 0; }
    // Bytes held for connection state recovery by all sockets (RecoveryBuffer::costOf).
    qint64 recoveryBytes() const { return m_recoveryBytes; }
    // Sockets whose transport closed and that wait for their client to come back.
    int detachedSocketCount() const { return m_detachedSockets; }

private:
    friend class Connection;
    void onEngineConnection(engineio::EngineSession *session);
    // One timer for every connection's CONNECT deadline instead of a timer per connection:
    // the timeout is the same for all, so the deadlines arrive in creation order.
    void watchConnectTimeout(Connection *connection);
    void onConnectDeadline();
    void armConnectTimer();
    // Connection state recovery: the next packet offset, the server's clock, the time after
    // which a written packet counts as received (pingInterval + pingTimeout + a margin).
    qint64 nextOffset() { return ++m_lastOffset; }
    qint64 nowMs() const { return m_clock.elapsed(); }
    qint64 confirmMs() const;

    engineio::EngineServer *m_engine;
    SocketIoOptions m_options;
    QHash<QString, Namespace *> m_namespaces;
    QElapsedTimer m_clock;
    QTimer *m_connectTimer;
    std::deque<std::pair<qint64, QPointer<Connection>>> m_connectDeadlines; // (ms on m_clock)
    qint64 m_lastOffset = 0;
    qint64 m_recoveryBytes = 0;
    int m_detachedSockets = 0;
    friend class Socket;
    friend class BroadcastOperator;
};

} // namespace craftchat::socketio
