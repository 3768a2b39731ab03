// Base of the attacks over an Engine.IO WebSocket (QWebSocket to /socket.io/?EIO=4&transport=
// websocket): N slots that reconnect after a pause until stop(), pings answered, closes counted.
#pragma once

#include "bench/attackbench/slotattack.h"

#include <QWebSocket>

namespace craftchat::bench {

struct WsSlot
{
    QWebSocket *socket = nullptr;
    int index = 0;
    bool open = false;
    int stage = 0;      // the attack's own progress on this connection
    qint64 queued = 0;  // payload bytes handed to the socket
    qint64 written = 0; // bytes the socket wrote (frame headers included)
    qint64 pending() const { return queued - written; }
};

class WsAttack : public SlotAttack<WsSlot>
{
    Q_OBJECT
public:
    using SlotAttack::SlotAttack;

protected:
    using Slot = WsSlot;

    // An Engine.IO text frame other than a ping ("2" is answered with "3" before this).
    virtual void textFrame(Slot &slot, const QString &frame) = 0;
    virtual void bytesWritten(Slot &slot) { Q_UNUSED(slot); }
    int restartDelayMs() const override { return 1000; }

    void sendText(Slot &slot, const QString &frame);
    void sendBinary(Slot &slot, const QByteArray &frame);

private:
    void open(int index) override;
    bool isOpen(const Slot &slot) const override { return slot.open; }
    void finished(int index);
};

} // namespace craftchat::bench
