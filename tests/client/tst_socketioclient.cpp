// SocketIoClient against the project's Socket.IO server over real sockets: connect with auth,
// refused auth, acks and ack timeouts, server events asking for acks, binary both ways,
// disconnect reasons and reconnection with exponential backoff.
#include "common/client/socketioclient.h"
#include "common/protocol/socketiopacket.h"
#include "server/engineio/engineserver.h"
#include "server/http/httpserver.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"
#include "server/socketio/socketioserver.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace craftchat;
using Client = client::SocketIoClient;

namespace {

constexpr int WaitMs = 10000;

// The server of these tests: token "good" is admitted, anything else refused.
class TestServer
{
public:
    bool start(quint16 port = 0)
    {
        engineio::EngineOptions options;
        options.pingIntervalMs = 2000;
        options.pingTimeoutMs = 2000;
        http = std::make_unique<http::HttpServer>();
        engine = std::make_unique<engineio::EngineServer>(options);
        engine->attach(http.get());
        io = std::make_unique<socketio::SocketIoServer>(engine.get());
        socketio::Namespace *root = io->of(QStringLiteral("/"));
        root->use([](socketio::Socket &socket) -> std::optional<socketio::ConnectError> {
            if (socket.handshake().auth.value(QLatin1String("token")).toString() == QLatin1String("good"))
                return std::nullopt;
            return socketio::ConnectError{QStringLiteral("Authentication failed"),
                                          QJsonObject{{"code", "UNAUTHORIZED"}}};
        });
        QObject::connect(root, &socketio::Namespace::connected, root, [this](socketio::Socket *socket) {
            lastSocket = socket;
            lastAuth = socket->handshake().auth;
            setUpSocket(socket);
        });
        QObject::connect(root, &socketio::Namespace::disconnected, root,
                         [this](socketio::Socket *, const QString &reason) { serverReasons.append(reason); });
        if (!http->listen(QHostAddress::LocalHost, port))
            return false;
        this->port = http->serverPort();
        return true;
    }

    void stop()
    {
        if (io)
            io->closeAll();
        if (http)
            http->close();
        io.reset();
        engine.reset();
        http.reset();
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }

    std::unique_ptr<http::HttpServer> http;
    std::unique_ptr<engineio::EngineServer> engine;
    std::unique_ptr<socketio::SocketIoServer> io;
    quint16 port = 0;
    QPointer<socketio::Socket> lastSocket;
    QJsonObject lastAuth;
    QStringList serverReasons;
    QList<QByteArray> receivedAttachments;

private:
    void setUpSocket(socketio::Socket *socket)
    {
        // "echo": emits "echo" back with the same arguments; acks with "ok" + arguments.
        socket->on(QStringLiteral("echo"), [](socketio::Socket &s, const socketio::Event &e, const socketio::Ack &ack) {
            s.emitEvent(QStringLiteral("echo"), e.args);
            QJsonArray reply{QStringLiteral("ok")};
            for (const QJsonValue &v : e.args)
                reply.append(v);
            ack(reply);
        });
        // "silent": never acknowledged.
        socket->on(QStringLiteral("silent"), [](socketio::Socket &, const socketio::Event &, const socketio::Ack &) {});
        // "ask": the server asks the client "question" and acks with the client's answer.
        socket->on(QStringLiteral("ask"), [](socketio::Socket &s, const socketio::Event &e, const socketio::Ack &ack) {
            s.emitEvent(
                QStringLiteral("question"), e.args,
                [ack](bool timedOut, const QJsonArray &args, const QList<QByteArray> &) {
                    ack(timedOut ? QJsonArray{QStringLiteral("timeout")} : args);
                },
                WaitMs);
        });
        // "upload": binary in; acks with the bytes reversed, emits "download" with two blobs.
        socket->on(QStringLiteral("upload"),
                   [this](socketio::Socket &s, const socketio::Event &e, const socketio::Ack &ack) {
                       receivedAttachments = e.attachments;
                       const auto bytes = protocol::sio::binaryAt(e.args.at(0), e.attachments);
                       if (!bytes)
                           return ack({QStringLiteral("no bytes")});
                       QByteArray reversed = *bytes;
                       std::reverse(reversed.begin(), reversed.end());
                       ack({protocol::sio::placeholder(0), bytes->size()}, {reversed});
                       s.emitEvent(QStringLiteral("download"),
                                   {e.args.at(1), protocol::sio::placeholder(1), protocol::sio::placeholder(0)}, {}, -1,
                                   {*bytes, QByteArray("\x00\xff", 2)});
                   });
        // "kick": the server disconnects the socket.
        socket->on(QStringLiteral("kick"),
                   [](socketio::Socket &s, const socketio::Event &, const socketio::Ack &) { s.disconnect(); });
    }
};

Client::Options clientOptions(const QUrl &url, const char *token = "good")
{
    Client::Options options;
    options.url = url;
    options.auth = QJsonObject{{"token", token}};
    options.reconnectDelayMs = 100;
    options.reconnectDelayMaxMs = 5000;
    options.randomizationFactor = 0;
    options.connectTimeoutMs = WaitMs;
    return options;
}

} // namespace

