#include "server/chat/ratelimiter.h"

#include <algorithm>
#include <vector>

namespace craftchat::chat {

RateLimiter::RateLimiter(int limit, qint64 windowMs)
    : m_limit(limit < 0 ? 0 : limit)
    , m_windowMs(windowMs <= 0 ? 1 : windowMs)
{}

void RateLimiter::expire(std::deque<qint64> &stamps, qint64 nowMs) const
{
    while (!stamps.empty() && nowMs - stamps.front() >= m_windowMs)
        stamps.pop_front();
}

int RateLimiter::count(const QString &userId, qint64 nowMs)
{
    const auto it = m_log.find(userId);
    if (it == m_log.end())
        return 0;
    expire(*it, nowMs);
    if (it->empty()) {
        m_log.erase(it);
        return 0;
    }
    return int(it->size());
}

bool RateLimiter::allows(const QString &userId, qint64 nowMs)
{
    return count(userId, nowMs) < m_limit;
}

qint64 RateLimiter::retryAfterMs(const QString &userId, qint64 nowMs)
{
    if (count(userId, nowMs) < m_limit)
        return 0;
    const auto it = m_log.constFind(userId);
    if (m_limit <= 0 || it == m_log.cend() || int(it->size()) < m_limit)
        return m_windowMs;
    // The oldest stamp that keeps the count at the limit must leave the window.
    const qint64 oldest = (*it)[it->size() - std::size_t(m_limit)];
    return qMax<qint64>(1, oldest + m_windowMs - nowMs);
}

void RateLimiter::record(const QString &userId, qint64 nowMs)
{
    if (m_maxTracked > 0 && int(m_log.size()) >= m_maxTracked && !m_log.contains(userId))
        makeRoom(nowMs);
    std::deque<qint64> &stamps = m_log[userId];
    expire(stamps, nowMs);
    stamps.push_back(nowMs);
    // Only the newest `limit` stamps can matter for allows().
    while (m_limit > 0 && int(stamps.size()) > m_limit)
        stamps.pop_front();
}

void RateLimiter::unrecord(const QString &userId, qint64 stampMs)
{
    const auto it = m_log.find(userId);
    if (it == m_log.end())
        return;
    for (auto stamp = it->rbegin(); stamp != it->rend(); ++stamp) {
        if (*stamp == stampMs) {
            it->erase(std::next(stamp).base());
            break;
        }
    }
    if (it->empty())
        m_log.erase(it);
}

void RateLimiter::forget(const QString &userId)
{
    m_log.remove(userId);
}

void RateLimiter::makeRoom(qint64 nowMs)
{
    prune(nowMs);
    if (int(m_log.size()) < m_maxTracked)
        return;
    // An eighth at once, so that a flood of new keys costs O(1) per key on average.
    std::vector<qint64> latest;
    latest.reserve(std::size_t(m_log.size()));
    for (auto it = m_log.cbegin(); it != m_log.cend(); ++it)
        latest.push_back(it->back());
    const std::size_t evict = latest.size() / 8 + 1;
    std::nth_element(latest.begin(), latest.begin() + std::ptrdiff_t(evict - 1), latest.end());
    const qint64 threshold = latest[evict - 1];
    std::size_t evicted = 0;
    for (auto it = m_log.begin(); it != m_log.end() && evicted < evict;) {
        if (it->back() <= threshold) {
            it = m_log.erase(it);
            ++evicted;
        } else {
            ++it;
        }
    }
}

void RateLimiter::prune(qint64 nowMs)
{
    for (auto it = m_log.begin(); it != m_log.end();) {
        expire(*it, nowMs);
        it = it->empty() ? m_log.erase(it) : std::next(it);
    }
}

} // namespace craftchat::chat
