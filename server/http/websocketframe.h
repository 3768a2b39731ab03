// RFC 6455 frame vocabulary shared by the server's WebSocket layer and its tests: opcodes,
// close codes and the encoder of whole frames (text is checked with Qt's strict
// QByteArrayView::isValidUtf8: no overlong forms, surrogates or code points above U+10FFFF).
//
// Server frames are never masked; masked frames are only built for tests that play the client.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

namespace craftchat::http {

enum class WebSocketOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// The close codes this layer sends itself (RFC 6455 section 7.4.1).
namespace WebSocketCloseCode {
constexpr quint16 Normal = 1000;
constexpr quint16 GoingAway = 1001;
constexpr quint16 ProtocolError = 1002;
constexpr quint16 NoStatus = 1005;       // never on the wire: a close frame without a code
constexpr quint16 InvalidPayload = 1007; // text that is not UTF-8
constexpr quint16 PolicyViolated = 1008;
constexpr quint16 TooBig = 1009;
// A code a peer may put in its close frame.
bool isValidOnWire(quint16 code);
} // namespace WebSocketCloseCode

namespace WebSocketFrame {

constexpr qsizetype MaxControlPayload = 125;

// Bytes of the header of an unmasked frame carrying payloadSize bytes (2, 4 or 10).
constexpr qsizetype headerSize(qsizetype payloadSize)
{
    return payloadSize < 126 ? 2 : payloadSize <= 0xFFFF ? 4 : 10;
}
// Appends the header of one unmasked frame.
void appendHeader(QByteArray &out, WebSocketOpcode opcode, qsizetype payloadSize, bool fin = true);
// One complete frame. With maskKey (4 bytes) the frame is masked, as a client sends it.
QByteArray build(WebSocketOpcode opcode, QByteArrayView payload, bool fin = true, const char *maskKey = nullptr);
// An unmasked text frame of prefix followed by payload (an Engine.IO packet: type digit + data),
// built without an intermediate copy of the packet.
QByteArray textWithPrefix(char prefix, QByteArrayView payload);
// Payload of a close frame: the code in network order, then the reason. NoStatus: empty.
QByteArray closePayload(quint16 code, QByteArrayView reason = {});

} // namespace WebSocketFrame

} // namespace craftchat::http
