// What a CraftChat token says about its bearer, and why a token can be refused.
#pragma once

#include "common/core/result.h"

#include <QString>

namespace craftchat::auth {

// The roles of the contract; a token with any other role is refused.
inline const QString RoleClient = QStringLiteral("client");
inline const QString RoleCraftsman = QStringLiteral("craftsman");
inline const QString RoleAdmin = QStringLiteral("admin");
bool isKnownRole(const QString &role);

struct JwtClaims
{
    QString userId;       // non-empty
    QString role;         // client | craftsman | admin
    qint64 issuedAt = 0;  // iat, seconds since the Unix epoch
    qint64 expiresAt = 0; // exp, seconds since the Unix epoch
    // tv: the user's token version when the token was made (absent: 0, as in tokens of
    // older servers and of the contract's jsonwebtoken). A token whose version is not the
    // user's current one is refused (password changed, account deleted).
    int tokenVersion = 0;
    // jti: a random id naming this token, so that logout can revoke just this one (absent
    // in tokens of older servers; those are revoked by their iat).
    QString tokenId = {};

    // What a revocation of this token is stored under: "jti:<id>", else "iat:<seconds>".
    QString revocationKey() const;

    friend bool operator==(const JwtClaims &, const JwtClaims &) = default;
};

enum class JwtError {
    Malformed,    // not three base64url parts, header or payload not a JSON object, too long
    BadAlgorithm, // header alg missing or anything but exactly "HS256" (e.g. "none")
    BadSignature, // signature does not match the secret
    Expired,      // exp is not after the current time (with the configured leeway)
    NotYetValid,  // nbf (optional) is still in the future
    MissingClaim, // userId, role, iat or exp absent
    InvalidClaim, // a claim of the wrong type or value (empty userId, unknown role, ...)
};

// A stable lower-case name for logs and tests ("malformed", "bad-signature", ...).
QString jwtErrorName(JwtError error);

// The outcome of JwtCodec::verify: the claims, or why the token was refused (the JwtError and
// its name).
using JwtVerifyResult = Result<JwtClaims, Error<JwtError>>;

} // namespace craftchat::auth
