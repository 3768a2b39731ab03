// libFuzzer target: the RFC 6455 frame parser of the server (server/http/
// websocketframeparser.h), fed the way a connection feeds it: bytes in pieces of any size.
//
// Input: the first byte picks the size of the pieces (1..256), the rest is what the client
// sends. The parser must consume input while it has no event, never report more bytes than
// it was given, stop at its first error and keep its buffers within the message limit.
#include "server/http/websocketframeparser.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using craftchat::http::WebSocketFrameParser;

namespace {
constexpr qint64 MaxFrameBytes = 4096;
constexpr qint64 MaxMessageBytes = 16384;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = qsizetype(data[0]) + 1;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    qsizetype left = qsizetype(size - 1);

    WebSocketFrameParser parser(MaxFrameBytes, MaxMessageBytes);
    while (left > 0 && !parser.failed()) {
        const qsizetype offered = std::min(piece, left);
        const qsizetype used = parser.parse(bytes, offered);
        if (used < 0 || used > offered)
            std::abort();
        bytes += used;
        left -= used;
        if (parser.hasEvent()) {
            const WebSocketFrameParser::Event event = parser.takeEvent();
            using Kind = WebSocketFrameParser::Event::Kind;
            if (event.kind == Kind::Error)
                break;
            if ((event.kind == Kind::Text || event.kind == Kind::Binary) && event.payload.size() > MaxMessageBytes)
                std::abort();
            if (event.kind == Kind::Text && !QByteArrayView(event.payload).isValidUtf8())
                std::abort();
            if (event.kind == Kind::Close)
                break;
        } else if (used == 0) {
            std::abort(); // no event, no error, bytes offered: the parser must take some
        }
        if (parser.bufferedCapacity() > 2 * MaxMessageBytes + 4096)
            std::abort();
    }
    return 0;
}
