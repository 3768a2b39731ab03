// The data directory is private (issue 16): a data directory made before the rule, 0755 with
// 0644 files, is 0700 / 0600 throughout after the server starts (database, -wal, -shm,
// uploads and their files, the JWT secret), and the server says once what it fixed. A new
// data directory is private from the start and nothing is reported.
#include "tests/support/testserver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

QStringList s_log;
QtMessageHandler s_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    s_log.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message);
    if (s_previous)
        s_previous(type, context, message);
}

unsigned modeOf(const QString &path)
{
    struct stat st
    {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return 0xffff;
    return unsigned(st.st_mode) & 07777u;
}

void setMode(const QString &path, unsigned mode)
{
    QVERIFY2(::chmod(QFile::encodeName(path).constData(), mode) == 0, qPrintable(path));
}

} // namespace

class TestPrivateData : public QObject
{
    Q_OBJECT

private slots:
    void existingOpenDataDirectoryIsMadePrivate()
    {
        QTemporaryDir temp;
        const QString data = temp.filePath(QStringLiteral("data"));
        {
            // A first run leaves a database, a generated secret and an upload.
            TestServer first(data);
            first.config().jwtSecret.clear();
            QVERIFY(first.start());
            const TestUser user = first.registerUser(QStringLiteral("client"));
            QVERIFY(!user.id.isEmpty());
            QFile upload(first.config().uploadsDir() + QStringLiteral("/0123456789abcdef0123456789abcdef.png"));
            QVERIFY(upload.open(QIODevice::WriteOnly));
            upload.write("\x89PNG\r\n\x1a\n");
            upload.close();
        }
        // As an older server (or a careless admin) left it: readable by everyone.
        const QStringList files = QDir(data).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(files.contains(QStringLiteral("jwt-secret")));
        QVERIFY(files.contains(QStringLiteral("craftchat.sqlite")));
        setMode(data, 0755);
        setMode(data + QStringLiteral("/uploads"), 0755);
        for (const QString &name : files)
            setMode(data + QLatin1Char('/') + name, 0644);
        const QString uploadFile = data + QStringLiteral("/uploads/0123456789abcdef0123456789abcdef.png");
        setMode(uploadFile, 0644);

        s_log.clear();
        s_previous = qInstallMessageHandler(capture);
        TestServer second(data);
        second.config().jwtSecret.clear();
        const bool started = second.start();
        qInstallMessageHandler(s_previous);
        QVERIFY(started);
        const TestUser user = second.registerUser(QStringLiteral("client")); // writes: -wal and -shm exist
        QVERIFY(!user.id.isEmpty());

        QCOMPARE(modeOf(data), 0700u);
        QCOMPARE(modeOf(data + QStringLiteral("/uploads")), 0700u);
        QCOMPARE(modeOf(uploadFile), 0600u);
        for (const QString &name : QDir(data).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(modeOf(data + QLatin1Char('/') + name) == 0600u, qPrintable(name));
        QVERIFY(QFile::exists(data + QStringLiteral("/craftchat.sqlite-wal")));

        const QStringList lines = s_log.filter(QStringLiteral("was readable by others"));
        QCOMPARE(lines.size(), 1);
        const QString line = lines.first();
        QVERIFY2(line.contains(QStringLiteral(". 0755->0700")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("jwt-secret 0644->0600")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("craftchat.sqlite 0644->0600")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("uploads 0755->0700")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("uploads/0123456789abcdef0123456789abcdef.png 0644->0600")),
                 qPrintable(line));
    }

    void newDataDirectoryIsPrivateWithoutComplaint()
    {
        QTemporaryDir temp;
        const QString data = temp.filePath(QStringLiteral("fresh"));
        s_log.clear();
        s_previous = qInstallMessageHandler(capture);
        TestServer server(data);
        server.config().jwtSecret.clear();
        const bool started = server.start();
        qInstallMessageHandler(s_previous);
        QVERIFY(started);
        QVERIFY(!server.registerUser(QStringLiteral("client")).id.isEmpty());
        QCOMPARE(modeOf(data), 0700u);
        QCOMPARE(modeOf(data + QStringLiteral("/uploads")), 0700u);
        QCOMPARE(modeOf(data + QStringLiteral("/craftchat.sqlite")), 0600u);
        QCOMPARE(modeOf(data + QStringLiteral("/jwt-secret")), 0600u);
        QVERIFY(s_log.filter(QStringLiteral("was readable by others")).isEmpty());
    }
};

QTEST_MAIN(TestPrivateData)
#include "tst_privatedata.moc"
