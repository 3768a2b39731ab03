#include "common/protocol/socketiopacket.h"

#include "common/protocol/jsontext.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace craftchat::protocol::sio {

namespace {

constexpr qsizetype MaxNamespaceLength = 1024;
constexpr int MaxAckIdDigits = 16; // MaxAckId has 16 digits

bool isBinaryType(PacketType type)
{
    return type == PacketType::BinaryEvent || type == PacketType::BinaryAck;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Event names socket.io reserves for its own use; the JavaScript parser refuses them.
bool isReservedEventName(const QString &name)
{
    static const QStringList reserved = {
        QStringLiteral("connect"),       QStringLiteral("connect_error"), QStringLiteral("disconnect"),
        QStringLiteral("disconnecting"), QStringLiteral("newListener"),   QStringLiteral("removeListener"),
    };
    return reserved.contains(name);
}

// Compact JSON text of any JSON value, as QJsonDocument writes it (jsontext.h).
QByteArray toCompactJson(const QJsonValue &value)
{
    return protocol::json::toText(value);
}

void appendJsonString(QByteArray &out, QStringView text)
{
    protocol::json::appendString(out, text);
}

void appendJsonValue(QByteArray &out, const QJsonValue &value)
{
    protocol::json::appendValue(out, value);
}

// The header of a packet: type, namespace unless "/", ack id when >= 0.
void appendHeader(QByteArray &out, PacketType type, const QString &nsp, qint64 id)
{
    out.append(char('0' + int(type)));
    if (!nsp.isEmpty() && nsp != QLatin1String("/")) {
        out.append(nsp.toUtf8());
        out.append(',');
    }
    if (id >= 0)
        out.append(QByteArray::number(id));
}

// Parses any JSON value. Arrays and objects are parsed in place; other values are wrapped
// in an array first since QJsonDocument only accepts those two at the top level.
std::optional<QJsonValue> parseJson(QByteArrayView json)
{
    QJsonParseError err;
    const char first = json.front();
    if (first == '[' || first == '{') {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &err);
        if (err.error != QJsonParseError::NoError)
            return std::nullopt;
        if (doc.isArray())
            return QJsonValue(doc.array());
        return QJsonValue(doc.object());
    }
    QByteArray wrapped;
    wrapped.reserve(json.size() + 2);
    wrapped.append('[').append(json).append(']');
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &err);
    if (err.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

bool payloadFits(PacketType type, const QJsonValue &data)
{
    switch (type) {
    case PacketType::Connect:
        return data.isUndefined() || data.isObject();
    case PacketType::Disconnect:
        return data.isUndefined();
    case PacketType::ConnectError:
        return data.isObject() || data.isString();
    case PacketType::Event:
    case PacketType::BinaryEvent: {
        if (!data.isArray())
            return false;
        const QJsonArray array = data.toArray();
        return !array.isEmpty() && array.first().isString() && !isReservedEventName(array.first().toString());
    }
    case PacketType::Ack:
    case PacketType::BinaryAck:
        return data.isArray();
    }
    return false;
}

bool isPlaceholderObject(const QJsonObject &object)
{
    const auto it = object.constFind(QLatin1String("_placeholder"));
    return it != object.constEnd() && it->toBool(false);
}

// Checks every placeholder inside value references an existing attachment.
bool placeholdersValid(const QJsonValue &value, qsizetype attachmentCount, int depth = 0)
{
    if (depth > 64)
        return false;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            if (!placeholdersValid(v, attachmentCount, depth + 1))
                return false;
        return true;
    }
    if (!value.isObject())
        return true;
    const QJsonObject object = value.toObject();
    if (isPlaceholderObject(object)) {
        const QJsonValue num = object.value(QLatin1String("num"));
        if (!num.isDouble())
            return false;
        const double n = num.toDouble();
        return n >= 0 && n < double(attachmentCount) && n == double(qint64(n));
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        if (!placeholdersValid(it.value(), attachmentCount, depth + 1))
            return false;
    return true;
}

bool validNamespaceChar(char c)
{
    return uchar(c) >= 0x20 && c != '[' && c != '{' && c != '"' && c != 0x7f;
}

std::optional<ParsedText> fail(DecodeError *error, DecodeError code)
{
    if (error)
        *error = code;
    return std::nullopt;
}

} // namespace

QString Packet::eventName() const
{
    if ((type != PacketType::Event && type != PacketType::BinaryEvent) || !data.isArray())
        return {};
    return data.toArray().first().toString();
}

QJsonArray Packet::arguments() const
{
    if (!data.isArray())
        return {};
    QJsonArray args = data.toArray();
    if (isEvent() && !args.isEmpty())
        args.removeFirst();
    return args;
}

Packet Packet::event(const QString &nsp, const QString &name, const QJsonArray &args, QList<QByteArray> attachments,
                     qint64 ackId)
{
    QJsonArray array = args;
    array.prepend(name);
    return Packet{attachments.isEmpty() ? PacketType::Event : PacketType::BinaryEvent, nsp, ackId,
                  QJsonValue(std::move(array)), std::move(attachments)};
}

Packet Packet::ack(const QString &nsp, qint64 id, const QJsonArray &args, QList<QByteArray> attachments)
{
    return Packet{attachments.isEmpty() ? PacketType::Ack : PacketType::BinaryAck, nsp, id, QJsonValue(args),
                  std::move(attachments)};
}

QJsonObject placeholder(int num)
{
    return QJsonObject{{QLatin1String("_placeholder"), true}, {QLatin1String("num"), num}};
}

std::optional<QByteArray> binaryAt(const QJsonValue &value, const QList<QByteArray> &attachments)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    if (!isPlaceholderObject(object))
        return std::nullopt;
    const QJsonValue num = object.value(QLatin1String("num"));
    if (!num.isDouble())
        return std::nullopt;
    const double n = num.toDouble();
    if (n < 0 || n >= double(attachments.size()) || n != double(qint64(n)))
        return std::nullopt;
    return attachments.at(qsizetype(n));
}

