// Engine.IO over HTTP long-polling, against the real server on an ephemeral port: handshake,
// packets both ways, heartbeat, closing, limits, protocol errors and CORS.
#include "tests/support/enginetestserver.h"
#include "tests/support/httptestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

struct Opened
{
    QString sid;
    QJsonObject open;
};

// GET handshake; fails the calling test when it does not work.
std::optional<Opened> handshake(EngineTestServer &server)
{
    const HttpReply reply = HttpCall::run(server.port(), "GET", server.pollingTarget());
    if (reply.status != 200 || !reply.body.startsWith('0'))
        return std::nullopt;
    Opened opened;
    opened.open = QJsonDocument::fromJson(reply.body.mid(1)).object();
    opened.sid = opened.open.value(QStringLiteral("sid")).toString();
    return opened;
}

QByteArray sidQuery(const QString &sid)
{
    return "sid=" + sid.toUtf8();
}

HttpReply poll(EngineTestServer &server, const QString &sid)
{
    return HttpCall::run(server.port(), "GET", server.pollingTarget(sidQuery(sid)));
}

HttpReply post(EngineTestServer &server, const QString &sid, const QByteArray &payload)
{
    return HttpCall::run(server.port(), "POST", server.pollingTarget(sidQuery(sid)), payload,
                         {{"Content-Type", "text/plain;charset=UTF-8"}});
}

// Options for the output-limit tests: no ping joins the poll buffer while they run.
engineio::EngineOptions quietOptions()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 60000;
    options.pingTimeoutMs = 60000;
    return options;
}

// The ways the server sends a message: "text", "binary" (base64 in a polling payload) and
// "prepared" (a broadcast's PreparedMessage with one binary attachment of a quarter its size).
// Message number seq is size bytes starting with "<seq>:"; returns the packets the client
// must see for it, in order.
QList<protocol::eio::Packet> sendNumbered(engineio::EngineSession &session, const QString &kind, int seq,
                                          qsizetype size)
{
    QByteArray data = QByteArray::number(seq) + ':';
    data.append(size - data.size(), 'x');
    if (kind == QLatin1String("binary")) {
        session.sendBinaryMessage(data);
        return {protocol::eio::Packet::binaryMessage(data)};
    }
    if (kind == QLatin1String("prepared")) {
        const QByteArray attachment(size / 4, char(seq));
        session.sendPrepared(engineio::PreparedMessage(data, {attachment}));
        return {protocol::eio::Packet::message(data), protocol::eio::Packet::binaryMessage(attachment)};
    }
    session.sendMessage(data);
    return {protocol::eio::Packet::message(data)};
}

// Bytes one numbered message takes in a polling payload (type or "b", data or its base64,
// record separator), as the server counts them against maxPollBufferBytes.
qint64 pollingBytes(const QString &kind, qsizetype size)
{
    const auto base64 = [](qsizetype n) { return (n + 2) / 3 * 4; };
    if (kind == QLatin1String("binary"))
        return 2 + base64(size);
    if (kind == QLatin1String("prepared"))
        return 2 + size + 2 + base64(size / 4);
    return 2 + size;
}

} // namespace

class TestEnginePolling : public QObject
{
    Q_OBJECT

private slots:
    void handshakeBody();
    void postAndPollRoundTrip_data();
    void postAndPollRoundTrip();
    void severalPacketsInOnePayload();
    void heldGetReleasedByServerSend();
    void pingPongCycle();
    void heartbeatTimeoutClosesSession();
    void closePacketFromClient();
    void serverSideClose();
    void maxPayloadExceeded();
    void duplicateConcurrentGet();
    void clientThatStopsPollingIsDropped_data();
    void clientThatStopsPollingIsDropped();
    void clientThatKeepsPollingGetsEverything_data();
    void clientThatKeepsPollingGetsEverything();
    void badRequests_data();
    void badRequests();
    void corsHeaders_data();
    void corsHeaders();
    void corsPreflight_data();
    void corsPreflight();

    void init();
    void cleanup();

private:
    // The server of the current test, made (not started) in init() with the usual options; a
    // test that needs others replaces it before it configures and starts it.
    std::unique_ptr<EngineTestServer> m_server;
};

void TestEnginePolling::init()
{
    m_server = std::make_unique<EngineTestServer>(EngineTestServer::engineOptions());
}

void TestEnginePolling::cleanup()
{
    m_server.reset();
}

