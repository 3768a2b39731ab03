#include "common/contract/registrationmode.h"

#include "common/contract/contract.h"

namespace craftchat::contract {

QString registrationModeName(RegistrationMode mode)
{
    switch (mode) {
    case RegistrationMode::Open:
        return QStringLiteral("open");
    case RegistrationMode::Clients:
        return QStringLiteral("clients");
    case RegistrationMode::Invite:
        return QStringLiteral("invite");
    }
    return QStringLiteral("open");
}

std::optional<RegistrationMode> parseRegistrationMode(const QString &text)
{
    const QString name = text.trimmed().toLower();
    for (RegistrationMode mode : {RegistrationMode::Open, RegistrationMode::Clients, RegistrationMode::Invite}) {
        if (name == registrationModeName(mode))
            return mode;
    }
    return std::nullopt;
}

bool needsInvitation(RegistrationMode mode, const QString &role)
{
    switch (mode) {
    case RegistrationMode::Open:
        return false;
    case RegistrationMode::Clients:
        return role != RoleClient;
    case RegistrationMode::Invite:
        return true;
    }
    return true;
}

} // namespace craftchat::contract
