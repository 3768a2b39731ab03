// Socket.IO events, acknowledgements both ways and binary attachments both ways, against the
// real server on an ephemeral port.
#include "tests/support/enginetestserver.h"
#include "tests/support/siorawclient.h"

#include "common/protocol/socketiopacket.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

struct AckResult
{
    int calls = 0;
    bool timedOut = false;
    QJsonArray args;
    QList<QByteArray> attachments;
};

// A server with "/" and "/admin" whose sockets answer "echo" with an ack of the same
// arguments (and attachments) and record every event they get.
class Fixture
{
public:
    Fixture()
        : server(EngineTestServer::socketIoOptions())
    {
        io = server.enableSocketIo();
        for (const QString &name : {QStringLiteral("/"), QStringLiteral("/admin")}) {
            socketio::Namespace *nsp = io->of(name);
            QObject::connect(nsp, &socketio::Namespace::connected, nsp, [this](socketio::Socket *socket) {
                sockets.append(socket);
                socket->onAny([this](socketio::Socket &, const socketio::Event &event, const socketio::Ack &ack) {
                    events.append(event);
                    acksRequested.append(ack.requested());
                });
                socket->on(QStringLiteral("echo"),
                           [](socketio::Socket &, const socketio::Event &event, const socketio::Ack &ack) {
                               ack(event.args, event.attachments);
                           });
            });
        }
    }

    EngineTestServer server;
    socketio::SocketIoServer *io = nullptr;
    QList<QPointer<socketio::Socket>> sockets;
    QList<socketio::Event> events;
    QList<bool> acksRequested;
};

} // namespace

class TestSocketIoMessaging : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void eventFromClient_data();
    void eventFromClient();
    void clientAsksServerForAck_data();
    void clientAsksServerForAck();
    void serverEmitsToClient();
    void serverAsksClientWithCallback();
    void serverAckTimeout();
    void pendingAckFailsOnDisconnect();
    void binaryFromClient();
    void binaryFromServer();
    void binaryAckBothWays();

private:
    // Every test: a started server (Fixture) and one raw client with its WebSocket open.
    std::unique_ptr<Fixture> m_fixture;
    std::unique_ptr<SioRawClient> m_client;
};

void TestSocketIoMessaging::init()
{
    m_fixture = std::make_unique<Fixture>();
    QVERIFY(m_fixture->server.start());
    m_client = std::make_unique<SioRawClient>();
    QVERIFY(m_client->open(m_fixture->server.webSocketUrl()));
}

void TestSocketIoMessaging::cleanup()
{
    m_client.reset();
    m_fixture.reset();
}

void TestSocketIoMessaging::eventFromClient_data()
{
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonArray>("args");
    QTest::newRow("no arguments") << QStringLiteral("/") << QByteArray("2[\"ping\"]") << QStringLiteral("ping")
                                  << QJsonArray();
    QTest::newRow("mixed arguments") << QStringLiteral("/") << QByteArray("2[\"chat\",\"hi\",3,{\"a\":[true,null]}]")
                                     << QStringLiteral("chat")
                                     << QJsonArray{QStringLiteral("hi"), 3,
                                                   QJsonObject{{QStringLiteral("a"), QJsonArray{true, QJsonValue()}}}};
    QTest::newRow("custom namespace") << QStringLiteral("/admin") << QByteArray("2/admin,[\"kick\",\"bob\"]")
                                      << QStringLiteral("kick") << QJsonArray{QStringLiteral("bob")};
}

void TestSocketIoMessaging::eventFromClient()
{
    QFETCH(QString, nsp);
    QFETCH(QByteArray, packet);
    QFETCH(QString, name);
    QFETCH(QJsonArray, args);

    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace(nsp));
    client.send(packet);
    QTRY_COMPARE(f.events.size(), 1);
    QCOMPARE(f.events.at(0).name, name);
    QCOMPARE(f.events.at(0).args, args);
    QVERIFY(f.events.at(0).attachments.isEmpty());
    QCOMPARE(f.acksRequested.at(0), false);
}

