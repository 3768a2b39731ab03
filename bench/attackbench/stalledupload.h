// Attack 2: POST /api/uploads without a token, Content-Length 5242880, all but the last byte
// of the body (PNG magic first), then nothing.
#pragma once

#include "bench/attackbench/tcpattack.h"

namespace craftchat::bench {

class StalledUpload : public TcpAttack
{
    Q_OBJECT
public:
    StalledUpload(int connections, const AttackTarget &target, QObject *parent);

protected:
    void connected(Slot &slot) override;
    void bytesWritten(Slot &slot) override;
    int restartDelayMs() const override { return 500; }

private:
    void writeMore(Slot &slot);
    QByteArray m_chunk; // shared by every slot; at most two chunks queued per socket
};

} // namespace craftchat::bench
