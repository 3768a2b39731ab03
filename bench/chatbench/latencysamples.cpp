#include "bench/chatbench/latencysamples.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace craftchat::bench {

double round2(double value)
{
    return std::isfinite(value) ? std::round(value * 100.0) / 100.0 : 0.0;
}

QJsonObject LatencySummary::toJson() const
{
    if (n == 0)
        return {{QStringLiteral("n"), 0}};
    return {{QStringLiteral("n"), double(n)},     {QStringLiteral("p50"), round2(p50)},
            {QStringLiteral("p90"), round2(p90)}, {QStringLiteral("p99"), round2(p99)},
            {QStringLiteral("max"), round2(max)}, {QStringLiteral("mean"), round2(mean)}};
}

LatencySummary LatencySamples::summary() const
{
    LatencySummary s;
    s.n = size();
    if (s.n == 0)
        return s;
    std::vector<double> sorted = m_values;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = [&](double p) {
        const auto idx = qsizetype(std::ceil(p / 100.0 * double(s.n))) - 1;
        return sorted[size_t(std::clamp<qsizetype>(idx, 0, s.n - 1))];
    };
    s.p50 = rank(50);
    s.p90 = rank(90);
    s.p99 = rank(99);
    s.max = sorted.back();
    s.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / double(s.n);
    return s;
}

} // namespace craftchat::bench
