#include "common/client/reconnectbackoff.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace craftchat::client {

ReconnectBackoff::ReconnectBackoff(int baseMs, int maxMs, double randomizationFactor)
    : m_baseMs(std::max(baseMs, 0))
    , m_maxMs(std::max(maxMs, 0))
    , m_factor(std::clamp(randomizationFactor, 0.0, 1.0))
{}

int ReconnectBackoff::delayMs(int attempt, double random) const
{
    const int doublings = std::clamp(attempt - 1, 0, 30);
    double delay = std::min(m_baseMs * std::ldexp(1.0, doublings), m_maxMs);
    if (m_factor > 0) {
        const double spread = std::clamp(random, 0.0, 1.0) * 2.0 - 1.0; // [-1, 1)
        delay = std::min(delay * (1.0 + m_factor * spread), m_maxMs);
    }
    return int(std::max(0.0, std::round(delay)));
}

int ReconnectBackoff::delayMs(int attempt) const
{
    return delayMs(attempt, QRandomGenerator::global()->generateDouble());
}

} // namespace craftchat::client
