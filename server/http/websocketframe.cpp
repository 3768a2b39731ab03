#include "server/http/websocketframe.h"

namespace craftchat::http {

bool WebSocketCloseCode::isValidOnWire(quint16 code)
{
    // 1004-1006 and 1015 are reserved and must not be sent; 1016-2999 are unassigned;
    // 3000-4999 belong to libraries and applications.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
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

} // namespace craftchat::http
