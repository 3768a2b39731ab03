#include "server/socketio/socketioserver.h"

#include "server/socketio/connection.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"

#include "server/engineio/engineserver.h"

#include <QTimer>

#include <algorithm>

namespace craftchat::socketio {

SocketIoServer::SocketIoServer(engineio::EngineServer *engine, const SocketIoOptions &options, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_options(options)
    , m_connectTimer(new QTimer(this))
{
    m_clock.start();
    m_connectTimer->setSingleShot(true);
    m_connectTimer->setTimerType(Qt::PreciseTimer);
    connect(m_connectTimer, &QTimer::timeout, this, &SocketIoServer::onConnectDeadline);
    of(QStringLiteral("/"));
    connect(engine, &engineio::EngineServer::connection, this, &SocketIoServer::onEngineConnection);
}

SocketIoServer::~SocketIoServer() = default;

Namespace *SocketIoServer::of(const QString &name)
{
    QString normalized = name.startsWith(QLatin1Char('/')) ? name : QLatin1Char('/') + name;
    if (Namespace *existing = m_namespaces.value(normalized))
        return existing;
    auto *nsp = new Namespace(this, normalized);
    m_namespaces.insert(normalized, nsp);
    return nsp;
}

void SocketIoServer::onEngineConnection(engineio::EngineSession *session)
{
    new Connection(this, session); // owned by the session
}

void SocketIoServer::watchConnectTimeout(Connection *connection)
{
    m_connectDeadlines.emplace_back(m_clock.elapsed() + m_options.connectTimeoutMs, connection);
    if (!m_connectTimer->isActive())
        armConnectTimer();
}

void SocketIoServer::armConnectTimer()
{
    // Connections that are gone need no timeout.
    while (!m_connectDeadlines.empty() && !m_connectDeadlines.front().second)
        m_connectDeadlines.pop_front();
    if (m_connectDeadlines.empty())
        return;
    const qint64 wait = m_connectDeadlines.front().first - m_clock.elapsed();
    m_connectTimer->start(int(std::max<qint64>(0, wait)));
}

void SocketIoServer::onConnectDeadline()
{
    const qint64 now = m_clock.elapsed();
    while (!m_connectDeadlines.empty() && m_connectDeadlines.front().first <= now) {
        const QPointer<Connection> connection = m_connectDeadlines.front().second;
        m_connectDeadlines.pop_front();
        if (connection)
            connection->onConnectTimeout(); // may delete it later, never now
    }
    armConnectTimer();
}

qint64 SocketIoServer::confirmMs() const
{
    constexpr qint64 MarginMs = 5000;
    const engineio::EngineOptions &engine = m_engine->options();
    return qint64(engine.pingIntervalMs) + engine.pingTimeoutMs + MarginMs;
}

void SocketIoServer::closeAll()
{
    for (Namespace *nsp : std::as_const(m_namespaces)) {
        const auto sockets = nsp->sockets().values();
        for (Socket *socket : sockets)
            socket->onClose(reason::ServerShuttingDown);
    }
    m_engine->closeAll();
}

} // namespace craftchat::socketio
