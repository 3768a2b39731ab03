// Event dispatcher for the main thread of processes with thousands of sockets, on Linux epoll.
// Qt's glib and UNIX dispatchers hand every registered descriptor to poll() on every wake-up,
// so with thousands of idle WebSockets each event costs O(connections) (about half of the
// server's CPU at 1,000 sockets, a full core at 19,500). This one waits with level-triggered
// epoll (cost O(ready descriptors)), keeps timers ordered by deadline, and is woken from other
// threads (posted events) through an eventfd; an event posted on the loop's own thread only
// makes the next wait a zero-timeout poll (no system call to wake itself). Installed with
// QCoreApplication::setEventDispatcher() before the application object exists; it serves only
// the main thread (worker threads, e.g. the password hasher's pool, keep Qt's default
// dispatcher). Used by craftchat-server and chatbench, not by the app.
//
// One pass of processEvents: posted events, the timers due by then, one epoll_wait (no wait
// when a timer fired, an event is posted or a timer is due), the ready sockets, the timers due
// by then.
#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInteger>
#include <QHash>
#include <map>
#include <vector>

namespace craftchat::eventloop {

class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct Notifiers
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
    };
    struct Timer
    {
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadlineNs = 0;
        bool firing = false;
    };

    void updateEpoll(qintptr fd);
    int waitTimeoutMs() const;
    bool fireTimers();
    bool dispatchSockets(int ready);
    void drainWakeFd();

    int m_epoll = -1;
    int m_wakeFd = -1;
    Qt::HANDLE m_loopThread;    // the thread that created the dispatcher and runs its loop
    bool m_wokenInLoop = false; // wakeUp() from m_loopThread since the last posted events were sent
    QAtomicInteger<int> m_interrupt{0};
    QHash<qintptr, Notifiers> m_notifiers;
    QHash<int, Timer> m_timers;
    std::map<std::pair<qint64, int>, int> m_deadlines; // (deadline ns, id) -> id
    std::vector<unsigned char> m_events;               // epoll_event buffer
};

} // namespace craftchat::eventloop
