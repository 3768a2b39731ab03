// Unit tests of the stored rows' ids (storage/ids.h): shape, time prefix, order, uniqueness.
#include "server/storage/ids.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace craftchat::storage;

class TestStoreIds : public QObject
{
    Q_OBJECT

private slots:
    void randomHexHasTheAskedLength_data();
    void randomHexHasTheAskedLength();
    void newIdStartsWithTheCurrentSecond();
    void newIdsAreUniqueAndSortByTime();
    void newIdsIncreaseWithinASecond();
};

void TestStoreIds::randomHexHasTheAskedLength_data()
{
    QTest::addColumn<int>("bytes");
    QTest::newRow("1") << 1;
    QTest::newRow("12") << 12;
    QTest::newRow("16") << 16;
    QTest::newRow("33") << 33;
}

void TestStoreIds::randomHexHasTheAskedLength()
{
    QFETCH(int, bytes);
    const QString hex = randomHex(bytes);
    QCOMPARE(hex.size(), 2 * bytes);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]+$")).match(hex).hasMatch());
}

// 24 lower-case hex characters; the first 8 are the creation second, big-endian.
void TestStoreIds::newIdStartsWithTheCurrentSecond()
{
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const QString id = newId();
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QCOMPARE(id.size(), 24);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{24}$")).match(id).hasMatch());
    bool ok = false;
    const qint64 seconds = id.left(8).toLongLong(&ok, 16);
    QVERIFY(ok);
    QVERIFY2(seconds >= before && seconds <= after,
             qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(seconds).arg(before).arg(after)));
}

// 10,000 ids: all different (a counter and 32 random bits after the second), and an id of a later second
// sorts after every id of an earlier one.
void TestStoreIds::newIdsAreUniqueAndSortByTime()
{
    QSet<QString> seen;
    QString previous;
    for (int i = 0; i < 10'000; ++i) {
        const QString id = newId();
        QVERIFY(!seen.contains(id));
        seen.insert(id);
        if (!previous.isEmpty() && id.left(8) != previous.left(8)) {
            QVERIFY(id.left(8) > previous.left(8));
            QVERIFY(id > previous);
        }
        previous = id;
    }
    QCOMPARE(seen.size(), 10'000);
}

// Within one second the counter orders them: every id is greater than the one before, so
// a run of inserts appends to the end of the id index.
void TestStoreIds::newIdsIncreaseWithinASecond()
{
    int compared = 0;
    QString previous = newId();
    for (int i = 0; i < 1'000; ++i) {
        const QString id = newId();
        if (id.left(8) == previous.left(8)) {
            QVERIFY2(id > previous, qPrintable(previous + QStringLiteral(" then ") + id));
            // the counter part went up by exactly one (unless it wrapped)
            const quint32 a = previous.mid(8, 8).toUInt(nullptr, 16);
            const quint32 b = id.mid(8, 8).toUInt(nullptr, 16);
            QCOMPARE(quint32(b - a), quint32(1));
            ++compared;
        }
        previous = id;
    }
    QVERIFY(compared > 900);
}

QTEST_MAIN(TestStoreIds)
#include "tst_storeids.moc"
