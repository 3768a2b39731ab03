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

private:
    friend class Connection;
    void onEngineConnection(engineio::EngineSession *session);
    // One timer for every connection's CONNECT deadline instead of a timer per connection:
    // the timeout is the same for all, so the deadlines arrive in creation order.
    void watchConnectTimeout(Connection *connection);
    void onConnectDeadline();
    void armConnectTimer();

    engineio::EngineServer *m_engine;
    SocketIoOptions m_options;
    QHash<QString, Namespace *> m_namespaces;
    QElapsedTimer m_clock;
    QTimer *m_connectTimer;
    std::deque<std::pair<qint64, QPointer<Connection>>> m_connectDeadlines; // (ms on m_clock)
};

} // namespace craftchat::socketio
