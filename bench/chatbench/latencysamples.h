// Growable store of latency samples (ms) with nearest-rank percentiles.
#pragma once

#include <QJsonObject>
#include <vector>

namespace craftchat::bench {

struct LatencySummary
{
    qsizetype n = 0;
    double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
    QJsonObject toJson() const;
};

class LatencySamples
{
public:
    void add(double ms) { m_values.push_back(ms); }
    qsizetype size() const { return qsizetype(m_values.size()); }
    void clear() { m_values.clear(); }
    LatencySummary summary() const;

private:
    std::vector<double> m_values;
};

// Rounds to two decimals for reports.
double round2(double value);

} // namespace craftchat::bench