void TestEnginePolling::handshakeBody()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 1234;
    options.pingTimeoutMs = 4321;
    options.maxPayload = 54321;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    QSignalSpy connections(&server.engine(), &engineio::EngineServer::connection);

    const HttpReply reply = HttpCall::run(server.port(), "GET", server.pollingTarget());
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("content-type").startsWith("text/plain"));
    QVERIFY(reply.body.startsWith('0'));
    QJsonParseError error{};
    const QJsonObject open = QJsonDocument::fromJson(reply.body.mid(1), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QString sid = open.value(QStringLiteral("sid")).toString();
    QCOMPARE(sid.size(), 20);
    QCOMPARE(open.value(QStringLiteral("upgrades")).toArray(), QJsonArray{QStringLiteral("websocket")});
    QCOMPARE(open.value(QStringLiteral("pingInterval")).toInt(), 1234);
    QCOMPARE(open.value(QStringLiteral("pingTimeout")).toInt(), 4321);
    QCOMPARE(open.value(QStringLiteral("maxPayload")).toInt(), 54321);
    QCOMPARE(open.size(), 5);

    QCOMPARE(connections.size(), 1);
    QCOMPARE(server.engine().sessionCount(), 1);
    QVERIFY(server.sessionById(sid));
    QCOMPARE(server.sessionById(sid)->transport(), engineio::EngineSession::Transport::Polling);

    // A second handshake is a different session.
    const auto second = handshake(server);
    QVERIFY(second);
    QVERIFY(second->sid != sid);
    QCOMPARE(server.engine().sessionCount(), 2);
}

void TestEnginePolling::postAndPollRoundTrip_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("text") << QByteArray("4hello") << false << QByteArray("hello");
    QTest::newRow("utf-8 text") << QByteArray("4h\xc3\xa9llo \xe2\x9c\x93") << false
                                << QByteArray("h\xc3\xa9llo \xe2\x9c\x93");
    QTest::newRow("empty message") << QByteArray("4") << false << QByteArray();
    QTest::newRow("binary") << QByteArray("bAQID/w==") << true << QByteArray("\x01\x02\x03\xff", 4);
}

void TestEnginePolling::postAndPollRoundTrip()
{
    QFETCH(QByteArray, payload);
    QFETCH(bool, binary);
    QFETCH(QByteArray, data);

    EngineTestServer &server = *m_server;
    server.enableEcho();
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QSignalSpy received(server.sessionById(opened->sid), &engineio::EngineSession::packetReceived);

    const HttpReply posted = post(server, opened->sid, payload);
    QCOMPARE(posted.status, 200);
    QCOMPARE(posted.body, QByteArray("ok"));
    QCOMPARE(received.size(), 1);
    const auto packet = received.at(0).at(0).value<protocol::eio::Packet>();
    QCOMPARE(packet.type, protocol::eio::PacketType::Message);
    QCOMPARE(packet.binary, binary);
    QCOMPARE(packet.data, data);

    // The echo waits for the next poll, in the same wire form.
    const HttpReply polled = poll(server, opened->sid);
    QCOMPARE(polled.status, 200);
    QCOMPARE(polled.body, payload);
}

void TestEnginePolling::severalPacketsInOnePayload()
{
    EngineTestServer &server = *m_server;
    server.enableEcho();
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QSignalSpy received(server.sessionById(opened->sid), &engineio::EngineSession::packetReceived);

    const QByteArray payload = "4first\x1e"
                               "bAQI=\x1e"
                               "4third";
    QCOMPARE(post(server, opened->sid, payload).status, 200);
    QCOMPARE(received.size(), 3);
    QCOMPARE(received.at(0).at(0).value<protocol::eio::Packet>().data, QByteArray("first"));
    QCOMPARE(received.at(1).at(0).value<protocol::eio::Packet>().data, QByteArray("\x01\x02", 2));
    QVERIFY(received.at(1).at(0).value<protocol::eio::Packet>().binary);
    QCOMPARE(received.at(2).at(0).value<protocol::eio::Packet>().data, QByteArray("third"));

    // All three echoes come back in one payload, in order.
    QCOMPARE(poll(server, opened->sid).body, payload);
}

void TestEnginePolling::heldGetReleasedByServerSend()
{
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);

    HttpCall held(server.port(), "GET", server.pollingTarget(sidQuery(opened->sid)));
    // Nothing to deliver: the request is held.
    QVERIFY(!held.waitForReply(300));
    QVERIFY(!held.isFinished());

    engineio::EngineSession *session = server.sessionById(opened->sid);
    QVERIFY(session);
    session->sendMessage("from server");
    QVERIFY(held.waitForReply());
    QCOMPARE(held.reply().status, 200);
    QCOMPARE(held.reply().body, QByteArray("4from server"));
    QVERIFY(session->isOpen());
}

