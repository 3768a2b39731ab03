// JSON Web Tokens, HS256 only (RFC 7519 / 7515 compact form), HMAC-SHA-256 from libsodium.
//
// Compatible both ways with the npm `jsonwebtoken` package: the key is the secret's bytes as
// given (jsonwebtoken uses a string secret's UTF-8 bytes), and tokens carry userId, role, iat
// and exp in seconds (plus tv and jti, which jsonwebtoken passes through).
//
// verify() is strict: exactly three canonical base64url parts; a header that is a JSON object
// whose alg is exactly "HS256" (no "none", no other algorithm, no look-alikes; typ is not
// checked); a constant-time signature check; a payload that is a JSON object with userId
// (non-empty string), role (client|craftsman|admin), iat (number) and exp (number, REQUIRED,
// checked against the clock with an optional leeway); nbf is honoured when present.
#pragma once

#include "server/auth/jwtclaims.h"

#include <QByteArray>
#include <QString>

#include <chrono>

namespace craftchat::auth {

class JwtCodec
{
public:
    // Short, so that a stolen token is useful for hours, not days; clients renew with
    // POST /api/auth/refresh.
    static constexpr std::chrono::seconds DefaultLifetime = std::chrono::hours(12);
    static constexpr qsizetype MaxTokenLength = 8192;

    // `secret`: the HMAC key bytes (non-empty). `lifetime`: exp - iat of signed tokens.
    explicit JwtCodec(QByteArray secret, std::chrono::seconds lifetime = DefaultLifetime);

    std::chrono::seconds lifetime() const { return m_lifetime; }
    // Clock tolerance for exp and nbf (default 0).
    void setLeeway(std::chrono::seconds leeway) { m_leeway = leeway; }

    // A token for this user, issued now, expiring after lifetime(), with a random jti and
    // the user's token version (tv).
    QString sign(const QString &userId, const QString &role, int tokenVersion = 0) const;
    // A token with exactly these claims (iat and exp as given; tv only when not 0, jti only
    // when not empty).
    QString sign(const JwtClaims &claims) const;

    // Checks a token against the current time.
    JwtVerifyResult verify(const QString &token) const;
    // Checks a token against `nowSeconds` (seconds since the Unix epoch).
    JwtVerifyResult verify(const QString &token, qint64 nowSeconds) const;

    static qint64 currentTime();

private:
    QByteArray hmac(QByteArrayView signingInput) const;

    QByteArray m_secret;
    std::chrono::seconds m_lifetime;
    std::chrono::seconds m_leeway{0};
};

} // namespace craftchat::auth
