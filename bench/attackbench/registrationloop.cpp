#include "bench/attackbench/registrationloop.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace craftchat::bench {

RegistrationLoop::RegistrationLoop(int connections, const AttackTarget &target, QObject *parent)
    : TcpAttack(QStringLiteral("registration-loop"), connections, target, parent)
{}

void RegistrationLoop::connected(Slot &slot)
{
    const qint64 n = ++m_next;
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("fullName"), QStringLiteral("Mass Signup %1").arg(n)},
                                    {QStringLiteral("email"),
                                     QStringLiteral("signup-%1-%2@attack.test").arg(m_target.runId).arg(n)},
                                    {QStringLiteral("password"), QStringLiteral("signup-pass-%1").arg(n)},
                                    {QStringLiteral("role"), QStringLiteral("client")}})
              .toJson(QJsonDocument::Compact);
    slot.socket->write(httpHead("POST", "/api/auth/register", m_target, body.size()) + body);
}

void RegistrationLoop::readyRead(Slot &slot)
{
    const QByteArray data = slot.socket->readAll();
    if (noteStatus(slot, data))
        closeOurselves(slot); // the status is all we wanted; next registration after the pause
}

} // namespace craftchat::bench
