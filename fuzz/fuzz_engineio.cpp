// libFuzzer target: the Engine.IO v4 codec (common/protocol/enginepacket.h), as the server
// uses it on hostile input: a WebSocket text frame, a binary frame and a long-polling payload.
// Whatever decodes must encode back to something that decodes to the same packets.
#include "common/protocol/enginepacket.h"

#include <cstdint>
#include <cstdlib>

using namespace craftchat::protocol::eio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const std::optional<Packet> frame = decodeTextFrame(input)) {
        const std::optional<Packet> again = decodeTextFrame(encodeTextFrame(*frame));
        if (!again || *again != *frame)
            std::abort();
    }

    const Packet binary = decodeBinaryFrame(input.toByteArray());
    if (!binary.binary || binary.data != input)
        std::abort();

    if (const std::optional<QList<Packet>> packets = decodePayload(input, 1000)) {
        if (packets->isEmpty())
            std::abort();
        const std::optional<QList<Packet>> again = decodePayload(encodePayload(*packets), 1000);
        if (!again || *again != *packets)
            std::abort();
    }
    return 0;
}
