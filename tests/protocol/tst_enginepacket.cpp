// Engine.IO v4 codec: WebSocket frames and HTTP long-polling payloads.
#include "common/protocol/enginepacket.h"

#include <QRandomGenerator>
#include <QTest>

using namespace craftchat::protocol::eio;

Q_DECLARE_METATYPE(craftchat::protocol::eio::Packet)

namespace {
Packet textPacket(PacketType type, const char *data = "")
{
    return Packet::text(type, QByteArray(data));
}
} // namespace

class TestEnginePacket : public QObject
{
    Q_OBJECT
private slots:
    void textFrame_data();
    void textFrame();
    void malformedTextFrame_data();
    void malformedTextFrame();
    void binaryFrame();
    void payloadRoundTrip_data();
    void payloadRoundTrip();
    void appendToPayloadAddsSeparators();
    void malformedPayload_data();
    void malformedPayload();
    void payloadPacketLimit();
    void mutatedPayloadIsHandled();
};

void TestEnginePacket::textFrame_data()
{
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("open") << textPacket(PacketType::Open, R"({"sid":"abc","upgrades":[]})")
                          << QByteArray(R"(0{"sid":"abc","upgrades":[]})");
    QTest::newRow("close") << textPacket(PacketType::Close) << QByteArray("1");
    QTest::newRow("ping") << textPacket(PacketType::Ping) << QByteArray("2");
    QTest::newRow("ping probe") << textPacket(PacketType::Ping, "probe") << QByteArray("2probe");
    QTest::newRow("pong") << textPacket(PacketType::Pong) << QByteArray("3");
    QTest::newRow("pong probe") << textPacket(PacketType::Pong, "probe") << QByteArray("3probe");
    QTest::newRow("message") << Packet::message("hello") << QByteArray("4hello");
    QTest::newRow("message utf8") << Packet::message(QStringLiteral("grüße ✓").toUtf8())
                                  << QStringLiteral("4grüße ✓").toUtf8();
    QTest::newRow("empty message") << Packet::message({}) << QByteArray("4");
    QTest::newRow("upgrade") << textPacket(PacketType::Upgrade) << QByteArray("5");
    QTest::newRow("noop") << textPacket(PacketType::Noop) << QByteArray("6");
}

void TestEnginePacket::textFrame()
{
    QFETCH(Packet, packet);
    QFETCH(QByteArray, frame);
    QCOMPARE(encodeTextFrame(packet), frame);
    const auto decoded = decodeTextFrame(frame);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->type, packet.type);
    QCOMPARE(decoded->data, packet.data);
    QCOMPARE(decoded->binary, false);
}

void TestEnginePacket::malformedTextFrame_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("type 7") << QByteArray("7hello");
    QTest::newRow("type 9") << QByteArray("9");
    QTest::newRow("letter") << QByteArray("hello");
    QTest::newRow("b prefix") << QByteArray("bAAEC");
    QTest::newRow("nul") << QByteArray("\0", 1);
    QTest::newRow("separator") << QByteArray("\x1e");
}

void TestEnginePacket::malformedTextFrame()
{
    QFETCH(QByteArray, frame);
    QVERIFY(!decodeTextFrame(frame).has_value());
}

void TestEnginePacket::binaryFrame()
{
    const QByteArray bytes("\x00\x01\x02\xff\x1e", 5);
    const Packet packet = decodeBinaryFrame(bytes);
    QCOMPARE(packet.type, PacketType::Message);
    QCOMPARE(packet.binary, true);
    QCOMPARE(packet.data, bytes);
    QCOMPARE(packet, Packet::binaryMessage(bytes));
}

