// ShutdownSignals: SIGINT/SIGTERM arrive as a Qt signal on the event loop thread.
#include "server/runtime/shutdownsignals.h"

#include <QSignalSpy>
#include <QtTest>

#include <csignal>

using namespace craftchat::runtime;

class TestShutdownSignals : public QObject
{
    Q_OBJECT
private slots:
    void signalsArriveOnTheEventLoop_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void signalsArriveOnTheEventLoop()
    {
        QFETCH(int, signalNumber);
        ShutdownSignals watcher;
        QVERIFY(watcher.isActive());
        QSignalSpy spy(&watcher, &ShutdownSignals::shutdownRequested);
        QCOMPARE(::raise(signalNumber), 0);
        // The handler only wrote a byte; nothing is emitted until the event loop runs.
        QCOMPARE(spy.count(), 0);
        QVERIFY(spy.wait(10000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), signalNumber);
    }

    void secondInstanceStaysInactive()
    {
        ShutdownSignals first;
        QTest::ignoreMessage(QtWarningMsg, "Signal handling is already installed");
        ShutdownSignals second;
        QVERIFY(first.isActive());
        QVERIFY(!second.isActive());
    }

    void handlersAreRestoredAfterwards()
    {
        {
            ShutdownSignals watcher;
            QVERIFY(watcher.isActive());
        }
        struct sigaction current
        {};
        QCOMPARE(::sigaction(SIGTERM, nullptr, &current), 0);
        QVERIFY(current.sa_handler == SIG_DFL);
        ShutdownSignals again;
        QVERIFY(again.isActive());
    }
};

QTEST_MAIN(TestShutdownSignals)
#include "tst_shutdownsignals.moc"
