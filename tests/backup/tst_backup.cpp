// Backups of a running server: written while messages are being sent, restored into an empty
// directory, a server started on it has every message acknowledged before the backup and every
// upload; a damaged backup is refused and leaves the target empty; the admin endpoint and the
// retention of scheduled backups.
#include "server/backup/backuprestorer.h"
#include "server/backup/backupservice.h"
#include "server/backup/backupwriter.h"
#include "tests/support/siotestclient.h"
#include "tests/support/testserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

struct Written
{
    QString file;                       // the backup
    QStringList ackedBefore;            // message ids acknowledged before the backup started
    QHash<QString, QByteArray> uploads; // url -> bytes
    QString clientEmail;
    QString password;
    QString chatId;
};

QStringList allMessageIds(HttpTestClient &http, const QString &token, const QString &chatId)
{
    QStringList ids;
    QString before;
    for (;;) {
        const QString query = QStringLiteral("/api/messages/chats/%1/messages?limit=100%2")
                                  .arg(chatId, before.isEmpty() ? QString() : QStringLiteral("&before=") + before);
        const HttpReply reply = http.get(query, token);
        if (reply.status != 200)
            return {};
        const QJsonArray page = reply.array();
        if (page.isEmpty())
            break;
        for (const QJsonValue &m : page)
            ids.append(m.toObject().value(QStringLiteral("_id")).toString());
        before = page.first().toObject().value(QStringLiteral("_id")).toString();
        if (page.size() < 100)
            break;
    }
    return ids;
}

void corruptByte(const QString &path, qint64 offset)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    char c = 0;
    QVERIFY(file.getChar(&c));
    QVERIFY(file.seek(offset));
    QVERIFY(file.putChar(char(c ^ 0x5a)));
}

// Offset of the data of the first archive entry whose name starts with `prefix`, or -1.
qint64 entryDataOffset(const QString &path, const QByteArray &prefix)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qint64 offset = 0;
    for (;;) {
        file.seek(offset);
        const QByteArray header = file.read(512);
        if (header.size() != 512 || header.at(0) == '\0')
            return -1;
        const qint64 size = QByteArray(header.constData() + 124, 11).toLongLong(nullptr, 8);
        if (header.startsWith(prefix))
            return offset + 512;
        offset += 512 + (size + 511) / 512 * 512;
    }
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void backupUnderLoadRestoresEverythingAcknowledged();
    void damagedBackupIsRefused_data();
    void damagedBackupIsRefused();
    void restoreRefusesANonEmptyDirectory();
    void adminEndpointStartsAndReports();
    void retentionKeepsTheNewest();

private:
    QTemporaryDir m_work;
    Written m_written;
};

