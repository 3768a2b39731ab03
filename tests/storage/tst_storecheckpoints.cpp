// Integration tests of background WAL checkpoints (SqliteOptions::backgroundCheckpoints,
// WalCheckpointer) on real files: the committing connection never checkpoints, the log stays
// bounded under continuous group commits that honour readyForDeferrableWrite, data survives a
// checkpoint and a reopen, and the store shuts down cleanly with the checkpointer running.
#include "tests/storage/storefixture.h"

#include "server/storage/walcheckpointer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>

using namespace craftchat::storage;
using namespace craftchat::storage::testing;

namespace {

constexpr int kFrameCap = 64; // frames: a tiny cap so that the test resets the log often
constexpr qint64 kPageSize = SqliteChatStore::NewDatabasePageSize;

std::unique_ptr<SqliteChatStore> openCheckpointed(const QString &dir, int intervalMs = 5)
{
    SqliteOptions options;
    options.dataDirectory = dir;
    options.backgroundCheckpoints = true;
    options.checkpointIntervalMs = intervalMs;
    options.walFrameCap = kFrameCap;
    return openStore(options);
}

qint64 walSize(const SqliteChatStore &store)
{
    return QFileInfo(store.databasePath() + QStringLiteral("-wal")).size();
}

// Like ChatService: a group commit waits while the store asks deferrable writes to wait.
bool waitUntilWritable(SqliteChatStore &store, int timeoutMs = 5000)
{
    bool resumed = false;
    if (store.readyForDeferrableWrite([&resumed] { resumed = true; }))
        return true;
    QElapsedTimer clock;
    clock.start();
    while (!resumed && clock.elapsed() < timeoutMs)
        QTest::qWait(1);
    return resumed;
}

} // namespace

class TestStoreCheckpoints : public QObject
{
    Q_OBJECT

private slots:
    void committingConnectionDoesNotCheckpoint();
    void walStaysBoundedUnderContinuousCommits_data();
    void walStaysBoundedUnderContinuousCommits();
    void dataSurvivesCheckpointAndReopen();
    void resumeIsCalledOnTheOwnersThread();
    void closingWithPendingCheckpointsIsClean();
    void pageSizeOfNewAndExistingDatabases_data();
    void pageSizeOfNewAndExistingDatabases();
};

// With background checkpoints the log only grows on the committing thread; a pass of the
// checkpointer copies it back (the log is not reset by the pass itself).
void TestStoreCheckpoints::committingConnectionDoesNotCheckpoint()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openCheckpointed(dir.path(), 60'000); // no timer pass during the test
    QVERIFY(store);
    QVERIFY(store->checkpointer());
    const auto chat = twoPartyChat(*store);
    QVERIFY(chat);
    // Far more than SQLite's automatic checkpoint threshold (1,000 frames) would allow.
    for (int round = 0; round < 60; ++round) {
        const auto results = store->insertMessages(batchOf(chat->chatId, chat->annId, round, 20));
        QCOMPARE(results.size(), 20);
        for (const auto &r : results)
            STORE_VERIFY(r);
    }
    const WalCheckpointStats before = store->checkpointer()->stats();
    QCOMPARE(before.passes, 0);
    QVERIFY2(walSize(*store) > 1000 * kPageSize, qPrintable(QString::number(walSize(*store))));

    const WalCheckpointStats after = store->checkpointer()->checkpointNow();
    QVERIFY(after.ok);
    QCOMPARE(after.passes, 1);
    QVERIFY(after.logFrames > 1000);
    QCOMPARE(after.checkpointedFrames, after.logFrames); // no writer meanwhile: all of it
    QCOMPARE(store->counts()->messages, 1200);
}

void TestStoreCheckpoints::walStaysBoundedUnderContinuousCommits_data()
{
    QTest::addColumn<int>("batchSize");
    QTest::newRow("one message per commit") << 1;
    QTest::newRow("groups of 16") << 16;
}

// Commits back to back as fast as the store allows, the way the server's group commit does;
// the log must reset again and again instead of growing with the number of commits.
void TestStoreCheckpoints::walStaysBoundedUnderContinuousCommits()
{
    QFETCH(int, batchSize);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openCheckpointed(dir.path());
    QVERIFY(store);
    const auto chat = twoPartyChat(*store);
    QVERIFY(chat);

    const int rounds = 6000 / batchSize;
    qint64 largestWal = 0;
    for (int round = 0; round < rounds; ++round) {
        QVERIFY(waitUntilWritable(*store));
        const auto results
            = store->insertMessages(batchOf(chat->chatId, round % 2 ? chat->annId : chat->bobId, round, batchSize));
        for (const auto &r : results)
            STORE_VERIFY(r);
        largestWal = std::max(largestWal, walSize(*store));
        QCoreApplication::processEvents();
    }
    const WalCheckpointStats stats = store->checkpointer()->stats();
    QVERIFY2(stats.drains >= 2, qPrintable(QStringLiteral("drains %1 passes %2").arg(stats.drains).arg(stats.passes)));
    // Without resets the log of 6,000 messages would reach about 40 MB (groups of 16) to over
    // 100 MB (one per commit), more since the search index is written with each message; with
    // them it stays near the cap. How far past the cap it gets depends on how soon the
    // checkpointer's thread is scheduled (21 MB was seen on a 2-core machine under a load of
    // 12), hence the loose bound.
    QVERIFY2(largestWal < 32 * 1024 * 1024,
             qPrintable(QStringLiteral("largest WAL %1 bytes, drains %2").arg(largestWal).arg(stats.drains)));
    QCOMPARE(store->counts()->messages, qint64(rounds) * batchSize);

    // A pass with no commit meanwhile copies everything; the next commit starts the log over
    // and cuts the file back to journal_size_limit (the cap).
    QVERIFY(waitUntilWritable(*store));
    const WalCheckpointStats last = store->checkpointer()->checkpointNow();
    QCOMPARE(last.checkpointedFrames, last.logFrames);
    STORE_VERIFY(insertOne(*store, batchOf(chat->chatId, chat->annId, -1, 1).first()));
    QVERIFY2(walSize(*store) <= kFrameCap * kPageSize, qPrintable(QString::number(walSize(*store))));
}

