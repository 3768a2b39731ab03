#include "bench/attackbench/wronglogin.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace craftchat::bench {

WrongLogin::WrongLogin(int connections, const AttackTarget &target, QObject *parent)
    : TcpAttack(QStringLiteral("wrong-password-login"), connections, target, parent)
{}

void WrongLogin::connected(Slot &slot)
{
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("email"), m_target.victimEmail},
                                    {QStringLiteral("password"), QStringLiteral("wrong-password-%1").arg(++m_next)}})
              .toJson(QJsonDocument::Compact);
    slot.socket->write(httpHead("POST", "/api/auth/login", m_target, body.size()) + body);
    note(QStringLiteral("sent, closed by us"));
    closeOurselves(slot);
}

} // namespace craftchat::bench