void TestBackup::initTestCase()
{
    QVERIFY(m_work.isValid());
    // One backup written under load, shared by the restore tests.
    TestServer server;
    server.config().rateLimitPerMinute = 1'000'000;
    QVERIFY(server.start());
    const TestUser client = server.registerUser(QStringLiteral("client"));
    const TestUser craftsman = server.registerUser(QStringLiteral("craftsman"));
    const QJsonObject chat = server.createChat(client, craftsman);
    const QString chatId = chat.value(QStringLiteral("_id")).toString();
    QVERIFY(!chatId.isEmpty());

    // Uploads, each with its own bytes.
    for (int i = 0; i < 3; ++i) {
        const QByteArray bytes
            = QByteArray("upload number ") + QByteArray::number(i) + QByteArray(5000 + i, char('a' + i));
        const HttpReply reply = server.http().request("POST", QStringLiteral("/api/uploads"), bytes, client.token,
                                                      {{"X-File-Name", "note.txt"}});
        QCOMPARE(reply.status, 201);
        m_written.uploads.insert(reply.json().value(QStringLiteral("url")).toString(), bytes);
    }

    SioTestClient socket(server.port());
    QVERIFY(socket.connectWithToken(client.token));
    // Sends 20 messages and waits for their acks; returns their ids.
    int serial = 0;
    const auto sendBatch = [&](int n) {
        QList<qint64> pending;
        for (int i = 0; i < n; ++i) {
            pending.append(
                socket.emitAsync(QStringLiteral("send-message"),
                                 QJsonObject{{QStringLiteral("chatId"), chatId},
                                             {QStringLiteral("messageType"), QStringLiteral("text")},
                                             {QStringLiteral("content"), QStringLiteral("Message %1").arg(++serial)},
                                             {QStringLiteral("clientMessageId"), QStringLiteral("b-%1").arg(serial)}}));
        }
        QStringList ids;
        for (qint64 id : std::as_const(pending)) {
            const auto ack = socket.waitForAck(id, 30000);
            if (ack && ack->first().toObject().value(QStringLiteral("success")).toBool())
                ids.append(ack->first().toObject().value(QStringLiteral("messageId")).toString());
        }
        return ids;
    };
    for (int round = 0; round < 10; ++round)
        m_written.ackedBefore += sendBatch(20);
    QCOMPARE(m_written.ackedBefore.size(), 200);

    // The backup runs on its thread while more messages are sent and committed.
    backup::BackupService *backups = server.server()->backupService();
    QVERIFY(backups);
    QSignalSpy finished(backups, &backup::BackupService::backupFinished);
    const QString folder = m_work.filePath(QStringLiteral("backups"));
    QVERIFY(backups->backUpNow(folder).ok());
    QCOMPARE(backups->status().state, backup::BackupStatus::State::Running);
    QCOMPARE(backups->backUpNow(folder).error(), backup::BackupError::Busy);
    int during = 0;
    while (finished.isEmpty() && during < 5000) {
        during += int(sendBatch(20).size());
        QCoreApplication::processEvents();
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(during > 0);
    m_written.file = finished.first().at(1).toString();
    QVERIFY(QFileInfo(m_written.file).isFile());
    QVERIFY(backup::isBackupFileName(QFileInfo(m_written.file).fileName()));
    QCOMPARE(backups->status().state, backup::BackupStatus::State::Succeeded);
    const qint64 counted = backups->status().lastSuccess->counts.messages;
    QVERIFY2(counted >= 200, qPrintable(QString::number(counted))); // everything acknowledged before it
    QCOMPARE(backups->status().lastSuccess->counts.uploads, 3);
    m_written.clientEmail = client.email;
    m_written.password = client.password;
    m_written.chatId = chatId;
}

void TestBackup::backupUnderLoadRestoresEverythingAcknowledged()
{
    const QString dataDir = m_work.filePath(QStringLiteral("restored"));
    const auto restored = backup::restoreBackup(m_written.file, backup::RestoreTarget{dataDir});
    QVERIFY2(restored.ok(), qPrintable(restored.errorMessage()));
    QCOMPARE(restored->counts.uploads, 3);
    QVERIFY(!QDir(dataDir)
                 .entryList(QDir::Hidden | QDir::AllEntries | QDir::NoDotAndDotDot)
                 .join(QLatin1Char(' '))
                 .contains(QLatin1String(".restore-")));

    TestServer server(dataDir);
    server.config().rateLimitPerMinute = 1'000'000;
    QVERIFY(server.start());
    const HttpReply login = server.http().postJson(QStringLiteral("/api/auth/login"),
                                                   QJsonObject{{QStringLiteral("email"), m_written.clientEmail},
                                                               {QStringLiteral("password"), m_written.password}});
    QCOMPARE(login.status, 200);
    const QString token = login.json().value(QStringLiteral("token")).toString();
    const QStringList stored = allMessageIds(server.http(), token, m_written.chatId);
    QCOMPARE(qint64(stored.size()), restored->counts.messages);
    const QSet<QString> present(stored.cbegin(), stored.cend());
    int missing = 0;
    for (const QString &id : std::as_const(m_written.ackedBefore))
        missing += present.contains(id) ? 0 : 1;
    QCOMPARE(missing, 0);
    for (auto it = m_written.uploads.cbegin(); it != m_written.uploads.cend(); ++it) {
        const HttpReply file = server.http().get(it.key());
        QCOMPARE(file.status, 200);
        QCOMPARE(file.body, it.value());
    }
    // The restored server takes new messages.
    SioTestClient socket(server.port());
    QVERIFY(socket.connectWithToken(token));
    const auto ack = socket.emitWithAck(QStringLiteral("send-message"),
                                        QJsonObject{{QStringLiteral("chatId"), m_written.chatId},
                                                    {QStringLiteral("messageType"), QStringLiteral("text")},
                                                    {QStringLiteral("content"), QStringLiteral("after the restore")}});
    QVERIFY(ack);
    QCOMPARE(ack->first().toObject().value(QStringLiteral("success")).toBool(), true);
}

void TestBackup::damagedBackupIsRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("database byte") << QStringLiteral("database") << QStringLiteral("checksum of craftchat.sqlite");
    QTest::newRow("upload byte") << QStringLiteral("upload") << QStringLiteral("checksum of uploads/");
    QTest::newRow("header byte") << QStringLiteral("header") << QStringLiteral("header's checksum");
    QTest::newRow("truncated") << QStringLiteral("truncate") << QStringLiteral("ends in the middle");
    QTest::newRow("no manifest") << QStringLiteral("nomanifest") << QStringLiteral("no manifest");
    QTest::newRow("not a backup") << QStringLiteral("garbage") << QStringLiteral("header");
}

