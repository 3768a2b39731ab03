// Base of the attacks over an Engine.IO WebSocket (QWebSocket to /socket.io/?EIO=4&transport=
// websocket): N slots that reconnect after a pause until stop(), pings answered, closes counted.
#pragma once

#include "bench/attackbench/attack.h"

#include <QWebSocket>
#include <vector>

namespace craftchat::bench {

class WsAttack : public Attack
{
    Q_OBJECT
public:
    WsAttack(QString name, int connections, const AttackTarget &target, QObject *parent);
    ~WsAttack() override;

    void start() override;
    void stop() override;
    int alive() const override;

protected:
    struct Slot
    {
        QWebSocket *socket = nullptr;
        int index = 0;
        bool open = false;
        int stage = 0;      // the attack's own progress on this connection
        qint64 queued = 0;  // payload bytes handed to the socket
        qint64 written = 0; // bytes the socket wrote (frame headers included)
        qint64 pending() const { return queued - written; }
    };

    // An Engine.IO text frame other than a ping ("2" is answered with "3" before this).
    virtual void textFrame(Slot &slot, const QString &frame) = 0;
    virtual void bytesWritten(Slot &slot) { Q_UNUSED(slot); }
    virtual int restartDelayMs() const { return 1000; }

    void sendText(Slot &slot, const QString &frame);
    void sendBinary(Slot &slot, const QByteArray &frame);
    std::vector<Slot> &connectionSlots() { return m_slots; }

    const AttackTarget &m_target;

private:
    void open(int index);
    void finished(int index);

    std::vector<Slot> m_slots;
};

} // namespace craftchat::bench
