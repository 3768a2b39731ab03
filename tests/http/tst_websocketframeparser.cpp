// Unit tests of the WebSocket frame layer without sockets: the frame parser (good frames, every
// malformed case, the input split at every byte boundary), the frame encoder and UTF-8 checks.
#include "server/http/websocketframe.h"
#include "server/http/websocketframeparser.h"

#include <QTest>

#include <algorithm>
#include <optional>

using namespace craftchat::http;

namespace {

const char kMask[4] = {'\x37', '\xfa', '\x21', '\x3d'};

// A frame as a client sends it (masked).
QByteArray client(WebSocketOpcode opcode, const QByteArray &payload, bool fin = true)
{
    return WebSocketFrame::build(opcode, payload, fin, kMask);
}
QByteArray text(const QByteArray &payload, bool fin = true)
{
    return client(WebSocketOpcode::Text, payload, fin);
}
QByteArray cont(const QByteArray &payload, bool fin = true)
{
    return client(WebSocketOpcode::Continuation, payload, fin);
}
// Any code, also those closePayload() never writes (1005).
QByteArray closeFrame(quint16 code, const QByteArray &reason = {})
{
    QByteArray payload;
    payload.append(char(code >> 8));
    payload.append(char(code & 0xFF));
    return client(WebSocketOpcode::Close, payload + reason);
}
// A masked frame with a hand-made first byte and length field (for the malformed cases).
QByteArray rawFrame(quint8 first, const QByteArray &lengthBytes, const QByteArray &payload)
{
    QByteArray out;
    out.append(char(first));
    out.append(lengthBytes);
    out[1] = char(out[1] | 0x80);
    out.append(kMask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        out.append(char(payload[i] ^ kMask[i & 3]));
    return out;
}

QString describe(const WebSocketFrameParser::Event &event)
{
    using Kind = WebSocketFrameParser::Event::Kind;
    switch (event.kind) {
    case Kind::Text:
        return QStringLiteral("text:") + QString::fromUtf8(event.payload);
    case Kind::Binary:
        return QStringLiteral("binary:") + QString::fromLatin1(event.payload.toHex());
    case Kind::Ping:
        return QStringLiteral("ping:") + QString::fromUtf8(event.payload);
    case Kind::Pong:
        return QStringLiteral("pong:") + QString::fromUtf8(event.payload);
    case Kind::Close:
        return QStringLiteral("close:%1:%2").arg(event.closeCode).arg(QString::fromUtf8(event.payload));
    case Kind::Error:
        return QStringLiteral("error:%1").arg(event.closeCode);
    case Kind::None:
        break;
    }
    return QStringLiteral("none");
}

// Feeds the chunks one after the other and lists the events.
QStringList run(const QList<QByteArray> &chunks, qint64 maxFrame, qint64 maxMessage)
{
    WebSocketFrameParser parser(maxFrame, maxMessage);
    QStringList events;
    for (const QByteArray &chunk : chunks) {
        const char *data = chunk.constData();
        qsizetype size = chunk.size();
        while (size > 0 && !parser.failed()) {
            const qsizetype used = parser.parse(data, size);
            data += used;
            size -= used;
            if (parser.hasEvent())
                events << describe(parser.takeEvent());
            else if (used == 0)
                break;
        }
        if (parser.failed())
            break;
    }
    return events;
}

} // namespace

class TstWebSocketFrameParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void failedParserConsumesNothing();
    void bufferFollowsArrivedPayload_data();
    void bufferFollowsArrivedPayload();
    void utf8_data();
    void utf8();
    void encoder_data();
    void encoder();
    void closePayload();
};

void TstWebSocketFrameParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qint64>("maxFrame");
    QTest::addColumn<qint64>("maxMessage");
    QTest::addColumn<QStringList>("expected");

    const qint64 big = 1'000'000;
    const QByteArray bin126(126, '\x5a');
    const QByteArray bin70000(70000, '\x01');

    // Good frames.
    QTest::newRow("text") << text("Hello") << big << big << QStringList{"text:Hello"};
    QTest::newRow("empty text") << text("") << big << big << QStringList{"text:"};
    QTest::newRow("utf-8 text") << text("40[\"m\",\"ü€😀\"]") << big << big << QStringList{"text:40[\"m\",\"ü€😀\"]"};
    QTest::newRow("binary") << client(WebSocketOpcode::Binary, QByteArray("\x00\xff\x10", 3)) << big << big
                            << QStringList{"binary:00ff10"};
    QTest::newRow("16-bit length") << client(WebSocketOpcode::Binary, bin126) << big << big
                                   << QStringList{"binary:" + QString::fromLatin1(bin126.toHex())};
    {
        // 64-bit length field; the event is checked by size below (a hex dump would be huge).
        WebSocketFrameParser probe(big, big);
        const QByteArray frame = client(WebSocketOpcode::Binary, bin70000);
        QCOMPARE(frame.size(), 2 + 8 + 4 + 70000);
        QTest::newRow("64-bit length") << frame << big << big
                                       << QStringList{"binary:" + QString::fromLatin1(bin70000.toHex())};
    }
    QTest::newRow("two messages") << text("a") + client(WebSocketOpcode::Binary, "b") << big << big
                                  << QStringList{"text:a", "binary:62"};
    QTest::newRow("fragmented text") << text("Hel", false) + cont("lo ", false) + cont("world") << big << big
                                     << QStringList{"text:Hello world"};
    QTest::newRow("fragmented binary") << client(WebSocketOpcode::Binary, "\x01", false) + cont("\x02") << big << big
                                       << QStringList{"binary:0102"};
    QTest::newRow("empty fragments") << text("", false) + cont("", false) + cont("x") << big << big
                                     << QStringList{"text:x"};
    QTest::newRow("utf-8 split across fragments") << text("a\xc3", false)
                                                         + cont("\xbc"
                                                                "b")
                                                  << big << big << QStringList{"text:aüb"};
    QTest::newRow("ping inside fragmented message")
        << text("one ", false) + client(WebSocketOpcode::Ping, "p") + cont("two") << big << big
        << QStringList{"ping:p", "text:one two"};
    QTest::newRow("close inside fragmented message")
        << text("one ", false) + closeFrame(1000) << big << big << QStringList{"close:1000:"};
    QTest::newRow("ping") << client(WebSocketOpcode::Ping, "abc") << big << big << QStringList{"ping:abc"};
    QTest::newRow("empty ping") << client(WebSocketOpcode::Ping, "") << big << big << QStringList{"ping:"};
    QTest::newRow("ping of 125 bytes") << client(WebSocketOpcode::Ping, QByteArray(125, 'p')) << big << big
                                       << QStringList{"ping:" + QString(125, QLatin1Char('p'))};
    QTest::newRow("pong") << client(WebSocketOpcode::Pong, "abc") << big << big << QStringList{"pong:abc"};
    QTest::newRow("close without code") << client(WebSocketOpcode::Close, "") << big << big
                                        << QStringList{"close:1005:"};
    QTest::newRow("close 1000 with reason") << closeFrame(1000, "bye") << big << big << QStringList{"close:1000:bye"};
    QTest::newRow("close 1001") << closeFrame(1001) << big << big << QStringList{"close:1001:"};
    QTest::newRow("close 1011") << closeFrame(1011) << big << big << QStringList{"close:1011:"};
    QTest::newRow("close 3000") << closeFrame(3000) << big << big << QStringList{"close:3000:"};
    QTest::newRow("close 4999") << closeFrame(4999, "ü") << big << big << QStringList{"close:4999:ü"};
    QTest::newRow("frame at the limits") << text(QByteArray(100, 't')) << qint64(100) << qint64(100)
                                         << QStringList{"text:" + QString(100, QLatin1Char('t'))};
    QTest::newRow("control frames ignore the limits")
        << client(WebSocketOpcode::Ping, QByteArray(20, 'p')) << qint64(10) << qint64(10)
        << QStringList{"ping:" + QString(20, QLatin1Char('p'))};

    // Malformed: protocol errors (1002).
    QTest::newRow("unmasked frame") << WebSocketFrame::build(WebSocketOpcode::Text, "Hello") << big << big
                                    << QStringList{"error:1002"};
    QTest::newRow("RSV1") << rawFrame(0xC1, QByteArray(1, 2), "hi") << big << big << QStringList{"error:1002"};
    QTest::newRow("RSV2") << rawFrame(0xA1, QByteArray(1, 2), "hi") << big << big << QStringList{"error:1002"};
    QTest::newRow("RSV3") << rawFrame(0x91, QByteArray(1, 2), "hi") << big << big << QStringList{"error:1002"};
    QTest::newRow("reserved data opcode 3")
        << rawFrame(0x83, QByteArray(1, 0), {}) << big << big << QStringList{"error:1002"};
    QTest::newRow("reserved control opcode B")
        << rawFrame(0x8B, QByteArray(1, 0), {}) << big << big << QStringList{"error:1002"};
    QTest::newRow("continuation without a message") << cont("x") << big << big << QStringList{"error:1002"};
    QTest::newRow("text inside fragmented message")
        << text("a", false) + text("b") << big << big << QStringList{"error:1002"};
    QTest::newRow("fragmented ping") << rawFrame(0x09, QByteArray(1, 1), "p") << big << big
                                     << QStringList{"error:1002"};
    QTest::newRow("fragmented close") << rawFrame(0x08, QByteArray(1, 0), {}) << big << big
                                      << QStringList{"error:1002"};
    QTest::newRow("ping of 126 bytes") << client(WebSocketOpcode::Ping, QByteArray(126, 'p')) << big << big
                                       << QStringList{"error:1002"};
    QTest::newRow("64-bit length with MSB") << rawFrame(0x82, QByteArray("\x7f\x80\x00\x00\x00\x00\x00\x00\x01", 9), {})
                                            << big << big << QStringList{"error:1002"};
    QTest::newRow("close with 1-byte payload")
        << client(WebSocketOpcode::Close, "\x03") << big << big << QStringList{"error:1002"};
    for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
        QTest::addRow("close code %d", code) << closeFrame(quint16(code)) << big << big << QStringList{"error:1002"};
    }
    QTest::newRow("error after a good message")
        << text("ok") + cont("x") << big << big << QStringList{"text:ok", "error:1002"};

    // Malformed: too big (1009).
    QTest::newRow("frame over the limit")
        << text(QByteArray(101, 't')) << qint64(100) << qint64(1000) << QStringList{"error:1009"};
    QTest::newRow("message over the limit") << text(QByteArray(60, 't'), false) + cont(QByteArray(60, 't'))
                                            << qint64(100) << qint64(100) << QStringList{"error:1009"};
    QTest::newRow("64-bit length over the limit")
        << rawFrame(0x82, QByteArray("\x7f\x00\x00\x00\x01\x00\x00\x00\x00", 9), {}) << big << big
        << QStringList{"error:1009"};

    // Malformed: text that is not UTF-8 (1007).
    QTest::newRow("overlong") << text("\xc0\x80") << big << big << QStringList{"error:1007"};
    QTest::newRow("surrogate") << text("\xed\xa0\x80") << big << big << QStringList{"error:1007"};
    QTest::newRow("above U+10FFFF") << text("\xf4\x90\x80\x80") << big << big << QStringList{"error:1007"};
    QTest::newRow("truncated sequence") << text("ab\xe2\x82") << big << big << QStringList{"error:1007"};
    QTest::newRow("invalid fragmented text")
        << text("ok", false) + cont("\xff") << big << big << QStringList{"error:1007"};
    QTest::newRow("close reason not utf-8") << closeFrame(1000, "\xff") << big << big << QStringList{"error:1007"};
    QTest::newRow("binary is not checked")
        << client(WebSocketOpcode::Binary, "\xff") << big << big << QStringList{"binary:ff"};
}

void TstWebSocketFrameParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(qint64, maxFrame);
    QFETCH(qint64, maxMessage);
    QFETCH(QStringList, expected);

    // All at once.
    QCOMPARE(run({input}, maxFrame, maxMessage), expected);
    // Split in two at every byte boundary (large inputs: at the first and last 64 boundaries).
    for (qsizetype at = 1; at < input.size(); ++at) {
        if (input.size() > 256 && at > 64 && at < input.size() - 64)
            continue;
        const QStringList events = run({input.left(at), input.mid(at)}, maxFrame, maxMessage);
        if (events != expected)
            QFAIL(qPrintable(QStringLiteral("split at %1: %2").arg(at).arg(events.join(QLatin1Char('|')))));
    }
    // One byte at a time.
    if (input.size() <= 4096) {
        QList<QByteArray> bytes;
        for (char c : input)
            bytes.append(QByteArray(1, c));
        QCOMPARE(run(bytes, maxFrame, maxMessage), expected);
    }
}

void TstWebSocketFrameParser::failedParserConsumesNothing()
{
    WebSocketFrameParser parser(100, 100);
    const QByteArray bad = WebSocketFrame::build(WebSocketOpcode::Text, "x"); // unmasked
    QCOMPARE(parser.parse(bad.constData(), bad.size()), qsizetype(2));
    QVERIFY(parser.hasEvent());
    QCOMPARE(parser.takeEvent().closeCode, WebSocketCloseCode::ProtocolError);
    QVERIFY(parser.failed());
    const QByteArray good = text("y");
    QCOMPARE(parser.parse(good.constData(), good.size()), qsizetype(0));
    QVERIFY(!parser.hasEvent());

    // A waiting event blocks further input until taken.
    WebSocketFrameParser second(100, 100);
    const QByteArray two = text("a") + text("b");
    QCOMPARE(second.parse(two.constData(), two.size()), qsizetype(7));
    QCOMPARE(second.parse(two.constData() + 7, two.size() - 7), qsizetype(0));
    QCOMPARE(second.takeEvent().payload, QByteArray("a"));
    QCOMPARE(second.parse(two.constData() + 7, two.size() - 7), qsizetype(7));
    QCOMPARE(second.takeEvent().payload, QByteArray("b"));
}

