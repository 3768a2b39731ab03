#include "server/chat/chatmetrics.h"

#include "common/contract/contract.h"

namespace craftchat::chat {

namespace {

bool isClientEvent(const QString &event)
{
    return event == contract::event::JoinChat || event == contract::event::SendMessage
           || event == contract::event::TypingStart || event == contract::event::TypingStop
           || event == contract::event::MarkMessagesRead || event == contract::event::EditMessage
           || event == contract::event::DeleteMessage;
}

// Label values are our own names, but escape anyway: backslash, quote, newline.
QByteArray labelValue(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\' || c == '"')
            out.append('\\').append(c);
        else if (c == '\n')
            out.append("\\n");
        else
            out.append(c);
    }
    return out;
}

void writeHeader(QByteArray &out, const char *name, const char *type, const char *help)
{
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
}

void writeSample(QByteArray &out, const char *name, quint64 value)
{
    out.append(name).append(' ').append(QByteArray::number(value)).append('\n');
}

void writeLabelled(QByteArray &out, const char *name, const char *label, const QMap<QString, quint64> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        out.append(name)
            .append('{')
            .append(label)
            .append("=\"")
            .append(labelValue(it.key()))
            .append("\"} ")
            .append(QByteArray::number(it.value()))
            .append('\n');
    }
}

} // namespace

void ChatMetrics::countEvent(const QString &event)
{
    ++m_events[isClientEvent(event) ? event : QStringLiteral("other")];
}

void ChatMetrics::countError(const QString &code)
{
    ++m_errors[code];
}

void ChatMetrics::countMessage(qint64 nowMs)
{
    ++m_messagesTotal;
    const qint64 second = nowMs / 1000;
    Bucket &b = m_buckets[std::size_t(second % qint64(m_buckets.size()))];
    if (b.second != second) {
        b.second = second;
        b.count = 0;
    }
    ++b.count;
}

int ChatMetrics::messagesLastMinute(qint64 nowMs) const
{
    const qint64 second = nowMs / 1000;
    int total = 0;
    for (const Bucket &b : m_buckets) {
        if (b.second >= 0 && second - b.second < qint64(m_buckets.size()))
            total += b.count;
    }
    return total;
}

QByteArray ChatMetrics::renderPrometheus(const Gauges &gauges, qint64 nowMs) const
{
    QByteArray out;
    out.reserve(2048);
    writeHeader(out, "chat_socket_connections", "gauge", "Open Socket.IO connections on the main namespace.");
    writeSample(out, "chat_socket_connections", quint64(qMax(0, gauges.connections)));
    writeHeader(out, "chat_online_users", "gauge", "Users with at least one open socket.");
    writeSample(out, "chat_online_users", quint64(qMax(0, gauges.onlineUsers)));
    writeHeader(out, "chat_active_chats", "gauge", "Chat rooms with at least one connected socket.");
    writeSample(out, "chat_active_chats", quint64(qMax(0, gauges.activeChats)));
    writeHeader(out, "chat_messages_per_minute", "gauge", "Messages stored in the last 60 seconds.");
    writeSample(out, "chat_messages_per_minute", quint64(messagesLastMinute(nowMs)));
    writeHeader(out, "chat_messages_total", "counter", "Messages stored since start.");
    writeSample(out, "chat_messages_total", m_messagesTotal);
    writeHeader(out, "chat_socket_events_total", "counter", "Client events received, by event name.");
    writeLabelled(out, "chat_socket_events_total", "event", m_events);
    writeHeader(out, "chat_socket_errors_total", "counter",
                "Error events sent to sockets and CONNECTION_LIMIT refusals, by code.");
    writeLabelled(out, "chat_socket_errors_total", "code", m_errors);
    writeHeader(out, "chat_refused_joins_total", "counter", "join-chat refused: no such chat or not a participant.");
    writeSample(out, "chat_refused_joins_total", m_refusedJoins);
    writeHeader(out, "chat_rate_limited_events_total", "counter",
                "typing and join-chat events dropped by the per-socket rate limit.");
    writeSample(out, "chat_rate_limited_events_total", m_droppedEvents);
    return out;
}

} // namespace craftchat::chat
