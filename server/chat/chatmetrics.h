// Counters of the chat domain, read by GET /metrics: client events by name, error events
// (and CONNECTION_LIMIT refusals) by code, stored messages (total and in the last minute).
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

#include <array>

namespace craftchat::chat {

class ChatMetrics
{
public:
    // Gauges that live elsewhere (sockets, rooms), passed in when rendering.
    struct Gauges
    {
        int connections = 0;
        int onlineUsers = 0;
        int activeChats = 0;
    };

    // `event` is one of the contract's client events, or anything else (counted as "other").
    void countEvent(const QString &event);
    void countError(const QString &code);
    // join-chat refused (no such chat, not a participant): counted, not logged one by one.
    void countRefusedJoin() { ++m_refusedJoins; }
    quint64 refusedJoins() const { return m_refusedJoins; }
    // typing / join-chat events dropped by the per-socket rate limit.
    void countDroppedEvent() { ++m_droppedEvents; }
    quint64 droppedEvents() const { return m_droppedEvents; }
    // A message was stored; nowMs is wall-clock (per-second buckets).
    void countMessage(qint64 nowMs);

    quint64 messagesTotal() const { return m_messagesTotal; }
    int messagesLastMinute(qint64 nowMs) const;
    quint64 eventCount(const QString &event) const { return m_events.value(event); }
    quint64 errorCount(const QString &code) const { return m_errors.value(code); }

    // Prometheus text exposition format (version 0.0.4).
    QByteArray renderPrometheus(const Gauges &gauges, qint64 nowMs) const;

private:
    struct Bucket
    {
        qint64 second = -1;
        int count = 0;
    };
    std::array<Bucket, 60> m_buckets{};
    QMap<QString, quint64> m_events;
    QMap<QString, quint64> m_errors;
    quint64 m_messagesTotal = 0;
    quint64 m_refusedJoins = 0;
    quint64 m_droppedEvents = 0;
};

} // namespace craftchat::chat