void TestEnginePolling::pingPongCycle()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 150;
    options.pingTimeoutMs = 3000;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QPointer<engineio::EngineSession> session = server.sessionById(opened->sid);

    for (int round = 0; round < 3; ++round) {
        const HttpReply ping = poll(server, opened->sid);
        QCOMPARE(ping.status, 200);
        QCOMPARE(ping.body, QByteArray("2"));
        const HttpReply pong = post(server, opened->sid, "3");
        QCOMPARE(pong.status, 200);
        QCOMPARE(pong.body, QByteArray("ok"));
    }
    QVERIFY(session);
    QVERIFY(session->isOpen());
}

void TestEnginePolling::heartbeatTimeoutClosesSession()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.pingIntervalMs = 100;
    options.pingTimeoutMs = 200;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QSignalSpy closed(server.sessionById(opened->sid), &engineio::EngineSession::closed);

    QCOMPARE(poll(server, opened->sid).body, QByteArray("2"));
    // No pong: the session dies.
    QVERIFY(closed.wait(5000));
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("ping timeout"));
    QCOMPARE(server.engine().sessionCount(), 0);

    const HttpReply late = poll(server, opened->sid);
    QCOMPARE(late.status, 400);
    QCOMPARE(late.json().value(QStringLiteral("code")).toInt(), 1);
}

void TestEnginePolling::closePacketFromClient()
{
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QSignalSpy closed(server.sessionById(opened->sid), &engineio::EngineSession::closed);

    HttpCall held(server.port(), "GET", server.pollingTarget(sidQuery(opened->sid)));
    QVERIFY(!held.waitForReply(200));

    const HttpReply posted = post(server, opened->sid, "1");
    QCOMPARE(posted.status, 200);
    // The held poll is released with a noop and the session is gone.
    QVERIFY(held.waitForReply());
    QCOMPARE(held.reply().status, 200);
    QCOMPARE(held.reply().body, QByteArray("6"));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("transport close"));
    QCOMPARE(server.engine().sessionCount(), 0);

    const HttpReply after = poll(server, opened->sid);
    QCOMPARE(after.status, 400);
    QCOMPARE(after.json(), (QJsonObject{{QStringLiteral("code"), 1},
                                        {QStringLiteral("message"), QStringLiteral("Session ID unknown")}}));
}

void TestEnginePolling::serverSideClose()
{
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());

    // Held poll: answered with the CLOSE packet.
    {
        const auto opened = handshake(server);
        QVERIFY(opened);
        engineio::EngineSession *session = server.sessionById(opened->sid);
        QSignalSpy closed(session, &engineio::EngineSession::closed);
        HttpCall held(server.port(), "GET", server.pollingTarget(sidQuery(opened->sid)));
        QVERIFY(!held.waitForReply(200));
        session->close(QStringLiteral("kicked"));
        QVERIFY(held.waitForReply());
        QCOMPARE(held.reply().body, QByteArray("1"));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("kicked"));
        QCOMPARE(poll(server, opened->sid).status, 400);
    }
    // Queued packets and no poll: the next poll gets them, then CLOSE.
    {
        const auto opened = handshake(server);
        QVERIFY(opened);
        engineio::EngineSession *session = server.sessionById(opened->sid);
        QSignalSpy closed(session, &engineio::EngineSession::closed);
        session->sendMessage("bye");
        session->close(QStringLiteral("kicked"));
        const HttpReply last = poll(server, opened->sid);
        QCOMPARE(last.status, 200);
        QCOMPARE(last.body, QByteArray("4bye\x1e"
                                       "1"));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(poll(server, opened->sid).status, 400);
    }
}

void TestEnginePolling::maxPayloadExceeded()
{
    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.maxPayload = 100;
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QCOMPARE(opened->open.value(QStringLiteral("maxPayload")).toInt(), 100);
    QSignalSpy closed(server.sessionById(opened->sid), &engineio::EngineSession::closed);

    // Exactly maxPayload is fine.
    QCOMPARE(post(server, opened->sid, "4" + QByteArray(99, 'a')).status, 200);

    const HttpReply tooLarge = post(server, opened->sid, "4" + QByteArray(150, 'a'));
    QCOMPARE(tooLarge.status, 413);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("transport error"));
    QCOMPARE(poll(server, opened->sid).status, 400);
}

