#include "server/socketio/broadcast.h"

#include "server/socketio/connection.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"
#include "server/socketio/socketioserver.h"
#include "server/socketio/socketset.h"

#include "common/protocol/socketiopacket.h"
#include "server/engineio/enginesession.h"

namespace craftchat::socketio {

QList<Socket *> BroadcastOperator::recipients() const
{
    QList<Socket *> sockets;
    if (m_rooms.isEmpty()) {
        SocketSet excluded;
        if (!m_except.isEmpty()) {
            for (Socket *socket : m_nsp->rooms().select(m_except, {}))
                excluded.add(socket);
        }
        sockets.reserve(m_nsp->sockets().size());
        for (Socket *socket : m_nsp->sockets())
            if (excluded.isEmpty() || !excluded.contains(socket))
                sockets.append(socket);
    } else {
        sockets = m_nsp->rooms().select(m_rooms, m_except);
    }
    if (m_exceptSocket)
        sockets.removeOne(const_cast<Socket *>(m_exceptSocket));
    return sockets;
}

int BroadcastOperator::emitEvent(const QString &event, const QJsonArray &args,
                                 const QList<QByteArray> &attachments) const
{
    const QList<Socket *> sockets = recipients();
    if (sockets.isEmpty())
        return 0;
    // Encode once; every recipient gets the same bytes (with recovery on, the same offset).
    const qint64 offset = m_nsp->server()->recoveryEnabled() ? m_nsp->server()->nextOffset() : -1;
    const engineio::PreparedMessage message = [&] {
        if (attachments.isEmpty()) {
            const QByteArray arguments = protocol::sio::encodeArguments(args);
            return engineio::PreparedMessage(protocol::sio::encodeEvent(
                m_nsp->name(), event, offset < 0 ? arguments : withOffset(arguments, offset)));
        }
        QJsonArray allArgs = args;
        if (offset >= 0)
            allArgs.append(offsetText(offset));
        protocol::sio::EncodedPacket encoded
            = protocol::sio::encode(protocol::sio::Packet::event(m_nsp->name(), event, allArgs, attachments));
        return engineio::PreparedMessage(std::move(encoded.text), std::move(encoded.attachments));
    }();
    return deliver(message, sockets, offset);
}

int BroadcastOperator::emitEncoded(const QString &event, QByteArrayView arguments) const
{
    const QList<Socket *> sockets = recipients();
    if (sockets.isEmpty())
        return 0;
    const qint64 offset = m_nsp->server()->recoveryEnabled() ? m_nsp->server()->nextOffset() : -1;
    const QByteArray withOffsetArgs = offset < 0 ? QByteArray() : withOffset(arguments, offset);
    return deliver(engineio::PreparedMessage(protocol::sio::encodeEvent(
                       m_nsp->name(), event, offset < 0 ? arguments : QByteArrayView(withOffsetArgs))),
                   sockets, offset);
}

int BroadcastOperator::deliver(const engineio::PreparedMessage &message, const QList<Socket *> &sockets,
                               qint64 offset) const
{
    int written = 0;
    for (Socket *socket : sockets) {
        if (!socket->isConnected())
            continue;
        // A detached socket (recovery) keeps it for its client's return.
        socket->deliver(message, offset);
        ++written;
    }
    return written;
}

} // namespace craftchat::socketio
