// Test fixture: a real HttpServer + EngineServer (+ optional SocketIoServer) listening on
// 127.0.0.1 port 0 in the test's own thread, wired like the production binaries.
#pragma once

#include "server/engineio/engineserver.h"
#include "server/http/httpserver.h"
#include "server/socketio/socketioserver.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

namespace craftchat::testsupport {

class EngineTestServer : public QObject
{
    Q_OBJECT
public:
    // Engine.IO on /engine.io/ with a relaxed heartbeat (tests that exercise the heartbeat
    // shorten it), maxPayload 1 MB.
    static engineio::EngineOptions engineOptions();
    // Socket.IO on /socket.io/, same heartbeat.
    static engineio::EngineOptions socketIoOptions();

    explicit EngineTestServer(const engineio::EngineOptions &options = engineOptions(), QObject *parent = nullptr);
    ~EngineTestServer() override;

    // The HTTP limits follow the engine's maxPayload for WebSocket messages; the HTTP body
    // limit stays larger so that oversized polling bodies reach the Engine.IO layer.
    bool start();
    // Every Engine.IO MESSAGE packet is sent back as it came (text or binary).
    void enableEcho();
    // Adds the Socket.IO layer (before start()).
    socketio::SocketIoServer *enableSocketIo(const socketio::SocketIoOptions &options = {});

    quint16 port() const { return m_http->serverPort(); }
    http::HttpServer &http() { return *m_http; }
    engineio::EngineServer &engine() { return *m_engine; }
    socketio::SocketIoServer *io() { return m_io.get(); }

    // "/engine.io/?EIO=4&transport=polling" + "&" + extra
    QByteArray pollingTarget(const QByteArray &extraQuery = {}) const;
    QUrl webSocketUrl(const QByteArray &extraQuery = {}) const;

    // Sessions in the order they opened (null once deleted).
    const QList<QPointer<engineio::EngineSession>> &sessions() const { return m_sessions; }
    engineio::EngineSession *lastSession() const { return m_sessions.isEmpty() ? nullptr : m_sessions.last().data(); }
    engineio::EngineSession *sessionById(const QString &sid) const { return m_engine->session(sid); }

private:
    std::unique_ptr<http::HttpServer> m_http;
    std::unique_ptr<engineio::EngineServer> m_engine;
    std::unique_ptr<socketio::SocketIoServer> m_io;
    QList<QPointer<engineio::EngineSession>> m_sessions;
};

} // namespace craftchat::testsupport