EncodedPacket encode(const Packet &packet)
{
    PacketType type = packet.type;
    if (!packet.attachments.isEmpty()) {
        if (type == PacketType::Event)
            type = PacketType::BinaryEvent;
        else if (type == PacketType::Ack)
            type = PacketType::BinaryAck;
    }
    QByteArray json;
    if (!packet.data.isUndefined())
        json = toCompactJson(packet.data);
    const bool writeNsp = !packet.nsp.isEmpty() && packet.nsp != QLatin1String("/");
    const QByteArray nsp = writeNsp ? packet.nsp.toUtf8() : QByteArray();

    EncodedPacket out;
    out.text.reserve(json.size() + nsp.size() + 32);
    out.text.append(char('0' + int(type)));
    if (isBinaryType(type)) {
        out.text.append(QByteArray::number(packet.attachments.size()));
        out.text.append('-');
    }
    if (writeNsp) {
        out.text.append(nsp);
        out.text.append(',');
    }
    if (packet.id >= 0)
        out.text.append(QByteArray::number(packet.id));
    out.text.append(json);
    out.attachments = packet.attachments;
    return out;
}

QByteArray encodeArguments(const QJsonArray &args)
{
    QByteArray out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendJsonValue(out, args.at(i));
    }
    return out;
}

QByteArray encodeEvent(const QString &nsp, const QString &name, QByteArrayView arguments, qint64 ackId)
{
    QByteArray out;
    out.reserve(arguments.size() + name.size() + 32);
    appendHeader(out, PacketType::Event, nsp, ackId);
    out.append('[');
    appendJsonString(out, name);
    if (!arguments.isEmpty()) {
        out.append(',');
        out.append(arguments);
    }
    out.append(']');
    return out;
}

QByteArray encodeAck(const QString &nsp, qint64 id, QByteArrayView arguments)
{
    QByteArray out;
    out.reserve(arguments.size() + 32);
    appendHeader(out, PacketType::Ack, nsp, id);
    out.append('[');
    out.append(arguments);
    out.append(']');
    return out;
}

QString toString(DecodeError error)
{
    switch (error) {
    case DecodeError::None:
        return QStringLiteral("no error");
    case DecodeError::Empty:
        return QStringLiteral("empty packet");
    case DecodeError::UnknownType:
        return QStringLiteral("unknown packet type");
    case DecodeError::BadAttachmentCount:
        return QStringLiteral("illegal attachments");
    case DecodeError::BadNamespace:
        return QStringLiteral("invalid namespace");
    case DecodeError::BadAckId:
        return QStringLiteral("invalid ack id");
    case DecodeError::BadJson:
        return QStringLiteral("invalid JSON");
    case DecodeError::BadPayload:
        return QStringLiteral("invalid payload");
    case DecodeError::BadPlaceholder:
        return QStringLiteral("invalid attachment placeholder");
    case DecodeError::TooManyAttachments:
        return QStringLiteral("too many attachments");
    case DecodeError::UnexpectedBinary:
        return QStringLiteral("unexpected binary attachment");
    case DecodeError::UnexpectedText:
        return QStringLiteral("text packet while awaiting attachments");
    }
    return QStringLiteral("unknown error");
}

