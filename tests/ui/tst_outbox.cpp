#include "models/outbox.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using craftchat::ui::Outbox;

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
            box.markSending(a);          // in flight when the app stopped
            box.markFailed(b, QStringLiteral("refused"));
            box.remove(c);
        }
        QVERIFY(QFile::exists(path));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
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
