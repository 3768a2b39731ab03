// Socket.IO rooms and broadcasting, against the real server on an ephemeral port.
#include "tests/support/enginetestserver.h"
#include "tests/support/siorawclient.h"

#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <vector>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

// A server and n clients connected to "/".
class Fixture
{
public:
    explicit Fixture(int clientCount)
        : server(EngineTestServer::socketIoOptions())
    {
        io = server.enableSocketIo();
        root = io->of(QStringLiteral("/"));
        QObject::connect(root, &socketio::Namespace::connected, root, [](socketio::Socket *socket) {
            // "shout" goes to everyone in the room named by the first argument but the sender.
            socket->on(QStringLiteral("shout"),
                       [](socketio::Socket &self, const socketio::Event &event, const socketio::Ack &) {
                           self.to(event.args.at(0).toString()).emitEvent(QStringLiteral("shouted"), event.args);
                       });
        });
        started = server.start();
        for (int i = 0; i < clientCount && started; ++i) {
            auto client = std::make_unique<SioRawClient>();
            if (!client->open(server.webSocketUrl()) || !client->connectNamespace()) {
                started = false;
                break;
            }
            clients.push_back(std::move(client));
        }
    }

    socketio::Socket *socketOf(int i) const { return root->socket(clients.at(size_t(i))->socketId()); }
    SioRawClient &client(int i) { return *clients.at(size_t(i)); }

    // Sends "end" to everyone, then checks that each client got exactly `expected` before it.
    bool receivedExactly(const QList<QList<QByteArray>> &expected)
    {
        root->emitEvent(QStringLiteral("end"));
        for (size_t i = 0; i < clients.size(); ++i) {
            for (const QByteArray &packet : expected.at(qsizetype(i))) {
                const auto got = clients[i]->nextPacket();
                if (got != packet) {
                    qWarning() << "client" << i << "expected" << packet << "got" << got.value_or("<nothing>");
                    return false;
                }
            }
            const auto last = clients[i]->nextPacket();
            if (last != QByteArray("2[\"end\"]")) {
                qWarning() << "client" << i << "expected the end marker, got" << last.value_or("<nothing>");
                return false;
            }
        }
        return true;
    }

    EngineTestServer server;
    socketio::SocketIoServer *io = nullptr;
    socketio::Namespace *root = nullptr;
    bool started = false;
    std::vector<std::unique_ptr<SioRawClient>> clients;
};

} // namespace

class TestSocketIoRooms : public QObject
{
    Q_OBJECT

private slots:
    void joinAndLeave();
    void toRoomExcludesSender();
    void toSeveralRoomsDeliversOnce();
    void exceptRoom();
    void memberCountsAndLists();
    void broadcastToHundredSockets();
    void ownIdRoom();
    void ownIdRoomJoinedByOthers();
    void leaveOwnIdRoom();
    void severalRoomsDeduplicateBeyondLinearScan();
    void emitEncodedArguments();
};

void TestSocketIoRooms::joinAndLeave()
{
    Fixture f(2);
    QVERIFY(f.started);
    socketio::Socket *a = f.socketOf(0);
    QVERIFY(a);

    a->join(QStringLiteral("red"));
    a->join(QStringList{QStringLiteral("green"), QStringLiteral("red")});
    QStringList rooms = a->rooms();
    rooms.sort();
    QStringList expected{QStringLiteral("green"), QStringLiteral("red"), a->id()};
    expected.sort();
    QCOMPARE(rooms, expected);

    QCOMPARE(f.root->to(QStringLiteral("red")).emitEvent(QStringLiteral("paint"), {QStringLiteral("red")}), 1);
    a->leave(QStringLiteral("red"));
    QCOMPARE(f.root->to(QStringLiteral("red")).emitEvent(QStringLiteral("paint"), {QStringLiteral("again")}), 0);
    QCOMPARE(f.root->rooms().contains(QStringLiteral("red")), false);
    QCOMPARE(a->rooms().contains(QStringLiteral("green")), true);

    QVERIFY(f.receivedExactly({{"2[\"paint\",\"red\"]"}, {}}));
}