std::optional<ParsedText> parseText(QByteArrayView text, DecodeError *error, int maxAttachments)
{
    if (error)
        *error = DecodeError::None;
    if (text.isEmpty())
        return fail(error, DecodeError::Empty);
    const char t = text.front();
    if (t < '0' || t > '6')
        return fail(error, DecodeError::UnknownType);

    ParsedText result;
    Packet &packet = result.packet;
    packet.type = PacketType(t - '0');
    qsizetype pos = 1;
    const qsizetype size = text.size();

    // attachment count "<n>-"
    if (isBinaryType(packet.type)) {
        const qsizetype start = pos;
        qint64 count = 0;
        while (pos < size && isDigit(text[pos])) {
            if (count <= maxAttachments)
                count = count * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == start || pos >= size || text[pos] != '-')
            return fail(error, DecodeError::BadAttachmentCount);
        if (count > maxAttachments)
            return fail(error, DecodeError::TooManyAttachments);
        ++pos;
        result.attachmentCount = count;
    }

    // namespace "/name," (the comma may be missing at the very end)
    if (pos < size && text[pos] == '/') {
        const qsizetype start = pos;
        while (pos < size && text[pos] != ',') {
            if (!validNamespaceChar(text[pos]) || pos - start >= MaxNamespaceLength)
                return fail(error, DecodeError::BadNamespace);
            ++pos;
        }
        const QByteArrayView nsp = text.sliced(start, pos - start);
        if (!nsp.isValidUtf8())
            return fail(error, DecodeError::BadNamespace);
        packet.nsp = QString::fromUtf8(nsp);
        if (pos < size)
            ++pos; // the comma
    }

    // ack id: digits only
    if (pos < size && isDigit(text[pos])) {
        const qsizetype start = pos;
        qint64 id = 0;
        while (pos < size && isDigit(text[pos])) {
            if (pos - start >= MaxAckIdDigits)
                return fail(error, DecodeError::BadAckId);
            id = id * 10 + (text[pos] - '0');
            ++pos;
        }
        if (id > MaxAckId)
            return fail(error, DecodeError::BadAckId);
        packet.id = id;
    }
    const bool isAck = packet.type == PacketType::Ack || packet.type == PacketType::BinaryAck;
    const bool mayHaveId = isAck || packet.type == PacketType::Event || packet.type == PacketType::BinaryEvent;
    if ((isAck && packet.id < 0) || (!mayHaveId && packet.id >= 0))
        return fail(error, DecodeError::BadAckId);

    // JSON data
    if (pos < size) {
        auto value = parseJson(text.sliced(pos));
        if (!value)
            return fail(error, DecodeError::BadJson);
        packet.data = std::move(*value);
    }
    if (!payloadFits(packet.type, packet.data))
        return fail(error, DecodeError::BadPayload);
    if (isBinaryType(packet.type) && !placeholdersValid(packet.data, result.attachmentCount))
        return fail(error, DecodeError::BadPlaceholder);
    return result;
}

Decoder::Result Decoder::feedText(QByteArrayView text)
{
    if (m_pending) {
        reset();
        return {DecodeError::UnexpectedText, std::nullopt};
    }
    DecodeError error = DecodeError::None;
    auto parsed = parseText(text, &error, m_maxAttachments);
    if (!parsed)
        return {error, std::nullopt};
    if (isBinaryType(parsed->packet.type) && parsed->attachmentCount > 0) {
        m_expected = parsed->attachmentCount;
        m_pending = std::make_unique<Packet>(std::move(parsed->packet));
        m_pending->attachments.reserve(m_expected);
        return {};
    }
    return {DecodeError::None, std::move(parsed->packet)};
}

Decoder::Result Decoder::feedBinary(const QByteArray &bytes)
{
    if (!m_pending)
        return {DecodeError::UnexpectedBinary, std::nullopt};
    m_pending->attachments.append(bytes);
    if (m_pending->attachments.size() < m_expected)
        return {};
    Result result{DecodeError::None, std::move(*m_pending)};
    reset();
    return result;
}

void Decoder::reset()
{
    m_pending.reset();
    m_expected = 0;
}

} // namespace craftchat::protocol::sio