void TestEnginePolling::duplicateConcurrentGet()
{
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QSignalSpy closed(server.sessionById(opened->sid), &engineio::EngineSession::closed);

    HttpCall first(server.port(), "GET", server.pollingTarget(sidQuery(opened->sid)));
    QVERIFY(!first.waitForReply(200));
    const HttpReply second = poll(server, opened->sid);
    QCOMPARE(second.status, 400);
    QCOMPARE(second.json().value(QStringLiteral("code")).toInt(), 3);
    QVERIFY(first.waitForReply());
    QCOMPARE(first.reply().body, QByteArray("1"));
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(server.engine().sessionCount(), 0);
}

void TestEnginePolling::clientThatStopsPollingIsDropped_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("text") << QStringLiteral("text");
    QTest::newRow("binary") << QStringLiteral("binary");
    QTest::newRow("prepared with attachment") << QStringLiteral("prepared");
}

void TestEnginePolling::clientThatStopsPollingIsDropped()
{
    // A client that polled once and then polls no more while large messages keep coming:
    // once its buffer would pass maxPollBufferBytes the session ends with "transport error"
    // (slow consumer) instead of buffering until the ping timeout.
    QFETCH(QString, kind);
    m_server = std::make_unique<EngineTestServer>(quietOptions());
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QPointer<engineio::EngineSession> session = server.sessionById(opened->sid);
    QSignalSpy closed(session.data(), &engineio::EngineSession::closed);

    const qsizetype size = 256 * 1024;
    const qint64 limit = server.engine().options().maxPollBufferBytes;
    QCOMPARE(limit, qint64(4 * 1024 * 1024)); // the default, as for WebSocket
    const qint64 each = pollingBytes(kind, size);
    // The message that does not fit any more is the first one past the limit.
    const int expectedSent = int(limit / each) + 1;

    // The poll it made takes message 0 (whether it arrives before or after the send).
    HttpCall first(server.port(), "GET", server.pollingTarget(sidQuery(opened->sid)));
    const QList<protocol::eio::Packet> zero = sendNumbered(*session, kind, 0, size);
    QVERIFY(first.waitForReply());
    QCOMPARE(first.reply().status, 200);
    QCOMPARE(first.reply().body, protocol::eio::encodePayload(zero));
    QCOMPARE(session->pollBufferedBytes(), 0);

    // Logged once, at info: the peer address and the sizes, neither the sid nor any data.
    QTest::ignoreMessage(
        QtInfoMsg,
        qPrintable(
            QStringLiteral("Polling client 127.0.0.1 does not poll: session closed with %1 bytes to buffer (limit %2)")
                .arg(expectedSent * each)
                .arg(limit)));
    int sent = 0;
    while (closed.isEmpty() && sent < 1000) {
        sendNumbered(*session, kind, 1 + sent, size);
        ++sent;
        QVERIFY(session->pollBufferedBytes() <= limit);
        QCoreApplication::processEvents(); // the close comes from the event loop
    }
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("transport error"));
    QCOMPARE(closed.at(0).at(1).toString(), QStringLiteral("slow consumer: the client stopped polling its output"));
    QCOMPARE(sent, expectedSent);
    QVERIFY(qint64(sent) * each > limit);
    // Never more than the limit held: everything but the overflowing message, then nothing.
    QCOMPARE(server.engine().pollPeakBufferedBytes(), (expectedSent - 1) * each);
    QVERIFY(server.engine().pollPeakBufferedBytes() <= limit);
    QTRY_COMPARE(server.engine().sessionCount(), 0);
    QTRY_VERIFY(!session);

    // The client's next poll finds no session.
    const HttpReply late = poll(server, opened->sid);
    QCOMPARE(late.status, 400);
    QCOMPARE(late.json().value(QStringLiteral("code")).toInt(), 1);
}

void TestEnginePolling::clientThatKeepsPollingGetsEverything_data()
{
    clientThatStopsPollingIsDropped_data();
}

