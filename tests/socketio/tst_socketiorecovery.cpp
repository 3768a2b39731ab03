// Connection state recovery (Socket.IO 4.6+): a client whose transport failed comes back with
// the pid of its CONNECT answer and the offset of the last event it processed, and gets the
// same socket, its rooms and every event it missed, in order, once. Real server on an
// ephemeral port, raw Socket.IO client over WebSockets.
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

namespace {

// A server with recovery on; "join" puts the sender into the room named by its argument.
class Fixture
{
public:
    explicit Fixture(socketio::SocketIoOptions options = recoveryOptions())
        : server(EngineTestServer::socketIoOptions())
    {
        io = server.enableSocketIo(options);
        root = io->of(QStringLiteral("/"));
        QObject::connect(root, &socketio::Namespace::connected, root, [](socketio::Socket *socket) {
            socket->on(QStringLiteral("join"),
                       [](socketio::Socket &self, const socketio::Event &event, const socketio::Ack &ack) {
                           self.join(event.args.at(0).toString());
                           ack(QJsonArray{true});
                       });
        });
        started = server.start();
    }

    static socketio::SocketIoOptions recoveryOptions()
    {
        socketio::SocketIoOptions options;
        options.recoveryWindowMs = 120000;
        return options;
    }

    // One client's connection to "/": the raw client, and the sid and pid of its CONNECT answer.
    struct Connection
    {
        std::unique_ptr<SioRawClient> client;
        QString sid;
        QString pid;
        QJsonObject answer;
        SioRawClient *operator->() const { return client.get(); }
        explicit operator bool() const { return bool(client); }
    };

    // A client connected to "/" with auth; empty when the connection failed.
    Connection connectClient(const QJsonObject &auth = {})
    {
        Connection connection;
        auto client = std::make_unique<SioRawClient>();
        if (!client->open(server.webSocketUrl()))
            return connection;
        const auto reply = client->connectNamespace(QStringLiteral("/"), auth);
        if (!reply || !reply->startsWith('0'))
            return connection;
        connection.answer = QJsonDocument::fromJson(reply->mid(1)).object();
        connection.sid = connection.answer.value(QStringLiteral("sid")).toString();
        connection.pid = connection.answer.value(QStringLiteral("pid")).toString();
        connection.client = std::move(client);
        return connection;
    }

    // A new connection that asks to recover previous (its pid, and offset unless undefined).
    Connection resume(const Connection &previous, const QJsonValue &offset = QJsonValue::Undefined)
    {
        QJsonObject auth{{QStringLiteral("pid"), previous.pid}};
        if (!offset.isUndefined())
            auth.insert(QStringLiteral("offset"), offset);
        return connectClient(auth);
    }

    // Cuts the connection's transport (no close packet) and waits until the server holds its
    // socket for recovery.
    bool dropTransport(const Connection &connection)
    {
        connection->ws().socket().abort();
        return QTest::qWaitFor(
            [&] {
                const socketio::Socket *held = socket(connection.sid);
                return held && held->isDetached();
            },
            10000);
    }

    socketio::Socket *socket(const QString &id) const { return root->socket(id); }

    EngineTestServer server;
    socketio::SocketIoServer *io = nullptr;
    socketio::Namespace *root = nullptr;
    bool started = false;
};

// The offset an event packet carries (its last argument).
QString offsetOf(const QByteArray &packet)
{
    const QJsonArray data = SioRawClient::dataOf(packet).toArray();
    return data.isEmpty() ? QString() : data.last().toString();
}

// The event's arguments without the name and the offset.
QJsonArray argumentsOf(const QByteArray &packet)
{
    QJsonArray data = SioRawClient::dataOf(packet).toArray();
    data.removeFirst();
    data.removeLast();
    return data;
}

} // namespace

class TestSocketIoRecovery : public QObject
{
    Q_OBJECT

private slots:
    void connectAnswerCarriesPidAndEventsCarryOffsets();
    void offIsTheDefault();
    void recoversRoomsAndMissedEventsInOrderOnce();
    void replaysEventsWrittenButNotConfirmed();
    void comesBackBeforeTheOldTransportClosed();
    void recoveryEndsInANewSession_data();
    void recoveryEndsInANewSession();
    void unknownPidOrBadOffsetStartsANewSession();
    void givenUpPacketsEndTheOldSocket();
    void totalBoundEndsDetachedSockets();
};

