// Engine.IO protocol v4 packets: the codec shared by the server and the client.
//
// Wire forms:
//  * WebSocket text frame:   "<type digit><data>"      e.g. "4hello", "2probe", "3"
//  * WebSocket binary frame: raw bytes of a binary MESSAGE packet (no type prefix)
//  * HTTP long-polling payload: packets joined by the record separator 0x1E; a binary
//    MESSAGE is written as "b" + base64(bytes).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <optional>

namespace craftchat::protocol::eio {

enum class PacketType : quint8 {
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
};

inline constexpr char RecordSeparator = '\x1e';

struct Packet
{
    PacketType type = PacketType::Message;
    QByteArray data;     // text payload (UTF-8) or, when binary, the raw bytes
    bool binary = false; // only MESSAGE packets can be binary

    static Packet text(PacketType type, QByteArray data = {}) { return {type, std::move(data), false}; }
    static Packet message(QByteArray data) { return {PacketType::Message, std::move(data), false}; }
    static Packet binaryMessage(QByteArray bytes) { return {PacketType::Message, std::move(bytes), true}; }

    friend bool operator==(const Packet &, const Packet &) = default;
};

// --- WebSocket frames ---------------------------------------------------------------------
// Text frame body for a non-binary packet: type digit followed by data.
QByteArray encodeTextFrame(const Packet &packet);
// Decodes a text frame; nullopt when empty or when the type is not a digit 0..6.
std::optional<Packet> decodeTextFrame(QByteArrayView frame);
// A binary frame is always a binary MESSAGE packet.
Packet decodeBinaryFrame(const QByteArray &frame);

// --- HTTP long-polling payloads -----------------------------------------------------------
// Appends one packet in polling form ("4hello" or "b<base64>") to out, with a leading
// separator when out is not empty.
void appendToPayload(QByteArray &out, const Packet &packet);
QByteArray encodePayload(const QList<Packet> &packets);
// Decodes a polling payload. nullopt if any packet is malformed (empty, which includes a
// leading/trailing/doubled separator; unknown type; base64 with an invalid character, bad
// padding or an impossible length) or if more than maxPackets packets are present.
std::optional<QList<Packet>> decodePayload(QByteArrayView payload, qsizetype maxPackets = 100000);

} // namespace craftchat::protocol::eio
