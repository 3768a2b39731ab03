// Integration tests of the VFS that writes a commit's log frames in one call (BatchedWalVfs)
// on real files: a commit reaches the file in one write call (or one per 64 KiB), what is
// committed is readable at once by another connection on SQLite's default VFS, the 128 KiB
// limit of one write call is respected for large pages, and a writer killed with SIGKILL
// loses no commit that had returned.
#include "tests/storage/storefixture.h"

#include "server/storage/batchedwalvfs.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <csignal>

using namespace craftchat::storage;
using namespace craftchat::storage::testing;

namespace {

// The test executable started again with this argument and a directory is the writer process
// of killedWriterKeepsEveryReturnedCommit (runChildWriter), not a test run.
constexpr char ChildWriterArgument[] = "--child-writer";

std::unique_ptr<SqliteChatStore> openWith(const QString &dir, bool batched)
{
    SqliteOptions options;
    options.dataDirectory = dir;
    options.backgroundCheckpoints = true;
    options.checkpointIntervalMs = 60'000; // the log only grows during a test
    options.batchWalWrites = batched;
    return openStore(options);
}

// Rows in `messages`, read through a connection of its own on SQLite's default VFS.
int messagesSeenByPlainConnection(const QString &path)
{
    return RawDatabase(path).scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt();
}

int committed(const QList<StoreResult<InsertedMessage>> &results)
{
    int ok = 0;
    for (const auto &r : results)
        ok += r.ok() ? 1 : 0;
    return ok;
}

batchedwal::Counters operator-(const batchedwal::Counters &a, const batchedwal::Counters &b)
{
    return {a.walWriteCalls - b.walWriteCalls, a.walFlushes - b.walFlushes, a.walBytes - b.walBytes,
            a.commitFlushes - b.commitFlushes};
}

} // namespace

class TestBatchedWal : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void commitGoesOutInFewWriteCalls_data();
    void commitGoesOutInFewWriteCalls();
    void plainVfsWhenTurnedOff();
    void killedWriterKeepsEveryReturnedCommit();
};

void TestBatchedWal::initTestCase()
{
    QVERIFY(batchedwal::ensureRegistered());
    QCOMPARE(QByteArray(batchedwal::vfsName()), QByteArray("craftchat-batched-wal"));
}

// SQLite writes two calls per frame (header, page); through the VFS a commit is one write
// call, or one per 64 KiB gathered, and every byte still reaches the file.
void TestBatchedWal::commitGoesOutInFewWriteCalls_data()
{
    QTest::addColumn<int>("existingPageSize"); // 0: a new database (the store's 1 KB pages)
    QTest::addColumn<int>("perCommit");
    QTest::addColumn<int>("contentBytes");
    QTest::newRow("1 KB pages, one message") << 0 << 1 << 120;
    QTest::newRow("1 KB pages, 16 messages") << 0 << 16 << 120;
    QTest::newRow("1 KB pages, 200 long messages") << 0 << 200 << 900;
    QTest::newRow("4 KB pages, 16 messages") << 4096 << 16 << 120;
    QTest::newRow("64 KB pages, 40 long messages") << 65536 << 40 << 4000;
}

void TestBatchedWal::commitGoesOutInFewWriteCalls()
{
    QFETCH(int, existingPageSize);
    QFETCH(int, perCommit);
    QFETCH(int, contentBytes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).absoluteFilePath(SqliteOptions{}.fileName);
    if (existingPageSize)
        QVERIFY(createEmptyDatabase(path, existingPageSize));
    auto store = openWith(dir.path(), true);
    QVERIFY(store);
    const auto chat = twoPartyChat(*store);
    QVERIFY(chat);
    QCOMPARE(committed(store->insertMessages(batchOf(chat->chatId, chat->annId, 0, perCommit, contentBytes))),
             perCommit);

    const qint64 walBefore = QFileInfo(path + QStringLiteral("-wal")).size();
    const batchedwal::Counters before = batchedwal::counters();
    QCOMPARE(committed(store->insertMessages(batchOf(chat->chatId, chat->annId, 1, perCommit, contentBytes))),
             perCommit);
    const batchedwal::Counters delta = batchedwal::counters() - before;
    const qint64 walAfter = QFileInfo(path + QStringLiteral("-wal")).size();

    const int pageSize = existingPageSize ? existingPageSize : SqliteChatStore::NewDatabasePageSize;
    const quint64 frames = delta.walBytes / quint64(24 + pageSize);
    QCOMPARE(delta.walBytes, frames * quint64(24 + pageSize)); // whole frames only
    QVERIFY2(frames >= 3, qPrintable(QStringLiteral("%1 frames").arg(frames)));
    QCOMPARE(delta.walWriteCalls, 2 * frames); // what SQLite asked for
    QCOMPARE(delta.commitFlushes, quint64(1)); // the commit frame sent it out
    const quint64 mostCalls = delta.walBytes / (64 * 1024) + 1;
    QVERIFY2(delta.walFlushes >= 1 && delta.walFlushes <= mostCalls,
             qPrintable(QStringLiteral("%1 write calls for %2 bytes").arg(delta.walFlushes).arg(delta.walBytes)));
    QCOMPARE(walAfter - walBefore, qint64(delta.walBytes)); // appended, nothing lost
    QCOMPARE(messagesSeenByPlainConnection(path), 2 * perCommit);
}