class TestSocketIoClient : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void connectsWithAuth();
    void refusedAuthIsConnectErrorWithoutReconnect();
    void unknownNamespaceIsConnectError();
    void emitWithAck();
    void emitWhileDisconnectedFailsAck();
    void ackTimeout();
    void serverEventWithAckReply();
    void binaryBothWays();
    void serverDisconnectStopsReconnection();
    void clientCloseReachesServer();
    void pendingAcksFailOnTransportLoss();
    void reconnectsWithExponentialBackoff();
    void jitterStaysWithinFactor();

private:
    std::unique_ptr<TestServer> server;
    std::unique_ptr<Client> client;
    bool connectClient(const char *token = "good");
};

void TestSocketIoClient::init()
{
    server = std::make_unique<TestServer>();
    QVERIFY(server->start());
    client = std::make_unique<Client>();
    client->setOptions(clientOptions(server->url()));
}

void TestSocketIoClient::cleanup()
{
    client.reset();
    if (server)
        server->stop();
    server.reset();
}

bool TestSocketIoClient::connectClient(const char *token)
{
    client->setAuth(QJsonObject{{"token", token}});
    QSignalSpy connected(client.get(), &Client::connected);
    client->open();
    return connected.wait(WaitMs) && client->isConnected();
}

void TestSocketIoClient::connectsWithAuth()
{
    QSignalSpy states(client.get(), &Client::stateChanged);
    QVERIFY(connectClient());
    QCOMPARE(client->state(), Client::State::Connected);
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(0).at(0).value<Client::State>(), Client::State::Connecting);
    QCOMPARE(states.at(1).at(0).value<Client::State>(), Client::State::Connected);
    QTRY_VERIFY_WITH_TIMEOUT(server->lastSocket, WaitMs);
    QCOMPARE(client->socketId(), server->lastSocket->id());
    QCOMPARE(server->lastAuth, (QJsonObject{{"token", "good"}}));
    QCOMPARE(client->reconnectAttempt(), 0);
    QCOMPARE(client->msUntilReconnect(), -1);
}

void TestSocketIoClient::refusedAuthIsConnectErrorWithoutReconnect()
{
    QSignalSpy errors(client.get(), &Client::connectError);
    QSignalSpy reconnecting(client.get(), &Client::reconnecting);
    QSignalSpy connected(client.get(), &Client::connected);
    client->setAuth(QJsonObject{{"token", "bad"}});
    client->open();
    QVERIFY(errors.wait(WaitMs));
    QCOMPARE(errors.size(), 1);
    const QJsonObject error = errors.at(0).at(0).toJsonObject();
    QCOMPARE(error.value("message").toString(), QStringLiteral("Authentication failed"));
    QCOMPARE(error.value("data").toObject().value("code").toString(), QStringLiteral("UNAUTHORIZED"));
    QCOMPARE(client->state(), Client::State::Disconnected);
    QCOMPARE(client->msUntilReconnect(), -1); // nothing scheduled: a refusal is final
    QCOMPARE(reconnecting.size(), 0);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(client->socketId(), QString());

    // A fresh open() with a good token works.
    QVERIFY(connectClient());
}