void TestBackup::damagedBackupIsRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    const QString copy = m_work.filePath(QStringLiteral("damaged-%1.tar").arg(damage));
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_written.file, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    const qint64 size = QFileInfo(copy).size();
    if (damage == QLatin1String("database")) {
        corruptByte(copy, entryDataOffset(copy, "craftchat.sqlite") + 2000);
    } else if (damage == QLatin1String("upload")) {
        const qint64 at = entryDataOffset(copy, "uploads/");
        QVERIFY(at > 0);
        corruptByte(copy, at + 100);
    } else if (damage == QLatin1String("header")) {
        corruptByte(copy, 10);
    } else if (damage == QLatin1String("truncate")) {
        QVERIFY(QFile::resize(copy, size / 2));
    } else if (damage == QLatin1String("nomanifest")) {
        // Cut right after the first entry and end the archive there.
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const QByteArray head = file.read(512);
        const qint64 dbSize = QByteArray(head.constData() + 124, 11).toLongLong(nullptr, 8);
        const qint64 end = 512 + (dbSize + 511) / 512 * 512;
        QVERIFY(file.resize(end));
        QVERIFY(file.seek(end));
        QCOMPARE(file.write(QByteArray(1024, '\0')), 1024);
    } else {
        QFile file(copy);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(4096, 'x'));
    }
    if (QTest::currentTestFailed())
        return;
    const QString dataDir = m_work.filePath(QStringLiteral("target-%1").arg(damage));
    const auto restored = backup::restoreBackup(copy, backup::RestoreTarget{dataDir});
    QVERIFY(!restored.ok());
    QCOMPARE(restored.error(), backup::BackupError::Invalid);
    QVERIFY2(restored.errorMessage().contains(expected), qPrintable(restored.errorMessage()));
    // Nothing was left behind.
    QCOMPARE(QDir(dataDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    QCOMPARE(backup::verifyBackup(copy).error(), backup::BackupError::Invalid);
}

void TestBackup::restoreRefusesANonEmptyDirectory()
{
    const QString dataDir = m_work.filePath(QStringLiteral("occupied"));
    QVERIFY(QDir().mkpath(dataDir));
    QFile other(QDir(dataDir).filePath(QStringLiteral("craftchat.sqlite")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("the live database");
    other.close();
    const auto restored = backup::restoreBackup(m_written.file, backup::RestoreTarget{dataDir});
    QCOMPARE(restored.error(), backup::BackupError::NotEmpty);
    QVERIFY(other.open(QIODevice::ReadOnly));
    QCOMPARE(other.readAll(), QByteArray("the live database"));
    QVERIFY(backup::verifyBackup(m_written.file).ok());
}

void TestBackup::adminEndpointStartsAndReports()
{
    const QString folder = m_work.filePath(QStringLiteral("admin-backups"));
    {
        // Without a folder: reported, and a request is refused.
        TestServer server;
        QVERIFY(server.start());
        const TestUser admin = server.createAdmin();
        const TestUser client = server.registerUser(QStringLiteral("client"));
        HttpReply status = server.http().get(QStringLiteral("/api/admin/backup"), admin.token);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json().value(QStringLiteral("state")).toString(), QStringLiteral("idle"));
        QVERIFY(status.json().value(QStringLiteral("folder")).isNull());
        QVERIFY(status.json().value(QStringLiteral("lastBackup")).isNull());
        const HttpReply refused = server.http().postJson(QStringLiteral("/api/admin/backup"), {}, admin.token);
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.json().value(QStringLiteral("code")).toString(), QStringLiteral("BACKUP_NOT_CONFIGURED"));
        QCOMPARE(server.http().get(QStringLiteral("/api/admin/backup"), client.token).status, 403);
        QCOMPARE(server.http().postJson(QStringLiteral("/api/admin/backup"), {}, client.token).status, 403);
        QCOMPARE(server.http().get(QStringLiteral("/api/admin/backup")).status, 401);
    }
    TestServer server;
    server.config().backupFolder = folder;
    QVERIFY(server.start());
    const TestUser admin = server.createAdmin();
    const HttpReply started = server.http().postJson(QStringLiteral("/api/admin/backup"), {}, admin.token);
    QCOMPARE(started.status, 202);
    QCOMPARE(started.json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    QCOMPARE(started.json().value(QStringLiteral("folder")).toString(), folder);
    QJsonObject status;
    QTRY_VERIFY_WITH_TIMEOUT((status = server.http().get(QStringLiteral("/api/admin/backup"), admin.token).json())
                                     .value(QStringLiteral("state"))
                                     .toString()
                                 == QLatin1String("succeeded"),
                             60000);
    const QJsonObject last = status.value(QStringLiteral("lastBackup")).toObject();
    QVERIFY(QFileInfo(last.value(QStringLiteral("file")).toString()).isFile());
    QCOMPARE(QFileInfo(last.value(QStringLiteral("file")).toString()).absolutePath(), QDir(folder).absolutePath());
    QCOMPARE(last.value(QStringLiteral("counts")).toObject().value(QStringLiteral("users")).toInt(), 1);
    QVERIFY(last.value(QStringLiteral("ageSeconds")).toInteger(-1) >= 0);
    QVERIFY(status.value(QStringLiteral("nextDueAt")).isString());
    QVERIFY(backup::verifyBackup(last.value(QStringLiteral("file")).toString()).ok());
}

void TestBackup::retentionKeepsTheNewest()
{
    const QString folder = m_work.filePath(QStringLiteral("retention"));
    QVERIFY(QDir().mkpath(folder));
    // A file of the user's that only looks similar is never touched.
    QFile mine(QDir(folder).filePath(QStringLiteral("craftchat-backup-notes.txt")));
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.close();
    TestServer server;
    server.config().backupFolder = folder;
    server.config().backupKeep = 2;
    QVERIFY(server.start());
    backup::BackupService *backups = server.server()->backupService();
    QSignalSpy finished(backups, &backup::BackupService::backupFinished);
    QStringList files;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(backups->backUpNow().ok());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 60000);
        QVERIFY(finished.last().at(0).toBool());
        files.append(QFileInfo(finished.last().at(1).toString()).fileName());
    }
    QStringList left = QDir(folder).entryList(QDir::Files, QDir::Name);
    QCOMPARE(left, (QStringList{files.at(1), files.at(2), QStringLiteral("craftchat-backup-notes.txt")}));
    // A new service finds the newest backup there: its age survives a restart.
    backup::BackupServiceOptions options;
    options.folder = folder;
    backup::BackupService again(options);
    QVERIFY(again.status().lastSuccess.has_value());
    QCOMPARE(QFileInfo(again.status().lastSuccess->file).fileName(), files.at(2));
    QVERIFY(again.status().nextDueAt > QDateTime::currentDateTimeUtc().addSecs(23 * 3600));
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
