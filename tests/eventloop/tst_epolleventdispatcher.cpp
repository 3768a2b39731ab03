// Unit tests of the server's epoll event dispatcher (common/eventloop): the order of one pass,
// timers, socket notifiers, wake-ups from other threads and events posted by its own
// handlers. The dispatcher must be installed before the application object exists, so this
// test has its own main() instead of QTEST_MAIN (which creates the application first).
#include "common/eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>

#include <sys/socket.h>
#include <unistd.h>

using craftchat::eventloop::EpollEventDispatcher;

namespace {

// Records what happened in order; starts timers on request.
class Recorder : public QObject
{
public:
    QStringList log;
    QHash<int, QString> timerNames;

    int startNamedTimer(int ms, const QString &name)
    {
        const int id = startTimer(ms, Qt::PreciseTimer);
        timerNames.insert(id, name);
        return id;
    }

protected:
    void timerEvent(QTimerEvent *event) override
    {
        log.append(timerNames.value(event->timerId(), QStringLiteral("?")));
        killTimer(event->timerId());
    }
};

// Quits a loop after `ms`: the only timer of a test that waits for a wake-up, so a loop that
// missed the wake-up sleeps until then and the test sees the delay.
class LoopGuard
{
public:
    LoopGuard(QEventLoop &loop, int ms)
    {
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        m_timer.start(ms);
    }

private:
    QTimer m_timer;
};

// A connected pair of UNIX stream sockets, closed at the end.
struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM, 0, fds); }
    ~SocketPair()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    bool valid() const { return fds[0] >= 0 && fds[1] >= 0; }
};

} // namespace

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void installedForTheMainThread();
    void zeroTimerStartedByPostedWorkRunsBeforeSockets();
    void timersFireInDeadlineOrder_data();
    void timersFireInDeadlineOrder();
    void readableSocketActivatesItsNotifier();
    void disabledNotifierStaysQuiet();
    void eventPostedFromAnotherThreadWakesTheLoop();
    void eventPostedByAHandlerIsSentWithoutWaiting_data();
    void eventPostedByAHandlerIsSentWithoutWaiting();
    void timerKilledByAnEarlierHandlerDoesNotFire();
};

void TestEpollEventDispatcher::installedForTheMainThread()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

// One pass: posted events, then the timers due by then, then the sockets. A flush timer
// started by posted work (the group commit's fan-out) must not wait for the next reads.
void TestEpollEventDispatcher::zeroTimerStartedByPostedWorkRunsBeforeSockets()
{
    SocketPair pair;
    QVERIFY(pair.valid());
    Recorder recorder;
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    connect(&notifier, &QSocketNotifier::activated, &recorder, [&] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(pair.fds[0], &byte, 1);
        recorder.log.append(QStringLiteral("socket"));
    });
    QVERIFY(::write(pair.fds[1], "x", 1) == 1);
    QMetaObject::invokeMethod(
        &recorder,
        [&] {
            recorder.log.append(QStringLiteral("posted"));
            recorder.startNamedTimer(0, QStringLiteral("flush"));
        },
        Qt::QueuedConnection);

    QTRY_VERIFY_WITH_TIMEOUT(recorder.log.size() >= 3, 2000);
    QCOMPARE(recorder.log, (QStringList{QStringLiteral("posted"), QStringLiteral("flush"), QStringLiteral("socket")}));
}

void TestEpollEventDispatcher::timersFireInDeadlineOrder_data()
{
    QTest::addColumn<QList<int>>("intervals");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("started in reverse") << QList<int>{
        30, 20, 10} << QStringList{QStringLiteral("10"), QStringLiteral("20"), QStringLiteral("30")};
    QTest::newRow("started in order") << QList<int>{5, 15, 25}
                                      << QStringList{QStringLiteral("5"), QStringLiteral("15"), QStringLiteral("25")};
    QTest::newRow("zero first") << QList<int>{12, 0, 6}
                                << QStringList{QStringLiteral("0"), QStringLiteral("6"), QStringLiteral("12")};
}

void TestEpollEventDispatcher::timersFireInDeadlineOrder()
{
    QFETCH(QList<int>, intervals);
    QFETCH(QStringList, expected);
    Recorder recorder;
    QElapsedTimer clock;
    clock.start();
    for (int ms : intervals)
        recorder.startNamedTimer(ms, QString::number(ms));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.log.size(), intervals.size(), 2000);
    QCOMPARE(recorder.log, expected);
    // never early: the last one fired no sooner than its interval
    QVERIFY(clock.elapsed() >= *std::max_element(intervals.cbegin(), intervals.cend()));
}