void TestSocketIoRooms::toRoomExcludesSender()
{
    Fixture f(3);
    QVERIFY(f.started);
    f.socketOf(0)->join(QStringLiteral("team"));
    f.socketOf(1)->join(QStringLiteral("team"));

    // Through an event handler (socket.to(room).emit on the server side).
    f.client(0).send("2[\"shout\",\"team\",\"go\"]");
    QCOMPARE(f.client(1).nextPacket(), std::optional<QByteArray>("2[\"shouted\",\"team\",\"go\"]"));
    // And directly.
    QCOMPARE(f.socketOf(1)->to(QStringLiteral("team")).emitEvent(QStringLiteral("direct")), 1);
    QVERIFY(f.receivedExactly({{"2[\"direct\"]"}, {}, {}}));
}

void TestSocketIoRooms::toSeveralRoomsDeliversOnce()
{
    Fixture f(3);
    QVERIFY(f.started);
    f.socketOf(0)->join(QStringList{QStringLiteral("a"), QStringLiteral("b")});
    f.socketOf(1)->join(QStringLiteral("b"));

    const int written
        = f.root->to(QStringList{QStringLiteral("a"), QStringLiteral("b")}).emitEvent(QStringLiteral("once"));
    QCOMPARE(written, 2);
    // Chained to() calls are the same union.
    QCOMPARE(f.root->to(QStringLiteral("a")).to(QStringLiteral("b")).emitEvent(QStringLiteral("twice")), 2);
    QVERIFY(f.receivedExactly({{"2[\"once\"]", "2[\"twice\"]"}, {"2[\"once\"]", "2[\"twice\"]"}, {}}));
}

void TestSocketIoRooms::exceptRoom()
{
    Fixture f(4);
    QVERIFY(f.started);
    f.socketOf(0)->join(QStringList{QStringLiteral("muted"), QStringLiteral("lobby")});
    f.socketOf(1)->join(QStringLiteral("lobby"));
    f.socketOf(2)->join(QStringLiteral("muted"));

    QCOMPARE(f.root->except(QStringLiteral("muted")).emitEvent(QStringLiteral("all-but-muted")), 2);
    QCOMPARE(f.root->to(QStringLiteral("lobby"))
                 .except(QStringLiteral("muted"))
                 .emitEvent(QStringLiteral("lobby-but-muted")),
             1);
    // socket.broadcast: everyone but the sender.
    QCOMPARE(f.socketOf(3)->broadcast().emitEvent(QStringLiteral("from-3")), 3);
    QVERIFY(f.receivedExactly({{"2[\"from-3\"]"},
                               {"2[\"all-but-muted\"]", "2[\"lobby-but-muted\"]", "2[\"from-3\"]"},
                               {"2[\"from-3\"]"},
                               {"2[\"all-but-muted\"]"}}));
}

void TestSocketIoRooms::memberCountsAndLists()
{
    Fixture f(3);
    QVERIFY(f.started);
    socketio::Socket *a = f.socketOf(0);
    socketio::Socket *b = f.socketOf(1);
    socketio::Socket *c = f.socketOf(2);
    a->join(QStringLiteral("room"));
    b->join(QStringLiteral("room"));
    c->join(QStringLiteral("other"));

    const socketio::RoomIndex &rooms = f.root->rooms();
    QCOMPARE(rooms.memberCount(QStringLiteral("room")), 2);
    QCOMPARE(rooms.memberCount(QStringLiteral("other")), 1);
    QCOMPARE(rooms.memberCount(QStringLiteral("nothing")), 0);
    QVERIFY(rooms.members(QStringLiteral("nothing")) == nullptr);
    QCOMPARE(*rooms.members(QStringLiteral("room")), (QSet<socketio::Socket *>{a, b}));
    // Three own-id rooms plus "room" and "other".
    QCOMPARE(rooms.roomCount(), 5);
    QVERIFY(rooms.roomNames().contains(a->id()));

    // A disconnected socket leaves every room.
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    f.client(1).send("1");
    QVERIFY(gone.wait());
    QCOMPARE(rooms.memberCount(QStringLiteral("room")), 1);
    QCOMPARE(*rooms.members(QStringLiteral("room")), (QSet<socketio::Socket *>{a}));
    QCOMPARE(rooms.roomCount(), 4);
    QCOMPARE(f.root->sockets().size(), 2);

    // The last member leaving removes the room.
    c->leave(QStringLiteral("other"));
    QCOMPARE(rooms.contains(QStringLiteral("other")), false);
    QCOMPARE(rooms.roomCount(), 3);
}

