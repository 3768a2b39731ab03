#include "ui/models/socketdebugmodel.h"
#include "ui/net/chatsession.h"
#include "ui/net/filecache.h"
#include "ui/net/tokenrenewer.h"
#include "ui/util/photoupload.h"
#include "ui/util/relativetime.h"
#include "ui/util/textmatch.h"
#include "ui/util/tokenstore.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat::ui;

class TestUiUtil : public QObject
{
    Q_OBJECT
private slots:
    void textMatchFindsWordStartsIgnoringCaseAndDiacritics_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<int>>("starts"); // start, length pairs
        QTest::newRow("german prefix") << QStringLiteral("Die Fliesen kommen Montag") << QStringLiteral("fliese")
                                       << QList<int>{4, 6};
        QTest::newRow("umlaut folded") << QStringLiteral("Überweisung für Küche") << QStringLiteral("kuche uber")
                                       << QList<int>{0, 4, 16, 5};
        QTest::newRow("accent") << QStringLiteral("Ein Café") << QStringLiteral("cafe") << QList<int>{4, 4};
        QTest::newRow("not inside a word")
            << QStringLiteral("Wandfliesen") << QStringLiteral("fliesen") << QList<int>{};
        // Arabic with vowel marks (fatha, kasra) in the text: the marks belong to the match.
        QTest::newRow("arabic marks") << QStringLiteral("هذه الفَاتِورة جاهزة") << QStringLiteral("الفاتورة")
                                      << QList<int>{4, 10};
        QTest::newRow("arabic plain") << QStringLiteral("الفاتورة جاهزة") << QStringLiteral("جاهز") << QList<int>{9, 4};
        QTest::newRow("blank query") << QStringLiteral("text") << QStringLiteral("  ") << QList<int>{};
    }
    void textMatchFindsWordStartsIgnoringCaseAndDiacritics()
    {
        QFETCH(QString, text);
        QFETCH(QString, query);
        QFETCH(QList<int>, starts);
        QList<int> found;
        for (const auto &r : textmatch::matches(text, query))
            found << r.start << r.length;
        QCOMPARE(found, starts);
        QCOMPARE(textmatch::matchesAll(text, query), !starts.isEmpty());
    }

    void fileCacheKeepsFilesInsideItsFolder()
    {
        QTemporaryDir dir;
        FileCache cache(nullptr, dir.path());
        QCOMPARE(cache.localPath(QStringLiteral("/uploads/abc123.pdf"), QStringLiteral("Angebot Küche.pdf")),
                 dir.path() + QStringLiteral("/abc123.pdf/Angebot Küche.pdf"));
        QCOMPARE(cache.localPath(QStringLiteral("/uploads/x"), QStringLiteral("../../etc/passwd")),
                 dir.path() + QStringLiteral("/x/passwd"));
        QCOMPARE(cache.localPath(QStringLiteral("/uploads/../secret"), QStringLiteral("a")), QString());
        QCOMPARE(cache.localPath(QStringLiteral("https://evil.example/uploads/a"), QStringLiteral("a")), QString());
        QCOMPARE(FileCache::safeName(QStringLiteral("..")), QStringLiteral("file"));
        QCOMPARE(FileCache::safeName(QStringLiteral("a\nb|c.txt")), QStringLiteral("abc.txt"));
    }

    void photoUploadSendsSmallPhotosAsTheyAreAndScalesLargeOnes_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<int>("maxEdge");
        QTest::addColumn<QSize>("sentSize");
        QTest::addColumn<bool>("asItIs");
        QTest::newRow("small png") << QSize(64, 48) << QByteArray("png") << qint64(1 << 20) << 256 << QSize(64, 48)
                                   << true;
        QTest::newRow("wide png") << QSize(1000, 250) << QByteArray("png") << qint64(1 << 20) << 256 << QSize(256, 64)
                                  << false;
        QTest::newRow("bmp converted") << QSize(40, 30) << QByteArray("bmp") << qint64(1 << 20) << 256 << QSize(40, 30)
                                       << false;
        QTest::newRow("over the byte limit")
            << QSize(200, 200) << QByteArray("png") << qint64(20000) << 256 << QSize(200, 200) << false;
    }
    void photoUploadSendsSmallPhotosAsTheyAreAndScalesLargeOnes()
    {
        QFETCH(QSize, size);
        QFETCH(QByteArray, format);
        QFETCH(qint64, maxBytes);
        QFETCH(int, maxEdge);
        QFETCH(QSize, sentSize);
        QFETCH(bool, asItIs);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("photo.") + QString::fromLatin1(format));
        QImage image(size, QImage::Format_RGB32);
        for (int y = 0; y < size.height(); ++y)
            for (int x = 0; x < size.width(); ++x)
                image.setPixel(x, y, qRgb((x * 7) % 256, (y * 13) % 256, (x * y) % 256));
        QVERIFY(image.save(path, format.constData()));
        QCOMPARE(craftchat::ui::PhotoUpload::check(path), QString());
        const auto prepared = craftchat::ui::PhotoUpload::prepare(path, maxBytes, maxEdge);
        QCOMPARE(prepared.error, QString());
        QVERIFY(prepared.bytes.size() <= maxBytes);
        QCOMPARE(prepared.size, sentSize);
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(prepared.bytes == original.readAll(), asItIs);
        QBuffer buffer(const_cast<QByteArray *>(&prepared.bytes));
        QImageReader reader(&buffer);
        QCOMPARE(reader.format(), asItIs ? format : QByteArray("jpeg"));
        QCOMPARE(reader.read().size(), sentSize);
    }

    void photoUploadRefusesWhatIsNoPhoto()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("quote.pdf"));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::WriteOnly));
        pdf.write("%PDF-1.4\n%%EOF\n");
        pdf.close();
        QCOMPARE(craftchat::ui::PhotoUpload::check(path),
                 QStringLiteral("quote.pdf is not a photo. CraftChat sends photos (JPEG, PNG, WebP)."));
        QCOMPARE(craftchat::ui::PhotoUpload::check(dir.filePath(QStringLiteral("gone.jpg"))),
                 QStringLiteral("gone.jpg cannot be read."));
        QVERIFY(!craftchat::ui::PhotoUpload::prepare(path, 1 << 20).error.isEmpty());
    }

    void tokenRenewalIsDueAtHalfTheLifetime_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<qint64>("due"); // seconds since the epoch, -1: none
        QTest::newRow("twelve hours") << QStringLiteral("{\"userId\":\"u1\",\"iat\":1800000000,\"exp\":1800043200}")
                                      << qint64(1800021600);
        QTest::newRow("no exp") << QStringLiteral("{\"userId\":\"u1\",\"iat\":1800000000}") << qint64(-1);
        QTest::newRow("not json") << QStringLiteral("garbage") << qint64(-1);
        QTest::newRow("exp before iat") << QStringLiteral("{\"iat\":1800000000,\"exp\":1700000000}") << qint64(-1);
    }
    void tokenRenewalIsDueAtHalfTheLifetime()
    {
        QFETCH(QString, payload);
        QFETCH(qint64, due);
        const QString token = QStringLiteral("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.")
                              + QString::fromLatin1(payload.toUtf8().toBase64(QByteArray::Base64UrlEncoding
                                                                              | QByteArray::OmitTrailingEquals))
                              + QStringLiteral(".c2lnbmF0dXJl");
        craftchat::ui::ChatSession session;
        session.api()->setToken(token);
        craftchat::ui::TokenRenewer renewer(&session);
        QCOMPARE(renewer.renewalDue().isValid() ? renewer.renewalDue().toSecsSinceEpoch() : qint64(-1), due);
    }

    void serverMonitorShowsNamesNotIds()
    {
        craftchat::ui::SocketDebugModel model;
        model.setUserNames({{QStringLiteral("u1"), QStringLiteral("Mia Client")},
                            {QStringLiteral("u2"), QStringLiteral("Carl Electrician")}});
        const QJsonObject snapshot{
            {QStringLiteral("totalConnections"), 2},
            {QStringLiteral("totalRooms"), 2},
            {QStringLiteral("rooms"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("roomName"), QStringLiteral("chat:c1")},
                             {QStringLiteral("socketCount"), 2},
                             {QStringLiteral("socketIds"), QJsonArray{QStringLiteral("s1"), QStringLiteral("s2")}},
                             {QStringLiteral("userIds"), QJsonArray{QStringLiteral("u1"), QStringLiteral("u2")}}},
                 QJsonObject{{QStringLiteral("roomName"), QStringLiteral("user:u9")},
                             {QStringLiteral("socketCount"), 1},
                             {QStringLiteral("socketIds"), QJsonArray{QStringLiteral("s3")}},
                             {QStringLiteral("userIds"), QJsonArray{QStringLiteral("u9")}}}}}};
        QVERIFY(model.setSnapshot(snapshot));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Chat: Mia Client · Carl Electrician"));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("Mia Client, Carl Electrician"));
        QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("chat:c1"));
        QCOMPARE(model.index(0, 0, {}).model()->index(1, 0, model.index(0, 0)).data().toString(),
                 QStringLiteral("Connection 2"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Unknown user (all their connections)"));
    }

    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void relativeTimes_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("just now") << qint64(5) << "now";
        QTest::newRow("minutes") << qint64(5 * 60 + 10) << "5 min";
        QTest::newRow("yesterday") << qint64(26 * 3600) << "Yesterday";
        QTest::newRow("weekday") << qint64(3 * 24 * 3600) << "Mon";
    }
    void relativeTimes()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, expected);
        // Thursday 26 Nov 2026, 20:00 local time.
        const QDateTime now(QDate(2026, 11, 26), QTime(20, 0), Qt::LocalTime);
        QCOMPARE(relativeTime(now.addSecs(-secondsAgo), now), expected);
    }

    void sameDayShowsClock()
    {
        const QDateTime now(QDate(2026, 11, 26), QTime(20, 0), Qt::LocalTime);
        QCOMPARE(relativeTime(QDateTime(QDate(2026, 11, 26), QTime(9, 5), Qt::LocalTime), now),
                 QStringLiteral("09:05"));
        QCOMPARE(dayLabel(QDate(2026, 11, 26), QDate(2026, 11, 26)), QStringLiteral("Today"));
        QCOMPARE(dayLabel(QDate(2026, 11, 25), QDate(2026, 11, 26)), QStringLiteral("Yesterday"));
        QVERIFY(!relativeTime(QDateTime(), now).size());
        QCOMPARE(parseTimestamp(QStringLiteral("2026-11-26T10:15:30.123Z")),
                 QDateTime(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC));
        QVERIFY(!parseTimestamp(QStringLiteral("garbage")).isValid());
    }

    void tokenFallbackFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cfg/session.ini"));
        TokenStore store(path, TokenStore::Backend::FileOnly);
        QString loaded = QStringLiteral("unset");
        store.load(QStringLiteral("http://a:1"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QString());
        store.save(QStringLiteral("http://a:1"), QStringLiteral("tok-a"));
        store.save(QStringLiteral("http://b:2"), QStringLiteral("tok-b"));
        QCOMPARE(
            QFile::permissions(path)
                & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser),
            QFileDevice::Permissions());
        store.load(QStringLiteral("http://a:1"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QStringLiteral("tok-a"));
        store.forget(QStringLiteral("http://a:1"));
        store.load(QStringLiteral("http://a:1"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QString());
        store.load(QStringLiteral("http://b:2"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QStringLiteral("tok-b"));
    }
};

QTEST_GUILESS_MAIN(TestUiUtil)
#include "tst_uiutil.moc"
