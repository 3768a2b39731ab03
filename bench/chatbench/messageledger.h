// Bookkeeping for every message the tool sends: who sent it, how many deliveries it should
// produce, which phase it belongs to; and per-phase counters and latency samples.
#pragma once

#include "bench/chatbench/latencysamples.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <deque>
#include <vector>

namespace craftchat::bench {

struct PhaseStats
{
    int id = 0;
    QString name;
    double targetRate = 0;
    double seconds = 0;
    qint64 firstSeq = 0;
    qint64 sent = 0, acked = 0, failed = 0, notSent = 0, truncated = 0;
    LatencySamples sentMs;  // send -> message-sent
    LatencySamples otherMs; // send -> new-message at each socket of the other participant
    LatencySamples ownMs;   // send -> new-message echoed to the sender's own sockets
    LatencySamples lagMs;   // actual send time - scheduled time
    qint64 deliveredOther = 0, deliveredOwn = 0, expectedOther = 0, expectedOwn = 0;
    qint64 expectedChatUpdated = 0, extra = 0, misrouted = 0;
    QMap<QString, int> errors;
    double startMs = 0, sendEndMs = 0, endMs = 0;

    bool allAnswered() const { return acked + failed >= sent; }
    qint64 delivered() const { return deliveredOther + deliveredOwn; }
    qint64 expected() const { return expectedOther + expectedOwn; }
    bool complete() const { return allAnswered() && delivered() >= expected(); }
    double achievedRate() const;
    QJsonObject toJson() const; // without resources
};

class MessageLedger
{
public:
    PhaseStats &beginPhase(const QString &name, double rate, double seconds);
    PhaseStats &phase(int id) { return m_phases[size_t(id)]; }
    const std::deque<PhaseStats> &phases() const { return m_phases; }

    // Returns the new sequence number.
    qint64 recordSend(PhaseStats &phase, int sender, int other, int ownSockets, int otherSockets, double sentMs,
                      double scheduledMs);
    qint64 count() const { return qint64(m_sentMs.size()); }
    bool isPending(qint64 seq) const { return m_state[size_t(seq)] == Pending; }
    bool isAnswered(qint64 seq) const { return m_state[size_t(seq)] == Answered; }

    // message-sent for seq; false if seq was already answered (duplicate answer).
    bool recordAnswered(qint64 seq, double nowMs);
    void recordFailed(qint64 seq, const QString &code);
    // new-message for seq at a socket of user, sent at sentMs (from the content).
    void recordDelivery(qint64 seq, int user, double nowMs, double sentMs);

private:
    enum : quint8 {
        Pending = 0,
        Answered = 1,
        Failed = 2
    };
    std::deque<PhaseStats> m_phases; // stable addresses
    std::vector<double> m_sentMs;
    std::vector<qint16> m_phase;
    std::vector<qint32> m_sender;
    std::vector<qint32> m_other;
    std::vector<quint8> m_ownFan;
    std::vector<quint8> m_otherFan;
    std::vector<quint16> m_deliveries;
    std::vector<quint8> m_state;
};

} // namespace craftchat::bench