// With batchWalWrites off the store uses SQLite's default VFS: the counters do not move.
void TestBatchedWal::plainVfsWhenTurnedOff()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openWith(dir.path(), false);
    QVERIFY(store);
    const auto chat = twoPartyChat(*store);
    QVERIFY(chat);
    const batchedwal::Counters before = batchedwal::counters();
    QCOMPARE(committed(store->insertMessages(batchOf(chat->chatId, chat->annId, 0, 8))), 8);
    const batchedwal::Counters delta = batchedwal::counters() - before;
    QCOMPARE(delta.walWriteCalls, quint64(0));
    QCOMPARE(delta.walFlushes, quint64(0));
    QCOMPARE(messagesSeenByPlainConnection(store->databasePath()), 8);
}

// A writer process commits batches and reports each one after insertMessages returned; it is
// killed with SIGKILL mid-stream. Every reported batch must be in the database afterwards:
// nothing that had been acknowledged stayed behind in the VFS's memory.
void TestBatchedWal::killedWriterKeepsEveryReturnedCommit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(ChildWriterArgument), dir.path()});
    QVERIFY(child.waitForStarted());

    int reported = 0;
    QByteArray pending;
    while (reported < 40 && child.state() == QProcess::Running) {
        QVERIFY2(child.waitForReadyRead(10'000), "the writer reported nothing for 10 s");
        pending += child.readAllStandardOutput();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(nl);
            pending.remove(0, nl + 1);
            if (line.startsWith("committed "))
                reported = line.mid(10).toInt();
        }
    }
    QCOMPARE(child.state(), QProcess::Running);
    ::kill(pid_t(child.processId()), SIGKILL);
    QVERIFY(child.waitForFinished(10'000));
    pending += child.readAllStandardOutput();
    for (const QByteArray &line : pending.split('\n')) {
        if (line.startsWith("committed "))
            reported = line.mid(10).toInt();
    }
    QVERIFY(reported >= 40);

    auto reopened = openWith(dir.path(), true);
    QVERIFY(reopened);
    const int stored = reopened->counts()->messages;
    QVERIFY2(stored >= reported * 10,
             qPrintable(QStringLiteral("%1 messages stored, %2 reported").arg(stored).arg(reported * 10)));
    QCOMPARE(stored % 10, 0); // whole commits only
}

// The writer process: commits batches of ten messages into the store in `dir` and reports
// each one on stdout after insertMessages returned, until it is killed. Returns only on a
// failure (exit code 1, the reason on stderr), which the test sees as the writer ending early.
int runChildWriter(const QString &dir)
{
    auto store = openWith(dir, true);
    if (!store) {
        qCritical("child writer: cannot open the store in %s", qPrintable(dir));
        return 1;
    }
    const auto chat = twoPartyChat(*store);
    if (!chat) {
        qCritical("child writer: cannot create the chat");
        return 1;
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered))
        return 1;
    for (int round = 1;; ++round) {
        if (committed(store->insertMessages(batchOf(chat->chatId, chat->annId, round, 10))) != 10) {
            qCritical("child writer: batch %d was not committed", round);
            return 1;
        }
        out.write(QByteArray("committed ") + QByteArray::number(round) + '\n');
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 3 && arguments.at(1) == QLatin1String(ChildWriterArgument))
        return runChildWriter(arguments.at(2));
    TestBatchedWal test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_batchedwal.moc"
