// ReconnectBackoff: exponential delays, the cap, and the jitter bounds.
#include "common/client/reconnectbackoff.h"

#include <QTest>

using craftchat::client::ReconnectBackoff;

class TestReconnectBackoff : public QObject
{
    Q_OBJECT
private slots:
    void delay_data();
    void delay();
    void randomDelaysStayInBounds();
};

void TestReconnectBackoff::delay_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("max");
    QTest::addColumn<double>("factor");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("expected");
    QTest::newRow("first") << 1000 << 5000 << 0.0 << 1 << 0.3 << 1000;
    QTest::newRow("second doubles") << 1000 << 5000 << 0.0 << 2 << 0.3 << 2000;
    QTest::newRow("third") << 1000 << 5000 << 0.0 << 3 << 0.3 << 4000;
    QTest::newRow("capped") << 1000 << 5000 << 0.0 << 4 << 0.3 << 5000;
    QTest::newRow("huge attempt capped") << 1000 << 5000 << 0.0 << 1000000 << 0.3 << 5000;
    QTest::newRow("attempt 0 as first") << 1000 << 5000 << 0.0 << 0 << 0.3 << 1000;
    QTest::newRow("jitter middle") << 1000 << 5000 << 0.5 << 1 << 0.5 << 1000;
    QTest::newRow("jitter lowest") << 1000 << 5000 << 0.5 << 1 << 0.0 << 500;
    QTest::newRow("jitter high") << 1000 << 5000 << 0.5 << 2 << 0.75 << 2500;
    QTest::newRow("jitter above cap") << 1000 << 5000 << 0.5 << 3 << 0.99 << 5000;
    QTest::newRow("jitter below cap") << 1000 << 5000 << 0.5 << 5 << 0.0 << 2500;
    QTest::newRow("factor clamped to 1") << 1000 << 5000 << 3.0 << 1 << 0.0 << 0;
    QTest::newRow("negative base") << -5 << 5000 << 0.0 << 3 << 0.0 << 0;
    QTest::newRow("zero max") << 1000 << 0 << 0.5 << 1 << 0.9 << 0;
}

void TestReconnectBackoff::delay()
{
    QFETCH(int, base);
    QFETCH(int, max);
    QFETCH(double, factor);
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(int, expected);
    QCOMPARE(ReconnectBackoff(base, max, factor).delayMs(attempt, random), expected);
}

void TestReconnectBackoff::randomDelaysStayInBounds()
{
    const ReconnectBackoff backoff(100, 3000, 0.5);
    for (int attempt = 1; attempt <= 10; ++attempt) {
        const int nominal = std::min(100 << (attempt - 1), 3000);
        for (int i = 0; i < 200; ++i) {
            const int delay = backoff.delayMs(attempt);
            QVERIFY2(delay >= nominal / 2 && delay <= std::min(nominal * 3 / 2, 3000),
                     qPrintable(QStringLiteral("attempt %1: %2").arg(attempt).arg(delay)));
        }
    }
}

QTEST_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
