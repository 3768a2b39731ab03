// libFuzzer target: the JWT decoder and verifier (server/auth/jwtcodec.h).
//
// Input: the first byte picks the mode. Mode 0 (even): the rest is a token as a client sends
// it. Mode 1 (odd): the rest is "<header JSON>\n<payload JSON>", signed here with the
// codec's secret, so that the claims checks behind the signature check are fuzzed too; a
// token the codec accepts must carry the claims it was given and sign back to one that
// verifies.
#include "server/auth/base64url.h"
#include "server/auth/jwtcodec.h"

#include <QString>

#include <sodium.h>

#include <cstdint>
#include <cstdlib>

using namespace craftchat::auth;

namespace {

const QByteArray Secret = QByteArrayLiteral("fuzzing-secret-0123456789abcdef");
constexpr qint64 Now = 1800000000; // a fixed clock: the run does not depend on the date

QByteArray hmac(QByteArrayView input)
{
    QByteArray mac(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(Secret.constData()),
                                size_t(Secret.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(input.data()), size_t(input.size()));
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(mac.data()));
    return mac;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const JwtCodec codec(Secret);
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    if ((data[0] & 1) == 0) {
        (void)codec.verify(QString::fromUtf8(rest), Now);
        (void)base64UrlDecode(rest);
        return 0;
    }

    const qsizetype newline = rest.indexOf('\n');
    if (newline < 0)
        return 0;
    const QByteArray signingInput = base64UrlEncode(rest.left(newline)) + '.' + base64UrlEncode(rest.mid(newline + 1));
    const QByteArray token = signingInput + '.' + base64UrlEncode(hmac(signingInput));
    const JwtVerifyResult result = codec.verify(QString::fromLatin1(token), Now);
    if (!result)
        return 0;
    const JwtClaims &claims = *result;
    if (claims.userId.isEmpty() || !isKnownRole(claims.role))
        std::abort();
    if (claims.expiresAt <= Now) // a fractional exp just after Now, truncated
        return 0;
    const JwtVerifyResult again = codec.verify(codec.sign(claims), Now);
    if (!again || *again != claims)
        std::abort();
    return 0;
}
