#include "bench/attackbench/idleconnection.h"

namespace craftchat::bench {

IdleConnection::IdleConnection(int connections, const AttackTarget &target, QObject *parent)
    : TcpAttack(QStringLiteral("idle-connection"), connections, target, parent)
{}

void IdleConnection::closedByServer(Slot &slot, const QString &how)
{
    // whole seconds after the connect, so a server's idle timeout shows as one bucket
    note(how + QStringLiteral(" after %1 s").arg(slot.opened.elapsed() / 1000));
}

} // namespace craftchat::bench
