#include "socketioserver.h"

#include "connection.h"
#include "namespace.h"
#include "socket.h"

#include "engineio/engineserver.h"

namespace craftchat::sio {

SocketIoServer::SocketIoServer(eio::EngineServer *engine, const SocketIoOptions &options, QObject *parent)
    : QObject(parent), m_engine(engine), m_options(options)
{
    of(QStringLiteral("/"));
    connect(engine, &eio::EngineServer::connection, this, &SocketIoServer::onEngineConnection);
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

void SocketIoServer::onEngineConnection(eio::EngineSession *session)
{
    new Connection(this, session); // owned by the session
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

} // namespace craftchat::sio
