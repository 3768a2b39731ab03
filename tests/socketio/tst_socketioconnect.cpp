// Socket.IO namespaces, middleware, connect timeout, malformed packets and disconnect
// reasons, against the real server on an ephemeral port.
#include "tests/support/enginetestserver.h"
#include "tests/support/siorawclient.h"

#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

class TestSocketIoConnect : public QObject
{
    Q_OBJECT

private slots:
    void connectToRoot();
    void connectToCustomNamespace();
    void unknownNamespace();
    void middlewareRefusal_data();
    void middlewareRefusal();
    void authVisibleToMiddleware_data();
    void authVisibleToMiddleware();
    void authReleasedAfterConnectedHandlers_data();
    void authReleasedAfterConnectedHandlers();
    void noConnectWithinTimeoutCloses();
    void binaryBeforeConnectCloses_data();
    void binaryBeforeConnectCloses();
    void malformedPacketsClose_data();
    void malformedPacketsClose();
    void disconnectReasons_data();
    void disconnectReasons();

    void init();
    void cleanup();

private:
    // The server of the current test, made (not started) in init() with the usual options; a
    // test that needs others replaces it before it configures and starts it.
    std::unique_ptr<EngineTestServer> m_server;
};

void TestSocketIoConnect::init()
{
    m_server = std::make_unique<EngineTestServer>(EngineTestServer::socketIoOptions());
}

void TestSocketIoConnect::cleanup()
{
    m_server.reset();
}

void TestSocketIoConnect::connectToRoot()
{
    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    QVERIFY(server.start());
    QSignalSpy connected(io->of(QStringLiteral("/")), &socketio::Namespace::connected);

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    const auto answer = client.connectNamespace();
    QVERIFY(answer);
    QVERIFY2(answer->startsWith("0{\"sid\":\""), answer->constData());
    const QString id = client.socketId();
    QCOMPARE(id.size(), 20);
    QCOMPARE(SioRawClient::dataOf(*answer).toObject().size(), 1);

    QCOMPARE(connected.size(), 1);
    auto *socket = connected.at(0).at(0).value<socketio::Socket *>();
    QCOMPARE(socket->id(), id);
    QVERIFY(socket->isConnected());
    QCOMPARE(socket->nsp()->name(), QStringLiteral("/"));
    QCOMPARE(io->of(QStringLiteral("/"))->sockets().size(), 1);
    QCOMPARE(io->of(QStringLiteral("/"))->socket(id), socket);
    // The socket id is not the Engine.IO session id.
    QVERIFY(id != client.openPacket().value(QStringLiteral("sid")).toString());
    QCOMPARE(socket->rooms(), QStringList{id});
}

void TestSocketIoConnect::connectToCustomNamespace()
{
    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    socketio::Namespace *admin = io->of(QStringLiteral("/admin"));
    QVERIFY(server.start());
    QSignalSpy rootConnected(io->of(QStringLiteral("/")), &socketio::Namespace::connected);
    QSignalSpy adminConnected(admin, &socketio::Namespace::connected);

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    const auto answer = client.connectNamespace(QStringLiteral("/admin"));
    QVERIFY(answer);
    QVERIFY2(answer->startsWith("0/admin,{\"sid\":\""), answer->constData());
    QCOMPARE(adminConnected.size(), 1);
    QCOMPARE(rootConnected.size(), 0);

    // Both namespaces over the same Engine.IO session, each with its own socket.
    const auto root = client.connectNamespace();
    QVERIFY(root);
    QVERIFY(root->startsWith("0{"));
    QCOMPARE(rootConnected.size(), 1);
    QVERIFY(client.socketId() != client.socketId(QStringLiteral("/admin")));
    QCOMPARE(server.engine().sessionCount(), 1);

    // Events are routed by namespace.
    QString seenOn;
    adminConnected.at(0).at(0).value<socketio::Socket *>()->on(
        QStringLiteral("hello"), [&seenOn](socketio::Socket &socket, const socketio::Event &, const socketio::Ack &) {
            seenOn = socket.nsp()->name();
        });
    client.send("2/admin,[\"hello\"]");
    QTRY_COMPARE(seenOn, QStringLiteral("/admin"));
}

void TestSocketIoConnect::unknownNamespace()
{
    EngineTestServer &server = *m_server;
    server.enableSocketIo();
    QVERIFY(server.start());

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    const auto answer = client.connectNamespace(QStringLiteral("/nowhere"));
    QVERIFY(answer);
    QCOMPARE(*answer, QByteArray("4/nowhere,{\"message\":\"Invalid namespace\"}"));
    // The connection stays usable.
    const auto root = client.connectNamespace();
    QVERIFY(root);
    QVERIFY(root->startsWith("0{\"sid\":"));
}

