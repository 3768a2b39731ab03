#include "bench/chatbench/eventwait.h"

#include "bench/chatbench/monoclock.h"

#include <QEventLoop>
#include <QTimer>

namespace craftchat::bench {

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitUntil(const std::function<bool()> &done, double timeoutMs, int pollMs)
{
    const double end = monoNowMs() + timeoutMs;
    while (!done()) {
        if (monoNowMs() >= end)
            return done();
        waitMs(pollMs);
    }
    return true;
}

} // namespace craftchat::bench
