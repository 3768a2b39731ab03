// A WebSocket frame as a server sends it (never masked), read from the bytes a raw test client
// received: for the transport tests that play the client byte by byte (plain and TLS).
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace craftchat::testsupport {

struct ServerFrame
{
    quint8 firstByte = 0; // FIN, RSV and the opcode
    QByteArray payload;
    int opcode() const { return firstByte & 0x0F; }
    quint16 closeCode() const
    {
        return payload.size() >= 2 ? quint16((uchar(payload[0]) << 8) | uchar(payload[1])) : 0;
    }
};

// Takes the first complete frame off the front of buffer; nullopt (buffer untouched) while
// it is incomplete. A masked frame from a server is a broken server: the test stops.
inline std::optional<ServerFrame> takeServerFrame(QByteArray &buffer)
{
    if (buffer.size() < 2)
        return std::nullopt;
    if (buffer[1] & 0x80)
        qFatal("server frame is masked");
    qsizetype length = buffer[1] & 0x7F;
    qsizetype at = 2;
    if (length == 126) {
        if (buffer.size() < 4)
            return std::nullopt;
        length = (uchar(buffer[2]) << 8) | uchar(buffer[3]);
        at = 4;
    } else if (length == 127) {
        if (buffer.size() < 10)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | uchar(buffer[2 + i]);
        at = 10;
    }
    if (buffer.size() < at + length)
        return std::nullopt;
    ServerFrame frame{quint8(buffer[0]), buffer.mid(at, length)};
    buffer.remove(0, at + length);
    return frame;
}

} // namespace craftchat::testsupport
