// libFuzzer target: the Socket.IO v5 decoder (common/protocol/socketiopacket.h) as a
// connection feeds it: a sequence of Engine.IO messages, text or binary, in any order.
//
// Input: records separated by 0x1E; a record starting with 'b' is a binary message (the
// rest of it), any other record is a text message. Each record is also parsed on its own
// with parseText(), and a complete packet must encode to text that parses again.
#include "common/protocol/socketiopacket.h"

#include <cstdint>
#include <cstdlib>

using namespace craftchat::protocol::sio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    Decoder decoder(4);
    for (const QByteArray &record : input.split('\x1e')) {
        (void)parseText(record);
        Decoder::Result result;
        if (record.startsWith('b'))
            result = decoder.feedBinary(record.mid(1));
        else
            result = decoder.feedText(record);
        if (result.error != DecodeError::None) {
            if (result.packet)
                std::abort();
            (void)toString(result.error);
            decoder.reset();
            continue;
        }
        if (!result.packet)
            continue;
        const Packet &packet = *result.packet;
        (void)packet.eventName();
        (void)packet.arguments();
        const EncodedPacket encoded = encode(packet);
        DecodeError error = DecodeError::None;
        const std::optional<ParsedText> parsed = parseText(encoded.text, &error, 4);
        if (!parsed || parsed->packet.type != packet.type || parsed->packet.nsp != packet.nsp
            || parsed->packet.id != packet.id || parsed->attachmentCount != encoded.attachments.size())
            std::abort();
        for (const QJsonValue &argument : packet.arguments())
            (void)binaryAt(argument, packet.attachments);
    }
    return 0;
}
