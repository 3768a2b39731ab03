// Attack 6: authenticated sockets (attacker accounts, 5 sockets each) flooding typing-start and
// join-chat with chat ids that do not exist; the answers are read and counted by event/code.
#pragma once

#include "bench/attackbench/wsattack.h"

class QTimer;

namespace craftchat::bench {

class TypingFlood : public WsAttack
{
    Q_OBJECT
public:
    TypingFlood(int connections, const AttackTarget &target, QObject *parent);
    void start() override;

protected:
    void textFrame(Slot &slot, const QString &frame) override;

private:
    void flood();
    QTimer *m_tick = nullptr;
    double m_credit = 0; // events owed from the ticks so far
    qint64 m_next = 0;
    size_t m_cursor = 0;
};

} // namespace craftchat::bench