void TestStoreCheckpoints::dataSurvivesCheckpointAndReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList ids;
    QString chatId;
    {
        auto store = openCheckpointed(dir.path(), 60'000);
        QVERIFY(store);
        const auto chat = twoPartyChat(*store);
        QVERIFY(chat);
        chatId = chat->chatId;
        for (const auto &r : store->insertMessages(batchOf(chatId, chat->annId, 1, 10)))
            ids.append(r->message.id);
        QVERIFY(store->checkpointer()->checkpointNow().ok); // copied into the database
        for (const auto &r : store->insertMessages(batchOf(chatId, chat->bobId, 2, 10)))
            ids.append(r->message.id); // only in the log
    }
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("craftchat.sqlite3-wal")))); // closed cleanly
    auto reopened = openStore(dir.path());
    QVERIFY(reopened);
    auto page = reopened->messagesPage(chatId, std::nullopt, 100);
    STORE_VERIFY(page);
    QStringList stored;
    for (const auto &m : *page)
        stored.append(m.id);
    QCOMPARE(stored, ids);
    auto details = reopened->chatById(chatId);
    STORE_VERIFY(details);
    QCOMPARE(details->lastMessage,
             std::optional<QString>(QStringLiteral("round 2 message 9 ") + QString(200, QLatin1Char('x'))));
}

// The resume callback of a paused writer runs on the owner's thread, once.
void TestStoreCheckpoints::resumeIsCalledOnTheOwnersThread()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openCheckpointed(dir.path());
    QVERIFY(store);
    const auto chat = twoPartyChat(*store);
    QVERIFY(chat);
    int resumes = 0;
    QThread *resumedOn = nullptr;
    bool paused = false;
    for (int round = 0; round < 2000 && !paused; ++round) {
        store->insertMessages(batchOf(chat->chatId, chat->annId, round, 4));
        QTest::qWait(1);
        paused = !store->readyForDeferrableWrite([&] {
            ++resumes;
            resumedOn = QThread::currentThread();
        });
    }
    QVERIFY(paused);
    QTRY_COMPARE(resumes, 1);
    QCOMPARE(resumedOn, QThread::currentThread());
    QTest::qWait(20);
    QCOMPARE(resumes, 1);
}

// Destroying the store while passes run (and a writer waits) neither hangs nor loses data.
void TestStoreCheckpoints::closingWithPendingCheckpointsIsClean()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString chatId;
    int written = 0;
    {
        auto store = openCheckpointed(dir.path(), 1);
        QVERIFY(store);
        const auto chat = twoPartyChat(*store);
        QVERIFY(chat);
        chatId = chat->chatId;
        for (int round = 0; round < 200; ++round) {
            for (const auto &r : store->insertMessages(batchOf(chatId, chat->annId, round, 8)))
                written += r.ok() ? 1 : 0;
        }
        store->readyForDeferrableWrite([] {}); // maybe a drain in flight at destruction
    }
    QCOMPARE(written, 1600);
    auto reopened = openStore(dir.path());
    QVERIFY(reopened);
    QCOMPARE(reopened->counts()->messages, 1600);
}

// A new database gets the store's page size; an existing one keeps its own and still works,
// with the log cut back in bytes of its own pages.
void TestStoreCheckpoints::pageSizeOfNewAndExistingDatabases_data()
{
    QTest::addColumn<int>("existingPageSize"); // 0: no file before the store opens it
    QTest::addColumn<int>("expectedPageSize");
    QTest::newRow("new database") << 0 << SqliteChatStore::NewDatabasePageSize;
    QTest::newRow("existing 4 KB pages") << 4096 << 4096;
    QTest::newRow("existing 8 KB pages") << 8192 << 8192;
}

void TestStoreCheckpoints::pageSizeOfNewAndExistingDatabases()
{
    QFETCH(int, existingPageSize);
    QFETCH(int, expectedPageSize);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).absoluteFilePath(SqliteOptions{}.fileName);
    if (existingPageSize > 0)
        QVERIFY(createEmptyDatabase(path, existingPageSize));
    {
        auto store = openCheckpointed(dir.path());
        QVERIFY(store);
        const auto chat = twoPartyChat(*store);
        QVERIFY(chat);
        for (int round = 0; round < 5; ++round)
            QCOMPARE(store->insertMessages(batchOf(chat->chatId, chat->annId, round, 10)).size(), 10);
        QCOMPARE(store->counts()->messages, 50);
    }
    QCOMPARE(RawDatabase(path).scalar(QStringLiteral("PRAGMA page_size")).toInt(), expectedPageSize);
}

QTEST_MAIN(TestStoreCheckpoints)
#include "tst_storecheckpoints.moc"