void TestEpollEventDispatcher::readableSocketActivatesItsNotifier()
{
    SocketPair pair;
    QVERIFY(pair.valid());
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    QSignalSpy activated(&notifier, &QSocketNotifier::activated);
    QByteArray received;
    connect(&notifier, &QSocketNotifier::activated, this, [&] {
        char buffer[16];
        const auto got = ::read(pair.fds[0], buffer, sizeof buffer);
        if (got > 0)
            received.append(buffer, got);
    });
    QVERIFY(::write(pair.fds[1], "hello", 5) == 5);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 5, 2000);
    QCOMPARE(received, QByteArray("hello"));
    QCOMPARE(activated.count(), 1);
    // drained: no further activation while nothing arrives
    QTest::qWait(30);
    QCOMPARE(activated.count(), 1);
}

void TestEpollEventDispatcher::disabledNotifierStaysQuiet()
{
    SocketPair pair;
    QVERIFY(pair.valid());
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    QSignalSpy activated(&notifier, &QSocketNotifier::activated);
    notifier.setEnabled(false);
    QVERIFY(::write(pair.fds[1], "x", 1) == 1);
    QTest::qWait(30);
    QCOMPARE(activated.count(), 0);
    notifier.setEnabled(true);
    QVERIFY(activated.wait(1000));
    QCOMPARE(activated.count(), 1);
}

void TestEpollEventDispatcher::eventPostedFromAnotherThreadWakesTheLoop()
{
    Recorder recorder;
    QEventLoop loop;
    const LoopGuard guard(loop, 2000);
    QThread *poster = QThread::create([&recorder, &loop] {
        QThread::msleep(20);
        QMetaObject::invokeMethod(
            &recorder,
            [&recorder, &loop] {
                recorder.log.append(QStringLiteral("woken"));
                loop.quit();
            },
            Qt::QueuedConnection);
    });
    QElapsedTimer clock;
    clock.start();
    poster->start();
    loop.exec();
    poster->wait();
    delete poster;
    QCOMPARE(recorder.log, QStringList{QStringLiteral("woken")});
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
}

void TestEpollEventDispatcher::eventPostedByAHandlerIsSentWithoutWaiting_data()
{
    QTest::addColumn<int>("chain");
    // 1: a socket handler posts; 2: ... and that event's handler posts again, while the
    // dispatcher is sending posted events; 5: a longer chain of the same.
    QTest::newRow("posted by a socket handler") << 1;
    QTest::newRow("posted by a posted event") << 2;
    QTest::newRow("a chain of five") << 5;
}

void TestEpollEventDispatcher::eventPostedByAHandlerIsSentWithoutWaiting()
{
    // Handlers on the loop's own thread post events. The dispatcher does not wake itself
    // through its eventfd then; its next wait must still not block, or the events would wait
    // until the 2 s guard (the only timer) fires.
    QFETCH(int, chain);
    SocketPair pair;
    QVERIFY(pair.valid());
    Recorder recorder;
    QEventLoop loop;
    const LoopGuard guard(loop, 2000);
    std::function<void(int)> post = [&](int left) {
        QMetaObject::invokeMethod(
            &recorder,
            [&, left] {
                recorder.log.append(QStringLiteral("posted %1").arg(left));
                if (left > 1)
                    post(left - 1);
                else
                    loop.quit();
            },
            Qt::QueuedConnection);
    };
    QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
    connect(&notifier, &QSocketNotifier::activated, &recorder, [&] {
        char buffer[8];
        [[maybe_unused]] const auto got = ::read(pair.fds[0], buffer, sizeof buffer);
        recorder.log.append(QStringLiteral("read"));
        post(chain);
    });
    QVERIFY(::write(pair.fds[1], "x", 1) == 1);
    QElapsedTimer clock;
    clock.start();
    loop.exec();
    QStringList expected{QStringLiteral("read")};
    for (int left = chain; left >= 1; --left)
        expected.append(QStringLiteral("posted %1").arg(left));
    QCOMPARE(recorder.log, expected);
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
}

void TestEpollEventDispatcher::timerKilledByAnEarlierHandlerDoesNotFire()
{
    Recorder recorder;
    int second = -1;
    QTimer first;
    first.setSingleShot(true);
    first.setTimerType(Qt::PreciseTimer);
    connect(&first, &QTimer::timeout, &recorder, [&] {
        recorder.log.append(QStringLiteral("first"));
        recorder.killTimer(second);
    });
    first.start(0);
    second = recorder.startNamedTimer(1, QStringLiteral("second"));
    QThread::msleep(10); // both are due when the loop next looks at its timers
    QTest::qWait(40);
    QCOMPARE(recorder.log, QStringList{QStringLiteral("first")});
}

int main(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