void TstWebSocketFrameParser::bufferFollowsArrivedPayload_data()
{
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<int>("fragments");  // data frames the message is split into
    QTest::addColumn<int>("firstBytes"); // payload bytes that come with the first header
    QTest::addColumn<int>("chunkSize");  // then the rest of the input in pieces of this size

    QTest::newRow("1 MB announced, 7 bytes, then 64 KB pieces") << 1'000'000 << 1 << 7 << 64 * 1024;
    QTest::newRow("1 MB announced, nothing, then 1000-byte pieces") << 1'000'000 << 1 << 0 << 1000;
    QTest::newRow("16-bit length, 3 bytes, then 4 KB pieces") << 60'000 << 1 << 3 << 4096;
    QTest::newRow("fragmented 1 MB, 16 bytes, then 100 KB pieces") << 1'000'000 << 4 << 16 << 100'000;
    QTest::newRow("whole frame in one piece") << 300'000 << 1 << 300'000 << 1;
}

void TstWebSocketFrameParser::bufferFollowsArrivedPayload()
{
    // A header announcing a large frame must not make the parser allocate that much before
    // the bytes arrive: many connections announcing 1 MB and sending nothing would cost 1 MB
    // each. The buffer grows with the payload that came (at most about twice that), and the
    // message still arrives whole, whatever the pieces.
    QFETCH(int, payloadSize);
    QFETCH(int, fragments);
    QFETCH(int, firstBytes);
    QFETCH(int, chunkSize);

    QByteArray payload(payloadSize, Qt::Uninitialized);
    for (int i = 0; i < payloadSize; ++i)
        payload[i] = char((i * 7) % 251);
    QByteArray input;
    QList<qsizetype> payloadStarts; // where each frame's payload begins and ends in input
    QList<qsizetype> payloadEnds;
    const qsizetype fragmentSize = payloadSize / fragments;
    for (int f = 0; f < fragments; ++f) {
        const qsizetype from = f * fragmentSize;
        const qsizetype size = f == fragments - 1 ? payloadSize - from : fragmentSize;
        const QByteArray frame = client(f == 0 ? WebSocketOpcode::Binary : WebSocketOpcode::Continuation,
                                        payload.mid(from, size), f == fragments - 1);
        payloadStarts.append(input.size() + frame.size() - size);
        input += frame;
        payloadEnds.append(input.size());
    }

    WebSocketFrameParser parser(1'000'000, 1'000'000);
    QCOMPARE(parser.bufferedCapacity(), 0);
    const qsizetype first = payloadStarts.first() + firstBytes;
    QCOMPARE(parser.parse(input.constData(), first), first);
    QVERIFY(!parser.failed());
    std::optional<WebSocketFrameParser::Event> message;
    if (firstBytes < payloadSize) {
        QVERIFY(!parser.hasEvent());
        QCOMPARE(parser.bufferedCapacity(), firstBytes); // exactly what came, not the announced length
    } else {
        QVERIFY(parser.hasEvent());
        message = parser.takeEvent();
        QCOMPARE(message->payload.capacity(), payloadSize); // one exact allocation
    }

    // The rest, piece by piece: the buffer never exceeds twice the payload that arrived.
    qsizetype at = first;
    while (at < input.size() && !message) {
        const qsizetype size = std::min<qsizetype>(chunkSize, input.size() - at);
        qsizetype done = 0;
        while (done < size) {
            const qsizetype used = parser.parse(input.constData() + at + done, size - done);
            QVERIFY(!parser.failed());
            done += used;
            if (parser.hasEvent()) {
                message = parser.takeEvent();
                break;
            }
            if (used == 0)
                break;
        }
        at += done;
        qsizetype arrived = 0; // payload bytes fed so far
        for (int f = 0; f < fragments; ++f)
            arrived += std::clamp<qsizetype>(at - payloadStarts[f], 0, payloadEnds[f] - payloadStarts[f]);
        if (!message)
            QVERIFY2(
                parser.bufferedCapacity() <= 2 * arrived,
                qPrintable(QStringLiteral("%1 bytes held for %2 arrived").arg(parser.bufferedCapacity()).arg(arrived)));
    }
    QVERIFY(message);
    QCOMPARE(at, input.size());
    QCOMPARE(int(message->kind), int(WebSocketFrameParser::Event::Kind::Binary));
    QCOMPARE(message->payload.size(), payload.size());
    QVERIFY(message->payload == payload);
    QCOMPARE(parser.bufferedCapacity(), 0); // the message left with the event
}

