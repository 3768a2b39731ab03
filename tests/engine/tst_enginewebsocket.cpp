// Engine.IO over a WebSocket opened directly (transport=websocket), against the real server
// on an ephemeral port.
#include "tests/support/enginetestserver.h"
#include "tests/support/httptestclient.h"
#include "tests/support/wstestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

// Opens a WebSocket session and reads its OPEN packet; the sid, or empty on failure.
QString openSession(EngineTestServer &server, WsTestClient &client, QJsonObject *open = nullptr)
{
    if (!client.open(server.webSocketUrl()))
        return {};
    const auto frame = client.nextText();
    if (!frame || !frame->startsWith('0'))
        return {};
    const QJsonObject json = QJsonDocument::fromJson(frame->mid(1)).object();
    if (open)
        *open = json;
    return json.value(QStringLiteral("sid")).toString();
}

} // namespace

class TestEngineWebSocket : public QObject
{
    Q_OBJECT

private slots:
    void handshake();
    void echo_data();
    void echo();
    void heartbeat();
    void heartbeatTimeout();
    void closePacketFromClient();
    void serverSideClose();
    void invalidPacketCloses_data();
    void invalidPacketCloses();
    void messageLargerThanMaxPayloadCloses_data();
    void messageLargerThanMaxPayloadCloses();
    void refusedUpgradeRequests_data();
    void refusedUpgradeRequests();
    void clientThatStopsReadingIsDropped();

    void init();
    void cleanup();

private:
    // The server of the current test, made (not started) in init() with the usual options; a
    // test that needs others replaces it before it configures and starts it.
    std::unique_ptr<EngineTestServer> m_server;
};

void TestEngineWebSocket::init()
{
    m_server = std::make_unique<EngineTestServer>(EngineTestServer::engineOptions());
}

void TestEngineWebSocket::cleanup()
{
    m_server.reset();
}

void TestEngineWebSocket::handshake()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 2500;
    options.pingTimeoutMs = 1500;
    options.maxPayload = 4096;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());

    WsTestClient client;
    QJsonObject open;
    const QString sid = openSession(server, client, &open);
    QCOMPARE(sid.size(), 20);
    // Already on the best transport: nothing to upgrade to.
    QCOMPARE(open.value(QStringLiteral("upgrades")).toArray(), QJsonArray());
    QCOMPARE(open.value(QStringLiteral("pingInterval")).toInt(), 2500);
    QCOMPARE(open.value(QStringLiteral("pingTimeout")).toInt(), 1500);
    QCOMPARE(open.value(QStringLiteral("maxPayload")).toInt(), 4096);

    engineio::EngineSession *session = server.sessionById(sid);
    QVERIFY(session);
    QCOMPARE(session->transport(), engineio::EngineSession::Transport::WebSocket);
    QCOMPARE(session->handshake().query.queryItemValue(QStringLiteral("EIO")), QStringLiteral("4"));
    QCOMPARE(session->handshake().address, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(session->handshake().url.startsWith(QStringLiteral("/engine.io/?")));
    // The upgrade's own headers are not kept; the others are (lower-case names).
    QStringList names;
    for (const auto &header : session->handshake().headers)
        names << QString::fromLatin1(header.first);
    QVERIFY(names.contains(QStringLiteral("host")));
    QVERIFY(!names.contains(QStringLiteral("sec-websocket-key")));
    QVERIFY(!names.contains(QStringLiteral("sec-websocket-version")));
    QVERIFY(!names.contains(QStringLiteral("upgrade")));
    QVERIFY(!names.contains(QStringLiteral("connection")));

    // A second session with the same handshake gets equal values.
    WsTestClient second;
    const QString secondSid = openSession(server, second);
    engineio::EngineSession *other = server.sessionById(secondSid);
    QVERIFY(other);
    QCOMPARE(other->handshake().headers, session->handshake().headers);
    QCOMPARE(other->handshake().query, session->handshake().query);
    QCOMPARE(other->handshake().address, session->handshake().address);
}