void TestSocketIoConnect::middlewareRefusal_data()
{
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("message only") << QStringLiteral("/") << QJsonValue(QJsonValue::Undefined)
                                  << QByteArray("4{\"message\":\"not authorized\"}");
    QTest::newRow("message and data") << QStringLiteral("/")
                                      << QJsonValue(QJsonObject{{QStringLiteral("reason"), QStringLiteral("expired")}})
                                      << QByteArray(
                                             "4{\"data\":{\"reason\":\"expired\"},\"message\":\"not authorized\"}");
    QTest::newRow("custom namespace") << QStringLiteral("/admin") << QJsonValue(42)
                                      << QByteArray("4/admin,{\"data\":42,\"message\":\"not authorized\"}");
}

void TestSocketIoConnect::middlewareRefusal()
{
    QFETCH(QString, nsp);
    QFETCH(QJsonValue, data);
    QFETCH(QByteArray, expected);

    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    socketio::Namespace *target = io->of(nsp);
    target->use([data](socketio::Socket &) -> std::optional<socketio::ConnectError> {
        return socketio::ConnectError{QStringLiteral("not authorized"), data};
    });
    QSignalSpy connected(target, &socketio::Namespace::connected);
    QVERIFY(server.start());

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    const auto answer = client.connectNamespace(nsp);
    QVERIFY(answer);
    const QByteArray prefix = nsp == QLatin1String("/") ? QByteArray("4") : "4" + nsp.toUtf8() + ',';
    QVERIFY(answer->startsWith(prefix));
    // Compare as JSON: key order is not part of the contract.
    QCOMPARE(SioRawClient::dataOf(*answer), SioRawClient::dataOf(expected));
    QCOMPARE(connected.size(), 0);
    QCOMPARE(target->sockets().size(), 0);
    QVERIFY(client.isConnected());
}

void TestSocketIoConnect::authVisibleToMiddleware_data()
{
    QTest::addColumn<QByteArray>("connectPacket");
    QTest::addColumn<QJsonObject>("auth");
    QTest::newRow("token") << QByteArray("0{\"token\":\"abc.def\",\"n\":7}")
                           << QJsonObject{{QStringLiteral("token"), QStringLiteral("abc.def")},
                                          {QStringLiteral("n"), 7}};
    QTest::newRow("no auth") << QByteArray("0") << QJsonObject();
}

void TestSocketIoConnect::authVisibleToMiddleware()
{
    QFETCH(QByteArray, connectPacket);
    QFETCH(QJsonObject, auth);

    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    QJsonObject seenAuth{{QStringLiteral("unset"), true}};
    QString seenEio;
    io->of(QStringLiteral("/"))->use([&](socketio::Socket &socket) -> std::optional<socketio::ConnectError> {
        seenAuth = socket.handshake().auth;
        seenEio = socket.handshake().transport->query.queryItemValue(QStringLiteral("EIO"));
        socket.data().insert(QStringLiteral("user"), QStringLiteral("alice"));
        return std::nullopt;
    });
    QSignalSpy connected(io->of(QStringLiteral("/")), &socketio::Namespace::connected);
    QVERIFY(server.start());

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    client.send(connectPacket);
    const auto answer = client.nextPacket();
    QVERIFY(answer);
    QVERIFY(answer->startsWith("0{\"sid\":"));
    QCOMPARE(seenAuth, auth);
    QCOMPARE(seenEio, QStringLiteral("4"));
    QCOMPARE(connected.size(), 1);
    auto *socket = connected.at(0).at(0).value<socketio::Socket *>();
    // Released once the connected() handlers have run (see the next test).
    QCOMPARE(socket->handshake().auth, QJsonObject());
    // What the middleware stored stays with the socket.
    QCOMPARE(socket->data().value(QStringLiteral("user")).toString(), QStringLiteral("alice"));
}

void TestSocketIoConnect::authReleasedAfterConnectedHandlers_data()
{
    QTest::addColumn<bool>("keep");
    QTest::newRow("released by default") << false;
    QTest::newRow("kept with keepConnectAuth") << true;
}

