// One monotonic clock for the whole tool: milliseconds (fractional) since the process started.
// Send times travel inside message content in this unit, so latencies never mix clocks.
#pragma once

#include <chrono>

namespace craftchat::bench {

inline double monoNowMs()
{
    using Clock = std::chrono::steady_clock;
    static const Clock::time_point origin = Clock::now();
    return std::chrono::duration<double, std::milli>(Clock::now() - origin).count();
}

} // namespace craftchat::bench