void TestEnginePolling::clientThatKeepsPollingGetsEverything()
{
    // The same large messages, four times the limit in all, to a client that polls between
    // bursts of half the limit: every packet arrives, in order, and the session stays open.
    QFETCH(QString, kind);
    m_server = std::make_unique<EngineTestServer>(quietOptions());
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    const auto opened = handshake(server);
    QVERIFY(opened);
    QPointer<engineio::EngineSession> session = server.sessionById(opened->sid);
    QSignalSpy closed(session.data(), &engineio::EngineSession::closed);

    const qsizetype size = 256 * 1024;
    const qint64 limit = server.engine().options().maxPollBufferBytes;
    const int perBurst = int(limit / 2 / pollingBytes(kind, size));
    const int bursts = 8;
    QVERIFY(perBurst >= 4);

    QList<protocol::eio::Packet> expected;
    QList<protocol::eio::Packet> received;
    const auto take = [&received](const HttpReply &reply) {
        if (reply.status != 200)
            return qsizetype(-1);
        const auto packets = protocol::eio::decodePayload(reply.body);
        if (!packets)
            return qsizetype(-1);
        received += *packets;
        return packets->size();
    };
    int seq = 0;
    for (int burst = 0; burst < bursts; ++burst) {
        HttpCall first(server.port(), "GET", server.pollingTarget(sidQuery(opened->sid)));
        // Odd bursts: the poll is (most likely) held when the burst starts and leaves with its
        // first message; even bursts: the burst is buffered before the poll is read.
        if (burst % 2 == 1)
            QVERIFY(!first.waitForReply(100));
        const qsizetype before = expected.size();
        for (int i = 0; i < perBurst; ++i)
            expected += sendNumbered(*session, kind, seq++, size);
        QVERIFY(first.waitForReply());
        const qsizetype firstCount = take(first.reply());
        QVERIFY(firstCount > 0);
        if (burst % 2 == 0) // batched: one GET carries everything buffered
            QCOMPARE(firstCount, expected.size() - before);
        int polls = 1;
        while (received.size() < expected.size() && polls < 10) {
            QVERIFY(take(poll(server, opened->sid)) > 0);
            ++polls;
        }
        QVERIFY(polls <= 2); // what the held poll left is one poll away
        QCOMPARE(session->pollBufferedBytes(), 0);
    }

    QCOMPARE(received.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(received.at(i).type, expected.at(i).type);
        QCOMPARE(received.at(i).binary, expected.at(i).binary);
        QVERIFY2(received.at(i).data == expected.at(i).data, qPrintable(QStringLiteral("packet %1").arg(i)));
    }
    QVERIFY(qint64(seq) * pollingBytes(kind, size) > 3 * limit);
    QVERIFY(session);
    QVERIFY(session->isOpen());
    QCOMPARE(closed.size(), 0);
    QVERIFY(server.engine().pollPeakBufferedBytes() > 0);
    QVERIFY(server.engine().pollPeakBufferedBytes() <= limit / 2);
}

void TestEnginePolling::badRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("query"); // "{sid}" is replaced by a live session id
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    const QString unknownTransport = QStringLiteral("Transport unknown");
    const QString unknownSid = QStringLiteral("Session ID unknown");
    const QString badMethod = QStringLiteral("Bad handshake method");
    const QString badRequest = QStringLiteral("Bad request");
    const QString badVersion = QStringLiteral("Unsupported protocol version");

    QTest::newRow("missing EIO") << QByteArray("GET") << QByteArray("transport=polling") << QByteArray() << 5
                                 << badVersion;
    QTest::newRow("EIO=3") << QByteArray("GET") << QByteArray("EIO=3&transport=polling") << QByteArray() << 5
                           << badVersion;
    QTest::newRow("EIO=abc") << QByteArray("GET") << QByteArray("EIO=abc&transport=polling") << QByteArray() << 5
                             << badVersion;
    QTest::newRow("missing transport") << QByteArray("GET") << QByteArray("EIO=4") << QByteArray() << 0
                                       << unknownTransport;
    QTest::newRow("unknown transport") << QByteArray("GET") << QByteArray("EIO=4&transport=carrier-pigeon")
                                       << QByteArray() << 0 << unknownTransport;
    QTest::newRow("websocket transport without upgrade")
        << QByteArray("GET") << QByteArray("EIO=4&transport=websocket") << QByteArray() << 3 << badRequest;
    QTest::newRow("unknown sid GET") << QByteArray("GET") << QByteArray("EIO=4&transport=polling&sid=nope")
                                     << QByteArray() << 1 << unknownSid;
    QTest::newRow("unknown sid POST") << QByteArray("POST") << QByteArray("EIO=4&transport=polling&sid=nope")
                                      << QByteArray("4x") << 1 << unknownSid;
    QTest::newRow("POST handshake") << QByteArray("POST") << QByteArray("EIO=4&transport=polling") << QByteArray("4x")
                                    << 2 << badMethod;
    QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("EIO=4&transport=polling&sid={sid}") << QByteArray("4x")
                         << 3 << badRequest;
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray("EIO=4&transport=polling&sid={sid}") << QByteArray()
                            << 3 << badRequest;
    QTest::newRow("malformed payload") << QByteArray("POST") << QByteArray("EIO=4&transport=polling&sid={sid}")
                                       << QByteArray("9nine") << 3 << badRequest;
}

