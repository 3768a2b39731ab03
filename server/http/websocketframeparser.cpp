#include "server/http/websocketframeparser.h"

#include <algorithm>
#include <cstring>

namespace craftchat::http {

namespace {

bool isControl(WebSocketOpcode opcode)
{
    return (quint8(opcode) & 0x08) != 0;
}

} // namespace

WebSocketFrameParser::Event WebSocketFrameParser::takeEvent()
{
    Event event = std::move(m_event);
    m_event = Event();
    return event;
}

void WebSocketFrameParser::fail(quint16 code)
{
    m_stage = Stage::Failed;
    m_message = QByteArray();
    m_control = QByteArray();
    m_event = Event{Event::Kind::Error, {}, code};
}

qsizetype WebSocketFrameParser::parse(const char *data, qsizetype size)
{
    qsizetype used = 0;
    while (used < size && !hasEvent() && m_stage != Stage::Failed) {
        if (m_stage == Stage::Header) {
            const qsizetype take = std::min<qsizetype>(m_headerNeed - m_headerHave, size - used);
            std::memcpy(m_header + m_headerHave, data + used, size_t(take));
            used += take;
            m_headerHave = quint8(m_headerHave + take);
            if (m_headerHave < m_headerNeed)
                break;
            if (m_headerNeed == 2) {
                if (!checkFirstTwoBytes())
                    break;
                if (m_headerHave < m_headerNeed)
                    continue; // extended length and mask key follow
            }
            if (!headerComplete())
                break;
            continue;
        }
        // Payload.
        const qsizetype take = qsizetype(std::min<quint64>(m_payloadLeft, quint64(size - used)));
        char *out = isControl(m_opcode) ? m_control.data() + m_payloadDone : messageRoomFor(take);
        unmaskInto(out, data + used, take);
        m_payloadDone += quint64(take);
        m_payloadLeft -= quint64(take);
        used += take;
        if (m_payloadLeft == 0)
            frameComplete();
    }
    return used;
}

bool WebSocketFrameParser::checkFirstTwoBytes()
{
    const uchar b0 = m_header[0];
    const uchar b1 = m_header[1];
    m_fin = (b0 & 0x80) != 0;
    const quint8 opcode = b0 & 0x0F;
    if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0) { // RSV bits set, or an unmasked client frame
        fail(WebSocketCloseCode::ProtocolError);
        return false;
    }
    const quint8 length7 = b1 & 0x7F;
    switch (opcode) {
    case quint8(WebSocketOpcode::Continuation):
        if (m_messageOpcode == WebSocketOpcode::Continuation) { // nothing to continue
            fail(WebSocketCloseCode::ProtocolError);
            return false;
        }
        break;
    case quint8(WebSocketOpcode::Text):
    case quint8(WebSocketOpcode::Binary):
        if (m_messageOpcode != WebSocketOpcode::Continuation) { // the last message is unfinished
            fail(WebSocketCloseCode::ProtocolError);
            return false;
        }
        break;
    case quint8(WebSocketOpcode::Close):
    case quint8(WebSocketOpcode::Ping):
    case quint8(WebSocketOpcode::Pong):
        if (!m_fin || length7 > WebSocketFrame::MaxControlPayload) {
            fail(WebSocketCloseCode::ProtocolError);
            return false;
        }
        break;
    default: // reserved opcodes
        fail(WebSocketCloseCode::ProtocolError);
        return false;
    }
    m_opcode = WebSocketOpcode(opcode);
    m_headerNeed = quint8(2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4);
    return true;
}

