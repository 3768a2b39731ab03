#include "server/auth/jwtcodec.h"

#include "server/auth/base64url.h"
#include "server/auth/sodium.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <sodium.h>

#include <cmath>
#include <optional>

namespace craftchat::auth {

namespace {

// Seconds beyond this (about the year 318000) are not a time anyone means.
constexpr double MaxTimeSeconds = 1e13;

std::optional<QJsonObject> decodeJsonObject(QByteArrayView part)
{
    const auto bytes = base64UrlDecode(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A numeric date claim: nullopt when it is not a finite, sane number.
std::optional<double> numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || std::fabs(seconds) > MaxTimeSeconds)
        return std::nullopt;
    return seconds;
}

} // namespace

JwtCodec::JwtCodec(QByteArray secret, std::chrono::seconds lifetime)
    : m_secret(std::move(secret))
    , m_lifetime(lifetime)
{
    ensureSodium();
}

qint64 JwtCodec::currentTime()
{
    return QDateTime::currentSecsSinceEpoch();
}

QByteArray JwtCodec::hmac(QByteArrayView signingInput) const
{
    QByteArray mac(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(m_secret.constData()),
                                size_t(m_secret.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(signingInput.data()),
                                  quint64(signingInput.size()));
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(mac.data()));
    sodium_memzero(&state, sizeof state);
    return mac;
}

QString JwtCodec::sign(const QString &userId, const QString &role, int tokenVersion) const
{
    const qint64 now = currentTime();
    unsigned char id[16];
    randombytes_buf(id, sizeof id);
    const QString tokenId = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(id), sizeof id).toHex());
    return sign(JwtClaims{userId, role, now, now + m_lifetime.count(), tokenVersion, tokenId});
}

QString JwtCodec::sign(const JwtClaims &claims) const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")}};
    QJsonObject payload{{QStringLiteral("userId"), claims.userId},
                        {QStringLiteral("role"), claims.role},
                        {QStringLiteral("iat"), double(claims.issuedAt)},
                        {QStringLiteral("exp"), double(claims.expiresAt)}};
    if (claims.tokenVersion != 0)
        payload.insert(QStringLiteral("tv"), claims.tokenVersion);
    if (!claims.tokenId.isEmpty())
        payload.insert(QStringLiteral("jti"), claims.tokenId);
    const QByteArray signingInput = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
                                    + base64UrlEncode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return QString::fromLatin1(signingInput + '.' + base64UrlEncode(hmac(signingInput)));
}

JwtVerifyResult JwtCodec::verify(const QString &token) const
{
    return verify(token, currentTime());
}

JwtVerifyResult JwtCodec::verify(const QString &token, qint64 nowSeconds) const
{
    using R = JwtVerifyResult;
    if (token.isEmpty() || token.size() > MaxTokenLength)
        return R(Error<JwtError>{JwtError::Malformed, jwtErrorName(JwtError::Malformed)});
    for (const QChar c : token) {
        if (c.unicode() > 0x7e || c.unicode() < 0x21)
            return R(Error<JwtError>{JwtError::Malformed, jwtErrorName(JwtError::Malformed)});
    }
    const QByteArray bytes = token.toLatin1();
    const QList<QByteArray> parts = bytes.split('.');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return R(Error<JwtError>{JwtError::Malformed, jwtErrorName(JwtError::Malformed)});

    const auto header = decodeJsonObject(parts[0]);
    if (!header)
        return R(Error<JwtError>{JwtError::Malformed, jwtErrorName(JwtError::Malformed)});
    const QJsonValue alg = header->value(QStringLiteral("alg"));
    if (!alg.isString() || alg.toString() != QLatin1String("HS256"))
        return R(Error<JwtError>{JwtError::BadAlgorithm, jwtErrorName(JwtError::BadAlgorithm)});

    const auto signature = base64UrlDecode(parts[2]);
    if (!signature)
        return R(Error<JwtError>{JwtError::Malformed, jwtErrorName(JwtError::Malformed)});
    const QByteArray expected = hmac(bytes.left(parts[0].size() + 1 + parts[1].size()));
    if (signature->size() != expected.size()
        || sodium_memcmp(signature->constData(), expected.constData(), size_t(expected.size())) != 0)
        return R(Error<JwtError>{JwtError::BadSignature, jwtErrorName(JwtError::BadSignature)});

    const auto payload = decodeJsonObject(parts[1]);
    if (!payload)
        return R(Error<JwtError>{JwtError::Malformed, jwtErrorName(JwtError::Malformed)});

    static const QString names[]
        = {QStringLiteral("userId"), QStringLiteral("role"), QStringLiteral("iat"), QStringLiteral("exp")};
    for (const QString &name : names) {
        if (!payload->contains(name) || payload->value(name).isNull())
            return R(Error<JwtError>{JwtError::MissingClaim, jwtErrorName(JwtError::MissingClaim)});
    }
    const QJsonValue userId = payload->value(QStringLiteral("userId"));
    const QJsonValue role = payload->value(QStringLiteral("role"));
    const auto iat = numericDate(payload->value(QStringLiteral("iat")));
    const auto exp = numericDate(payload->value(QStringLiteral("exp")));
    if (!userId.isString() || userId.toString().isEmpty() || !role.isString() || !isKnownRole(role.toString()) || !iat
        || !exp)
        return R(Error<JwtError>{JwtError::InvalidClaim, jwtErrorName(JwtError::InvalidClaim)});

    const double now = double(nowSeconds);
    const double leeway = double(m_leeway.count());
    if (now >= *exp + leeway)
        return R(Error<JwtError>{JwtError::Expired, jwtErrorName(JwtError::Expired)});
    if (payload->contains(QStringLiteral("nbf"))) {
        const auto nbf = numericDate(payload->value(QStringLiteral("nbf")));
        if (!nbf)
            return R(Error<JwtError>{JwtError::InvalidClaim, jwtErrorName(JwtError::InvalidClaim)});
        if (now + leeway < *nbf)
            return R(Error<JwtError>{JwtError::NotYetValid, jwtErrorName(JwtError::NotYetValid)});
    }

    int tokenVersion = 0;
    if (payload->contains(QStringLiteral("tv"))) {
        const QJsonValue tv = payload->value(QStringLiteral("tv"));
        const double v = tv.toDouble(-1);
        if (!tv.isDouble() || v < 0 || v > 2e9 || v != std::floor(v))
            return R(Error<JwtError>{JwtError::InvalidClaim, jwtErrorName(JwtError::InvalidClaim)});
        tokenVersion = int(v);
    }
    QString tokenId;
    if (payload->contains(QStringLiteral("jti"))) {
        const QJsonValue jti = payload->value(QStringLiteral("jti"));
        if (!jti.isString() || jti.toString().isEmpty() || jti.toString().size() > 128)
            return R(Error<JwtError>{JwtError::InvalidClaim, jwtErrorName(JwtError::InvalidClaim)});
        tokenId = jti.toString();
    }

    return R(JwtClaims{userId.toString(), role.toString(), qint64(std::floor(*iat)), qint64(std::floor(*exp)),
                       tokenVersion, tokenId});
}

} // namespace craftchat::auth