void TestEnginePolling::badRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QString, message);

    EngineTestServer &server = *m_server;
    QVERIFY(server.start());
    if (query.contains("{sid}")) {
        const auto opened = handshake(server);
        QVERIFY(opened);
        query.replace("{sid}", opened->sid.toUtf8());
    }
    const int sessionsBefore = server.engine().sessionCount();

    const HttpReply reply = HttpCall::run(server.port(), method, "/engine.io/?" + query, body);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.header("content-type").startsWith("application/json"));
    QJsonParseError error{};
    const QJsonObject json = QJsonDocument::fromJson(reply.body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json, (QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}));
    // No session was opened by a refused request.
    QVERIFY(server.engine().sessionCount() <= sessionsBefore);
}

void TestEnginePolling::corsHeaders_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("allowed origin") << QByteArray("https://chat.example") << true;
    QTest::newRow("other origin") << QByteArray("https://evil.example") << false;
    QTest::newRow("similar prefix") << QByteArray("https://chat.example.evil") << false;
    QTest::newRow("no origin") << QByteArray() << false;
}

void TestEnginePolling::corsHeaders()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);

    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.corsOrigins = {QStringLiteral("https://chat.example"), QStringLiteral("https://other.example")};
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());

    HttpHeaders headers;
    if (!origin.isEmpty())
        headers.append({"Origin", origin});
    const HttpReply opened = HttpCall::run(server.port(), "GET", server.pollingTarget(), {}, headers);
    QCOMPARE(opened.status, 200);
    const QString sid = QJsonDocument::fromJson(opened.body.mid(1)).object().value(QStringLiteral("sid")).toString();
    const HttpReply posted = HttpCall::run(server.port(), "POST", server.pollingTarget(sidQuery(sid)), "4x", headers);
    QCOMPARE(posted.status, 200);
    const HttpReply refused = HttpCall::run(server.port(), "GET", "/engine.io/?EIO=3&transport=polling", {}, headers);
    QCOMPARE(refused.status, 400);

    for (const HttpReply &reply : {opened, posted, refused}) {
        if (allowed) {
            QCOMPARE(reply.header("access-control-allow-origin"), origin);
            QCOMPARE(reply.header("access-control-allow-credentials"), QByteArray("true"));
            QCOMPARE(reply.header("vary"), QByteArray("Origin"));
        } else {
            QVERIFY(!reply.hasHeader("access-control-allow-origin"));
            QVERIFY(!reply.hasHeader("access-control-allow-credentials"));
        }
    }
}

void TestEnginePolling::corsPreflight_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("allowed origin") << QByteArray("https://chat.example") << true;
    QTest::newRow("other origin") << QByteArray("https://evil.example") << false;
}

void TestEnginePolling::corsPreflight()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, allowed);

    engineio::EngineOptions options = EngineTestServer::engineOptions();
    options.corsOrigins = {QStringLiteral("https://chat.example")};
    m_server = std::make_unique<EngineTestServer>(options);
    EngineTestServer &server = *m_server;
    QVERIFY(server.start());

    const HttpReply reply = HttpCall::run(server.port(), "OPTIONS", server.pollingTarget(), {},
                                          {{"Origin", origin},
                                           {"Access-Control-Request-Method", "POST"},
                                           {"Access-Control-Request-Headers", "content-type"}});
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());
    if (allowed) {
        QCOMPARE(reply.header("access-control-allow-origin"), origin);
        QVERIFY(reply.header("access-control-allow-methods").contains("POST"));
        QVERIFY(reply.header("access-control-allow-methods").contains("GET"));
        QCOMPARE(reply.header("access-control-allow-headers"), QByteArray("content-type"));
        QCOMPARE(reply.header("access-control-allow-credentials"), QByteArray("true"));
    } else {
        QVERIFY(!reply.hasHeader("access-control-allow-origin"));
        QVERIFY(!reply.hasHeader("access-control-allow-methods"));
        QVERIFY(!reply.hasHeader("access-control-allow-headers"));
    }
    // A preflight opens no session.
    QCOMPARE(server.engine().sessionCount(), 0);
}

QTEST_MAIN(TestEnginePolling)
#include "tst_enginepolling.moc"