void TestSocketIoMessaging::clientAsksServerForAck_data()
{
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("root") << QStringLiteral("/") << QByteArray("212[\"echo\",{\"a\":1},\"x\"]")
                          << QByteArray("312[{\"a\":1},\"x\"]");
    QTest::newRow("ack id 0") << QStringLiteral("/") << QByteArray("20[\"echo\"]") << QByteArray("30[]");
    QTest::newRow("large ack id") << QStringLiteral("/") << QByteArray("29007199254740991[\"echo\",1]")
                                  << QByteArray("39007199254740991[1]");
    QTest::newRow("custom namespace") << QStringLiteral("/admin") << QByteArray("2/admin,7[\"echo\",true]")
                                      << QByteArray("3/admin,7[true]");
}

void TestSocketIoMessaging::clientAsksServerForAck()
{
    QFETCH(QString, nsp);
    QFETCH(QByteArray, packet);
    QFETCH(QByteArray, expected);

    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace(nsp));
    client.send(packet);
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>(expected));
    QCOMPARE(f.acksRequested, QList<bool>{true});
}

void TestSocketIoMessaging::serverEmitsToClient()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace());
    QVERIFY(client.connectNamespace(QStringLiteral("/admin")));
    QTRY_COMPARE(f.sockets.size(), 2);

    f.sockets.at(0)->emitEvent(QStringLiteral("news"), QJsonArray{QStringLiteral("hello"), 1});
    f.sockets.at(1)->emitEvent(QStringLiteral("alert"));
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("2[\"news\",\"hello\",1]"));
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("2/admin,[\"alert\"]"));
}

void TestSocketIoMessaging::serverAsksClientWithCallback()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace());
    QTRY_COMPARE(f.sockets.size(), 1);

    AckResult first;
    AckResult second;
    auto record = [](AckResult &into) {
        return [&into](bool timedOut, const QJsonArray &args, const QList<QByteArray> &attachments) {
            ++into.calls;
            into.timedOut = timedOut;
            into.args = args;
            into.attachments = attachments;
        };
    };
    f.sockets.at(0)->emitEvent(QStringLiteral("question"), QJsonArray{42}, record(first));
    f.sockets.at(0)->emitEvent(QStringLiteral("question"), QJsonArray{43}, record(second), 10000);
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("20[\"question\",42]"));
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("21[\"question\",43]"));

    // Answered out of order; each callback gets its own answer, once.
    client.send("31[\"second\"]");
    client.send("30[\"first\",{\"ok\":true}]");
    client.send("30[\"again\"]");
    QTRY_COMPARE(first.calls, 1);
    QTRY_COMPARE(second.calls, 1);
    QCOMPARE(first.timedOut, false);
    QCOMPARE(first.args, (QJsonArray{QStringLiteral("first"), QJsonObject{{QStringLiteral("ok"), true}}}));
    QCOMPARE(second.timedOut, false);
    QCOMPARE(second.args, QJsonArray{QStringLiteral("second")});
    // The connection survives an ack for an unknown id.
    client.send("2[\"ping\"]");
    QTRY_COMPARE(f.events.size(), 1);
    QCOMPARE(first.calls, 1);
}

void TestSocketIoMessaging::serverAckTimeout()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace());
    QTRY_COMPARE(f.sockets.size(), 1);

    AckResult result;
    f.sockets.at(0)->emitEvent(
        QStringLiteral("slow"), {},
        [&result](bool timedOut, const QJsonArray &args, const QList<QByteArray> &) {
            ++result.calls;
            result.timedOut = timedOut;
            result.args = args;
        },
        200);
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("20[\"slow\"]"));
    QTRY_COMPARE(result.calls, 1);
    QCOMPARE(result.timedOut, true);
    QVERIFY(result.args.isEmpty());

    // A late answer is ignored.
    client.send("30[\"too late\"]");
    client.send("2[\"marker\"]");
    QTRY_COMPARE(f.events.size(), 1);
    QCOMPARE(result.calls, 1);
    QVERIFY(f.sockets.at(0));
    QVERIFY(f.sockets.at(0)->isConnected());
}

