// SocketIoClient against a scripted WebSocket peer on a real socket: the exact frames the
// client writes, and how it copes with what a sound server never sends (silence, garbage,
// oversized messages, no handshake).
#include "common/client/socketioclient.h"
#include "common/protocol/socketiopacket.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>
#include <memory>

using namespace craftchat;
using Client = client::SocketIoClient;

namespace {

constexpr int WaitMs = 10000;

// A WebSocket server that records every frame it receives and sends what the test says.
class ScriptedPeer : public QObject
{
    Q_OBJECT
public:
    ScriptedPeer()
        : server(QStringLiteral("peer"), QWebSocketServer::NonSecureMode)
    {
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *ws = server.nextPendingConnection()) {
                ws->setParent(this);
                socket = ws;
                requestUrl = ws->requestUrl();
                connect(ws, &QWebSocket::textMessageReceived, this, [this](const QString &m) { texts.append(m); });
                connect(ws, &QWebSocket::binaryMessageReceived, this,
                        [this](const QByteArray &m) { binaries.append(m); });
                ++connections;
                emit connected();
            }
        });
    }

    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())); }

    void sendOpen(int pingInterval = 25000, int pingTimeout = 20000)
    {
        socket->sendTextMessage(
            QStringLiteral(R"(0{"sid":"eio1","upgrades":[],"pingInterval":%1,"pingTimeout":%2,"maxPayload":1000000})")
                .arg(pingInterval)
                .arg(pingTimeout));
    }
    void send(const QString &text) { socket->sendTextMessage(text); }

    QWebSocketServer server;
    QPointer<QWebSocket> socket;
    QUrl requestUrl;
    QStringList texts;
    QList<QByteArray> binaries;
    int connections = 0;

signals:
    void connected();
};

Client::Options optionsFor(const QUrl &url)
{
    Client::Options options;
    options.url = url;
    options.auth = QJsonObject{{"token", "good"}};
    options.reconnectDelayMs = 100;
    options.randomizationFactor = 0;
    options.connectTimeoutMs = WaitMs;
    return options;
}

} // namespace

class TestSocketIoClientPeer : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void handshakeFrames_data();
    void handshakeFrames();
    void answersPingWithPong();
    void emitFramesOnTheWire();
    void ackReplyFrames();
    void pingTimeoutReconnects();
    void garbageIsParseError_data();
    void garbageIsParseError();
    void engineCloseIsTransportClose();
    void oversizedMessageClosesTransport();
    void noHandshakeTimesOut();
    void connectErrorString();

private:
    std::unique_ptr<ScriptedPeer> peer;
    std::unique_ptr<Client> client;
    void openAndConnect(); // up to the CONNECT reply
};

void TestSocketIoClientPeer::init()
{
    peer = std::make_unique<ScriptedPeer>();
    QVERIFY(peer->listen());
    client = std::make_unique<Client>();
    client->setOptions(optionsFor(peer->url()));
}

void TestSocketIoClientPeer::cleanup()
{
    client.reset();
    peer.reset();
}

void TestSocketIoClientPeer::openAndConnect()
{
    QSignalSpy peerConnected(peer.get(), &ScriptedPeer::connected);
    QSignalSpy connected(client.get(), &Client::connected);
    client->open();
    QVERIFY(peerConnected.wait(WaitMs));
    peer->sendOpen();
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 1, WaitMs);
    peer->send(QStringLiteral(R"(40{"sid":"sio1"})"));
    QVERIFY(connected.wait(WaitMs));
    QCOMPARE(client->socketId(), QStringLiteral("sio1"));
}

void TestSocketIoClientPeer::handshakeFrames_data()
{
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<QJsonObject>("auth");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("connectFrame");
    QTest::addColumn<QString>("replyFrame");
    QTest::newRow("root with auth") << "/" << QJsonObject{{"token", "abc"}} << "/socket.io/"
                                    << R"(40{"token":"abc"})"
                                    << R"(40{"sid":"s1"})";
    QTest::newRow("root without auth") << "/" << QJsonObject() << "/socket.io/"
                                       << "40"
                                       << R"(40{"sid":"s1"})";
    QTest::newRow("namespace with auth") << "/admin" << QJsonObject{{"token", "abc"}} << "/socket.io/"
                                         << R"(40/admin,{"token":"abc"})"
                                         << R"(40/admin,{"sid":"s1"})";
    QTest::newRow("custom path") << "/" << QJsonObject() << "custom"
                                 << "40"
                                 << R"(40{"sid":"s1"})";
}

