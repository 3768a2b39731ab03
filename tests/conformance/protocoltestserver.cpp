// protocol-test-server: the server the Socket.IO and Engine.IO compliance suites expect.
//
//   protocol-test-server [--port 3000] [--engine-io]
//
// Socket.IO mode (default): path /socket.io/; on "/" and "/custom" a connecting socket gets
// "auth" with its handshake auth; on "/", event "message" is answered with "message-back"
// and the same arguments, "message-with-ack" is acknowledged with the same arguments.
// Engine.IO mode: path /engine.io/; every message packet is echoed back as is.
// Both: pingInterval 300 ms, pingTimeout 200 ms, maxPayload 1000000, connectTimeout 1000 ms,
// CORS origin "*".
#include "server/engineio/engineserver.h"
#include "server/http/httpserver.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"
#include "server/socketio/socketioserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace craftchat;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("protocol-test-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Engine.IO v4 / Socket.IO v5 server configured for the protocol compliance suites."));
    parser.addHelpOption();
    QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("TCP port (default 3000)."),
                                  QStringLiteral("port"), QStringLiteral("3000"));
    QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Address to bind (default 127.0.0.1)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    QCommandLineOption engineOption(QStringLiteral("engine-io"),
                                    QStringLiteral("Engine.IO mode: path /engine.io/, echo every message."));
    parser.addOptions({portOption, hostOption, engineOption});
    parser.process(app);

    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        QTextStream(stderr) << "invalid --port\n";
        return 2;
    }
    const bool engineMode = parser.isSet(engineOption);

    engineio::EngineOptions options;
    options.path = engineMode ? QStringLiteral("/engine.io/") : QStringLiteral("/socket.io/");
    options.pingIntervalMs = 300;
    options.pingTimeoutMs = 200;
    options.maxPayload = 1'000'000;
    options.corsOrigins = {QStringLiteral("*")};

    http::HttpServer http;
    http::HttpServerLimits limits = http.limits();
    limits.maxBodyBytes = options.maxPayload;
    limits.maxWebSocketMessageBytes = options.maxPayload;
    limits.maxWebSocketFrameBytes = options.maxPayload;
    http.setLimits(limits);

    engineio::EngineServer engine(options);
    engine.attach(&http);

    socketio::SocketIoOptions ioOptions;
    ioOptions.connectTimeoutMs = 1000;
    std::unique_ptr<socketio::SocketIoServer> io;

    if (engineMode) {
        QObject::connect(&engine, &engineio::EngineServer::connection, &engine, [](engineio::EngineSession *session) {
            QObject::connect(session, &engineio::EngineSession::packetReceived, session,
                             [session](const protocol::eio::Packet &packet) { session->send(packet); });
        });
    } else {
        io = std::make_unique<socketio::SocketIoServer>(&engine, ioOptions);
        auto sendAuth = [](socketio::Socket *socket) {
            socket->emitEvent(QStringLiteral("auth"), QJsonArray{socket->handshake().auth});
        };
        socketio::Namespace *root = io->of(QStringLiteral("/"));
        QObject::connect(root, &socketio::Namespace::connected, root, [sendAuth](socketio::Socket *socket) {
            sendAuth(socket);
            socket->on(QStringLiteral("message"),
                       [](socketio::Socket &s, const socketio::Event &event, const socketio::Ack &) {
                           s.emitEvent(QStringLiteral("message-back"), event.args, {}, -1, event.attachments);
                       });
            socket->on(QStringLiteral("message-with-ack"),
                       [](socketio::Socket &, const socketio::Event &event, const socketio::Ack &ack) {
                           ack(event.args, event.attachments);
                       });
        });
        socketio::Namespace *custom = io->of(QStringLiteral("/custom"));
        QObject::connect(custom, &socketio::Namespace::connected, custom, sendAuth);
    }

    if (!http.listen(QHostAddress(parser.value(hostOption)), quint16(port))) {
        QTextStream(stderr) << "cannot listen on port " << port << ": " << http.errorString() << "\n";
        return 1;
    }
    QTextStream(stdout) << "protocol-test-server (" << (engineMode ? "Engine.IO" : "Socket.IO")
                        << ") listening on http://" << parser.value(hostOption) << ":" << http.serverPort()
                        << options.path << "\n";
    QTextStream(stdout).flush();
    return app.exec();
}
