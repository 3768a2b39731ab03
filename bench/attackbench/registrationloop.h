// Attack 5: POST /api/auth/register with a new e-mail each time, all from 127.0.0.1; each
// answer is read (and counted) before the next registration of that slot.
#pragma once

#include "bench/attackbench/tcpattack.h"

namespace craftchat::bench {

class RegistrationLoop : public TcpAttack
{
    Q_OBJECT
public:
    RegistrationLoop(int connections, const AttackTarget &target, QObject *parent);

protected:
    void connected(Slot &slot) override;
    void readyRead(Slot &slot) override;

private:
    qint64 m_next = 0;
};

} // namespace craftchat::bench
