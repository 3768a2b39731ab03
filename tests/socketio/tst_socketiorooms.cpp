// Socket.IO rooms and broadcasting, against the real server on an ephemeral port.
#include "siorawclient.h"
#include "enginetestserver.h"

#include "socketio/namespace.h"
#include "socketio/socket.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <vector>

using namespace craftchat;
using namespace craftchat::enginetest;

namespace {

// A server and n clients connected to "/".
class Fixture
{
public:
    explicit Fixture(int clientCount) : server(EngineTestServer::socketIoOptions())
    {
        io = server.enableSocketIo();
        root = io->of(QStringLiteral("/"));
        QObject::connect(root, &sio::Namespace::connected, root, [](sio::Socket *socket) {
            // "shout" goes to everyone in the room named by the first argument but the sender.
            socket->on(QStringLiteral("shout"), [](sio::Socket &self, const sio::Event &event, const sio::Ack &) {
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

    sio::Socket *socketOf(int i) const { return root->socket(clients.at(size_t(i))->socketId()); }
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
    sio::SocketIoServer *io = nullptr;
    sio::Namespace *root = nullptr;
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
};

void TestSocketIoRooms::joinAndLeave()
{
    Fixture f(2);
    QVERIFY(f.started);
    sio::Socket *a = f.socketOf(0);
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

    const int written = f.root->to(QStringList{QStringLiteral("a"), QStringLiteral("b")})
                            .emitEvent(QStringLiteral("once"));
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
    QCOMPARE(f.root->to(QStringLiteral("lobby")).except(QStringLiteral("muted")).emitEvent(QStringLiteral("lobby-but-muted")), 1);
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
    sio::Socket *a = f.socketOf(0);
    sio::Socket *b = f.socketOf(1);
    sio::Socket *c = f.socketOf(2);
    a->join(QStringLiteral("room"));
    b->join(QStringLiteral("room"));
    c->join(QStringLiteral("other"));

    const sio::RoomIndex &rooms = f.root->rooms();
    QCOMPARE(rooms.memberCount(QStringLiteral("room")), 2);
    QCOMPARE(rooms.memberCount(QStringLiteral("other")), 1);
    QCOMPARE(rooms.memberCount(QStringLiteral("nothing")), 0);
    QVERIFY(rooms.members(QStringLiteral("nothing")) == nullptr);
    QCOMPARE(*rooms.members(QStringLiteral("room")), (QSet<sio::Socket *>{a, b}));
    // Three own-id rooms plus "room" and "other".
    QCOMPARE(rooms.roomCount(), 5);
    QVERIFY(rooms.roomNames().contains(a->id()));

    // A disconnected socket leaves every room.
    QSignalSpy gone(f.root, &sio::Namespace::disconnected);
    f.client(1).send("1");
    QVERIFY(gone.wait());
    QCOMPARE(rooms.memberCount(QStringLiteral("room")), 1);
    QCOMPARE(*rooms.members(QStringLiteral("room")), (QSet<sio::Socket *>{a}));
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

QTEST_MAIN(TestSocketIoRooms)
#include "tst_socketiorooms.moc"
