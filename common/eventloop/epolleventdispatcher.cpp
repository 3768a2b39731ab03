#include "common/eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QTimerEvent>
#include <chrono>

#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace craftchat::eventloop {
namespace {

constexpr int MaxEvents = 512;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

epoll_event *eventsOf(std::vector<unsigned char> &buffer)
{
    return reinterpret_cast<epoll_event *>(buffer.data());
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_loopThread(QThread::currentThreadId())
    , m_events(sizeof(epoll_event) * MaxEvents)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll >= 0 && m_wakeFd >= 0) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = m_wakeFd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void EpollEventDispatcher::updateEpoll(qintptr fd)
{
    const auto it = m_notifiers.find(fd);
    const bool known = it != m_notifiers.end();
    uint32_t mask = 0;
    if (known) {
        if (it->read)
            mask |= EPOLLIN;
        if (it->write)
            mask |= EPOLLOUT;
        if (it->exception)
            mask |= EPOLLPRI;
    }
    epoll_event ev{};
    ev.events = mask;
    ev.data.fd = int(fd);
    if (mask == 0) {
        if (known)
            m_notifiers.erase(it);
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, int(fd), &ev);
        return;
    }
    if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, int(fd), &ev) != 0 && errno == ENOENT)
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, int(fd), &ev);
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const qintptr fd = notifier->socket();
    Notifiers &n = m_notifiers[fd];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        n.read = notifier;
        break;
    case QSocketNotifier::Write:
        n.write = notifier;
        break;
    case QSocketNotifier::Exception:
        n.exception = notifier;
        break;
    }
    updateEpoll(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const qintptr fd = notifier->socket();
    const auto it = m_notifiers.find(fd);
    if (it == m_notifiers.end())
        return;
    if (it->read == notifier)
        it->read = nullptr;
    if (it->write == notifier)
        it->write = nullptr;
    if (it->exception == notifier)
        it->exception = nullptr;
    updateEpoll(fd);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    Timer t;
    t.intervalMs = interval;
    t.type = timerType;
    t.object = object;
    t.deadlineNs = nowNs() + interval * 1000000;
    m_timers.insert(timerId, t);
    m_deadlines.emplace(std::make_pair(t.deadlineNs, timerId), timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->deadlineNs, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_deadlines.erase({it->deadlineNs, it.key()});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it)
        if (it->object == object)
            list.append(TimerInfo(it.key(), int(it->intervalMs), it->type));
    return list;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return int(std::max<qint64>(0, (it->deadlineNs - nowNs()) / 1000000));
}

void EpollEventDispatcher::wakeUp()
{
    // From the loop's own thread (an event posted by a handler) the loop is not waiting: it
    // only has to skip its next wait, which costs no system call.
    if (QThread::currentThreadId() == m_loopThread) {
        m_wokenInLoop = true;
        return;
    }
    const quint64 one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupt.storeRelease(1);
    wakeUp();
}

void EpollEventDispatcher::drainWakeFd()
{
    quint64 value = 0;
    [[maybe_unused]] const auto got = ::read(m_wakeFd, &value, sizeof value);
}

int EpollEventDispatcher::waitTimeoutMs() const
{
    if (m_deadlines.empty())
        return -1;
    const qint64 remaining = m_deadlines.begin()->first.first - nowNs();
    if (remaining <= 0)
        return 0;
    return int((remaining + 999999) / 1000000); // round up: never wake before the deadline
}

bool EpollEventDispatcher::fireTimers()
{
    const qint64 now = nowNs();
    std::vector<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first.first <= now; ++it)
        due.push_back(it->second);
    bool fired = false;
    for (int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->firing)
            continue; // killed by an earlier timer, or its handler runs a nested loop
        // next deadline first, so the handler may kill or restart the timer
        m_deadlines.erase({it->deadlineNs, id});
        const qint64 interval = std::max<qint64>(it->intervalMs, 0) * 1000000;
        qint64 next = it->deadlineNs + interval;
        if (next <= now)
            next = now + interval; // fell behind: do not fire a burst to catch up
        it->deadlineNs = next;
        m_deadlines.emplace(std::make_pair(next, id), id);
        it->firing = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        fired = true;
        it = m_timers.find(id);
        if (it != m_timers.end())
            it->firing = false;
    }
    return fired;
}

bool EpollEventDispatcher::dispatchSockets(int ready)
{
    struct Activation
    {
        int fd;
        QSocketNotifier::Type type;
    };
    std::vector<Activation> activations;
    activations.reserve(size_t(ready) * 2);
    epoll_event *events = eventsOf(m_events);
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        const uint32_t e = events[i].events;
        if (fd == m_wakeFd) {
            drainWakeFd();
            continue;
        }
        const bool failed = e & (EPOLLERR | EPOLLHUP);
        if (e & (EPOLLIN | EPOLLRDHUP) || failed)
            activations.push_back({fd, QSocketNotifier::Read});
        if (e & EPOLLOUT || failed)
            activations.push_back({fd, QSocketNotifier::Write});
        if (e & EPOLLPRI)
            activations.push_back({fd, QSocketNotifier::Exception});
    }
    bool any = false;
    for (const Activation &a : activations) {
        // look the notifier up again: an earlier handler may have removed it
        const auto it = m_notifiers.constFind(a.fd);
        if (it == m_notifiers.cend())
            continue;
        QSocketNotifier *n = a.type == QSocketNotifier::Read    ? it->read
                             : a.type == QSocketNotifier::Write ? it->write
                                                                : it->exception;
        if (!n)
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(n, &event);
        any = true;
    }
    return any;
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.storeRelaxed(0);
    emit awake();
    m_wokenInLoop = false; // what was posted so far is sent now; a later post sets it again
    QCoreApplication::sendPostedEvents();
    if (m_interrupt.loadAcquire())
        return false;
    // Timers that are due now, before polling: a zero-interval timer that a posted event
    // started (a server's "write everything this pass produced" flush after a queued group of
    // work) runs at once instead of after the next round of reads, which would add that
    // round's time to the latency of everything the posted work produced.
    bool timersFired = false;
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers))
        timersFired = fireTimers();

    const bool mayWait = flags.testFlag(QEventLoop::WaitForMoreEvents);
    int timeout = mayWait && !timersFired && !m_wokenInLoop ? waitTimeoutMs() : 0;
    if (timeout != 0)
        emit aboutToBlock();
    int ready = epoll_wait(m_epoll, eventsOf(m_events), MaxEvents, timeout);
    if (timeout != 0)
        emit awake();
    if (ready < 0)
        ready = 0; // EINTR
    bool any = false;
    if (!flags.testFlag(QEventLoop::ExcludeSocketNotifiers))
        any = dispatchSockets(ready) || any;
    if (!flags.testFlag(QEventLoop::X11ExcludeTimers))
        any = fireTimers() || any;
    return any || timersFired || ready > 0;
}

} // namespace craftchat::eventloop
