// Engine.IO upgrade from HTTP long-polling to WebSocket (probe, pending poll release,
// buffered packets), against the real server on an ephemeral port.
#include "tests/support/enginetestserver.h"
#include "tests/support/httptestclient.h"
#include "tests/support/wstestclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

QString pollingHandshake(EngineTestServer &server)
{
    const HttpReply reply = HttpCall::run(server.port(), "GET", server.pollingTarget());
    if (reply.status != 200 || !reply.body.startsWith('0'))
        return {};
    return QJsonDocument::fromJson(reply.body.mid(1)).object().value(QStringLiteral("sid")).toString();
}

QByteArray sidQuery(const QString &sid)
{
    return "sid=" + sid.toUtf8();
}

} // namespace

class TestEngineUpgrade : public QObject
{
    Q_OBJECT

private slots:
    void fullUpgrade();
    void pollDuringProbeGetsNoop();
    void httpAfterUpgrade_data();
    void httpAfterUpgrade();
    void secondWebSocketWithSameSidIsClosed();
    void abandonedProbeKeepsPolling();

    void init();
    void cleanup();

private:
    // Every test: a started server that echoes messages, and one session opened by polling.
    std::unique_ptr<EngineTestServer> m_server;
    QString m_sid;
};

void TestEngineUpgrade::init()
{
    m_server = std::make_unique<EngineTestServer>();
    m_server->enableEcho();
    QVERIFY(m_server->start());
    m_sid = pollingHandshake(*m_server);
    QVERIFY(!m_sid.isEmpty());
}

void TestEngineUpgrade::cleanup()
{
    m_sid.clear();
    m_server.reset();
}

void TestEngineUpgrade::fullUpgrade()
{
    EngineTestServer &server = *m_server;
    const QString sid = m_sid;
    engineio::EngineSession *session = server.sessionById(sid);
    QSignalSpy closed(session, &engineio::EngineSession::closed);

    // The client keeps a poll open while it probes.
    HttpCall held(server.port(), "GET", server.pollingTarget(sidQuery(sid)));
    QVERIFY(!held.waitForReply(200));

    WsTestClient ws;
    QVERIFY(ws.open(server.webSocketUrl(sidQuery(sid))));
    // No OPEN packet on an upgrade socket.
    ws.sendText("2probe");
    QCOMPARE(ws.nextText(), std::optional<QByteArray>("3probe"));
    // The pending poll is released with a noop so that the client can pause polling.
    QVERIFY(held.waitForReply());
    QCOMPARE(held.reply().status, 200);
    QCOMPARE(held.reply().body, QByteArray("6"));
    QCOMPARE(session->transport(), engineio::EngineSession::Transport::Polling);
    QVERIFY(session->isUpgrading());

    // Packets sent meanwhile wait in the polling buffer...
    session->sendMessage("buffered 1");
    session->sendBinaryMessage(QByteArray("\x01\x02", 2));
    QCOMPARE(ws.pendingFrames(), 0);

    ws.sendText("5");
    // ...and are flushed over the WebSocket, in order, once the upgrade completes.
    const auto first = ws.next();
    QVERIFY(first);
    QCOMPARE(first->binary, false);
    QCOMPARE(first->data, QByteArray("4buffered 1"));
    const auto second = ws.next();
    QVERIFY(second);
    QCOMPARE(second->binary, true);
    QCOMPARE(second->data, QByteArray("\x01\x02", 2));
    QCOMPARE(session->transport(), engineio::EngineSession::Transport::WebSocket);
    QVERIFY(!session->isUpgrading());

    // The session carries on over the WebSocket.
    ws.sendText("4after upgrade");
    QCOMPARE(ws.nextText(), std::optional<QByteArray>("4after upgrade"));
    QCOMPARE(closed.size(), 0);
    QCOMPARE(server.engine().sessionCount(), 1);
}

