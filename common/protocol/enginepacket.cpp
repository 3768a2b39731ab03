#include "common/protocol/enginepacket.h"

namespace craftchat::protocol::eio {

namespace {

constexpr char typeDigit(PacketType type)
{
    return char('0' + int(type));
}

std::optional<PacketType> typeFromDigit(char c)
{
    if (c < '0' || c > '6')
        return std::nullopt;
    return PacketType(c - '0');
}

// One packet of a polling payload: "<digit><data>" or "b<base64>".
std::optional<Packet> decodePayloadPart(QByteArrayView part)
{
    if (part.isEmpty())
        return std::nullopt;
    if (part.front() == 'b') {
        if ((part.size() - 1) % 4 == 1) // no base64 text has this length, padded or not
            return std::nullopt;
        auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromRawData(part.data() + 1, part.size() - 1),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
            return std::nullopt;
        // fromRawData input: detach so the packet owns its bytes.
        QByteArray bytes = std::move(decoded.decoded);
        bytes.detach();
        return Packet::binaryMessage(std::move(bytes));
    }
    return decodeTextFrame(part);
}

} // namespace

QByteArray encodeTextFrame(const Packet &packet)
{
    QByteArray out;
    out.reserve(packet.data.size() + 1);
    out.append(typeDigit(packet.type));
    out.append(packet.data);
    return out;
}

std::optional<Packet> decodeTextFrame(QByteArrayView frame)
{
    if (frame.isEmpty())
        return std::nullopt;
    const auto type = typeFromDigit(frame.front());
    if (!type)
        return std::nullopt;
    return Packet::text(*type, frame.sliced(1).toByteArray());
}

Packet decodeBinaryFrame(const QByteArray &frame)
{
    return Packet::binaryMessage(frame);
}

void appendToPayload(QByteArray &out, const Packet &packet)
{
    if (!out.isEmpty())
        out.append(RecordSeparator);
    if (packet.binary && packet.type == PacketType::Message) {
        out.append('b');
        out.append(packet.data.toBase64());
    } else {
        out.append(typeDigit(packet.type));
        out.append(packet.data);
    }
}

QByteArray encodePayload(const QList<Packet> &packets)
{
    QByteArray out;
    qsizetype size = 0;
    for (const Packet &p : packets)
        size += 2 + (p.binary ? (p.data.size() + 2) / 3 * 4 : p.data.size());
    out.reserve(size);
    for (const Packet &p : packets)
        appendToPayload(out, p);
    return out;
}

std::optional<QList<Packet>> decodePayload(QByteArrayView payload, qsizetype maxPackets)
{
    if (payload.isEmpty())
        return std::nullopt;
    QList<Packet> packets;
    qsizetype start = 0;
    while (true) {
        if (packets.size() >= maxPackets)
            return std::nullopt;
        const qsizetype sep = payload.indexOf(RecordSeparator, start);
        const qsizetype end = sep < 0 ? payload.size() : sep;
        auto packet = decodePayloadPart(payload.sliced(start, end - start));
        if (!packet)
            return std::nullopt;
        packets.append(std::move(*packet));
        if (sep < 0)
            break;
        start = sep + 1;
    }
    return packets;
}

} // namespace craftchat::protocol::eio
