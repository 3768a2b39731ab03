// Attack 3: an Engine.IO WebSocket that never sends the Socket.IO CONNECT and sends a
// BINARY_EVENT announcing 10 attachments, then 9 attachments of 999,000 bytes (the tenth
// never comes), answering pings so that the session stays.
#pragma once

#include "bench/attackbench/wsattack.h"

namespace craftchat::bench {

class PreConnectBinary : public WsAttack
{
    Q_OBJECT
public:
    PreConnectBinary(int connections, const AttackTarget &target, QObject *parent);

protected:
    void textFrame(Slot &slot, const QString &frame) override;
    void bytesWritten(Slot &slot) override;

private:
    void sendMore(Slot &slot);
    QString m_header;     // "4510-[...]"
    QByteArray m_payload; // one attachment, shared by every send
};

} // namespace craftchat::bench