void TestEngineWebSocket::echo_data()
{
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("text") << false << QByteArray("4hello");
    QTest::newRow("utf-8") << false << QByteArray("4gr\xc3\xbc\xc3\x9f \xf0\x9f\x98\x80");
    QTest::newRow("empty message") << false << QByteArray("4");
    QTest::newRow("binary") << true << QByteArray("\x00\x01\x02\xfe\xff", 5);
    QTest::newRow("binary 64 KiB") << true << QByteArray(64 * 1024, '\x7f');
}

void TestEngineWebSocket::echo()
{
    QFETCH(bool, binary);
    QFETCH(QByteArray, frame);

    EngineTestServer &server = *m_server;
    server.enableEcho();
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());
    QSignalSpy received(server.sessionById(sid), &engineio::EngineSession::packetReceived);

    if (binary)
        client.sendBinary(frame);
    else
        client.sendText(frame);
    const auto echoed = client.next();
    QVERIFY(echoed);
    QCOMPARE(echoed->binary, binary);
    QCOMPARE(echoed->data, frame);
    QCOMPARE(received.size(), 1);
    const auto packet = received.at(0).at(0).value<protocol::eio::Packet>();
    QCOMPARE(packet.binary, binary);
    QCOMPARE(packet.data, binary ? frame : frame.mid(1));
}

void TestEngineWebSocket::heartbeat()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 100;
    options.pingTimeoutMs = 3000;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());

    for (int round = 0; round < 3; ++round) {
        QCOMPARE(client.nextText(), std::optional<QByteArray>("2"));
        client.sendText("3");
    }
    QVERIFY(server.sessionById(sid));
    QVERIFY(server.sessionById(sid)->isOpen());
    QVERIFY(client.isConnected());
}

void TestEngineWebSocket::heartbeatTimeout()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 100;
    options.pingTimeoutMs = 200;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());
    QSignalSpy closed(server.sessionById(sid), &engineio::EngineSession::closed);

    QCOMPARE(client.nextText(), std::optional<QByteArray>("2"));
    QVERIFY(client.waitDisconnected());
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("ping timeout"));
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEngineWebSocket::closePacketFromClient()
{
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());
    QSignalSpy closed(server.sessionById(sid), &engineio::EngineSession::closed);

    client.sendText("1");
    QVERIFY(client.waitDisconnected());
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("transport close"));
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEngineWebSocket::serverSideClose()
{
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());
    engineio::EngineSession *session = server.sessionById(sid);
    QSignalSpy closed(session, &engineio::EngineSession::closed);

    session->sendMessage("last words");
    session->close(QStringLiteral("kicked"));
    QCOMPARE(client.nextText(), std::optional<QByteArray>("4last words"));
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("kicked"));
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEngineWebSocket::invalidPacketCloses_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty frame") << QByteArray() << QStringLiteral("parse error");
    QTest::newRow("type 9") << QByteArray("9") << QStringLiteral("parse error");
    QTest::newRow("type letter") << QByteArray("x42") << QStringLiteral("parse error");
    QTest::newRow("OPEN from client") << QByteArray("0{}") << QStringLiteral("parse error");
    QTest::newRow("UPGRADE without probe") << QByteArray("5") << QStringLiteral("parse error");
    QTest::newRow("polling base64 form") << QByteArray("bAQID") << QStringLiteral("parse error");
}

void TestEngineWebSocket::invalidPacketCloses()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, reason);

    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());
    QSignalSpy closed(server.sessionById(sid), &engineio::EngineSession::closed);
    QSignalSpy received(server.sessionById(sid), &engineio::EngineSession::packetReceived);

    client.sendText(frame);
    QVERIFY(client.waitDisconnected());
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), reason);
    QCOMPARE(received.size(), 0);
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEngineWebSocket::messageLargerThanMaxPayloadCloses_data()
{
    QTest::addColumn<bool>("binary");
    QTest::newRow("text") << false;
    QTest::newRow("binary") << true;
}

