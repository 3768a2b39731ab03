#include "server/chat/tokenverifier.h"

#include "server/auth/jwtcodec.h"
#include "server/storage/chatstore.h"

namespace craftchat::chat {

quint64 TokenVerifier::tokenTag(const auth::JwtClaims &claims)
{
    return quint64(qHash(claims.revocationKey(), 0x5eedu));
}

std::optional<contract::UserProfile> TokenVerifier::verify(const QString &token, QString *reason) const
{
    std::optional<Verified> verified = verifyWithClaims(token, reason);
    if (!verified)
        return std::nullopt;
    return std::move(verified->user);
}

std::optional<TokenVerifier::Verified> TokenVerifier::verifyWithClaims(const QString &token, QString *reason) const
{
    const auto fail = [reason](const QString &why) -> std::optional<Verified> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    if (token.isEmpty())
        return fail(QStringLiteral("missing"));
    const auth::JwtVerifyResult result = m_codec.verify(token);
    if (!result)
        return fail(auth::jwtErrorName(result.error()));
    const auto user = m_store.userById(result.value().userId);
    if (!user)
        return fail(user.error() == storage::StoreError::NotFound ? QStringLiteral("unknown-user")
                                                                  : QStringLiteral("store-error"));
    if (user->isDeleted())
        return fail(QStringLiteral("deleted-user"));
    const auth::JwtClaims &claims = result.value();
    if (claims.tokenVersion != user->tokenVersion)
        return fail(QStringLiteral("old-token-version"));
    const auto revoked = m_store.isTokenRevoked(claims.userId, claims.revocationKey());
    if (!revoked)
        return fail(QStringLiteral("store-error"));
    if (*revoked)
        return fail(QStringLiteral("revoked"));
    return Verified{user->profile, claims};
}

} // namespace craftchat::chat
