#include "server/auth/base64url.h"

#include <algorithm>

namespace craftchat::auth {

QByteArray base64UrlEncode(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    const auto isAlphabet = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    };
    if (text.size() % 4 == 1 || !std::all_of(text.begin(), text.end(), isAlphabet))
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    // Reject non-canonical spellings (e.g. "QR" for "QQ"): one token, one encoding.
    if (base64UrlEncode(*result) != text)
        return std::nullopt;
    return *result;
}

} // namespace craftchat::auth
