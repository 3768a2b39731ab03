#include "server/socketio/recoverybuffer.h"

namespace craftchat::socketio {

namespace {
constexpr qint64 EntryOverheadBytes = 96;
}

QString offsetText(qint64 offset)
{
    return QString::number(offset);
}

QByteArray withOffset(QByteArrayView arguments, qint64 offset)
{
    QByteArray out;
    out.reserve(arguments.size() + 24);
    out.append(arguments);
    if (!arguments.isEmpty())
        out.append(',');
    out.append('"').append(QByteArray::number(offset)).append('"');
    return out;
}

std::optional<qint64> parseOffset(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return qint64(-1);
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    if (text.isEmpty() || text.size() > 18 || text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1Char('-')))
        return std::nullopt;
    bool ok = false;
    const qint64 offset = text.toLongLong(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

qint64 RecoveryBuffer::costOf(const engineio::PreparedMessage &message)
{
    qint64 bytes = EntryOverheadBytes + message.text().size();
    for (const QByteArray &attachment : message.attachments())
        bytes += attachment.size();
    return bytes;
}

qint64 RecoveryBuffer::dropFront()
{
    const qint64 released = m_entries.front().bytes;
    m_bytes -= released;
    m_entries.pop_front();
    return released;
}

qint64 RecoveryBuffer::append(qint64 offset, qint64 nowMs, const engineio::PreparedMessage &message)
{
    const qint64 cost = costOf(message);
    qint64 given = 0;
    while (!m_entries.empty() && (qsizetype(m_entries.size()) + 1 > m_maxPackets || m_bytes + cost > m_maxBytes)) {
        m_droppedThrough = m_entries.front().offset;
        given += dropFront();
    }
    if (cost > m_maxBytes || m_maxPackets < 1) {
        m_droppedThrough = offset;
        return given;
    }
    m_entries.push_back(Entry{offset, nowMs, message, cost});
    m_bytes += cost;
    return given;
}

qint64 RecoveryBuffer::prune(qint64 nowMs, qint64 confirmMs)
{
    qint64 released = 0;
    while (!m_entries.empty() && m_entries.front().writtenMs < nowMs - confirmMs)
        released += dropFront();
    return released;
}

qint64 RecoveryBuffer::clear()
{
    const qint64 released = m_bytes;
    m_entries.clear();
    m_bytes = 0;
    return released;
}

qint64 RecoveryBuffer::resend(qint64 offset, qint64 nowMs)
{
    qint64 released = 0;
    while (!m_entries.empty() && m_entries.front().offset <= offset)
        released += dropFront();
    for (Entry &entry : m_entries)
        entry.writtenMs = nowMs;
    return released;
}

std::optional<std::vector<const RecoveryBuffer::Entry *>> RecoveryBuffer::after(qint64 offset) const
{
    if (m_droppedThrough >= 0 && offset < m_droppedThrough)
        return std::nullopt;
    std::vector<const Entry *> entries;
    for (const Entry &entry : m_entries) {
        if (entry.offset > offset)
            entries.push_back(&entry);
    }
    return entries;
}

} // namespace craftchat::socketio