void TestSocketIoRooms::broadcastToHundredSockets()
{
    Fixture f(100);
    QVERIFY(f.started);
    QCOMPARE(f.root->sockets().size(), 100);
    for (int i = 0; i < 100; i += 2)
        f.socketOf(i)->join(QStringLiteral("even"));

    f.root->emitEvent(QStringLiteral("news"), {QStringLiteral("for everyone")});
    QCOMPARE(f.root->to(QStringLiteral("even")).emitEvent(QStringLiteral("even-only")), 50);

    QList<QList<QByteArray>> expected;
    for (int i = 0; i < 100; ++i) {
        QList<QByteArray> packets{"2[\"news\",\"for everyone\"]"};
        if (i % 2 == 0)
            packets.append("2[\"even-only\"]");
        expected.append(packets);
    }
    QVERIFY(f.receivedExactly(expected));
}

void TestSocketIoRooms::ownIdRoom()
{
    Fixture f(3);
    QVERIFY(f.started);
    socketio::Socket *a = f.socketOf(0);
    socketio::Socket *b = f.socketOf(1);
    a->join(QStringLiteral("lobby"));

    // socket.rooms lists the own id first, then the joined rooms.
    QCOMPARE(a->rooms(), (QStringList{a->id(), QStringLiteral("lobby")}));
    QCOMPARE(b->rooms(), QStringList{b->id()});
    const socketio::RoomIndex &rooms = f.root->rooms();
    QVERIFY(rooms.contains(a->id()));
    QCOMPARE(rooms.memberCount(a->id()), 1);
    QVERIFY(rooms.isMember(a, a->id()));
    QVERIFY(!rooms.isMember(b, a->id()));
    QVERIFY(rooms.isMember(a, QStringLiteral("lobby")));
    QCOMPARE(rooms.roomCount(), 4);
    // Joining it again changes nothing.
    a->join(a->id());
    QCOMPARE(a->rooms(), (QStringList{a->id(), QStringLiteral("lobby")}));

    // Emitting to a socket id reaches that socket only; with another room, each socket once.
    QCOMPARE(f.root->to(a->id()).emitEvent(QStringLiteral("direct"), {1}), 1);
    QCOMPARE(f.root->to(QStringList{a->id(), QStringLiteral("lobby"), b->id()}).emitEvent(QStringLiteral("union")), 2);
    // Except a socket id leaves that socket out.
    QCOMPARE(f.root->except(b->id()).emitEvent(QStringLiteral("not-b")), 2);
    // socket.to(own id) excludes the sender itself: nobody.
    QCOMPARE(a->to(a->id()).emitEvent(QStringLiteral("nobody")), 0);
    QVERIFY(
        f.receivedExactly({{"2[\"direct\",1]", "2[\"union\"]", "2[\"not-b\"]"}, {"2[\"union\"]"}, {"2[\"not-b\"]"}}));

    // A disconnected socket's id is no room any more.
    const QString goneId = b->id();
    QSignalSpy gone(f.root, &socketio::Namespace::disconnected);
    f.client(1).send("1");
    QVERIFY(gone.wait());
    QVERIFY(!rooms.contains(goneId));
    QCOMPARE(rooms.memberCount(goneId), 0);
    QCOMPARE(f.root->to(goneId).emitEvent(QStringLiteral("late")), 0);
    QCOMPARE(rooms.roomCount(), 3);
}