void TestEngineWebSocket::messageLargerThanMaxPayloadCloses()
{
    QFETCH(bool, binary);

    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.maxPayload = 1000;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    server.enableEcho();
    QVERIFY(server.start());
    WsTestClient client;
    const QString sid = openSession(server, client);
    QVERIFY(!sid.isEmpty());
    QSignalSpy closed(server.sessionById(sid), &engineio::EngineSession::closed);
    QSignalSpy received(server.sessionById(sid), &engineio::EngineSession::packetReceived);

    // At the limit: accepted.
    const QByteArray fits = binary ? QByteArray(1000, '\x01') : "4" + QByteArray(999, 'a');
    binary ? client.sendBinary(fits) : client.sendText(fits);
    const auto echoed = client.next();
    QVERIFY(echoed);
    QCOMPARE(echoed->data, fits);

    const QByteArray tooLarge = binary ? QByteArray(5000, '\x01') : "4" + QByteArray(4999, 'a');
    binary ? client.sendBinary(tooLarge) : client.sendText(tooLarge);
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(received.size(), 1);
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEngineWebSocket::refusedUpgradeRequests_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("EIO=3") << QByteArray("EIO=3&transport=websocket") << 5
                           << QStringLiteral("Unsupported protocol version");
    QTest::newRow("missing EIO") << QByteArray("transport=websocket") << 5
                                 << QStringLiteral("Unsupported protocol version");
    QTest::newRow("unknown transport") << QByteArray("EIO=4&transport=foo") << 0 << QStringLiteral("Transport unknown");
    QTest::newRow("polling transport") << QByteArray("EIO=4&transport=polling") << 3 << QStringLiteral("Bad request");
    QTest::newRow("unknown sid") << QByteArray("EIO=4&transport=websocket&sid=unknown") << 1
                                 << QStringLiteral("Session ID unknown");
}

void TestEngineWebSocket::refusedUpgradeRequests()
{
    QFETCH(QByteArray, query);
    QFETCH(int, code);
    QFETCH(QString, message);

    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const HttpReply reply = HttpCall::run(server.port(), "GET", "/engine.io/?" + query, {},
                                          {{"Connection", "Upgrade"},
                                           {"Upgrade", "websocket"},
                                           {"Sec-WebSocket-Version", "13"},
                                           {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json(), (QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}));
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEngineWebSocket::clientThatStopsReadingIsDropped()
{
    // A client that opens a WebSocket session and then reads nothing while messages keep
    // coming: once the server's output queue reaches its limit the session ends with
    // "transport error" (slow consumer) instead of buffering without bound.
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(client.waitForConnected(10000));
    client.write("GET " + server.engine().options().path.toUtf8()
                 + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += client.readAll()).contains("\r\n\r\n"), 10000);
    QVERIFY(answer.startsWith("HTTP/1.1 101 "));
    client.setReadBufferSize(4096); // from here on the client reads nothing more
    QTRY_VERIFY_WITH_TIMEOUT(server.lastSession(), 10000);
    QPointer<engineio::EngineSession> session = server.lastSession();
    QSignalSpy closed(session.data(), &engineio::EngineSession::closed);

    const qint64 limit = server.http().limits().maxWebSocketQueuedBytes;
    const QByteArray message(256 * 1024, 'm');
    int sent = 0;
    while (closed.isEmpty() && sent < 2000) { // 500 MB at most
        session->sendMessage(message);
        ++sent;
        QTest::qWait(1);
    }
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("transport error"));
    QVERIFY(closed.at(0).at(1).toString().contains(QStringLiteral("slow consumer")));
    QVERIFY(qint64(sent) * message.size() > limit);
    QVERIFY(server.http().webSocketPeakQueuedBytes() <= limit);
    QTRY_COMPARE(server.engine().sessionCount(), 0);
    QTRY_COMPARE(server.http().webSocketCount(), 0);
}

QTEST_MAIN(TestEngineWebSocket)
#include "tst_enginewebsocket.moc"
