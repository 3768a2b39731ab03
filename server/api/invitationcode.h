// Registration modes and invitation codes (docs/API.md, "Registration and invitations").
#pragma once

#include "common/contract/registrationmode.h"

#include <QString>

namespace craftchat::api {

using contract::needsInvitation;
using contract::RegistrationMode;
using contract::registrationModeName;

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