void TestSocketIoRooms::ownIdRoomJoinedByOthers()
{
    // Another socket may join a room named after a socket id: both are then its members.
    Fixture f(3);
    QVERIFY(f.started);
    socketio::Socket *a = f.socketOf(0);
    socketio::Socket *b = f.socketOf(1);
    b->join(a->id());
    const socketio::RoomIndex &rooms = f.root->rooms();
    QCOMPARE(rooms.memberCount(a->id()), 2);
    QVERIFY(rooms.isMember(b, a->id()));
    QCOMPARE(b->rooms(), (QStringList{b->id(), a->id()}));
    QCOMPARE(rooms.roomNames().count(a->id()), 1);
    QCOMPARE(rooms.roomCount(), 3);
    QCOMPARE(f.root->to(a->id()).emitEvent(QStringLiteral("both")), 2);
    QVERIFY(f.receivedExactly({{"2[\"both\"]"}, {"2[\"both\"]"}, {}}));
}

void TestSocketIoRooms::leaveOwnIdRoom()
{
    // As in socket.io, a socket may leave its own room; then its id reaches nobody.
    Fixture f(2);
    QVERIFY(f.started);
    socketio::Socket *a = f.socketOf(0);
    a->leave(a->id());
    QCOMPARE(a->rooms(), QStringList());
    QVERIFY(!f.root->rooms().contains(a->id()));
    QCOMPARE(f.root->to(a->id()).emitEvent(QStringLiteral("lost")), 0);
    a->join(a->id());
    QCOMPARE(a->rooms(), QStringList{a->id()});
    QCOMPARE(f.root->to(a->id()).emitEvent(QStringLiteral("back")), 1);
    QVERIFY(f.receivedExactly({{"2[\"back\"]"}, {}}));
}

void TestSocketIoRooms::severalRoomsDeduplicateBeyondLinearScan()
{
    // More recipients than the linear membership scan handles (32): the union and the
    // exclusion still count each socket once.
    Fixture f(60);
    QVERIFY(f.started);
    for (int i = 0; i < 60; ++i) {
        if (i < 40)
            f.socketOf(i)->join(QStringLiteral("x"));
        if (i >= 20)
            f.socketOf(i)->join(QStringLiteral("y"));
        if (i % 10 == 0)
            f.socketOf(i)->join(QStringLiteral("quiet"));
    }
    QCOMPARE(f.root->to(QStringList{QStringLiteral("x"), QStringLiteral("y")}).emitEvent(QStringLiteral("xy")), 60);
    QCOMPARE(f.root->to(QStringList{QStringLiteral("x"), QStringLiteral("y")})
                 .except(QStringLiteral("quiet"))
                 .emitEvent(QStringLiteral("xy-quiet")),
             54);
    QCOMPARE(f.root->except(QStringLiteral("x")).emitEvent(QStringLiteral("not-x")), 20);
    QList<QList<QByteArray>> expected;
    for (int i = 0; i < 60; ++i) {
        QList<QByteArray> packets{"2[\"xy\"]"};
        if (i % 10 != 0)
            packets.append("2[\"xy-quiet\"]");
        if (i >= 40)
            packets.append("2[\"not-x\"]");
        expected.append(packets);
    }
    QVERIFY(f.receivedExactly(expected));
}

void TestSocketIoRooms::emitEncodedArguments()
{
    // Arguments written once as JSON text go out as written, to rooms and socket ids.
    Fixture f(3);
    QVERIFY(f.started);
    f.socketOf(0)->join(QStringLiteral("r"));
    f.socketOf(1)->join(QStringLiteral("r"));
    QCOMPARE(f.root->to(QStringLiteral("r")).emitEncoded(QStringLiteral("obj"), "{\"a\":1},\"x\""), 2);
    QCOMPARE(f.root->to(f.socketOf(2)->id()).emitEncoded(QStringLiteral("none"), {}), 1);
    QCOMPARE(f.root->to(QStringLiteral("nobody")).emitEncoded(QStringLiteral("lost"), "1"), 0);
    f.socketOf(2)->emitEncoded(QStringLiteral("direct"), "[true]");
    QVERIFY(f.receivedExactly(
        {{"2[\"obj\",{\"a\":1},\"x\"]"}, {"2[\"obj\",{\"a\":1},\"x\"]"}, {"2[\"none\"]", "2[\"direct\",[true]]"}}));
}

QTEST_MAIN(TestSocketIoRooms)
#include "tst_socketiorooms.moc"