void TstWebSocketFrameParser::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("ascii long") << QByteArray("The quick brown fox jumps over the lazy dog") << true;
    QTest::newRow("2-byte") << QByteArray("\xc2\x80\xdf\xbf") << true;
    QTest::newRow("3-byte") << QByteArray("\xe0\xa0\x80\xef\xbf\xbf") << true;
    QTest::newRow("4-byte max") << QByteArray("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf") << true;
    QTest::newRow("before surrogates") << QByteArray("\xed\x9f\xbf") << true;
    QTest::newRow("after ascii run") << QByteArray("abcdefghij\xc3\xbc") << true;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("C1 overlong") << QByteArray("\xc1\xbf") << false;
    QTest::newRow("E0 overlong") << QByteArray("\xe0\x9f\xbf") << false;
    QTest::newRow("F0 overlong") << QByteArray("\xf0\x8f\xbf\xbf") << false;
    QTest::newRow("surrogate high") << QByteArray("\xed\xbf\xbf") << false;
    QTest::newRow("F5") << QByteArray("\xf5\x80\x80\x80") << false;
    QTest::newRow("FF") << QByteArray("abcdefgh\xff") << false;
    QTest::newRow("missing continuation") << QByteArray("\xe2\x82"
                                                        "a")
                                          << false;
    QTest::newRow("truncated at end") << QByteArray("\xf0\x9f\x98") << false;
}

void TstWebSocketFrameParser::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(QByteArrayView(bytes).isValidUtf8(), valid);
}

void TstWebSocketFrameParser::encoder_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("0") << 0 << QByteArray("\x81\x00", 2);
    QTest::newRow("125") << 125 << QByteArray("\x81\x7d");
    QTest::newRow("126") << 126 << QByteArray("\x81\x7e\x00\x7e", 4);
    QTest::newRow("65535") << 65535 << QByteArray("\x81\x7e\xff\xff");
    QTest::newRow("65536") << 65536 << QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
}

void TstWebSocketFrameParser::encoder()
{
    QFETCH(int, size);
    QFETCH(QByteArray, header);
    const QByteArray payload(size, 'x');
    const QByteArray frame = WebSocketFrame::build(WebSocketOpcode::Text, payload);
    QCOMPARE(frame.left(header.size()), header);
    QCOMPARE(frame.mid(header.size()), payload);
    QCOMPARE(WebSocketFrame::headerSize(size), qsizetype(header.size()));
    // The Engine.IO form: prefix + payload in one text frame.
    const QByteArray prefixed = WebSocketFrame::textWithPrefix('4', payload.left(qMax(0, size - 1)));
    QCOMPARE(prefixed, WebSocketFrame::build(WebSocketOpcode::Text, "4" + payload.left(qMax(0, size - 1))));
    // A masked frame parses back to the payload.
    QCOMPARE(run({WebSocketFrame::build(WebSocketOpcode::Text, payload, true, kMask)}, 1'000'000, 1'000'000),
             QStringList{"text:" + QString::fromLatin1(payload)});
}

void TstWebSocketFrameParser::closePayload()
{
    QCOMPARE(WebSocketFrame::closePayload(1000), QByteArray("\x03\xe8"));
    QCOMPARE(WebSocketFrame::closePayload(1009, "big"), QByteArray("\x03\xf1"
                                                                   "big"));
    QCOMPARE(WebSocketFrame::closePayload(WebSocketCloseCode::NoStatus), QByteArray());
}

QTEST_MAIN(TstWebSocketFrameParser)
#include "tst_websocketframeparser.moc"
