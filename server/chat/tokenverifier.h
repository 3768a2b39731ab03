// Token -> user, for the socket middleware and the HTTP API alike: the JWT must verify
// (HS256, exp present and in the future), name a user that exists in the store and is not
// deleted, carry the user's current token version (tv; absent counts as 0) and not be
// revoked (logged out).
#pragma once

#include "common/contract/userprofile.h"
#include "server/auth/jwtclaims.h"

#include <QString>

#include <optional>

namespace craftchat::auth {
class JwtCodec;
}
namespace craftchat::storage {
class ChatStore;
}

namespace craftchat::chat {

class TokenVerifier
{
public:
    TokenVerifier(const auth::JwtCodec &codec, storage::ChatStore &store)
        : m_codec(codec)
        , m_store(store)
    {}

    // The user's profile (with email, role from the store) or nullopt. `reason` (optional)
    // gets a short log-safe reason on failure ("expired", "unknown-user", ...), never the token.
    std::optional<contract::UserProfile> verify(const QString &token, QString *reason = nullptr) const;

    struct Verified
    {
        contract::UserProfile user;
        auth::JwtClaims claims;
    };
    // The same, with the token's claims (for logout and refresh).
    std::optional<Verified> verifyWithClaims(const QString &token, QString *reason = nullptr) const;

    const auth::JwtCodec &codec() const { return m_codec; }

    // A short tag of a token (of its revocation key) that sockets keep, so that a logout can
    // find the sockets of that token without storing the token.
    static quint64 tokenTag(const auth::JwtClaims &claims);

private:
    const auth::JwtCodec &m_codec;
    storage::ChatStore &m_store;
};

} // namespace craftchat::chat
