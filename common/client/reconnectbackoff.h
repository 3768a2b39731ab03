// Delay before each reconnection attempt: exponential growth from a base delay up to a cap,
// with a random spread of ±factor around it (as socket.io-client's backoff does).
#pragma once

namespace craftchat::client {

class ReconnectBackoff
{
public:
    ReconnectBackoff(int baseMs, int maxMs, double randomizationFactor);

    // Delay in ms for attempt 1, 2, ...: min(base * 2^(attempt-1), max), spread by the factor
    // using random in [0, 1) (0.5 gives the unspread value), never above max nor below 0.
    int delayMs(int attempt, double random) const;
    // Same with a random number of its own.
    int delayMs(int attempt) const;

private:
    double m_baseMs;
    double m_maxMs;
    double m_factor;
};

} // namespace craftchat::client
