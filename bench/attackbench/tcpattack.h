// Base of the attacks on raw TCP (QTcpSocket): N slots, each connecting, doing its attack and,
// once the connection is gone, starting again after a pause until stop().
#pragma once

#include "bench/attackbench/slotattack.h"

#include <QElapsedTimer>
#include <QTcpSocket>

namespace craftchat::bench {

struct TcpSlot
{
    QTcpSocket *socket = nullptr;
    int index = 0;
    qint64 sent = 0;         // body bytes written so far (attacks that stream)
    bool statusSeen = false; // the answer's status line was counted
    bool closingOurselves = false;
    QElapsedTimer opened;
};

class TcpAttack : public SlotAttack<TcpSlot>
{
    Q_OBJECT
public:
    using SlotAttack::SlotAttack;

protected:
    using Slot = TcpSlot;

    virtual void configure(QTcpSocket *socket) { Q_UNUSED(socket); }
    virtual void connected(Slot &slot) = 0;
    virtual void bytesWritten(Slot &slot) { Q_UNUSED(slot); }
    // Default: reads what came and counts the status line of the answer ("HTTP 413").
    virtual void readyRead(Slot &slot);
    // The server closed or reset the connection (not after closeOurselves()).
    virtual void closedByServer(Slot &slot, const QString &how);
    int restartDelayMs() const override { return m_target.pauseMs; }

    // Counts the status line in head once per connection; true when head held one.
    bool noteStatus(Slot &slot, const QByteArray &head);
    void closeOurselves(Slot &slot); // graceful close after the pending writes, then restart
    void dropSlot(Slot &slot);       // forgets the connection (as if the server closed it)

private:
    void open(int index) override;
    bool isOpen(const Slot &slot) const override { return slot.socket->state() == QAbstractSocket::ConnectedState; }
    void finished(int index);
};

// "POST /path HTTP/1.1" with Host and, for contentLength >= 0, Content-Type and Content-Length
// (the head only, no body).
QByteArray httpHead(const QByteArray &method, const QByteArray &path, const AttackTarget &target, qint64 contentLength,
                    const QByteArray &contentType = "application/json");

} // namespace craftchat::bench