void TestSocketIoClient::unknownNamespaceIsConnectError()
{
    Client::Options options = clientOptions(server->url());
    options.nsp = QStringLiteral("/nowhere");
    client->setOptions(options);
    QSignalSpy errors(client.get(), &Client::connectError);
    client->open();
    QVERIFY(errors.wait(WaitMs));
    QCOMPARE(errors.at(0).at(0).toJsonObject().value("message").toString(), QStringLiteral("Invalid namespace"));
    QCOMPARE(client->state(), Client::State::Disconnected);
    QCOMPARE(client->msUntilReconnect(), -1);
}

void TestSocketIoClient::emitWithAck()
{
    QVERIFY(connectClient());
    QSignalSpy events(client.get(), &Client::eventReceived);
    QJsonArray handled;
    client->on(QStringLiteral("echo"), [&handled](const QJsonArray &args, const Client::AckReply &reply) {
        QVERIFY(!reply); // the server did not ask for an ack
        handled = args;
    });
    bool called = false;
    bool timedOut = true;
    QJsonArray ackArgs;
    const QJsonArray args{1, "two", QJsonObject{{"three", 3}}};
    client->emitEvent(QStringLiteral("echo"), args, [&](bool t, const QJsonArray &a) {
        called = true;
        timedOut = t;
        ackArgs = a;
    });
    QTRY_VERIFY_WITH_TIMEOUT(called, WaitMs);
    QVERIFY(!timedOut);
    QCOMPARE(ackArgs, (QJsonArray{"ok", 1, "two", QJsonObject{{"three", 3}}}));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, WaitMs);
    QCOMPARE(events.at(0).at(0).toString(), QStringLiteral("echo"));
    QCOMPARE(events.at(0).at(1).toJsonArray(), args);
    QCOMPARE(handled, args);

    // After off(), the handler is gone but eventReceived still fires.
    client->off(QStringLiteral("echo"));
    handled = {};
    client->emitEvent(QStringLiteral("echo"), {2});
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, WaitMs);
    QCOMPARE(events.at(1).at(1).toJsonArray(), QJsonArray{2});
    QCOMPARE(handled, QJsonArray());
}

void TestSocketIoClient::emitWhileDisconnectedFailsAck()
{
    bool called = false;
    bool timedOut = false;
    client->emitEvent(QStringLiteral("echo"), {1}, [&](bool t, const QJsonArray &a) {
        called = true;
        timedOut = t;
        QVERIFY(a.isEmpty());
    });
    QVERIFY(!called); // never from inside emitEvent
    QTRY_VERIFY_WITH_TIMEOUT(called, WaitMs);
    QVERIFY(timedOut);
}

void TestSocketIoClient::ackTimeout()
{
    QVERIFY(connectClient());
    int calls = 0;
    bool timedOut = false;
    client->emitEvent(
        QStringLiteral("silent"), {},
        [&](bool t, const QJsonArray &a) {
            ++calls;
            timedOut = t;
            QVERIFY(a.isEmpty());
        },
        200);
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, WaitMs);
    QVERIFY(timedOut);
    // The connection is still fine afterwards.
    QJsonArray ackArgs;
    client->emitEvent(QStringLiteral("echo"), {7}, [&](bool, const QJsonArray &a) { ackArgs = a; });
    QTRY_COMPARE_WITH_TIMEOUT(ackArgs, (QJsonArray{"ok", 7}), WaitMs);
    QCOMPARE(calls, 1);
}

void TestSocketIoClient::serverEventWithAckReply()
{
    QVERIFY(connectClient());
    QJsonArray questionArgs;
    client->on(QStringLiteral("question"), [&](const QJsonArray &args, const Client::AckReply &reply) {
        questionArgs = args;
        QVERIFY(reply);
        reply({QStringLiteral("answer"), args.at(0).toInt() * 2});
        reply({QStringLiteral("second reply is ignored")});
    });
    QJsonArray result;
    client->emitEvent(QStringLiteral("ask"), {21}, [&](bool, const QJsonArray &a) { result = a; });
    QTRY_COMPARE_WITH_TIMEOUT(result, (QJsonArray{"answer", 42}), WaitMs);
    QCOMPARE(questionArgs, QJsonArray{21});
}

