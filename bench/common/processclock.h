// Clocks shared by the benchmarks: CPU seconds from the kernel's accounting (getrusage) and
// a monotonic wall clock. Header-only, no Qt, so any bench tool can include it.
#pragma once

#include <sys/resource.h>
#include <time.h>

namespace craftchat::bench {

// User + system CPU seconds: RUSAGE_SELF for the whole process, RUSAGE_THREAD for the caller.
inline double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

inline double wallSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

} // namespace craftchat::bench
