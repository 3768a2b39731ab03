// Base64url without padding (RFC 4648 section 5), as JWT uses it.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace craftchat::auth {

QByteArray base64UrlEncode(QByteArrayView data);

// Strict: only A-Z a-z 0-9 '-' '_', no '=' padding, no whitespace, a length that a real
// encoding can have, and canonical (unused trailing bits zero). Anything else is nullopt.
std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

} // namespace craftchat::auth