void TestSocketIoRecovery::connectAnswerCarriesPidAndEventsCarryOffsets()
{
    Fixture f;
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QCOMPARE(client.sid.size(), 20);
    QCOMPARE(client.pid.size(), 20);
    QVERIFY(client.sid != client.pid);
    QCOMPARE(f.socket(client.sid)->privateId(), client.pid);

    // A broadcast and a direct emit carry increasing offsets as their last argument; an
    // event that asks for an ack carries none.
    f.root->emitEvent(QStringLiteral("a"), QJsonArray{1});
    f.socket(client.sid)->emitEvent(QStringLiteral("b"), QJsonArray{QStringLiteral("x")});
    f.socket(client.sid)
        ->emitEvent(QStringLiteral("c"), QJsonArray{2}, [](bool, const QJsonArray &, const QList<QByteArray> &) {});
    const auto a = client->nextPacket();
    const auto b = client->nextPacket();
    const auto c = client->nextPacket();
    QVERIFY(a && b && c);
    QCOMPARE(argumentsOf(*a), QJsonArray{1});
    QCOMPARE(argumentsOf(*b), QJsonArray{QStringLiteral("x")});
    QVERIFY(offsetOf(*a).toLongLong() > 0);
    QCOMPARE(offsetOf(*b).toLongLong(), offsetOf(*a).toLongLong() + 1);
    QCOMPARE(*c, QByteArray("20[\"c\",2]"));
}

void TestSocketIoRecovery::offIsTheDefault()
{
    Fixture f{socketio::SocketIoOptions()};
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QCOMPARE(client.answer.keys(), QStringList{QStringLiteral("sid")});
    f.root->emitEvent(QStringLiteral("a"), QJsonArray{1});
    QCOMPARE(client->nextPacket().value_or("none"), QByteArray("2[\"a\",1]"));
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    client->ws().socket().abort();
    QTRY_COMPARE_WITH_TIMEOUT(gone.count(), 1, 10000);
}

void TestSocketIoRecovery::recoversRoomsAndMissedEventsInOrderOnce()
{
    Fixture f;
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    const QString sid = client.sid;
    client->send("20[\"join\",\"room1\"]");
    QCOMPARE(client->nextPacket().value_or("none"), QByteArray("30[true]"));
    f.root->to(QStringLiteral("room1")).emitEvent(QStringLiteral("seen"), QJsonArray{0});
    const auto seen = client->nextPacket();
    QVERIFY(seen);
    const QString lastOffset = offsetOf(*seen);

    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    QVERIFY(f.dropTransport(client));
    QCOMPARE(f.io->detachedSocketCount(), 1);

    // Missed while away: room broadcasts, a direct emit, a namespace broadcast, and an event
    // for a room it is not in (not for it).
    f.root->to(QStringLiteral("room1")).emitEvent(QStringLiteral("m"), QJsonArray{1});
    f.socket(sid)->emitEvent(QStringLiteral("m"), QJsonArray{2});
    f.root->to(QStringLiteral("other")).emitEvent(QStringLiteral("m"), QJsonArray{99});
    f.root->emitEvent(QStringLiteral("m"), QJsonArray{3});
    f.root->to(QStringLiteral("room1")).emitEvent(QStringLiteral("m"), QJsonArray{4});
    QVERIFY(f.socket(sid)->isConnected());
    QCOMPARE(gone.count(), 0);

    auto back = f.resume(client, lastOffset);
    QVERIFY(back);
    QCOMPARE(back.sid, sid);
    QCOMPARE(back.pid, client.pid);
    QString previous = lastOffset;
    for (int expected = 1; expected <= 4; ++expected) {
        const auto packet = back->nextPacket();
        QVERIFY(packet);
        QCOMPARE(argumentsOf(*packet), QJsonArray{expected});
        QVERIFY(offsetOf(*packet).toLongLong() > previous.toLongLong());
        previous = offsetOf(*packet);
    }
    // Once: what comes next is new, and the socket is still in its room.
    QVERIFY(!f.socket(sid)->isDetached());
    QCOMPARE(f.io->detachedSocketCount(), 0);
    QVERIFY(f.socket(sid)->rooms().contains(QStringLiteral("room1")));
    f.root->to(QStringLiteral("room1")).emitEvent(QStringLiteral("m"), QJsonArray{5});
    const auto fifth = back->nextPacket();
    QVERIFY(fifth);
    QCOMPARE(argumentsOf(*fifth), QJsonArray{5});
    QCOMPARE(gone.count(), 0);
    QCOMPARE(f.root->sockets().size(), 1);
}

