// Registration modes and invitation codes (docs/API.md, "Registration and invitations").
#pragma once

#include <QString>

namespace craftchat::api {

// open: anyone registers; clients: clients freely, craftsmen with an invitation; invite: every
// account needs an invitation.
enum class RegistrationMode {
    Open,
    Clients,
    Invite
};

// "open", "clients", "invite": GET /api/auth/registration's `mode`.
QString registrationModeName(RegistrationMode mode);
// Whether registering as `role` (client or craftsman) needs an invitation in this mode.
bool needsInvitation(RegistrationMode mode, const QString &role);

inline constexpr int InvitationCodeLength = 26;
inline constexpr int DefaultInvitationHours = 168;
inline constexpr int MaxInvitationHours = 720;

// 128 bits from the system's cryptographically secure generator, in base32 (RFC 4648
// alphabet A-Z 2-7, no padding): 26 characters, easy to read aloud and to type.
QString newInvitationCode();
// A code as someone typed it: trimmed, upper-cased, spaces and dashes dropped. Empty when the
// result cannot be a code (wrong length or characters), so nothing else is looked up.
QString normalisedInvitationCode(const QString &text);

} // namespace craftchat::api
