// Socket.IO protocol v5 packets: the codec shared by the server and the client.
//
// Text form: <type>[<attachments>-][<namespace>,][<ack id>][<JSON data>]
//   "0" CONNECT, "1" DISCONNECT, "2" EVENT, "3" ACK, "4" CONNECT_ERROR,
//   "5" BINARY_EVENT, "6" BINARY_ACK. The namespace is written only when it is not "/".
//
// Binary data travels as separate attachments (one Engine.IO binary message each) after the
// text part. In memory a packet keeps its JSON data exactly as on the wire, with the
// placeholders {"_placeholder":true,"num":n} in place, plus the list of attachments; num n
// refers to attachments[n]. This keeps the hot JSON-only path free of conversions: use
// placeholder() to put bytes into arguments and binaryAt() to read them back.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace craftchat::protocol::sio {

enum class PacketType : quint8 {
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
};

// Largest ack id accepted: JavaScript's Number.MAX_SAFE_INTEGER.
inline constexpr qint64 MaxAckId = 9007199254740991LL;

struct Packet
{
    PacketType type = PacketType::Event;
    QString nsp = QStringLiteral("/");
    qint64 id = -1;                          // ack id, -1 when none
    QJsonValue data = QJsonValue::Undefined; // Undefined when the packet has no data
    QList<QByteArray> attachments;           // binary attachments referenced by placeholders

    bool hasAck() const { return id >= 0; }
    // EVENT or BINARY_EVENT / ACK or BINARY_ACK (decoded binary packets keep their type).
    bool isEvent() const { return type == PacketType::Event || type == PacketType::BinaryEvent; }
    bool isAck() const { return type == PacketType::Ack || type == PacketType::BinaryAck; }
    // EVENT / BINARY_EVENT: the event name (first element of data), empty otherwise.
    QString eventName() const;
    // EVENT: the arguments after the name; ACK: the whole array.
    QJsonArray arguments() const;

    static Packet event(const QString &nsp, const QString &name, const QJsonArray &args,
                        QList<QByteArray> attachments = {}, qint64 ackId = -1);
    static Packet ack(const QString &nsp, qint64 id, const QJsonArray &args, QList<QByteArray> attachments = {});
};

// {"_placeholder":true,"num":n}
QJsonObject placeholder(int num);
// If value is a placeholder whose num indexes attachments, returns that attachment.
std::optional<QByteArray> binaryAt(const QJsonValue &value, const QList<QByteArray> &attachments);

// Encoding. EVENT/ACK with attachments are written as BINARY_EVENT/BINARY_ACK with the
// attachment count. The text part is what goes into the Engine.IO MESSAGE packet; each
// attachment goes into its own binary MESSAGE packet after it.
struct EncodedPacket
{
    QByteArray text;
    QList<QByteArray> attachments;
};
EncodedPacket encode(const Packet &packet);

// Encoders for the hot paths (no attachments), byte for byte what encode() writes. The JSON
// of the arguments is written once and can serve several packets (an event and the ack that
// carry the same payload), and no array with the event name in front is built.
//
// The arguments' JSON joined by commas, without brackets: `{"a":1},"b"` (empty for none).
QByteArray encodeArguments(const QJsonArray &args);
// EVENT: 2[/nsp,][ackId]["name"[,arguments]]
QByteArray encodeEvent(const QString &nsp, const QString &name, QByteArrayView arguments, qint64 ackId = -1);
// ACK: 3[/nsp,]id[arguments]
QByteArray encodeAck(const QString &nsp, qint64 id, QByteArrayView arguments);

enum class DecodeError {
    None,
    Empty,
    UnknownType,
    BadAttachmentCount,
    BadNamespace,
    BadAckId,
    BadJson,
    BadPayload,     // data does not fit the type (EVENT: non-empty array starting with a
                    // string; ACK: array; CONNECT: object or none; CONNECT_ERROR: object
                    // or string; DISCONNECT: none)
    BadPlaceholder, // a placeholder num out of range or not an integer
    TooManyAttachments,
    UnexpectedBinary, // a binary frame arrived while no attachments were expected
    UnexpectedText,   // a text frame arrived while attachments were still expected
};
QString toString(DecodeError error);

// Stateful decoder, one per connection: text packets complete at once, BINARY_EVENT and
// BINARY_ACK complete when their attachments have arrived.
class Decoder
{
public:
    explicit Decoder(int maxAttachments = 10)
        : m_maxAttachments(maxAttachments)
    {}

    struct Result
    {
        DecodeError error = DecodeError::None;
        std::optional<Packet> packet; // set when a packet is complete
    };

    Result feedText(QByteArrayView text);
    Result feedBinary(const QByteArray &bytes);
    bool awaitingAttachments() const { return m_pending != nullptr; }
    void reset();

private:
    int m_maxAttachments;
    // On the heap: a decoder lives as long as its connection, and a packet waiting for its
    // attachments is rare (about 90 bytes per connection saved).
    std::unique_ptr<Packet> m_pending;
    qsizetype m_expected = 0;
};

// Decodes one text packet without state (attachment count is parsed but attachments are not
// awaited). Used by the Decoder and by tests.
struct ParsedText
{
    Packet packet;
    qsizetype attachmentCount = 0;
};
std::optional<ParsedText> parseText(QByteArrayView text, DecodeError *error = nullptr, int maxAttachments = 10);

} // namespace craftchat::protocol::sio
