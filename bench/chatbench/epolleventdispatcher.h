// An event dispatcher on Linux epoll. Qt's own dispatchers (glib and the UNIX one) poll every
// registered descriptor on every wake-up, which costs O(sockets) per event: with thousands of
// benchmark sockets that, not the protocol work, became the tool's main cost. This one waits
// with epoll (O(ready sockets)), keeps timers in a deadline-ordered set, and wakes up through
// an eventfd. It serves only the thread that creates it (the tool is single-threaded).
#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInteger>
#include <QHash>
#include <map>
#include <vector>

namespace craftchat::bench {

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
    QAtomicInteger<int> m_interrupt{0};
    QHash<qintptr, Notifiers> m_notifiers;
    QHash<int, Timer> m_timers;
    std::map<std::pair<qint64, int>, int> m_deadlines; // (deadline ns, id) -> id
    std::vector<unsigned char> m_events;               // epoll_event buffer
};

} // namespace craftchat::bench
