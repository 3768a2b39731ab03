// Who may register on a server (--registration; GET /api/auth/registration's `mode`).
#pragma once

#include <QString>

#include <optional>

namespace craftchat::contract {

// open: anyone registers; clients: clients freely, craftsmen with an invitation; invite: every
// account needs an invitation.
enum class RegistrationMode {
    Open,
    Clients,
    Invite
};

// "open", "clients", "invite": the option's and the API's names.
QString registrationModeName(RegistrationMode mode);
// The mode of a name (any case, surrounding spaces ignored); nullopt for anything else.
std::optional<RegistrationMode> parseRegistrationMode(const QString &text);
// Whether registering as `role` (client or craftsman) needs an invitation in this mode.
bool needsInvitation(RegistrationMode mode, const QString &role);

} // namespace craftchat::contract
