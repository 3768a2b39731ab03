#include "ui/models/outbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using craftchat::ui::Outbox;

namespace {
constexpr auto OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr auto OthersAny = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                           | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

QString writePhoto(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    QImage photo(8, 6, QImage::Format_RGB32);
    photo.fill(Qt::red);
    return photo.save(path, "PNG") ? path : QString();
}
} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT
private slots:
    void enqueueGivesUniqueIdsInOrder()
    {
        Outbox box;
        QSignalSpy added(&box, &Outbox::added);
        const QString a = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("one"));
        const QString b = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("two"));
        QVERIFY(!a.isEmpty());
        QVERIFY(a != b);
        QCOMPARE(added.size(), 2);
        QCOMPARE(box.pending().size(), 2);
        QCOMPARE(box.pending().at(0).content, QStringLiteral("one"));
        QCOMPARE(box.pending().at(1).clientMessageId, b);
    }

    void stateTransitions_data()
    {
        QTest::addColumn<QStringList>("steps");
        QTest::addColumn<int>("pending");
        QTest::addColumn<int>("size");
        QTest::newRow("sending is not pending") << QStringList{"sending"} << 0 << 1;
        QTest::newRow("lost ack is pending again") << QStringList{"sending", "pending"} << 1 << 1;
        QTest::newRow("failed") << QStringList{"sending", "failed"} << 0 << 1;
        QTest::newRow("retry after failure") << QStringList{"sending", "failed", "pending"} << 1 << 1;
        QTest::newRow("confirmed") << QStringList{"sending", "remove"} << 0 << 0;
    }
    void stateTransitions()
    {
        QFETCH(QStringList, steps);
        QFETCH(int, pending);
        QFETCH(int, size);
        Outbox box;
        const QString id = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("x"));
        for (const QString &step : steps) {
            if (step == QLatin1String("sending"))
                box.markSending(id);
            else if (step == QLatin1String("pending"))
                box.markPending(id);
            else if (step == QLatin1String("failed"))
                box.markFailed(id, QStringLiteral("nope"));
            else
                box.remove(id);
        }
        QCOMPARE(box.pending().size(), pending);
        QCOMPARE(box.size(), size);
    }

    void persistsAcrossRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("outbox.json"));
        QString a, b, c;
        {
            Outbox box(path);
            QVERIFY(box.load());
            a = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("first"));
            b = box.enqueue(QStringLiteral("c2"), QStringLiteral("image"), QStringLiteral("/uploads/x.png"));
            c = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("third"));
            box.markSending(a); // in flight when the app stopped
            box.markFailed(b, QStringLiteral("refused"));
            box.remove(c);
        }
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        Outbox again(path);
        QVERIFY(again.load());
        QCOMPARE(again.size(), 2);
        QCOMPARE(again.entries().at(0).clientMessageId, a);
        QCOMPARE(again.entries().at(0).state, Outbox::State::Pending);
        QCOMPARE(again.entries().at(0).content, QStringLiteral("first"));
        QCOMPARE(again.entries().at(1).state, Outbox::State::Failed);
        QCOMPARE(again.entries().at(1).error, QStringLiteral("refused"));
        QCOMPARE(again.entries().at(1).type, QStringLiteral("image"));
        QCOMPARE(again.entriesForChat(QStringLiteral("c1")).size(), 1);
    }

    void imageEntryStates_data()
    {
        QTest::addColumn<QStringList>("steps");
        QTest::addColumn<bool>("needsUpload");
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("pending");
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("copyKept");
        const QString url = QStringLiteral("/uploads/p.png");
        QTest::newRow("queued") << QStringList{} << true << QString() << 1 << 1 << true;
        QTest::newRow("uploading") << QStringList{"sending"} << true << QString() << 0 << 1 << true;
        QTest::newRow("upload lost, pending again")
            << QStringList{"sending", "pending"} << true << QString() << 1 << 1 << true;
        QTest::newRow("upload refused") << QStringList{"sending", "failed"} << true << QString() << 0 << 1 << true;
        QTest::newRow("retry after refusal")
            << QStringList{"sending", "failed", "pending"} << true << QString() << 1 << 1 << true;
        QTest::newRow("uploaded, message to send")
            << QStringList{"sending", "uploaded", "pending"} << false << url << 1 << 1 << true;
        QTest::newRow("message in flight")
            << QStringList{"sending", "uploaded", "pending", "sending"} << false << url << 0 << 1 << true;
        QTest::newRow("acknowledged") << QStringList{"sending", "uploaded", "pending", "sending", "remove"} << false
                                      << url << 0 << 0 << false;
        QTest::newRow("removed before upload") << QStringList{"remove"} << true << QString() << 0 << 0 << false;
    }
    void imageEntryStates()
    {
        QFETCH(QStringList, steps);
        QFETCH(bool, needsUpload);
        QFETCH(QString, content);
        QFETCH(int, pending);
        QFETCH(int, size);
        QFETCH(bool, copyKept);
        QTemporaryDir dir;
        const QString photo = writePhoto(dir, QStringLiteral("photo.png"));
        QVERIFY(!photo.isEmpty());
        Outbox box(dir.filePath(QStringLiteral("outbox.json")));
        QSignalSpy uploaded(&box, &Outbox::uploaded);
        const QString id = box.enqueueImage(QStringLiteral("c1"), photo);
        QVERIFY(!id.isEmpty());
        const QString copy = box.find(id)->localFile;
        QCOMPARE(QFileInfo(copy).absolutePath(), box.filesDir());
        QVERIFY(copy != photo);
        QCOMPARE(box.find(id)->displayContent(), QUrl::fromLocalFile(copy).toString());
        Outbox::Entry last = *box.find(id);
        for (const QString &step : steps) {
            if (step == QLatin1String("sending"))
                box.markSending(id);
            else if (step == QLatin1String("pending"))
                box.markPending(id);
            else if (step == QLatin1String("failed"))
                box.markFailed(id, QStringLiteral("Not an image"));
            else if (step == QLatin1String("uploaded"))
                box.setUploaded(id, QStringLiteral("/uploads/p.png"));
            else
                box.remove(id);
            if (const Outbox::Entry *e = box.find(id))
                last = *e;
        }
        QCOMPARE(last.needsUpload(), needsUpload);
        QCOMPARE(last.content, content);
        QCOMPARE(last.type, QStringLiteral("image"));
        QCOMPARE(uploaded.size(), content.isEmpty() ? 0 : 1);
        QCOMPARE(box.pending().size(), pending);
        QCOMPARE(box.size(), size);
        QCOMPARE(QFile::exists(copy), copyKept);
        QVERIFY(QFile::exists(photo)); // the user's own file is never touched
    }

    void imageCopyIsPrivateAndSurvivesRestart()
    {
        QTemporaryDir dir;
        const QString photo = writePhoto(dir, QStringLiteral("photo.jpeg.png"));
        const QString path = dir.filePath(QStringLiteral("outbox.json"));
        QString text1, image, text2, uploadedImage, copy;
        {
            Outbox box(path);
            QVERIFY(box.load());
            text1 = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("before"));
            image = box.enqueueImage(QStringLiteral("c1"), photo);
            text2 = box.enqueue(QStringLiteral("c1"), QStringLiteral("text"), QStringLiteral("after"));
            uploadedImage = box.enqueueImage(QStringLiteral("c2"), photo);
            box.markSending(image); // uploading when the app stopped
            box.setUploaded(uploadedImage, QStringLiteral("/uploads/u.png"));
            copy = box.find(image)->localFile;
            QCOMPARE(QFile::permissions(copy) & (OwnerOnly | OthersAny), OwnerOnly);
            QCOMPARE(QFile::permissions(box.filesDir()) & OthersAny, QFileDevice::Permissions());
            QVERIFY(copy.endsWith(QLatin1String(".png")));
        }
        const QString stray = QFileInfo(copy).absolutePath() + QStringLiteral("/left-over.png");
        QVERIFY(QFile::copy(photo, stray));
        Outbox again(path);
        QVERIFY(again.load());
        QVERIFY(!QFile::exists(stray)); // a copy no entry refers to is cleaned up
        QCOMPARE(again.size(), 4);
        const QList<Outbox::Entry> entries = again.entries();
        QCOMPARE(entries.at(0).clientMessageId, text1);
        QCOMPARE(entries.at(1).clientMessageId, image); // the order as written
        QCOMPARE(entries.at(2).clientMessageId, text2);
        QCOMPARE(entries.at(1).state, Outbox::State::Pending);
        QVERIFY(entries.at(1).needsUpload());
        QCOMPARE(entries.at(1).localFile, copy);
        QCOMPARE(QImage(entries.at(1).localFile).size(), QSize(8, 6));
        QCOMPARE(entries.at(3).content, QStringLiteral("/uploads/u.png"));
        QVERIFY(!entries.at(3).needsUpload());
        again.remove(image);
        QVERIFY(!QFile::exists(copy));
        QVERIFY(QFile::exists(photo));
    }

    void hostileImageEntriesAreDropped()
    {
        // An image entry whose copy is missing, or points outside the outbox's folder, is not
        // loaded, and a file outside that folder is never deleted.
        QTemporaryDir dir;
        const QString elsewhere = writePhoto(dir, QStringLiteral("precious.png"));
        const QString path = dir.filePath(QStringLiteral("outbox.json"));
        auto entry = [](const QString &id, const QString &file) {
            return QJsonObject{{QStringLiteral("clientMessageId"), id},
                               {QStringLiteral("chatId"), QStringLiteral("c1")},
                               {QStringLiteral("messageType"), QStringLiteral("image")},
                               {QStringLiteral("content"), QString()},
                               {QStringLiteral("state"), QStringLiteral("pending")},
                               {QStringLiteral("localFile"), file}};
        };
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            QJsonDocument(QJsonArray{entry(QStringLiteral("a"), elsewhere),
                                     entry(QStringLiteral("b"), dir.filePath(QStringLiteral("outbox-files/gone.png"))),
                                     entry(QStringLiteral("c"), QString())})
                .toJson());
        f.close();
        Outbox box(path);
        QVERIFY(box.load());
        QCOMPARE(box.size(), 0);
        box.remove(QStringLiteral("a"));
        QVERIFY(QFile::exists(elsewhere));
    }

    void unreadableImageIsNotQueued()
    {
        QTemporaryDir dir;
        Outbox box(dir.filePath(QStringLiteral("outbox.json")));
        QSignalSpy added(&box, &Outbox::added);
        QCOMPARE(box.enqueueImage(QStringLiteral("c1"), dir.filePath(QStringLiteral("missing.png"))), QString());
        QCOMPARE(box.size(), 0);
        QCOMPARE(added.size(), 0);
    }

    void corruptFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("outbox.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{not json");
        f.close();
        Outbox box(path);
        QVERIFY(!box.load());
        QCOMPARE(box.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