void TestSocketIoConnect::authReleasedAfterConnectedHandlers()
{
    QFETCH(bool, keep);
    EngineTestServer &server = *m_server;
    socketio::SocketIoOptions options;
    options.keepConnectAuth = keep;
    socketio::SocketIoServer *io = server.enableSocketIo(options);
    socketio::Namespace *root = io->of(QStringLiteral("/"));
    QJsonObject seenInHandler;
    socketio::Socket *socket = nullptr;
    QObject::connect(root, &socketio::Namespace::connected, root, [&](socketio::Socket *s) {
        socket = s;
        seenInHandler = s->handshake().auth;
    });
    QVERIFY(server.start());

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    client.send("0{\"token\":\"t-1\"}");
    const auto answer = client.nextPacket();
    QVERIFY(answer);
    QVERIFY(answer->startsWith("0{\"sid\":"));
    QVERIFY(socket);
    const QJsonObject sent{{QStringLiteral("token"), QStringLiteral("t-1")}};
    QCOMPARE(seenInHandler, sent);
    QCOMPARE(socket->handshake().auth, keep ? sent : QJsonObject());
    // The transport part of the handshake stays.
    QCOMPARE(socket->handshake().transport->query.queryItemValue(QStringLiteral("EIO")), QStringLiteral("4"));
}

void TestSocketIoConnect::noConnectWithinTimeoutCloses()
{
    EngineTestServer &server = *m_server;
    socketio::SocketIoOptions options;
    options.connectTimeoutMs = 300;
    server.enableSocketIo(options);
    QVERIFY(server.start());

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    QSignalSpy closed(server.lastSession(), &engineio::EngineSession::closed);
    QVERIFY(client.waitDisconnected());
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("connect timeout"));
    QCOMPARE(server.engine().sessionCount(), 0);

    // A client that connects in time is kept past the timeout.
    SioRawClient prompt;
    QVERIFY(prompt.open(server.webSocketUrl()));
    QVERIFY(prompt.connectNamespace());
    QVERIFY(prompt.staysQuiet(600));
    QVERIFY(prompt.isConnected());
}

void TestSocketIoConnect::binaryBeforeConnectCloses_data()
{
    QTest::addColumn<bool>("connectFirst");
    QTest::addColumn<QByteArray>("packet");
    QByteArray tenPlaceholders;
    for (int i = 0; i < 10; ++i)
        tenPlaceholders += ",{\"_placeholder\":true,\"num\":" + QByteArray::number(i) + "}";
    QTest::newRow("binary event, nothing joined") << false << ("510-[\"upload\"" + tenPlaceholders + "]");
    QTest::newRow("binary ack, nothing joined") << false << ("610-3[\"x\"" + tenPlaceholders + "]");
    QTest::newRow("binary event for a namespace not joined")
        << true << ("510-/admin,[\"upload\"" + tenPlaceholders + "]");
    QTest::newRow("attachment alone, nothing joined") << false << QByteArray();
}

void TestSocketIoConnect::binaryBeforeConnectCloses()
{
    QFETCH(bool, connectFirst);
    QFETCH(QByteArray, packet);
    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    io->of(QStringLiteral("/admin"));
    QVERIFY(server.start());

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    if (connectFirst)
        QVERIFY(client.connectNamespace());
    QSignalSpy closed(server.lastSession(), &engineio::EngineSession::closed);
    if (packet.isEmpty())
        client.sendAttachment(QByteArray(100'000, 'a'));
    else
        client.send(packet);
    // Closed at once, before any attachment is sent or held.
    QVERIFY(client.waitDisconnected(3000));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("parse error"));
    QCOMPARE(server.engine().sessionCount(), 0);

    // Joined first, a binary event with its attachments is taken.
    SioRawClient joined;
    QVERIFY(joined.open(server.webSocketUrl()));
    QVERIFY(joined.connectNamespace());
    joined.send("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]");
    joined.sendAttachment("bytes");
    QVERIFY(joined.staysQuiet(300));
    QVERIFY(joined.isConnected());
}

void TestSocketIoConnect::malformedPacketsClose_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::newRow("unknown type") << QByteArray("9");
    QTest::newRow("type letter") << QByteArray("x[\"a\"]");
    QTest::newRow("event without data") << QByteArray("2");
    QTest::newRow("event object") << QByteArray("2{\"a\":1}");
    QTest::newRow("event empty array") << QByteArray("2[]");
    QTest::newRow("event name not a string") << QByteArray("2[1,2]");
    QTest::newRow("event bad json") << QByteArray("2[\"a\",");
    QTest::newRow("event trailing garbage") << QByteArray("2[\"a\"]x");
    QTest::newRow("ack id too large") << QByteArray("299999999999999999999[\"a\"]");
    QTest::newRow("ack without array") << QByteArray("30{\"a\":1}");
    QTest::newRow("namespace without comma") << QByteArray("2/admin[\"a\"]");
    QTest::newRow("disconnect with data") << QByteArray("1{\"a\":1}");
    QTest::newRow("connect with array") << QByteArray("0[1]");
    QTest::newRow("connect error from client") << QByteArray("4{\"message\":\"x\"}");
    QTest::newRow("binary event without count") << QByteArray("5[\"a\",{\"_placeholder\":true,\"num\":0}]");
    QTest::newRow("binary event negative count") << QByteArray("5-1-[\"a\"]");
    QTest::newRow("too many attachments") << QByteArray("511-[\"a\"]");
    QTest::newRow("placeholder out of range") << QByteArray("51-[\"a\",{\"_placeholder\":true,\"num\":3}]");
}

