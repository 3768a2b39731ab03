// Attack 1: GET /uploads/<name> of a large upload and never read the answer (a 256-byte read
// buffer that is never drained, a small kernel receive buffer), so the server's output waits.
#pragma once

#include "bench/attackbench/tcpattack.h"

class QTimer;

namespace craftchat::bench {

class SlowReader : public TcpAttack
{
    Q_OBJECT
public:
    SlowReader(int connections, const AttackTarget &target, QObject *parent);
    void start() override;

protected:
    void configure(QTcpSocket *socket) override;
    void connected(Slot &slot) override;
    void readyRead(Slot &slot) override;
    int restartDelayMs() const override { return 500; }

private:
    // With reading paused Qt does not see the server's close: ask the kernel (TCP_INFO).
    void checkKernelState();
    QTimer *m_check = nullptr;
};

} // namespace craftchat::bench