void TestSocketIoClientPeer::handshakeFrames()
{
    QFETCH(QString, nsp);
    QFETCH(QJsonObject, auth);
    QFETCH(QString, path);
    QFETCH(QString, connectFrame);
    QFETCH(QString, replyFrame);
    Client::Options options = optionsFor(peer->url());
    options.nsp = nsp;
    options.auth = auth;
    options.path = path;
    client->setOptions(options);

    QSignalSpy peerConnected(peer.get(), &ScriptedPeer::connected);
    QSignalSpy connected(client.get(), &Client::connected);
    client->open();
    QCOMPARE(client->state(), Client::State::Connecting);
    QVERIFY(peerConnected.wait(WaitMs));
    const QString expectedPath = path == QLatin1String("custom") ? QStringLiteral("/custom/") : path;
    QCOMPARE(peer->requestUrl.path(), expectedPath);
    const QUrlQuery query(peer->requestUrl);
    QCOMPARE(query.queryItemValue("EIO"), QStringLiteral("4"));
    QCOMPARE(query.queryItemValue("transport"), QStringLiteral("websocket"));
    QVERIFY(peer->texts.isEmpty()); // nothing before the Engine.IO open packet
    peer->sendOpen();
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts, QStringList{connectFrame}, WaitMs);
    peer->send(replyFrame);
    QVERIFY(connected.wait(WaitMs));
    QCOMPARE(client->state(), Client::State::Connected);
    QCOMPARE(client->socketId(), QStringLiteral("s1"));
}

void TestSocketIoClientPeer::answersPingWithPong()
{
    openAndConnect();
    peer->texts.clear();
    peer->send(QStringLiteral("2"));
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts, QStringList{"3"}, WaitMs);
    peer->send(QStringLiteral("2"));
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts, (QStringList{"3", "3"}), WaitMs);
    QVERIFY(client->isConnected());
}

void TestSocketIoClientPeer::emitFramesOnTheWire()
{
    openAndConnect();
    peer->texts.clear();
    client->emitEvent(QStringLiteral("hello"), {1, "x"});
    client->emitEvent(QStringLiteral("with-ack"), {}, [](bool, const QJsonArray &) {});
    client->emitBinary(QStringLiteral("up"), {protocol::sio::placeholder(0)}, {QByteArray("\x01\x02", 2)},
                       [](bool, const QJsonArray &) {});
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 3, WaitMs);
    QCOMPARE(peer->texts, (QStringList{R"(42["hello",1,"x"])", R"(420["with-ack"])",
                                       R"(451-1["up",{"_placeholder":true,"num":0}])"}));
    QTRY_COMPARE_WITH_TIMEOUT(peer->binaries, QList<QByteArray>{QByteArray("\x01\x02", 2)}, WaitMs);

    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->close();
    QCOMPARE(disconnected.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 4, WaitMs);
    QCOMPARE(peer->texts.last(), QStringLiteral("41"));
}

void TestSocketIoClientPeer::ackReplyFrames()
{
    openAndConnect();
    peer->texts.clear();
    client->on(QStringLiteral("q"), [](const QJsonArray &args, const Client::AckReply &reply) {
        reply({QStringLiteral("re"), args.at(0)});
    });
    client->onBinary(QStringLiteral("bq"),
                     [](const QJsonArray &, const QList<QByteArray> &att, const Client::BinaryAckReply &reply) {
                         reply({protocol::sio::placeholder(0)}, {att.value(0) + "!"});
                     });
    peer->send(QStringLiteral(R"(4217["q",5])"));
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts, QStringList{R"(4317["re",5])"}, WaitMs);
    peer->send(QStringLiteral(R"(451-3["bq",{"_placeholder":true,"num":0}])"));
    peer->socket->sendBinaryMessage("ab");
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 2, WaitMs);
    QCOMPARE(peer->texts.at(1), QStringLiteral(R"(461-3[{"_placeholder":true,"num":0}])"));
    QTRY_COMPARE_WITH_TIMEOUT(peer->binaries, QList<QByteArray>{"ab!"}, WaitMs);

    // An ack for an id the client never used is ignored; the connection stays up.
    peer->send(QStringLiteral(R"(4399["late"])"));
    peer->send(QStringLiteral("2"));
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 3, WaitMs);
    QVERIFY(client->isConnected());
}

