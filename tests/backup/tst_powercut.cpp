// A power cut under load (simulated, powercutvfs.h: only what was fsynced survives): with
// --durability strict every message acknowledged before the cut is in the database that the
// cut leaves behind, and a server starts on it. The same cut with --durability fast is run
// for comparison and only reported (fast is safe against a crash of the process, not a power
// cut).
#include "tests/backup/powercutvfs.h"
#include "tests/support/siotestclient.h"
#include "tests/support/testserver.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;
using namespace craftchat::testsupport;

class TestPowerCut : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acknowledgedMessagesSurvive_data();
    void acknowledgedMessagesSurvive();

private:
    QTemporaryDir m_work;
};

void TestPowerCut::initTestCase()
{
    QVERIFY(m_work.isValid());
    // Before any database is opened in this process.
    QVERIFY(powercut::install(m_work.filePath(QStringLiteral("data")), m_work.filePath(QStringLiteral("shadow"))));
}

void TestPowerCut::acknowledgedMessagesSurvive_data()
{
    QTest::addColumn<bool>("strict");
    QTest::newRow("strict") << true;
    QTest::newRow("fast (reported only)") << false;
}

void TestPowerCut::acknowledgedMessagesSurvive()
{
    QFETCH(bool, strict);
    const QString name = strict ? QStringLiteral("strict") : QStringLiteral("fast");
    const QString dataDir = m_work.filePath(QStringLiteral("data/") + name);
    const QString after = m_work.filePath(QStringLiteral("after-") + name);
    QStringList acked;
    {
        TestServer server(dataDir);
        server.config().rateLimitPerMinute = 1'000'000;
        server.config().durability = strict ? runtime::Durability::Strict : runtime::Durability::Fast;
        QVERIFY(server.start());
        const TestUser client = server.registerUser(QStringLiteral("client"));
        const TestUser craftsman = server.registerUser(QStringLiteral("craftsman"));
        const QString chatId = server.createChat(client, craftsman).value(QStringLiteral("_id")).toString();
        QVERIFY(!chatId.isEmpty());
        SioTestClient socket(server.port());
        QVERIFY(socket.connectWithToken(client.token));
        const long long syncsBefore = powercut::syncCount();
        QList<qint64> inFlight;
        int serial = 0;
        for (int round = 0; round < 40; ++round) {
            for (int i = 0; i < 25; ++i) {
                inFlight.append(
                    socket.emitAsync(QStringLiteral("send-message"),
                                     QJsonObject{{QStringLiteral("chatId"), chatId},
                                                 {QStringLiteral("messageType"), QStringLiteral("text")},
                                                 {QStringLiteral("content"), QStringLiteral("m%1").arg(++serial)}}));
            }
            // Half of each round's answers are awaited, the rest stay in flight at the cut.
            while (inFlight.size() > 12) {
                const auto ack = socket.waitForAck(inFlight.takeFirst(), 30000);
                QVERIFY(ack);
                QVERIFY(ack->first().toObject().value(QStringLiteral("success")).toBool());
                acked.append(ack->first().toObject().value(QStringLiteral("messageId")).toString());
            }
        }
        // The cut: the event loop (the committing thread) is here, the checkpointer thread is
        // held by the VFS's lock while the files are copied.
        QVERIFY(powercut::cut(name, after));
        QVERIFY(powercut::syncCount() > syncsBefore);
    }
    QVERIFY(acked.size() >= 900);

    int missing = 0;
    {
        const QString connection = QStringLiteral("after-") + name;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(QDir(after).filePath(QStringLiteral("craftchat.sqlite")));
            QVERIFY(db.open());
            QSqlQuery check(db);
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            QSet<QString> stored;
            QSqlQuery ids(db);
            QVERIFY(ids.exec(QStringLiteral("SELECT id FROM messages")));
            while (ids.next())
                stored.insert(ids.value(0).toString());
            for (const QString &id : std::as_const(acked))
                missing += stored.contains(id) ? 0 : 1;
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }
    qInfo("%s: %d of %lld acknowledged messages missing after the cut", qPrintable(name), missing,
          qint64(acked.size()));
    if (strict) {
        QCOMPARE(missing, 0);
        // And a server starts on what the cut left (quick_check, the log replayed).
        TestServer restarted(after);
        QVERIFY(restarted.start());
    }
}

QTEST_GUILESS_MAIN(TestPowerCut)
#include "tst_powercut.moc"
