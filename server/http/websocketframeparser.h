// Incremental parser of the frames a WebSocket client sends (RFC 6455 section 5), without
// sockets: bytes go in as they arrive, split anywhere, and complete messages, control frames
// or the first protocol error come out, one event at a time.
//
// Checked: FIN/RSV bits (no extension is negotiated, so RSV must be 0), known opcodes, client
// frames masked, 16- and 64-bit lengths (64-bit with the most significant bit clear),
// continuation frames only inside a fragmented message and data frames only outside one,
// control frames at most 125 bytes and never fragmented (they may come between the fragments
// of a message), close frames (no 1-byte payload, a code a peer may send, a UTF-8 reason),
// text messages as UTF-8, and the frame and message size limits (close code 1009).
//
// Use:
//     while (size > 0) {
//         const qsizetype used = parser.parse(data, size);
//         data += used; size -= used;
//         if (parser.hasEvent()) handle(parser.takeEvent());   // Error: stop feeding
//     }
#pragma once

#include "server/http/websocketframe.h"

#include <QByteArray>

namespace craftchat::http {

class WebSocketFrameParser
{
public:
    struct Event
    {
        enum class Kind : quint8 {
            None,
            Text,
            Binary,
            Ping,
            Pong,
            Close,
            Error
        };
        Kind kind = Kind::None;
        // Text/Binary: the whole message (text is valid UTF-8); Ping/Pong: the control
        // payload; Close: the reason (UTF-8).
        QByteArray payload;
        // Close: the peer's code (NoStatus when its frame had none); Error: the code to
        // close with (ProtocolError, InvalidPayload or TooBig).
        quint16 closeCode = 0;
    };

    WebSocketFrameParser(qint64 maxFrameBytes, qint64 maxMessageBytes)
        : m_maxFrame(maxFrameBytes)
        , m_maxMessage(maxMessageBytes)
    {}

    // Consumes bytes until one event is complete or the input is used up; returns the number
    // of bytes consumed. Consumes nothing while an event is waiting or after an error.
    qsizetype parse(const char *data, qsizetype size);
    bool hasEvent() const { return m_event.kind != Event::Kind::None; }
    Event takeEvent();
    bool failed() const { return m_stage == Stage::Failed; }
    // Bytes the parser holds allocated for a message or control frame being assembled. It
    // follows the payload that actually arrived, not the length a header announced: a peer
    // that announces a large frame and sends nothing costs nothing.
    qsizetype bufferedCapacity() const { return m_message.capacity() + m_control.capacity(); }

private:
    enum class Stage : quint8 {
        Header,
        Payload,
        Failed
    };

    void fail(quint16 code);
    bool checkFirstTwoBytes(); // false: failed
    bool headerComplete();     // false: failed
    void frameComplete();
    void unmaskInto(char *out, const char *in, qsizetype size);
    char *messageRoomFor(qsizetype bytes);

    qint64 m_maxFrame;
    qint64 m_maxMessage;
    QByteArray m_message; // the data message being assembled (unmasked)
    QByteArray m_control; // payload of the control frame being read
    Event m_event;
    quint64 m_payloadLeft = 0; // of the current frame
    quint64 m_payloadDone = 0; // of the current frame: the mask phase, where control bytes go
    uchar m_header[14] = {};
    quint8 m_headerHave = 0;
    quint8 m_headerNeed = 2;
    quint8 m_mask[4] = {};
    WebSocketOpcode m_opcode = WebSocketOpcode::Continuation;        // of the current frame
    WebSocketOpcode m_messageOpcode = WebSocketOpcode::Continuation; // Text/Binary while fragmented
    bool m_fin = false;
    Stage m_stage = Stage::Header;
};

} // namespace craftchat::http