bool WebSocketFrameParser::headerComplete()
{
    const quint8 length7 = m_header[1] & 0x7F;
    quint64 length = length7;
    int maskAt = 2;
    if (length7 == 126) {
        length = (quint64(m_header[2]) << 8) | m_header[3];
        maskAt = 4;
    } else if (length7 == 127) {
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | m_header[2 + i];
        maskAt = 10;
        if (length >> 63) { // the most significant bit must be 0
            fail(WebSocketCloseCode::ProtocolError);
            return false;
        }
    }
    std::memcpy(m_mask, m_header + maskAt, 4);
    m_headerHave = 0;
    m_headerNeed = 2;

    if (isControl(m_opcode)) {
        m_control.resize(qsizetype(length));
    } else {
        if (length > quint64(std::max<qint64>(0, m_maxFrame))
            || quint64(m_message.size()) + length > quint64(std::max<qint64>(0, m_maxMessage))) {
            fail(WebSocketCloseCode::TooBig);
            return false;
        }
        if (m_opcode != WebSocketOpcode::Continuation)
            m_messageOpcode = m_opcode;
        // No room is made yet: the announced length is only a promise (messageRoomFor()).
    }
    m_payloadLeft = length;
    m_payloadDone = 0;
    m_stage = Stage::Payload;
    if (length == 0)
        frameComplete();
    return true;
}

// Appends bytes to the message and returns where they go. The buffer grows with the payload
// that arrived, geometrically, but never beyond the end of the current frame, whose length
// the limits bound: a frame that arrives in one piece is one exact allocation.
char *WebSocketFrameParser::messageRoomFor(qsizetype bytes)
{
    const qsizetype at = m_message.size();
    const qsizetype needed = at + bytes;
    if (needed > m_message.capacity()) {
        const qsizetype frameEnd = at + qsizetype(m_payloadLeft);
        m_message.reserve(std::max(needed, std::min(2 * m_message.capacity(), frameEnd)));
    }
    m_message.resize(needed);
    return m_message.data() + at;
}

void WebSocketFrameParser::unmaskInto(char *out, const char *in, qsizetype size)
{
    // Rotate the key to the current phase, then XOR eight bytes at a time.
    const unsigned phase = unsigned(m_payloadDone & 3);
    uchar key[8];
    for (int i = 0; i < 8; ++i)
        key[i] = m_mask[(phase + unsigned(i)) & 3];
    quint64 key64;
    std::memcpy(&key64, key, 8);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, in + i, 8);
        word ^= key64;
        std::memcpy(out + i, &word, 8);
    }
    for (; i < size; ++i)
        out[i] = char(in[i] ^ key[i & 7]);
}

void WebSocketFrameParser::frameComplete()
{
    m_stage = Stage::Header;
    switch (m_opcode) {
    case WebSocketOpcode::Ping:
        m_event = Event{Event::Kind::Ping, std::exchange(m_control, QByteArray()), 0};
        return;
    case WebSocketOpcode::Pong:
        m_event = Event{Event::Kind::Pong, std::exchange(m_control, QByteArray()), 0};
        return;
    case WebSocketOpcode::Close: {
        const QByteArray payload = std::exchange(m_control, QByteArray());
        if (payload.isEmpty()) {
            m_event = Event{Event::Kind::Close, {}, WebSocketCloseCode::NoStatus};
            return;
        }
        if (payload.size() == 1) {
            fail(WebSocketCloseCode::ProtocolError);
            return;
        }
        const quint16 code = quint16((uchar(payload[0]) << 8) | uchar(payload[1]));
        if (!WebSocketCloseCode::isValidOnWire(code)) {
            fail(WebSocketCloseCode::ProtocolError);
            return;
        }
        const QByteArray reason = payload.mid(2);
        if (!reason.isValidUtf8()) {
            fail(WebSocketCloseCode::InvalidPayload);
            return;
        }
        m_event = Event{Event::Kind::Close, reason, code};
        return;
    }
    case WebSocketOpcode::Continuation:
    case WebSocketOpcode::Text:
    case WebSocketOpcode::Binary:
        break;
    }
    if (!m_fin)
        return; // more fragments follow
    const bool text = m_messageOpcode == WebSocketOpcode::Text;
    m_messageOpcode = WebSocketOpcode::Continuation;
    QByteArray message = std::exchange(m_message, QByteArray());
    if (text && !message.isValidUtf8()) {
        fail(WebSocketCloseCode::InvalidPayload);
        return;
    }
    m_event = Event{text ? Event::Kind::Text : Event::Kind::Binary, std::move(message), 0};
}

} // namespace craftchat::http
