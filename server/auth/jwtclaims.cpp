#include "server/auth/jwtclaims.h"

namespace craftchat::auth {

bool isKnownRole(const QString &role)
{
    return role == RoleClient || role == RoleCraftsman || role == RoleAdmin;
}

QString JwtClaims::revocationKey() const
{
    return tokenId.isEmpty() ? QStringLiteral("iat:") + QString::number(issuedAt) : QStringLiteral("jti:") + tokenId;
}

QString jwtErrorName(JwtError error)
{
    switch (error) {
    case JwtError::Malformed:
        return QStringLiteral("malformed");
    case JwtError::BadAlgorithm:
        return QStringLiteral("bad-algorithm");
    case JwtError::BadSignature:
        return QStringLiteral("bad-signature");
    case JwtError::Expired:
        return QStringLiteral("expired");
    case JwtError::NotYetValid:
        return QStringLiteral("not-yet-valid");
    case JwtError::MissingClaim:
        return QStringLiteral("missing-claim");
    case JwtError::InvalidClaim:
        return QStringLiteral("invalid-claim");
    }
    return QStringLiteral("malformed");
}

} // namespace craftchat::auth