void TestSocketIoClientPeer::pingTimeoutReconnects()
{
    Client::Options options = optionsFor(peer->url());
    client->setOptions(options);
    QSignalSpy peerConnected(peer.get(), &ScriptedPeer::connected);
    QSignalSpy connected(client.get(), &Client::connected);
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    QSignalSpy reconnecting(client.get(), &Client::reconnecting);
    client->open();
    QVERIFY(peerConnected.wait(WaitMs));
    peer->sendOpen(100, 100); // the peer then never pings
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 1, WaitMs);
    peer->send(QStringLiteral(R"(40{"sid":"s"})"));
    QVERIFY(connected.wait(WaitMs));
    QVERIFY(disconnected.wait(WaitMs));
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("ping timeout"));
    QTRY_COMPARE_WITH_TIMEOUT(reconnecting.size(), 1, WaitMs);
    QCOMPARE(reconnecting.at(0).at(0).toInt(), 1);
    QCOMPARE(reconnecting.at(0).at(1).toInt(), 100);
    QTRY_COMPARE_WITH_TIMEOUT(peer->connections, 2, WaitMs); // it came back
}

void TestSocketIoClientPeer::garbageIsParseError_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<bool>("binaryFrame");
    QTest::newRow("empty frame") << "" << false;
    QTest::newRow("unknown engine type") << "9" << false;
    QTest::newRow("socket.io garbage") << "4garbage" << false;
    QTest::newRow("bad json") << R"(42["a")" << false;
    QTest::newRow("bad event payload") << "42[1]" << false;
    QTest::newRow("bad attachment count") << R"(45x-["a"])" << false;
    QTest::newRow("too many attachments") << R"(4599-["a"])" << false;
    QTest::newRow("second open") << R"(0{"sid":"x","pingInterval":1,"pingTimeout":1})" << false;
    QTest::newRow("unexpected binary") << "abc" << true;
}

void TestSocketIoClientPeer::garbageIsParseError()
{
    QFETCH(QString, frame);
    QFETCH(bool, binaryFrame);
    openAndConnect();
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    QSignalSpy events(client.get(), &Client::eventReceived);
    if (binaryFrame)
        peer->socket->sendBinaryMessage(frame.toUtf8());
    else
        peer->send(frame);
    QVERIFY(disconnected.wait(WaitMs));
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("parse error"));
    QCOMPARE(events.size(), 0);
    QCOMPARE(client->state(), Client::State::Reconnecting);
}

void TestSocketIoClientPeer::engineCloseIsTransportClose()
{
    openAndConnect();
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    peer->send(QStringLiteral("1"));
    QVERIFY(disconnected.wait(WaitMs));
    QCOMPARE(disconnected.at(0).at(0).toString(), QStringLiteral("transport close"));
    QCOMPARE(client->state(), Client::State::Reconnecting);
}

void TestSocketIoClientPeer::oversizedMessageClosesTransport()
{
    Client::Options options = optionsFor(peer->url());
    options.maxIncomingMessageBytes = 4096;
    client->setOptions(options);
    openAndConnect();
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    QSignalSpy events(client.get(), &Client::eventReceived);
    peer->send(QStringLiteral(R"(42["big","%1"])").arg(QString(10000, QLatin1Char('x'))));
    QVERIFY(disconnected.wait(WaitMs));
    const QString reason = disconnected.at(0).at(0).toString();
    QVERIFY2(reason == QLatin1String("transport close") || reason == QLatin1String("transport error"),
             qPrintable(reason));
    QCOMPARE(events.size(), 0);
}

void TestSocketIoClientPeer::noHandshakeTimesOut()
{
    Client::Options options = optionsFor(peer->url());
    options.connectTimeoutMs = 300;
    options.reconnect = false;
    client->setOptions(options);
    QSignalSpy errors(client.get(), &Client::connectError);
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->open();
    QVERIFY(errors.wait(WaitMs));
    QCOMPARE(errors.at(0).at(0).toJsonObject(), (QJsonObject{{"message", "timeout"}}));
    QCOMPARE(disconnected.size(), 0); // it never was connected
    QCOMPARE(client->state(), Client::State::Disconnected);
}

void TestSocketIoClientPeer::connectErrorString()
{
    QSignalSpy peerConnected(peer.get(), &ScriptedPeer::connected);
    QSignalSpy errors(client.get(), &Client::connectError);
    client->open();
    QVERIFY(peerConnected.wait(WaitMs));
    peer->sendOpen();
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts.size(), 1, WaitMs);
    peer->send(QStringLiteral(R"(44"Not allowed")"));
    QVERIFY(errors.wait(WaitMs));
    QCOMPARE(errors.at(0).at(0).toJsonObject(), (QJsonObject{{"message", "Not allowed"}}));
    QCOMPARE(client->state(), Client::State::Disconnected);
    QCOMPARE(client->msUntilReconnect(), -1);
}

QTEST_MAIN(TestSocketIoClientPeer)
#include "tst_socketioclient_peer.moc"
