// raiseOpenFileLimit: the soft limit ends at the hard one, the hard one only grows, and only
// when the process may raise it.
#include "common/eventloop/openfilelimit.h"

#include <QtTest>

#include <sys/resource.h>

using craftchat::eventloop::raiseOpenFileLimit;

class TestOpenFileLimit : public QObject
{
    Q_OBJECT
private slots:
    void softLimitReachesHardLimit_data();
    void softLimitReachesHardLimit();
    void neverLowers();
};

void TestOpenFileLimit::softLimitReachesHardLimit_data()
{
    QTest::addColumn<int>("softBelowHard");
    QTest::newRow("already equal") << 0;
    QTest::newRow("one below") << 1;
    QTest::newRow("far below") << 900;
}

void TestOpenFileLimit::softLimitReachesHardLimit()
{
    QFETCH(int, softBelowHard);
    rlimit before{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &before), 0);
    if (before.rlim_max == RLIM_INFINITY || before.rlim_max < rlim_t(1000))
        QSKIP("needs a finite hard limit of at least 1000 descriptors");
    rlimit lowered = before;
    lowered.rlim_cur = before.rlim_max - rlim_t(softBelowHard);
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &lowered), 0);

    const auto result = raiseOpenFileLimit();

    rlimit after{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &after), 0);
    QCOMPARE(after.rlim_cur, after.rlim_max);
    QCOMPARE(result.soft, qint64(after.rlim_cur));
    QCOMPARE(result.hard, qint64(after.rlim_max));
    // The hard limit moved only if the call says so (a privileged process), and then upwards.
    if (result.hardRaised)
        QVERIFY(after.rlim_max > before.rlim_max);
    else
        QCOMPARE(after.rlim_max, before.rlim_max);
}

void TestOpenFileLimit::neverLowers()
{
    const auto first = raiseOpenFileLimit();
    const auto second = raiseOpenFileLimit();
    QVERIFY(first.soft != 0);
    QCOMPARE(second.soft, first.soft);
    QCOMPARE(second.hard, first.hard);
    // The first call took the hard limit as far as it could go; there is nothing left to raise.
    QVERIFY(!second.hardRaised);
}

QTEST_MAIN(TestOpenFileLimit)
#include "tst_openfilelimit.moc"
