// Attack 7: TCP connections that send nothing; counts when (if ever) the server closes them.
#pragma once

#include "bench/attackbench/tcpattack.h"

namespace craftchat::bench {

class IdleConnection : public TcpAttack
{
    Q_OBJECT
public:
    IdleConnection(int connections, const AttackTarget &target, QObject *parent);

protected:
    void connected(Slot &slot) override { Q_UNUSED(slot); }
    void closedByServer(Slot &slot, const QString &how) override;
    int restartDelayMs() const override { return 500; }
};

} // namespace craftchat::bench