void TestSocketIoClient::binaryBothWays()
{
    QVERIFY(connectClient());
    const QByteArray blob("\x01\x02\x03\x00\xfe", 5);
    QSignalSpy binaryEvents(client.get(), &Client::binaryEventReceived);
    QList<QByteArray> handlerAttachments;
    client->onBinary(QStringLiteral("download"), [&](const QJsonArray &, const QList<QByteArray> &attachments,
                                                     const Client::BinaryAckReply &reply) {
        QVERIFY(!reply);
        handlerAttachments = attachments;
    });
    bool acked = false;
    QJsonArray ackArgs;
    QList<QByteArray> ackAttachments;
    client->emitBinary(QStringLiteral("upload"), {protocol::sio::placeholder(0), "name.bin"}, {blob},
                       Client::BinaryAckCallback([&](bool timedOut, const QJsonArray &a, const QList<QByteArray> &att) {
                           acked = !timedOut;
                           ackArgs = a;
                           ackAttachments = att;
                       }));
    QTRY_VERIFY_WITH_TIMEOUT(acked, WaitMs);
    QCOMPARE(server->receivedAttachments, QList<QByteArray>{blob});
    QCOMPARE(ackArgs.size(), 2);
    QCOMPARE(ackArgs.at(1).toInt(), 5);
    QCOMPARE(protocol::sio::binaryAt(ackArgs.at(0), ackAttachments),
             std::optional<QByteArray>(QByteArray("\xfe\x00\x03\x02\x01", 5)));

    QTRY_COMPARE_WITH_TIMEOUT(binaryEvents.size(), 1, WaitMs);
    QCOMPARE(binaryEvents.at(0).at(0).toString(), QStringLiteral("download"));
    const QJsonArray args = binaryEvents.at(0).at(1).toJsonArray();
    const auto attachments = binaryEvents.at(0).at(2).value<QList<QByteArray>>();
    QCOMPARE(attachments.size(), 2);
    QCOMPARE(handlerAttachments, attachments);
    QCOMPARE(args.at(0).toString(), QStringLiteral("name.bin"));
    QCOMPARE(protocol::sio::binaryAt(args.at(1), attachments), std::optional<QByteArray>(QByteArray("\x00\xff", 2)));
    QCOMPARE(protocol::sio::binaryAt(args.at(2), attachments), std::optional<QByteArray>(blob));

    // A plain ack callback on a binary emit still gets the arguments.
    QJsonArray plainArgs;
    client->emitBinary(QStringLiteral("upload"), {protocol::sio::placeholder(0), "b"}, {QByteArray("xy")},
                       [&](bool, const QJsonArray &a) { plainArgs = a; });
    QTRY_COMPARE_WITH_TIMEOUT(plainArgs.size(), 2, WaitMs);
    QCOMPARE(plainArgs.at(1).toInt(), 2);
}

void TestSocketIoClient::serverDisconnectStopsReconnection()
{
    QVERIFY(connectClient());
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    QSignalSpy reconnecting(client.get(), &Client::reconnecting);
    client->emitEvent(QStringLiteral("kick"));
    QVERIFY(disconnected.wait(WaitMs));
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("io server disconnect"));
    QCOMPARE(client->state(), Client::State::Disconnected);
    QCOMPARE(client->msUntilReconnect(), -1);
    QCOMPARE(reconnecting.size(), 0);
    QCOMPARE(client->socketId(), QString());
}

void TestSocketIoClient::clientCloseReachesServer()
{
    QVERIFY(connectClient());
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->close();
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("io client disconnect"));
    QCOMPARE(client->state(), Client::State::Disconnected);
    QTRY_COMPARE_WITH_TIMEOUT(server->serverReasons, QStringList{socketio::reason::ClientDisconnect}, WaitMs);
}

