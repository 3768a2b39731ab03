// Connection state recovery (Socket.IO 4.6+): the packets of one socket that its client may
// not have received yet, each with its offset, so that a client that comes back with the
// offset of the last packet it processed gets every later one again, in order, once.
//
// While the socket is attached to a transport, a packet stays here only until it is known
// to have arrived: a session that is still open pingInterval + pingTimeout after a packet
// was written has answered a ping written after it (otherwise it would have been closed), so
// the client has processed the packet (prune()). While the socket is detached (its transport
// closed, the window running), every packet for it is kept.
//
// Bounded: at most maxPackets entries and maxBytes bytes. A packet that does not fit pushes
// out the oldest; the buffer then remembers the newest offset it gave up (droppedThrough()),
// and a client whose offset is older than that cannot be recovered exactly.
#pragma once

#include "server/engineio/enginesession.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>
#include <QtGlobal>

#include <deque>
#include <optional>
#include <vector>

namespace craftchat::socketio {

// An offset as it travels: the last argument of an event, a string ("17").
QString offsetText(qint64 offset);
// An event's arguments' JSON (sio::encodeArguments) with the offset appended.
QByteArray withOffset(QByteArrayView arguments, qint64 offset);
// The offset of a CONNECT's auth: -1 when absent (the client processed no event yet),
// nullopt when it is not one this server could have written.
std::optional<qint64> parseOffset(const QJsonValue &value);

class RecoveryBuffer
{
public:
    struct Entry
    {
        qint64 offset = 0;
        qint64 writtenMs = 0; // on the server's clock
        engineio::PreparedMessage message;
        qint64 bytes = 0;
    };

    RecoveryBuffer(qsizetype maxPackets, qint64 maxBytes)
        : m_maxPackets(maxPackets)
        , m_maxBytes(maxBytes)
    {}

    // Returns the bytes given up to make room (0 when everything fitted).
    qint64 append(qint64 offset, qint64 nowMs, const engineio::PreparedMessage &message);
    // Drops the entries written before nowMs - confirmMs (known to have arrived); returns the
    // bytes released.
    qint64 prune(qint64 nowMs, qint64 confirmMs);
    // Everything: returns the bytes released.
    qint64 clear();
    // The client has processed everything up to `offset`: those entries go, the later ones
    // count as written now (they are being sent again). Returns the bytes released.
    qint64 resend(qint64 offset, qint64 nowMs);

    // The entries after `offset`, in order (offset -1: all of them). nullopt when packets
    // after `offset` were given up for room (the client would miss them).
    std::optional<std::vector<const Entry *>> after(qint64 offset) const;

    qint64 bytes() const { return m_bytes; }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    qint64 droppedThrough() const { return m_droppedThrough; }

    // The memory an entry is counted with: its bytes plus a fixed overhead.
    static qint64 costOf(const engineio::PreparedMessage &message);

private:
    qint64 dropFront();

    std::deque<Entry> m_entries;
    qsizetype m_maxPackets;
    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    qint64 m_droppedThrough = -1; // newest offset given up for room (not confirmed)
};

} // namespace craftchat::socketio