void TestSocketIoRecovery::replaysEventsWrittenButNotConfirmed()
{
    Fixture f;
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    // Two events leave while the transport is up; the client processed only the first when
    // its connection dropped.
    f.socket(client.sid)->emitEvent(QStringLiteral("e"), QJsonArray{1});
    f.socket(client.sid)->emitEvent(QStringLiteral("e"), QJsonArray{2});
    const auto first = client->nextPacket();
    QVERIFY(first);
    QTRY_COMPARE_WITH_TIMEOUT(client->ws().pendingFrames(), qsizetype(1), 10000);
    QVERIFY(f.dropTransport(client));

    auto back = f.resume(client, offsetOf(*first));
    QVERIFY(back);
    QCOMPARE(back.sid, client.sid);
    const auto second = back->nextPacket();
    QVERIFY(second);
    QCOMPARE(argumentsOf(*second), QJsonArray{2});
    QVERIFY(back->staysQuiet(300));
}

void TestSocketIoRecovery::comesBackBeforeTheOldTransportClosed()
{
    // The client saw its connection die first (the server has not noticed yet): the socket
    // moves to the new transport and the old one is closed.
    Fixture f;
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    auto back = f.resume(client);
    QVERIFY(back);
    QCOMPARE(back.sid, client.sid);
    QVERIFY(client->waitDisconnected(10000));
    f.socket(client.sid)->emitEvent(QStringLiteral("e"), QJsonArray{7});
    const auto packet = back->nextPacket();
    QVERIFY(packet);
    QCOMPARE(argumentsOf(*packet), QJsonArray{7});
    QCOMPARE(gone.count(), 0);
    QCOMPARE(f.root->sockets().size(), 1);
}

void TestSocketIoRecovery::recoveryEndsInANewSession_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reason"); // of the old socket's disconnect
    QTest::newRow("window ended") << QStringLiteral("window") << QStringLiteral("transport close");
    QTest::newRow("client disconnected") << QStringLiteral("client") << QStringLiteral("client namespace disconnect");
}

void TestSocketIoRecovery::recoveryEndsInANewSession()
{
    QFETCH(QString, how);
    QFETCH(QString, reason);
    socketio::SocketIoOptions options = Fixture::recoveryOptions();
    if (how == QLatin1String("window"))
        options.recoveryWindowMs = 300;
    Fixture f{options};
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    if (how == QLatin1String("window"))
        client->ws().socket().abort();
    else
        client->send("1");
    QTRY_COMPARE_WITH_TIMEOUT(gone.count(), 1, 10000);
    QCOMPARE(gone.at(0).at(1).toString(), reason);
    QVERIFY(!f.socket(client.sid));
    auto back = f.resume(client);
    QVERIFY(back);
    QVERIFY(back.sid != client.sid);
    QVERIFY(back.pid != client.pid);
}

void TestSocketIoRecovery::unknownPidOrBadOffsetStartsANewSession()
{
    Fixture f;
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QVERIFY(f.dropTransport(client));

    auto stranger = f.connectClient(QJsonObject{{QStringLiteral("pid"), QStringLiteral("not-a-pid")}});
    QVERIFY(stranger);
    QVERIFY(stranger.sid != client.sid);
    QVERIFY(f.socket(client.sid)->isDetached()); // untouched

    // An offset this server cannot have written: no exact recovery, the old socket ends.
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    auto back = f.resume(client, 12);
    QVERIFY(back);
    QVERIFY(back.sid != client.sid);
    QCOMPARE(gone.count(), 1);
    QVERIFY(!f.socket(client.sid));
}

void TestSocketIoRecovery::givenUpPacketsEndTheOldSocket()
{
    socketio::SocketIoOptions options = Fixture::recoveryOptions();
    options.recoveryMaxPackets = 2;
    Fixture f{options};
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QVERIFY(f.dropTransport(client));
    for (int i = 0; i < 3; ++i)
        f.socket(client.sid)->emitEvent(QStringLiteral("e"), QJsonArray{i});
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    auto back = f.resume(client);
    QVERIFY(back);
    QVERIFY(back.sid != client.sid);
    QCOMPARE(gone.count(), 1);
    QVERIFY(back->staysQuiet(300));
}

void TestSocketIoRecovery::totalBoundEndsDetachedSockets()
{
    socketio::SocketIoOptions options = Fixture::recoveryOptions();
    options.recoveryMaxTotalBytes = 4096;
    Fixture f{options};
    QVERIFY(f.started);
    auto client = f.connectClient();
    QVERIFY(client);
    QVERIFY(f.dropTransport(client));
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    const QString big(1000, QLatin1Char('x'));
    for (int i = 0; i < 8 && gone.isEmpty(); ++i)
        f.root->emitEvent(QStringLiteral("e"), QJsonArray{big});
    QCOMPARE(gone.count(), 1);
    QCOMPARE(f.io->recoveryBytes(), 0);
    QCOMPARE(f.io->detachedSocketCount(), 0);
}

QTEST_MAIN(TestSocketIoRecovery)
#include "tst_socketiorecovery.moc"
