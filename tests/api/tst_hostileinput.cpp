// Issue 16 ("hostile input from the internet") against a real ChatServer: downloads stream
// from disk with a bounded amount queued per connection; upload heads are refused before
// their bodies (401, 413, 429, 507); upload bodies go to a temporary file as they arrive and
// nothing is left behind by an abandoned one; per-user upload limits; the free-disk floor;
// the pre-CONNECT timeout; the connection cap per address.
#include "tests/support/httptestclient.h"
#include "tests/support/siorawclient.h"
#include "tests/support/testserver.h"

#include "common/contract/contract.h"
#include "server/http/httpserver.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <limits>
#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(16);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.generate() & 0xFF);
    return bytes;
}

QByteArray uploadHead(const QString &token, qint64 contentLength, const QByteArray &path = "/api/uploads")
{
    QByteArray head = "POST " + path
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + QByteArray::number(contentLength) + "\r\n";
    if (!token.isEmpty())
        head += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    return head + "\r\n";
}

// Files in the uploads folder, temporary ones included.
QStringList uploadFiles(const QString &dataDir)
{
    return QDir(dataDir + QStringLiteral("/uploads")).entryList(QDir::Files | QDir::Hidden);
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_user;

    HttpTestClient &http() { return m_server->http(); }
    bool startServer()
    {
        if (!m_server->start())
            return false;
        m_user = m_server->registerUser(contract::RoleClient);
        return !m_user.token.isEmpty();
    }

private slots:
    void init() { m_server = std::make_unique<TestServer>(); }

    void cleanup() { m_server.reset(); }

    void downloadIsStreamedWithBoundedOutput()
    {
        QVERIFY(startServer());
        const QByteArray content = randomBytes(24 * 1024 * 1024);
        const QString name = QStringLiteral("0123456789abcdef0123456789abcdef.bin");
        QFile file(m_server->dataDir() + QStringLiteral("/uploads/") + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
        file.close();

        // A client that asks and does not read: what the server holds for it stays bounded.
        RawHttpConnection stalled;
        QVERIFY(stalled.connectTo(m_server->port()));
        stalled.socket().setReadBufferSize(16 * 1024);
        stalled.send("GET /uploads/" + name.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        http::HttpServer *server = m_server->server()->httpServer();
        QTRY_VERIFY(server->pendingOutputBytes() > 0 || server->peakPendingOutputBytes() > 0);
        QTest::qWait(800);
        const qint64 bound = 256 * 1024 + 64 * 1024;
        QVERIFY2(server->pendingOutputBytes() <= bound, qPrintable(QString::number(server->pendingOutputBytes())));
        QVERIFY2(server->peakPendingOutputBytes() <= bound,
                 qPrintable(QString::number(server->peakPendingOutputBytes())));

        // The stalled client goes; the file is closed with its connection.
        stalled.socket().abort();
        QTRY_COMPARE(server->connectionCount(), 0);

        // A normal download gets every byte.
        const HttpReply served = http().get(QStringLiteral("/uploads/") + name);
        QCOMPARE(served.status, 200);
        QCOMPARE(served.header("content-length"), QByteArray::number(content.size()));
        QVERIFY(served.body == content);
        QCOMPARE(served.header("content-type"), QByteArray("application/octet-stream"));
        QCOMPARE(served.header("content-disposition"), QByteArray("attachment; filename*=UTF-8''file"));
        QVERIFY(server->peakPendingOutputBytes() <= bound);
    }

    void uploadHeadRefusedBeforeBody_data()
    {
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("no token") << false << qint64(4'000'000) << QByteArray("/api/uploads") << 401;
        QTest::newRow("no token, trailing slash") << false << qint64(4'000'000) << QByteArray("/api/uploads/") << 401;
        QTest::newRow("too large") << true << qint64(25 * 1024 * 1024 + 1) << QByteArray("/api/uploads") << 413;
        QTest::newRow("too large, trailing slash")
            << true << qint64(25 * 1024 * 1024 + 1) << QByteArray("/api/uploads/") << 413;
        QTest::newRow("json call without token") << false << qint64(60'000) << QByteArray("/api/jobs") << 401;
    }

    void uploadHeadRefusedBeforeBody()
    {
        QFETCH(bool, withToken);
        QFETCH(qint64, length);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QVERIFY(startServer());
        RawHttpConnection client;
        QVERIFY(client.connectTo(m_server->port()));
        // Only the head: the answer comes without a single body byte.
        client.send(uploadHead(withToken ? m_user.token : QString(), length, path));
        const auto reply = client.readReply(3000);
        QVERIFY(reply);
        QCOMPARE(reply->status, status);
        QCOMPARE(reply->header("connection"), QByteArray("close"));
        QVERIFY(uploadFiles(m_server->dataDir()).isEmpty());
    }

    void trailingSlashGetsTheUploadRules()
    {
        QVERIFY(startServer());
        // Over the JSON body limit (64 KiB), within the upload limit.
        const QByteArray body = randomBytes(200 * 1024);
        const HttpReply r = http().request("POST", QStringLiteral("/api/uploads/"), body, m_user.token,
                                           {{"X-File-Name", "data.zip"}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value(QStringLiteral("size")).toInteger(), body.size());
    }

    void uploadBodyGoesToAFileAndAbandonedLeavesNothing()
    {
        QVERIFY(startServer());
        const qint64 total = 4 * 1024 * 1024;
        const QByteArray body = randomBytes(total);
        RawHttpConnection client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send(uploadHead(m_user.token, total));
        client.send(body.left(1024 * 1024));
        // The part that arrived is on disk already, in a temporary file.
        QString partial;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QStringList files = uploadFiles(m_server->dataDir());
                if (files.size() != 1 || !files.first().endsWith(QLatin1String(".part")))
                    return false;
                partial = files.first();
                return QFileInfo(m_server->dataDir() + QStringLiteral("/uploads/") + partial).size() >= 1024 * 1024;
            }(),
            5000);
        // The client goes away: nothing is left behind.
        client.socket().abort();
        QTRY_VERIFY(uploadFiles(m_server->dataDir()).isEmpty());

        // A complete 4 MiB upload: stored, and its temporary file is gone.
        const HttpReply r = http().request("POST", QStringLiteral("/api/uploads"), body, m_user.token,
                                           {{"X-File-Name", "backup.zip"}});
        QCOMPARE(r.status, 201);
        const QStringList files = uploadFiles(m_server->dataDir());
        QCOMPARE(files.size(), 1);
        QVERIFY(files.first().endsWith(QLatin1String(".zip")));
        QCOMPARE(http().get(r.object().value(QStringLiteral("url")).toString()).body, body);
    }

    void refusedImageLeavesNothing()
    {
        QVERIFY(startServer());
        const HttpReply r = http().request("POST", QStringLiteral("/api/uploads"),
                                           QByteArray("\x89PNG\r\n\x1a\n", 8) + randomBytes(100'000), m_user.token);
        QCOMPARE(r.status, 415);
        QCOMPARE(r.errorCode(), QStringLiteral("UNSUPPORTED_MEDIA_TYPE"));
        QVERIFY(uploadFiles(m_server->dataDir()).isEmpty());
    }

    void perUserUploadLimits()
    {
        m_server->config().maxUploadsPerHour = 3;
        m_server->config().uploadQuotaBytes = 1500;
        QVERIFY(startServer());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(http().request("POST", QStringLiteral("/api/uploads"), "small", m_user.token).status, 201);
        // The fourth within the hour: refused from its head, with the time to wait.
        RawHttpConnection client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send(uploadHead(m_user.token, 5));
        const auto refused = client.readReply(3000);
        QVERIFY(refused);
        QCOMPARE(refused->status, 429);
        QCOMPARE(refused->errorCode(), QStringLiteral("RATE_LIMIT"));
        const int retryAfter = refused->header("retry-after").toInt();
        QVERIFY2(retryAfter > 3500 && retryAfter <= 3601, refused->header("retry-after").constData());

        // The quota: the sum of a user's stored uploads.
        const TestUser other = m_server->registerUser(contract::RoleCraftsman);
        QCOMPARE(http().request("POST", QStringLiteral("/api/uploads"), QByteArray(1000, 'q'), other.token).status,
                 201);
        const HttpReply over
            = http().request("POST", QStringLiteral("/api/uploads"), QByteArray(600, 'q'), other.token);
        QCOMPARE(over.status, 429);
        QCOMPARE(over.errorCode(), QStringLiteral("RATE_LIMIT"));
        QVERIFY(over.hasHeader("retry-after"));
        // Chunked: the size is known only at the end, and counted then.
        RawHttpConnection chunked;
        QVERIFY(chunked.connectTo(m_server->port()));
        chunked.send("POST /api/uploads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nAuthorization: Bearer "
                     + other.token.toLatin1() + "\r\n\r\n258\r\n" + QByteArray(600, 'c') + "\r\n0\r\n\r\n");
        const auto chunkedReply = chunked.readReply(3000);
        QVERIFY(chunkedReply);
        QCOMPARE(chunkedReply->status, 429);
        QCOMPARE(http().request("POST", QStringLiteral("/api/uploads"), QByteArray(500, 'q'), other.token).status, 201);
        QVERIFY(uploadFiles(m_server->dataDir()).size() == 5);
    }

    void freeDiskFloor()
    {
        // A floor above whatever the temporary directory has free.
        // Registration is refused below the floor too: the users register first, then the
        // server restarts over the same data with the floor.
        QVERIFY(startServer());
        const TestUser craftsman = m_server->registerUser(contract::RoleCraftsman);
        m_server->stop();
        m_server->config().minFreeDiskBytes = std::numeric_limits<qint64>::max() / 2;
        QVERIFY(m_server->start());
        RawHttpConnection client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send(uploadHead(m_user.token, 1000));
        const auto refused = client.readReply(3000);
        QVERIFY(refused);
        QCOMPARE(refused->status, 507);
        QCOMPARE(refused->errorCode(), QStringLiteral("DISK_LOW"));
        QVERIFY(!refused->json().value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(uploadFiles(m_server->dataDir()).isEmpty());

        // Messages still flow.
        int status = 0;
        const QJsonObject chat = m_server->createChat(
            m_user, craftsman, {{QStringLiteral("initialMessage"), QStringLiteral("hello")}}, &status);
        QCOMPARE(status, 201);
        QVERIFY(!chat.isEmpty());

        // The admin sees it.
        const TestUser admin = m_server->createAdmin();
        const HttpReply metrics = http().get(QStringLiteral("/metrics"), admin.token);
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.body.contains("\nchat_disk_low 1\n"), metrics.body.constData());
    }

    void diskFloorNotReached()
    {
        m_server->config().minFreeDiskBytes = 1;
        QVERIFY(startServer());
        QCOMPARE(http().request("POST", QStringLiteral("/api/uploads"), "x", m_user.token).status, 201);
        const TestUser admin = m_server->createAdmin();
        QVERIFY(http().get(QStringLiteral("/metrics"), admin.token).body.contains("\nchat_disk_low 0\n"));
    }

    void sessionWithoutConnectClosesAfterTimeout()
    {
        m_server->config().connectTimeoutMs = 300;
        QVERIFY(startServer());
        SioRawClient idle;
        QVERIFY(idle.open(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(m_server->port()))));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(idle.waitDisconnected(5000));
        QVERIFY(timer.elapsed() < 3000);
    }

    void connectionCapPerAddress()
    {
        m_server->config().maxConnectionsPerAddress = 3;
        QVERIFY(startServer());
        std::vector<std::unique_ptr<RawHttpConnection>> open;
        for (int i = 0; i < 3; ++i) {
            open.push_back(std::make_unique<RawHttpConnection>());
            QVERIFY(open.back()->connectTo(m_server->port()));
            open.back()->send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            const auto reply = open.back()->readReply(3000);
            QVERIFY(reply);
            QCOMPARE(reply->status, 200);
        }
        // The fourth from 127.0.0.1 is closed at once, unanswered.
        RawHttpConnection fourth;
        QVERIFY(fourth.connectTo(m_server->port()));
        fourth.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(fourth.waitClosed(3000));
        QVERIFY(fourth.takeBuffered().isEmpty());
        // The others still work; once one goes, a new one is taken.
        open.front()->send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(open.front()->readReply(3000));
        open.back()->socket().abort();
        open.pop_back();
        QTRY_COMPARE(m_server->server()->httpServer()->connectionCount(), 2);
        RawHttpConnection again;
        QVERIFY(again.connectTo(m_server->port()));
        again.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto reply = again.readReply(3000);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