void TestEngineUpgrade::pollDuringProbeGetsNoop()
{
    EngineTestServer &server = *m_server;
    const QString sid = m_sid;

    WsTestClient ws;
    QVERIFY(ws.open(server.webSocketUrl(sidQuery(sid))));
    ws.sendText("2probe");
    QCOMPARE(ws.nextText(), std::optional<QByteArray>("3probe"));
    // A poll that arrives while upgrading is answered at once.
    const HttpReply reply = HttpCall::run(server.port(), "GET", server.pollingTarget(sidQuery(sid)));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("6"));
    ws.sendText("5");
    QTRY_COMPARE(server.sessionById(sid)->transport(), engineio::EngineSession::Transport::WebSocket);
}

void TestEngineUpgrade::httpAfterUpgrade_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << QByteArray("GET") << QByteArray();
    QTest::newRow("POST") << QByteArray("POST") << QByteArray("4late");
}

void TestEngineUpgrade::httpAfterUpgrade()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);

    EngineTestServer &server = *m_server;
    const QString sid = m_sid;
    WsTestClient ws;
    QVERIFY(ws.open(server.webSocketUrl(sidQuery(sid))));
    ws.sendText("2probe");
    QCOMPARE(ws.nextText(), std::optional<QByteArray>("3probe"));
    ws.sendText("5");
    QTRY_COMPARE(server.sessionById(sid)->transport(), engineio::EngineSession::Transport::WebSocket);

    // The session no longer speaks polling: transport mismatch.
    const HttpReply reply = HttpCall::run(server.port(), method, server.pollingTarget(sidQuery(sid)), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json(),
             (QJsonObject{{QStringLiteral("code"), 3}, {QStringLiteral("message"), QStringLiteral("Bad request")}}));
    // The WebSocket session is unaffected.
    QVERIFY(server.sessionById(sid));
    QVERIFY(server.sessionById(sid)->isOpen());
    QVERIFY(ws.isConnected());
}

void TestEngineUpgrade::secondWebSocketWithSameSidIsClosed()
{
    EngineTestServer &server = *m_server;
    const QString sid = m_sid;
    WsTestClient ws;
    QVERIFY(ws.open(server.webSocketUrl(sidQuery(sid))));
    ws.sendText("2probe");
    QCOMPARE(ws.nextText(), std::optional<QByteArray>("3probe"));
    ws.sendText("5");
    QTRY_COMPARE(server.sessionById(sid)->transport(), engineio::EngineSession::Transport::WebSocket);

    // A second WebSocket claiming the same session is accepted, then closed at once.
    WsTestClient intruder;
    QVERIFY(intruder.open(server.webSocketUrl(sidQuery(sid))));
    QVERIFY(intruder.waitDisconnected());
    QCOMPARE(intruder.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    // The first one still works.
    ws.sendText("4still here");
    QCOMPARE(ws.nextText(), std::optional<QByteArray>("4still here"));
    QCOMPARE(server.engine().sessionCount(), 1);
}

void TestEngineUpgrade::abandonedProbeKeepsPolling()
{
    EngineTestServer &server = *m_server;
    const QString sid = m_sid;
    {
        WsTestClient ws;
        QVERIFY(ws.open(server.webSocketUrl(sidQuery(sid))));
        ws.sendText("2probe");
        QCOMPARE(ws.nextText(), std::optional<QByteArray>("3probe"));
        ws.socket().close();
        QVERIFY(ws.waitDisconnected());
    }
    QTRY_VERIFY(!server.sessionById(sid)->isUpgrading());
    QCOMPARE(server.sessionById(sid)->transport(), engineio::EngineSession::Transport::Polling);
    // Polling carries on.
    QCOMPARE(HttpCall::run(server.port(), "POST", server.pollingTarget(sidQuery(sid)), "4again").status, 200);
    QCOMPARE(HttpCall::run(server.port(), "GET", server.pollingTarget(sidQuery(sid))).body, QByteArray("4again"));
}

QTEST_MAIN(TestEngineUpgrade)
#include "tst_engineupgrade.moc"