void TestSocketIoMessaging::pendingAckFailsOnDisconnect()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace());
    QTRY_COMPARE(f.sockets.size(), 1);

    AckResult result;
    f.sockets.at(0)->emitEvent(QStringLiteral("never"), {},
                               [&result](bool timedOut, const QJsonArray &, const QList<QByteArray> &) {
                                   ++result.calls;
                                   result.timedOut = timedOut;
                               });
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("20[\"never\"]"));
    client.send("1");
    QTRY_COMPARE(result.calls, 1);
    QCOMPARE(result.timedOut, true);
}

void TestSocketIoMessaging::binaryFromClient()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace());

    const QByteArray first("\x00\x01\x02\xff", 4);
    const QByteArray second(3000, '\x42');
    client.send("52-[\"upload\",{\"_placeholder\":true,\"num\":0},\"label\",{\"_placeholder\":true,\"num\":1}]");
    client.sendAttachment(first);
    client.sendAttachment(second);
    QTRY_COMPARE(f.events.size(), 1);
    const socketio::Event &event = f.events.at(0);
    QCOMPARE(event.name, QStringLiteral("upload"));
    QCOMPARE(event.args.size(), 3);
    QCOMPARE(event.attachments.size(), 2);
    QCOMPARE(protocol::sio::binaryAt(event.args.at(0), event.attachments), std::optional<QByteArray>(first));
    QCOMPARE(event.args.at(1).toString(), QStringLiteral("label"));
    QCOMPARE(protocol::sio::binaryAt(event.args.at(2), event.attachments), std::optional<QByteArray>(second));
}

void TestSocketIoMessaging::binaryFromServer()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace(QStringLiteral("/admin")));
    QTRY_COMPARE(f.sockets.size(), 1);

    const QByteArray bytes("\xde\xad\xbe\xef", 4);
    f.sockets.at(0)->emitEvent(QStringLiteral("file"),
                               QJsonArray{QStringLiteral("a.bin"), protocol::sio::placeholder(0)}, {}, -1, {bytes});
    const auto packet = client.nextPacket();
    QVERIFY(packet);
    QCOMPARE(*packet, QByteArray("51-/admin,[\"file\",\"a.bin\",{\"_placeholder\":true,\"num\":0}]"));
    QCOMPARE(client.nextAttachment(), std::optional<QByteArray>(bytes));
}

void TestSocketIoMessaging::binaryAckBothWays()
{
    Fixture &f = *m_fixture;
    SioRawClient &client = *m_client;
    QVERIFY(client.connectNamespace());
    QTRY_COMPARE(f.sockets.size(), 1);

    // Client -> server with an ack: the server acks with the same binary.
    const QByteArray bytes("\x01\x00\x02", 3);
    client.send("51-5[\"echo\",{\"_placeholder\":true,\"num\":0}]");
    client.sendAttachment(bytes);
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("61-5[{\"_placeholder\":true,\"num\":0}]"));
    QCOMPARE(client.nextAttachment(), std::optional<QByteArray>(bytes));

    // Server -> client with an ack: the client answers with a BINARY_ACK.
    AckResult result;
    f.sockets.at(0)->emitEvent(QStringLiteral("want-bytes"), {},
                               [&result](bool timedOut, const QJsonArray &args, const QList<QByteArray> &attachments) {
                                   ++result.calls;
                                   result.timedOut = timedOut;
                                   result.args = args;
                                   result.attachments = attachments;
                               });
    QCOMPARE(client.nextPacket(), std::optional<QByteArray>("20[\"want-bytes\"]"));
    client.send("61-0[\"here\",{\"_placeholder\":true,\"num\":0}]");
    client.sendAttachment(QByteArray("\xff\xfe", 2));
    QTRY_COMPARE(result.calls, 1);
    QCOMPARE(result.timedOut, false);
    QCOMPARE(result.args.size(), 2);
    QCOMPARE(result.args.at(0).toString(), QStringLiteral("here"));
    QCOMPARE(protocol::sio::binaryAt(result.args.at(1), result.attachments),
             std::optional<QByteArray>(QByteArray("\xff\xfe", 2)));
}

QTEST_MAIN(TestSocketIoMessaging)
#include "tst_socketiomessaging.moc"
