#include "bench/chatbench/messageledger.h"

#include <algorithm>

namespace craftchat::bench {

double PhaseStats::achievedRate() const
{
    const double secs = (sendEndMs - startMs) / 1000.0;
    return secs > 0 ? double(sent) / secs : 0;
}

QJsonObject PhaseStats::toJson() const
{
    QJsonObject errs;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        errs.insert(it.key(), it.value());
    const qint64 exp = expected();
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("targetRate"), targetRate},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("sent"), double(sent)},
        {QStringLiteral("achievedRate"), round2(achievedRate())},
        {QStringLiteral("notSent"), double(notSent)},
        {QStringLiteral("truncated"), double(truncated)},
        {QStringLiteral("accepted"), double(acked)},
        {QStringLiteral("failed"), double(failed)},
        {QStringLiteral("noAnswer"), double(sent - acked - failed)},
        {QStringLiteral("errors"), errs},
        {QStringLiteral("sendToSentMs"), sentMs.summary().toJson()},
        {QStringLiteral("sendToOtherMs"), otherMs.summary().toJson()},
        {QStringLiteral("sendToOwnSocketsMs"), ownMs.summary().toJson()},
        {QStringLiteral("scheduleLagMs"), lagMs.summary().toJson()},
        {QStringLiteral("delivered"),
         QJsonObject{{QStringLiteral("other"), double(deliveredOther)},
                     {QStringLiteral("otherExpected"), double(expectedOther)},
                     {QStringLiteral("own"), double(deliveredOwn)},
                     {QStringLiteral("ownExpected"), double(expectedOwn)},
                     {QStringLiteral("total"), double(delivered())},
                     {QStringLiteral("expected"), double(exp)},
                     {QStringLiteral("complete"), complete()},
                     {QStringLiteral("ratio"), exp ? round2(double(delivered()) / double(exp) * 100) / 100 : 0.0},
                     {QStringLiteral("extra"), double(extra)},
                     {QStringLiteral("misrouted"), double(misrouted)}}},
    };
}

PhaseStats &MessageLedger::beginPhase(const QString &name, double rate, double seconds)
{
    PhaseStats &p = m_phases.emplace_back();
    p.id = int(m_phases.size()) - 1;
    p.name = name;
    p.targetRate = rate;
    p.seconds = seconds;
    p.firstSeq = count();
    return p;
}

qint64 MessageLedger::recordSend(PhaseStats &phase, int sender, int other, int ownSockets, int otherSockets,
                                 double sentMs, double scheduledMs)
{
    const qint64 seq = count();
    m_sentMs.push_back(sentMs);
    m_phase.push_back(qint16(phase.id));
    m_sender.push_back(sender);
    m_other.push_back(other);
    m_ownFan.push_back(quint8(std::min(ownSockets, 255)));
    m_otherFan.push_back(quint8(std::min(otherSockets, 255)));
    m_deliveries.push_back(0);
    m_state.push_back(Pending);
    ++phase.sent;
    phase.lagMs.add(sentMs - scheduledMs);
    return seq;
}

bool MessageLedger::recordAnswered(qint64 seq, double nowMs)
{
    const auto i = size_t(seq);
    if (m_state[i] != Pending)
        return false;
    m_state[i] = Answered;
    PhaseStats &p = m_phases[size_t(m_phase[i])];
    ++p.acked;
    p.sentMs.add(nowMs - m_sentMs[i]);
    // deliveries are expected for accepted messages only, at the sockets live at send time
    p.expectedOther += m_otherFan[i];
    p.expectedOwn += m_ownFan[i];
    p.expectedChatUpdated += m_otherFan[i] + m_ownFan[i];
    return true;
}

void MessageLedger::recordFailed(qint64 seq, const QString &code)
{
    const auto i = size_t(seq);
    m_state[i] = Failed;
    PhaseStats &p = m_phases[size_t(m_phase[i])];
    ++p.failed;
    p.errors[code]++;
}

void MessageLedger::recordDelivery(qint64 seq, int user, double nowMs, double sentMs)
{
    const auto i = size_t(seq);
    PhaseStats &p = m_phases[size_t(m_phase[i])];
    const double latency = nowMs - sentMs;
    if (++m_deliveries[i] > m_ownFan[i] + m_otherFan[i])
        ++p.extra;
    if (user == m_sender[i]) {
        ++p.deliveredOwn;
        p.ownMs.add(latency);
    } else if (user == m_other[i]) {
        ++p.deliveredOther;
        p.otherMs.add(latency);
    } else {
        ++p.misrouted;
    }
}

} // namespace craftchat::bench