void TestSocketIoClient::pendingAcksFailOnTransportLoss()
{
    QVERIFY(connectClient());
    bool called = false;
    bool timedOut = false;
    client->emitEvent(
        QStringLiteral("silent"), {},
        [&](bool t, const QJsonArray &) {
            called = true;
            timedOut = t;
        },
        60000);
    QTRY_VERIFY_WITH_TIMEOUT(server->lastSocket, WaitMs);
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    server->stop();
    QVERIFY(disconnected.wait(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(called, WaitMs);
    QVERIFY(timedOut);
}

void TestSocketIoClient::reconnectsWithExponentialBackoff()
{
    QVERIFY(connectClient());
    const QString firstId = client->socketId();
    const quint16 port = server->port;
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    QSignalSpy reconnecting(client.get(), &Client::reconnecting);
    QSignalSpy errors(client.get(), &Client::connectError);
    QSignalSpy connected(client.get(), &Client::connected);

    server->stop();
    QVERIFY(disconnected.wait(WaitMs));
    const QString reason = disconnected.at(0).at(0).toString();
    QVERIFY2(reason == QLatin1String("transport close") || reason == QLatin1String("transport error"),
             qPrintable(reason));
    // Attempts fail while nothing listens: 100, 200, 400, 800 ms, each with a connectError.
    QTRY_VERIFY_WITH_TIMEOUT(reconnecting.size() >= 4, WaitMs);
    QCOMPARE(client->state(), Client::State::Reconnecting);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(reconnecting.at(i).at(0).toInt(), i + 1);
        QCOMPARE(reconnecting.at(i).at(1).toInt(), 100 << i);
    }
    QVERIFY(errors.size() >= 3);
    QCOMPARE(errors.at(0).at(0).toJsonObject().value("message").toString(), QStringLiteral("websocket error"));
    QVERIFY(client->reconnectAttempt() >= 4);

    // The server comes back on the same port; the client gets in again with its auth.
    server = std::make_unique<TestServer>();
    QVERIFY(server->start(port));
    QVERIFY(connected.wait(WaitMs));
    QCOMPARE(client->state(), Client::State::Connected);
    QCOMPARE(client->reconnectAttempt(), 0);
    QVERIFY(!client->socketId().isEmpty());
    QVERIFY(client->socketId() != firstId);
    QCOMPARE(server->lastAuth, (QJsonObject{{"token", "good"}}));
    QJsonArray ackArgs;
    client->emitEvent(QStringLiteral("echo"), {"again"}, [&](bool, const QJsonArray &a) { ackArgs = a; });
    QTRY_COMPARE_WITH_TIMEOUT(ackArgs, (QJsonArray{"ok", "again"}), WaitMs);
}

void TestSocketIoClient::jitterStaysWithinFactor()
{
    Client::Options options = clientOptions(server->url());
    options.reconnectDelayMs = 50;
    options.reconnectDelayMaxMs = 300;
    options.randomizationFactor = 0.5;
    options.maxReconnectAttempts = 6;
    client->setOptions(options);
    QVERIFY(connectClient());
    QSignalSpy reconnecting(client.get(), &Client::reconnecting);
    QSignalSpy states(client.get(), &Client::stateChanged);
    server->stop();
    // Six attempts, then the client gives up.
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Client::State::Disconnected, WaitMs);
    QCOMPARE(reconnecting.size(), 6);
    for (int i = 0; i < 6; ++i) {
        const int base = std::min(50 << i, 300);
        const int delay = reconnecting.at(i).at(1).toInt();
        QCOMPARE(reconnecting.at(i).at(0).toInt(), i + 1);
        QVERIFY2(delay >= base / 2 && delay <= std::min(base * 3 / 2, 300),
                 qPrintable(QStringLiteral("attempt %1: %2 ms").arg(i + 1).arg(delay)));
    }
    QCOMPARE(states.last().at(0).value<Client::State>(), Client::State::Disconnected);
    QCOMPARE(client->msUntilReconnect(), -1);
}

QTEST_MAIN(TestSocketIoClient)
#include "tst_socketioclient.moc"