void TestSocketIoConnect::malformedPacketsClose()
{
    QFETCH(QByteArray, packet);

    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    QVERIFY(server.start());
    QSignalSpy disconnected(io->of(QStringLiteral("/")), &socketio::Namespace::disconnected);

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl()));
    QVERIFY(client.connectNamespace());
    QSignalSpy closed(server.lastSession(), &engineio::EngineSession::closed);
    client.send(packet);
    if (packet.startsWith("51-"))
        client.sendAttachment("x"); // the placeholder is checked once the attachment is in
    QVERIFY(client.waitDisconnected());
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.at(0).at(1).toString(), QStringLiteral("parse error"));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestSocketIoConnect::disconnectReasons_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reason");
    QTest::newRow("client namespace disconnect")
        << QStringLiteral("client-disconnect") << QStringLiteral("client namespace disconnect");
    QTest::newRow("transport close (WebSocket closed)")
        << QStringLiteral("ws-close") << QStringLiteral("transport close");
    QTest::newRow("transport close (Engine.IO close packet)")
        << QStringLiteral("eio-close") << QStringLiteral("transport close");
    QTest::newRow("ping timeout") << QStringLiteral("no-pong") << QStringLiteral("ping timeout");
    QTest::newRow("server namespace disconnect")
        << QStringLiteral("server-disconnect") << QStringLiteral("server namespace disconnect");
    QTest::newRow("server disconnect with close")
        << QStringLiteral("server-close") << QStringLiteral("server namespace disconnect");
    QTest::newRow("server shutting down") << QStringLiteral("close-all") << QStringLiteral("server shutting down");
}

void TestSocketIoConnect::disconnectReasons()
{
    QFETCH(QString, how);
    QFETCH(QString, reason);

    engineio::EngineOptions options = EngineTestServer::socketIoOptions();
    options.pingIntervalMs = 150;
    options.pingTimeoutMs = how == QLatin1String("no-pong") ? 200 : 3000;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    socketio::SocketIoServer *io = server.enableSocketIo();
    socketio::Namespace *root = io->of(QStringLiteral("/"));
    QVERIFY(server.start());
    QSignalSpy nspDisconnected(root, &socketio::Namespace::disconnected);

    SioRawClient client;
    QVERIFY(client.open(server.webSocketUrl(), how != QLatin1String("no-pong")));
    QVERIFY(client.connectNamespace());
    socketio::Socket *socket = root->socket(client.socketId());
    QVERIFY(socket);
    socket->join(QStringLiteral("lobby"));
    QSignalSpy socketDisconnecting(socket, &socketio::Socket::disconnecting);
    QSignalSpy socketDisconnected(socket, &socketio::Socket::disconnected);

    if (how == QLatin1String("client-disconnect")) {
        client.send("1");
    } else if (how == QLatin1String("ws-close")) {
        client.ws().socket().close();
    } else if (how == QLatin1String("eio-close")) {
        client.sendEngineText("1");
    } else if (how == QLatin1String("server-disconnect")) {
        socket->disconnect();
        QCOMPARE(client.nextPacket(), std::optional<QByteArray>("1"));
    } else if (how == QLatin1String("server-close")) {
        socket->disconnect(true);
    } else if (how == QLatin1String("close-all")) {
        io->closeAll();
    }

    QTRY_COMPARE(nspDisconnected.size(), 1);
    QCOMPARE(nspDisconnected.at(0).at(1).toString(), reason);
    QCOMPARE(socketDisconnecting.size(), 1);
    QCOMPARE(socketDisconnecting.at(0).at(0).toString(), reason);
    QCOMPARE(socketDisconnected.size(), 1);
    QCOMPARE(socketDisconnected.at(0).at(0).toString(), reason);
    QCOMPARE(root->sockets().size(), 0);
    QCOMPARE(root->rooms().memberCount(QStringLiteral("lobby")), 0);

    // A namespace-level disconnect keeps the Engine.IO connection; everything else ends it.
    if (how == QLatin1String("client-disconnect") || how == QLatin1String("server-disconnect")) {
        QVERIFY(client.isConnected());
        QCOMPARE(server.engine().sessionCount(), 1);
        QVERIFY(client.connectNamespace());
    } else {
        QVERIFY(client.waitDisconnected());
        QTRY_COMPARE(server.engine().sessionCount(), 0);
    }
}

QTEST_MAIN(TestSocketIoConnect)
#include "tst_socketioconnect.moc"
