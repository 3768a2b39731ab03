// Attack 4: POST /api/auth/login with a real user's e-mail and a wrong password, the
// connection closed right after sending, again and again.
#pragma once

#include "bench/attackbench/tcpattack.h"

namespace craftchat::bench {

class WrongLogin : public TcpAttack
{
    Q_OBJECT
public:
    WrongLogin(int connections, const AttackTarget &target, QObject *parent);

protected:
    void connected(Slot &slot) override;

private:
    qint64 m_next = 0;
};

} // namespace craftchat::bench
