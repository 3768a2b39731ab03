#include "tests/support/enginetestserver.h"

#include "server/socketio/socket.h"

#include <algorithm>

namespace craftchat::testsupport {

eio::EngineOptions EngineTestServer::engineOptions()
{
    eio::EngineOptions options;
    options.path = QStringLiteral("/engine.io/");
    options.pingIntervalMs = 5000;
    options.pingTimeoutMs = 5000;
    options.maxPayload = 1'000'000;
    options.upgradeTimeoutMs = 5000;
    return options;
}

eio::EngineOptions EngineTestServer::socketIoOptions()
{
    eio::EngineOptions options = engineOptions();
    options.path = QStringLiteral("/socket.io/");
    return options;
}

EngineTestServer::EngineTestServer(const eio::EngineOptions &options, QObject *parent)
    : QObject(parent), m_http(std::make_unique<http::HttpServer>()),
      m_engine(std::make_unique<eio::EngineServer>(options))
{
    http::HttpServerLimits limits = m_http->limits();
    limits.maxBodyBytes = std::max<qint64>(options.maxPayload * 4, 64 * 1024);
    limits.maxWebSocketMessageBytes = options.maxPayload;
    limits.maxWebSocketFrameBytes = options.maxPayload;
    m_http->setLimits(limits);
    qRegisterMetaType<eio::Packet>();
    m_engine->attach(m_http.get());
    connect(m_engine.get(), &eio::EngineServer::connection, this,
            [this](eio::EngineSession *session) { m_sessions.append(session); });
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
    connect(m_engine.get(), &eio::EngineServer::connection, this, [](eio::EngineSession *session) {
        connect(session, &eio::EngineSession::packetReceived, session,
                [session](const eio::Packet &packet) { session->send(packet); });
    });
}

sio::SocketIoServer *EngineTestServer::enableSocketIo(const sio::SocketIoOptions &options)
{
    // Signal arguments the tests inspect through QSignalSpy.
    qRegisterMetaType<sio::Socket *>();
    m_io = std::make_unique<sio::SocketIoServer>(m_engine.get(), options);
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