void TestEnginePacket::payloadRoundTrip_data()
{
    QTest::addColumn<QList<Packet>>("packets");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("single message") << QList<Packet>{Packet::message("hello")} << QByteArray("4hello");
    QTest::newRow("open") << QList<Packet>{textPacket(PacketType::Open, R"({"sid":"x"})")}
                          << QByteArray(R"(0{"sid":"x"})");
    QTest::newRow("noop") << QList<Packet>{textPacket(PacketType::Noop)} << QByteArray("6");
    QTest::newRow("two messages") << QList<Packet>{Packet::message("hello"), Packet::message("€")}
                                  << QByteArray("4hello\x1e"
                                                "4€");
    QTest::newRow("ping then message") << QList<Packet>{textPacket(PacketType::Ping), Packet::message(R"(2["a"])")}
                                       << QByteArray("2\x1e"
                                                     R"(42["a"])");
    QTest::newRow("binary") << QList<Packet>{Packet::binaryMessage(QByteArray("\x01\x02\x03\x04", 4))}
                            << QByteArray("bAQIDBA==");
    QTest::newRow("empty binary") << QList<Packet>{Packet::binaryMessage({})} << QByteArray("b");
    QTest::newRow("text and binary") << QList<Packet>{Packet::message(R"(51-["x",{"_placeholder":true,"num":0}])"),
                                                      Packet::binaryMessage(QByteArray("\x00\xff\x1e", 3)),
                                                      textPacket(PacketType::Close)}
                                     << QByteArray("451-[\"x\",{\"_placeholder\":true,\"num\":0}]\x1e"
                                                   "bAP8e\x1e"
                                                   "1");
}

void TestEnginePacket::payloadRoundTrip()
{
    QFETCH(QList<Packet>, packets);
    QFETCH(QByteArray, payload);
    QCOMPARE(encodePayload(packets), payload);
    const auto decoded = decodePayload(payload);
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, packets);
}

void TestEnginePacket::appendToPayloadAddsSeparators()
{
    QByteArray out;
    appendToPayload(out, Packet::message("a"));
    QCOMPARE(out, QByteArray("4a"));
    appendToPayload(out, Packet::binaryMessage("hi"));
    QCOMPARE(out, QByteArray("4a\x1e"
                             "baGk="));
    appendToPayload(out, textPacket(PacketType::Pong));
    QCOMPARE(out, QByteArray("4a\x1e"
                             "baGk=\x1e"
                             "3"));
}

void TestEnginePacket::malformedPayload_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("only separator") << QByteArray("\x1e");
    QTest::newRow("trailing separator") << QByteArray("4hello\x1e");
    QTest::newRow("leading separator") << QByteArray("\x1e"
                                                     "4hello");
    QTest::newRow("double separator") << QByteArray("4a\x1e\x1e"
                                                    "4b");
    QTest::newRow("bad type") << QByteArray("8hello");
    QTest::newRow("bad type second") << QByteArray("4a\x1e"
                                                   "x");
    QTest::newRow("bad base64 char") << QByteArray("bAQ*D");
    QTest::newRow("bad base64 length") << QByteArray("bAQIDB");
    QTest::newRow("bad base64 padding") << QByteArray("bA===");
    QTest::newRow("bad base64 in list") << QByteArray("4a\x1e"
                                                      "b!!!!");
}

void TestEnginePacket::malformedPayload()
{
    QFETCH(QByteArray, payload);
    QVERIFY(!decodePayload(payload).has_value());
}

void TestEnginePacket::payloadPacketLimit()
{
    const QByteArray payload("4a\x1e"
                             "4b\x1e"
                             "4c");
    QVERIFY(!decodePayload(payload, 2).has_value());
    const auto decoded = decodePayload(payload, 3);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->size(), 3);
    QCOMPARE(decoded->at(2).data, QByteArray("c"));
}

// Seeded mutations of valid payloads: each is rejected or decodes to packets that survive a
// re-encode unchanged.
void TestEnginePacket::mutatedPayloadIsHandled()
{
    const QByteArray seed("4hello\x1e"
                          "bAQIDBA==\x1e"
                          "2\x1e"
                          R"(42["a",1])"
                          "\x1e"
                          "6");
    const QByteArray alphabet("0123456789bAQ=+/\x1e[]\"ab");
    QRandomGenerator random(4242);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray payload = seed;
        const int edits = 1 + random.bounded(3);
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = random.bounded(int(payload.size()));
            const char c = alphabet.at(random.bounded(int(alphabet.size())));
            switch (random.bounded(3)) {
            case 0:
                payload.remove(at, 1);
                break;
            case 1:
                payload.insert(at, c);
                break;
            default:
                payload[at] = c;
                break;
            }
            if (payload.isEmpty())
                payload = "4";
        }
        const auto decoded = decodePayload(payload);
        if (!decoded)
            continue;
        ++accepted;
        QVERIFY(!decoded->isEmpty());
        const auto again = decodePayload(encodePayload(*decoded));
        QVERIFY2(again.has_value(), payload.toPercentEncoding().constData());
        QCOMPARE(*again, *decoded);
    }
    QVERIFY(accepted > 100);
}

QTEST_MAIN(TestEnginePacket)
#include "tst_enginepacket.moc"
