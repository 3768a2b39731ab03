#include "tests/support/enginetestserver.h"

#include "server/socketio/socket.h"

#include <algorithm>

namespace craftchat::testsupport {

engineio::EngineOptions EngineTestServer::engineOptions()
{
    engineio::EngineOptions options;
    options.path = QStringLiteral("/engine.io/");
    options.pingIntervalMs = 5000;
    options.pingTimeoutMs = 5000;
    options.maxPayload = 1'000'000;
    options.upgradeTimeoutMs = 5000;
    return options;
}

engineio::EngineOptions EngineTestServer::socketIoOptions()
{
    engineio::EngineOptions options = engineOptions();
    options.path = QStringLiteral("/socket.io/");
    return options;
}

EngineTestServer::EngineTestServer(const engineio::EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_http(std::make_unique<http::HttpServer>())
    , m_engine(std::make_unique<engineio::EngineServer>(options))
{
    http::HttpServerLimits limits = m_http->limits();
    limits.maxBodyBytes = std::max<qint64>(options.maxPayload * 4, 64 * 1024);
    limits.maxWebSocketMessageBytes = options.maxPayload;
    limits.maxWebSocketFrameBytes = options.maxPayload;
    m_http->setLimits(limits);
    qRegisterMetaType<protocol::eio::Packet>();
    m_engine->attach(m_http.get());
    connect(m_engine.get(), &engineio::EngineServer::connection, this,
            [this](engineio::EngineSession *session) { m_sessions.append(session); });
}

EngineTestServer::~EngineTestServer()
{
    // Same teardown order as the binaries: Socket.IO, then Engine.IO, then HTTP.
    m_io.reset();
    m_engine.reset();
    m_http.reset();
}

bool EngineTestServer::start()
{
    return m_http->listen(QHostAddress::LocalHost, 0);
}

void EngineTestServer::enableEcho()
{
    connect(m_engine.get(), &engineio::EngineServer::connection, this, [](engineio::EngineSession *session) {
        connect(session, &engineio::EngineSession::packetReceived, session,
                [session](const protocol::eio::Packet &packet) { session->send(packet); });
    });
}

socketio::SocketIoServer *EngineTestServer::enableSocketIo(const socketio::SocketIoOptions &options)
{
    // Signal arguments the tests inspect through QSignalSpy.
    qRegisterMetaType<socketio::Socket *>();
    m_io = std::make_unique<socketio::SocketIoServer>(m_engine.get(), options);
    return m_io.get();
}

QByteArray EngineTestServer::pollingTarget(const QByteArray &extraQuery) const
{
    QByteArray target = m_engine->options().path.toUtf8() + "?EIO=4&transport=polling";
    if (!extraQuery.isEmpty())
        target += '&' + extraQuery;
    return target;
}

QUrl EngineTestServer::webSocketUrl(const QByteArray &extraQuery) const
{
    QByteArray url = "ws://127.0.0.1:" + QByteArray::number(port()) + m_engine->options().path.toUtf8()
                     + "?EIO=4&transport=websocket";
    if (!extraQuery.isEmpty())
        url += '&' + extraQuery;
    return QUrl(QString::fromUtf8(url));
}

} // namespace craftchat::testsupport
