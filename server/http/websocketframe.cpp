#include "websocketframe.h"

#include <cstring>

namespace craftchat::http {

bool WebSocketCloseCode::isValidOnWire(quint16 code)
{
    // 1004-1006 and 1015 are reserved and must not be sent; 1016-2999 are unassigned;
    // 3000-4999 belong to libraries and applications.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

void WebSocketFrame::appendHeader(QByteArray &out, WebSocketOpcode opcode, qsizetype payloadSize, bool fin)
{
    const char first = char((fin ? 0x80 : 0x00) | quint8(opcode));
    if (payloadSize < 126) {
        const char header[2] = {first, char(payloadSize)};
        out.append(header, 2);
    } else if (payloadSize <= 0xFFFF) {
        const char header[4] = {first, char(126), char(payloadSize >> 8), char(payloadSize)};
        out.append(header, 4);
    } else {
        char header[10] = {first, char(127)};
        const quint64 size = quint64(payloadSize);
        for (int i = 0; i < 8; ++i)
            header[2 + i] = char(size >> (56 - 8 * i));
        out.append(header, 10);
    }
}

QByteArray WebSocketFrame::build(WebSocketOpcode opcode, QByteArrayView payload, bool fin, const char *maskKey)
{
    QByteArray out;
    out.reserve(headerSize(payload.size()) + (maskKey ? 4 : 0) + payload.size());
    appendHeader(out, opcode, payload.size(), fin);
    if (!maskKey) {
        out.append(payload.data(), payload.size());
        return out;
    }
    out[1] = char(out[1] | 0x80);
    out.append(maskKey, 4);
    const qsizetype start = out.size();
    out.append(payload.data(), payload.size());
    char *p = out.data() + start;
    for (qsizetype i = 0; i < payload.size(); ++i)
        p[i] = char(p[i] ^ maskKey[i & 3]);
    return out;
}

QByteArray WebSocketFrame::textWithPrefix(char prefix, QByteArrayView payload)
{
    const qsizetype size = payload.size() + 1;
    QByteArray out;
    out.reserve(headerSize(size) + size);
    appendHeader(out, WebSocketOpcode::Text, size);
    out.append(prefix);
    out.append(payload.data(), payload.size());
    return out;
}

QByteArray WebSocketFrame::closePayload(quint16 code, QByteArrayView reason)
{
    if (code == WebSocketCloseCode::NoStatus)
        return {};
    QByteArray out;
    out.reserve(2 + reason.size());
    out.append(char(code >> 8));
    out.append(char(code & 0xFF));
    out.append(reason.data(), reason.size());
    return out;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p < end) {
        // ASCII runs (most chat traffic) eight bytes at a time.
        if (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        // The lead byte decides the length and the allowed range of the second byte, which
        // rules out overlong forms, surrogates (ED A0..BF) and code points above U+10FFFF.
        int continuation = 0;
        uchar low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            continuation = 2;
            if (c == 0xE0)
                low = 0xA0;
            else if (c == 0xED)
                high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            continuation = 3;
            if (c == 0xF0)
                low = 0x90;
            else if (c == 0xF4)
                high = 0x8F;
        } else {
            return false;
        }
        if (end - p <= continuation)
            return false;
        if (p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= continuation; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += continuation + 1;
    }
    return true;
}

} // namespace craftchat::http
