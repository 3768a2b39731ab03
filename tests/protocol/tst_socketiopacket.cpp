// Socket.IO v5 codec: exact encoder output (as the JavaScript socket.io-parser writes it),
// decoding of every packet type, the binary attachment decoder and malformed input.
#include "common/protocol/socketiopacket.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace craftchat::protocol::sio;

Q_DECLARE_METATYPE(craftchat::protocol::sio::Packet)
Q_DECLARE_METATYPE(craftchat::protocol::sio::DecodeError)

// DecodeError compared through its readable name, so a failure says which error came.
#define QCOMPARE_ERROR(actual, expected) QCOMPARE(toString(actual), toString(expected))

namespace {

QJsonValue json(const char *text)
{
    QJsonValue value = QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
    Q_ASSERT(!value.isUndefined());
    return value;
}

Packet make(PacketType type, const QString &nsp, qint64 id, QJsonValue data, QList<QByteArray> attachments = {})
{
    return Packet{type, nsp, id, std::move(data), std::move(attachments)};
}

const QByteArray bin1("\x00\x01\x02", 3);
const QByteArray bin2("\xff\xfe", 2);

} // namespace

class TestSocketIoPacket : public QObject
{
    Q_OBJECT
private slots:
    void encodeExact_data();
    void encodeExact();
    void decodeText_data();
    void decodeText();
    void eventNameAndArguments();
    void placeholderHelpers();
    void decoderWithAttachments();
    void decoderZeroAttachments();
    void decoderUnexpectedBinary();
    void decoderUnexpectedText();
    void decoderRecoversAfterError();
    void malformed_data();
    void malformed();
    void decoderMalformed_data();
    void decoderMalformed();
    void errorStrings();
    void mutatedInputIsHandled();
    void fastEncodersMatchEncode_data();
    void fastEncodersMatchEncode();
    void fastEncodersExact();
};

void TestSocketIoPacket::encodeExact_data()
{
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("attachments");

    const QString root = QStringLiteral("/");
    const QString admin = QStringLiteral("/admin");
    QTest::newRow("connect root") << make(PacketType::Connect, root, -1, QJsonValue::Undefined) << QByteArray("0") << 0;
    QTest::newRow("connect auth") << make(PacketType::Connect, admin, -1, json(R"({"token":"123"})"))
                                  << QByteArray(R"(0/admin,{"token":"123"})") << 0;
    QTest::newRow("connect reply") << make(PacketType::Connect, root, -1, json(R"({"sid":"oSO0OpakMV_3jnilAAAA"})"))
                                   << QByteArray(R"(0{"sid":"oSO0OpakMV_3jnilAAAA"})") << 0;
    QTest::newRow("disconnect root") << make(PacketType::Disconnect, root, -1, QJsonValue::Undefined) << QByteArray("1")
                                     << 0;
    QTest::newRow("disconnect admin") << make(PacketType::Disconnect, admin, -1, QJsonValue::Undefined)
                                      << QByteArray("1/admin,") << 0;
    QTest::newRow("event") << Packet::event(root, QStringLiteral("hello"), {1}) << QByteArray(R"(2["hello",1])") << 0;
    QTest::newRow("event no args") << Packet::event(root, QStringLiteral("ping"), {}) << QByteArray(R"(2["ping"])")
                                   << 0;
    QTest::newRow("event ack root") << Packet::event(root, QStringLiteral("send"), {QStringLiteral("x")}, {}, 12)
                                    << QByteArray(R"(212["send","x"])") << 0;
    QTest::newRow("event nsp ack") << Packet::event(admin, QStringLiteral("project:delete"), {123}, {}, 456)
                                   << QByteArray(R"(2/admin,456["project:delete",123])") << 0;
    QTest::newRow("event ack zero") << Packet::event(root, QStringLiteral("a"), {}, {}, 0) << QByteArray(R"(20["a"])")
                                    << 0;
    QTest::newRow("event nested") << Packet::event(root, QStringLiteral("m"),
                                                   {json(R"({"a":[1,2.5,null,true,false],"b":"c"})")})
                                  << QByteArray(R"(2["m",{"a":[1,2.5,null,true,false],"b":"c"}])") << 0;
    QTest::newRow("event escapes") << Packet::event(root, QStringLiteral("m"), {QStringLiteral("q\"b\\n\n\t")})
                                   << QByteArray(R"(2["m","q\"b\\n\n\t"])") << 0;
    QTest::newRow("event utf8") << Packet::event(root, QStringLiteral("m"), {QStringLiteral("grüße ✓")})
                                << QStringLiteral(R"(2["m","grüße ✓"])").toUtf8() << 0;
    QTest::newRow("ack") << Packet::ack(root, 7, {QStringLiteral("ok")}) << QByteArray(R"(37["ok"])") << 0;
    QTest::newRow("ack nsp empty") << Packet::ack(admin, 456, {}) << QByteArray("3/admin,456[]") << 0;
    QTest::newRow("connect error") << make(PacketType::ConnectError, root, -1,
                                           json(R"({"message":"Invalid namespace"})"))
                                   << QByteArray(R"(4{"message":"Invalid namespace"})") << 0;
    QTest::newRow("connect error data")
        << make(PacketType::ConnectError, admin, -1,
                json(R"({"data":{"code":"CONNECTION_LIMIT"},"message":"Connection limit reached"})"))
        << QByteArray(R"(4/admin,{"data":{"code":"CONNECTION_LIMIT"},"message":"Connection limit reached"})") << 0;
    QTest::newRow("connect error string")
        << make(PacketType::ConnectError, root, -1, json(R"("oops")")) << QByteArray(R"(4"oops")") << 0;
    QTest::newRow("binary event") << Packet::event(root, QStringLiteral("hello"), {placeholder(0)}, {bin1})
                                  << QByteArray(R"(51-["hello",{"_placeholder":true,"num":0}])") << 1;
    QTest::newRow("binary event nsp ack two")
        << Packet::event(admin, QStringLiteral("up"), {placeholder(0), placeholder(1)}, {bin1, bin2}, 9)
        << QByteArray(R"(52-/admin,9["up",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])") << 2;
    QTest::newRow("event type with attachments")
        << make(PacketType::Event, root, -1, json(R"(["a",{"_placeholder":true,"num":0}])"), {bin1})
        << QByteArray(R"(51-["a",{"_placeholder":true,"num":0}])") << 1;
    QTest::newRow("binary ack") << Packet::ack(admin, 456, {placeholder(0)}, {bin1})
                                << QByteArray(R"(61-/admin,456[{"_placeholder":true,"num":0}])") << 1;
    QTest::newRow("ack type with attachments")
        << make(PacketType::Ack, root, 3, json(R"([{"_placeholder":true,"num":0}])"), {bin2})
        << QByteArray(R"(61-3[{"_placeholder":true,"num":0}])") << 1;
}

void TestSocketIoPacket::encodeExact()
{
    QFETCH(Packet, packet);
    QFETCH(QByteArray, text);
    QFETCH(int, attachments);
    const EncodedPacket encoded = encode(packet);
    QCOMPARE(encoded.text, text);
    QCOMPARE(encoded.attachments.size(), attachments);
    QCOMPARE(encoded.attachments, packet.attachments);

    // Decoding what was encoded gives the packet back.
    Decoder decoder;
    Decoder::Result result = decoder.feedText(encoded.text);
    QCOMPARE_ERROR(result.error, DecodeError::None);
    for (const QByteArray &a : encoded.attachments) {
        QVERIFY(!result.packet.has_value());
        QVERIFY(decoder.awaitingAttachments());
        result = decoder.feedBinary(a);
        QCOMPARE_ERROR(result.error, DecodeError::None);
    }
    QVERIFY(result.packet.has_value());
    QVERIFY(!decoder.awaitingAttachments());
    const Packet &p = *result.packet;
    PacketType expectedType = packet.type;
    if (attachments > 0 && expectedType == PacketType::Event)
        expectedType = PacketType::BinaryEvent;
    if (attachments > 0 && expectedType == PacketType::Ack)
        expectedType = PacketType::BinaryAck;
    QCOMPARE(p.type, expectedType);
    QCOMPARE(p.nsp, packet.nsp);
    QCOMPARE(p.id, packet.id);
    QCOMPARE(p.data, packet.data);
    QCOMPARE(p.attachments, packet.attachments);
}

void TestSocketIoPacket::decodeText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<qint64>("id");
    QTest::addColumn<QByteArray>("data"); // compact JSON, empty when none
    QTest::addColumn<int>("attachmentCount");

    QTest::newRow("connect") << QByteArray("0") << 0 << "/" << qint64(-1) << QByteArray() << 0;
    QTest::newRow("connect nsp no comma") << QByteArray("0/admin") << 0 << "/admin" << qint64(-1) << QByteArray() << 0;
    QTest::newRow("connect nsp comma") << QByteArray("0/admin,") << 0 << "/admin" << qint64(-1) << QByteArray() << 0;
    QTest::newRow("connect auth") << QByteArray(R"(0/admin,{"token":"123"})") << 0 << "/admin" << qint64(-1)
                                  << QByteArray(R"({"token":"123"})") << 0;
    QTest::newRow("disconnect") << QByteArray("1") << 1 << "/" << qint64(-1) << QByteArray() << 0;
    QTest::newRow("disconnect nsp") << QByteArray("1/admin,") << 1 << "/admin" << qint64(-1) << QByteArray() << 0;
    QTest::newRow("event") << QByteArray(R"(2["hello",1])") << 2 << "/" << qint64(-1) << QByteArray(R"(["hello",1])")
                           << 0;
    QTest::newRow("event ack") << QByteArray(R"(2/admin,456["project:delete",123])") << 2 << "/admin" << qint64(456)
                               << QByteArray(R"(["project:delete",123])") << 0;
    QTest::newRow("event max ack id") << QByteArray(R"(29007199254740991["a"])") << 2 << "/" << MaxAckId
                                      << QByteArray(R"(["a"])") << 0;
    QTest::newRow("event unicode nsp") << QByteArray("2/ü,[\"a\"]") << 2 << QStringLiteral("/ü") << qint64(-1)
                                       << QByteArray(R"(["a"])") << 0;
    QTest::newRow("ack") << QByteArray("3/admin,456[]") << 3 << "/admin" << qint64(456) << QByteArray("[]") << 0;
    QTest::newRow("ack args") << QByteArray(R"(31["ok",{"a":1}])") << 3 << "/" << qint64(1)
                              << QByteArray(R"(["ok",{"a":1}])") << 0;
    QTest::newRow("connect error") << QByteArray(R"(4{"message":"Invalid namespace"})") << 4 << "/" << qint64(-1)
                                   << QByteArray(R"({"message":"Invalid namespace"})") << 0;
    QTest::newRow("connect error string")
        << QByteArray(R"(4/x,"nope")") << 4 << "/x" << qint64(-1) << QByteArray(R"("nope")") << 0;
    QTest::newRow("binary event") << QByteArray(R"(51-["hello",{"_placeholder":true,"num":0}])") << 5 << "/"
                                  << qint64(-1) << QByteArray(R"(["hello",{"_placeholder":true,"num":0}])") << 1;
    QTest::newRow("binary event ack nsp")
        << QByteArray(R"(52-/a,3["x",{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}])") << 5 << "/a"
        << qint64(3) << QByteArray(R"(["x",{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}])") << 2;
    QTest::newRow("binary ack") << QByteArray(R"(61-/admin,456[{"_placeholder":true,"num":0}])") << 6 << "/admin"
                                << qint64(456) << QByteArray(R"([{"_placeholder":true,"num":0}])") << 1;
    QTest::newRow("binary nested placeholder")
        << QByteArray(R"(51-["f",{"file":{"_placeholder":true,"num":0}}])") << 5 << "/" << qint64(-1)
        << QByteArray(R"(["f",{"file":{"_placeholder":true,"num":0}}])") << 1;
    QTest::newRow("binary zero attachments")
        << QByteArray(R"(50-["a"])") << 5 << "/" << qint64(-1) << QByteArray(R"(["a"])") << 0;
}

void TestSocketIoPacket::decodeText()
{
    QFETCH(QByteArray, text);
    QFETCH(int, type);
    QFETCH(QString, nsp);
    QFETCH(qint64, id);
    QFETCH(QByteArray, data);
    QFETCH(int, attachmentCount);

    DecodeError error = DecodeError::Empty;
    const auto parsed = parseText(text, &error);
    QCOMPARE_ERROR(error, DecodeError::None);
    QVERIFY(parsed.has_value());
    QCOMPARE(int(parsed->packet.type), type);
    QCOMPARE(parsed->packet.nsp, nsp);
    QCOMPARE(parsed->packet.id, id);
    QCOMPARE(parsed->packet.hasAck(), id >= 0);
    QCOMPARE(parsed->attachmentCount, attachmentCount);
    QVERIFY(parsed->packet.attachments.isEmpty());
    if (data.isEmpty())
        QVERIFY(parsed->packet.data.isUndefined());
    else
        QCOMPARE(parsed->packet.data, json(data.constData()));
}

void TestSocketIoPacket::eventNameAndArguments()
{
    const auto event = parseText(R"(2["chat:send",{"text":"hi"},2])");
    QVERIFY(event.has_value());
    QVERIFY(event->packet.isEvent());
    QVERIFY(!event->packet.isAck());
    QCOMPARE(event->packet.eventName(), QStringLiteral("chat:send"));
    QCOMPARE(event->packet.arguments(), (QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")}}, 2}));

    const auto ack = parseText(R"(35["ok",1])");
    QVERIFY(ack.has_value());
    QVERIFY(ack->packet.isAck());
    QCOMPARE(ack->packet.eventName(), QString());
    QCOMPARE(ack->packet.arguments(), (QJsonArray{"ok", 1}));

    const auto connect = parseText(R"(0{"token":"t"})");
    QVERIFY(connect.has_value());
    QCOMPARE(connect->packet.eventName(), QString());
    QCOMPARE(connect->packet.arguments(), QJsonArray());
}

void TestSocketIoPacket::placeholderHelpers()
{
    QCOMPARE(placeholder(3), (QJsonObject{{"_placeholder", true}, {"num", 3}}));
    const QList<QByteArray> attachments{bin1, bin2};
    QCOMPARE(binaryAt(placeholder(0), attachments), std::optional<QByteArray>(bin1));
    QCOMPARE(binaryAt(placeholder(1), attachments), std::optional<QByteArray>(bin2));
    QVERIFY(!binaryAt(placeholder(2), attachments).has_value());
    QVERIFY(!binaryAt(placeholder(-1), attachments).has_value());
    QVERIFY(!binaryAt(QJsonValue(1), attachments).has_value());
    QVERIFY(!binaryAt(QJsonObject{{"num", 0}}, attachments).has_value());
    QVERIFY(!binaryAt(QJsonObject{{"_placeholder", true}, {"num", "0"}}, attachments).has_value());
    QVERIFY(!binaryAt(QJsonObject{{"_placeholder", true}, {"num", 0.5}}, attachments).has_value());
}

void TestSocketIoPacket::decoderWithAttachments()
{
    Decoder decoder;
    auto r = decoder.feedText(R"(52-/up,4["file",{"_placeholder":true,"num":0},{"k":{"_placeholder":true,"num":1}}])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    QVERIFY(!r.packet.has_value());
    QVERIFY(decoder.awaitingAttachments());
    r = decoder.feedBinary(bin1);
    QCOMPARE_ERROR(r.error, DecodeError::None);
    QVERIFY(!r.packet.has_value());
    QVERIFY(decoder.awaitingAttachments());
    r = decoder.feedBinary(bin2);
    QCOMPARE_ERROR(r.error, DecodeError::None);
    QVERIFY(r.packet.has_value());
    QVERIFY(!decoder.awaitingAttachments());

    const Packet &p = *r.packet;
    QCOMPARE(p.type, PacketType::BinaryEvent);
    QCOMPARE(p.nsp, QStringLiteral("/up"));
    QCOMPARE(p.id, 4);
    QCOMPARE(p.eventName(), QStringLiteral("file"));
    QCOMPARE(p.attachments, (QList<QByteArray>{bin1, bin2}));
    const QJsonArray args = p.arguments();
    QCOMPARE(args.size(), 2);
    QCOMPARE(binaryAt(args.at(0), p.attachments), std::optional<QByteArray>(bin1));
    QCOMPARE(binaryAt(args.at(1).toObject().value("k"), p.attachments), std::optional<QByteArray>(bin2));

    // The next plain packet decodes normally.
    r = decoder.feedText(R"(2["after"])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    QVERIFY(r.packet.has_value());
    QCOMPARE(r.packet->eventName(), QStringLiteral("after"));
    QVERIFY(r.packet->attachments.isEmpty());
}

void TestSocketIoPacket::decoderZeroAttachments()
{
    Decoder decoder;
    const auto r = decoder.feedText(R"(60-1[])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    QVERIFY(r.packet.has_value());
    QCOMPARE(r.packet->type, PacketType::BinaryAck);
    QCOMPARE(r.packet->id, 1);
    QVERIFY(!decoder.awaitingAttachments());
}

void TestSocketIoPacket::decoderUnexpectedBinary()
{
    Decoder decoder;
    auto r = decoder.feedBinary(bin1);
    QCOMPARE_ERROR(r.error, DecodeError::UnexpectedBinary);
    QVERIFY(!r.packet.has_value());
    // After a complete binary packet, one more attachment is unexpected too.
    r = decoder.feedText(R"(51-["a",{"_placeholder":true,"num":0}])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    r = decoder.feedBinary(bin1);
    QVERIFY(r.packet.has_value());
    r = decoder.feedBinary(bin2);
    QCOMPARE_ERROR(r.error, DecodeError::UnexpectedBinary);
}

void TestSocketIoPacket::decoderUnexpectedText()
{
    Decoder decoder;
    auto r = decoder.feedText(R"(52-["a",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    r = decoder.feedBinary(bin1);
    QCOMPARE_ERROR(r.error, DecodeError::None);
    r = decoder.feedText(R"(2["b"])");
    QCOMPARE_ERROR(r.error, DecodeError::UnexpectedText);
    QVERIFY(!r.packet.has_value());
    QVERIFY(!decoder.awaitingAttachments());
}

void TestSocketIoPacket::decoderRecoversAfterError()
{
    Decoder decoder;
    QCOMPARE_ERROR(decoder.feedText("9").error, DecodeError::UnknownType);
    auto r = decoder.feedText(R"(51-["a",{"_placeholder":true,"num":0}])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    decoder.reset();
    QVERIFY(!decoder.awaitingAttachments());
    r = decoder.feedText(R"(2["b"])");
    QCOMPARE_ERROR(r.error, DecodeError::None);
    QCOMPARE(r.packet->eventName(), QStringLiteral("b"));
}

void TestSocketIoPacket::malformed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<DecodeError>("error");

    const auto row
        = [](const char *name, const QByteArray &text, DecodeError error) { QTest::newRow(name) << text << error; };
    row("empty", "", DecodeError::Empty);
    row("type 7", R"(7["a"])", DecodeError::UnknownType);
    row("type letter", R"(x["a"])", DecodeError::UnknownType);
    row("type minus", "-1", DecodeError::UnknownType);
    row("eio prefix", R"(42["a"])", DecodeError::BadAckId); // CONNECT_ERROR with an id
    row("binary no count", R"(5["a"])", DecodeError::BadAttachmentCount);
    row("binary no digits", R"(5-["a"])", DecodeError::BadAttachmentCount);
    row("binary no dash", R"(51["a",{"_placeholder":true,"num":0}])", DecodeError::BadAttachmentCount);
    row("binary letters", R"(5a-["a"])", DecodeError::BadAttachmentCount);
    row("binary only count", "51-", DecodeError::BadPayload);
    row("binary count end", "51", DecodeError::BadAttachmentCount);
    row("binary too many", R"(511-["a"])", DecodeError::TooManyAttachments);
    row("binary huge count", R"(5999999999999999999999999-["a"])", DecodeError::TooManyAttachments);
    row("binary ack too many", R"(6100-1[])", DecodeError::TooManyAttachments);
    row("nsp bracket", R"(2/admin["a"])", DecodeError::BadNamespace);
    row("nsp brace", R"(0/admin{"token":"1"})", DecodeError::BadNamespace);
    row("nsp control char", "2/ad\x01min,[\"a\"]", DecodeError::BadNamespace);
    row("nsp bad utf8", "2/ad\xff,[\"a\"]", DecodeError::BadNamespace);
    row("nsp too long", "2/" + QByteArray(2000, 'n') + ",[\"a\"]", DecodeError::BadNamespace);
    row("nsp without slash", R"(2admin,["a"])", DecodeError::BadJson);
    row("ack without id", "3[]", DecodeError::BadAckId);
    row("binary ack without id", R"(61-[{"_placeholder":true,"num":0}])", DecodeError::BadAckId);
    row("ack id too big", R"(29007199254740992["a"])", DecodeError::BadAckId);
    row("ack id too long", R"(299999999999999999999["a"])", DecodeError::BadAckId);
    row("ack id on connect", "012{}", DecodeError::BadAckId);
    row("ack id on disconnect", "1/a,5", DecodeError::BadAckId);
    row("ack id on connect error", R"(41{"message":"x"})", DecodeError::BadAckId);
    row("json unterminated", R"(2["a")", DecodeError::BadJson);
    row("json trailing garbage", R"(2["a"]x)", DecodeError::BadJson);
    row("json two values", R"(2["a"],["b"])", DecodeError::BadJson);
    row("json word", "2abc", DecodeError::BadJson);
    row("json bad object", R"(0{"a":})", DecodeError::BadJson);
    row("json single quotes", "2['a']", DecodeError::BadJson);
    row("json closing bracket", "4\"a\"],[\"b\"", DecodeError::BadJson);
    row("json comma list", "41,2", DecodeError::BadAckId);
    row("json too deep", "2[\"a\"," + QByteArray(5000, '[') + QByteArray(5001, ']'), DecodeError::BadJson);
    row("placeholder too deep",
        R"(51-["a",)" + QByteArray(100, '[') + R"({"_placeholder":true,"num":0})" + QByteArray(101, ']'),
        DecodeError::BadPlaceholder);
    row("event no data", "2", DecodeError::BadPayload);
    row("event empty array", "2[]", DecodeError::BadPayload);
    row("event number name", "2[1]", DecodeError::BadPayload);
    row("event null name", "2[null]", DecodeError::BadPayload);
    row("event object", R"(2{"a":1})", DecodeError::BadPayload);
    row("event string", R"(2"a")", DecodeError::BadPayload);
    row("event true", "2true", DecodeError::BadPayload);
    row("event reserved name", R"(2["connect"])", DecodeError::BadPayload);
    row("event reserved disconnect", R"(2["disconnect",1])", DecodeError::BadPayload);
    row("ack object", R"(31{"a":1})", DecodeError::BadPayload);
    row("ack no data", "31", DecodeError::BadPayload);
    row("ack string", R"(31"a")", DecodeError::BadPayload);
    row("connect array", "0[]", DecodeError::BadPayload);
    row("connect string", R"(0"x")", DecodeError::BadPayload);
    row("connect null", "0null", DecodeError::BadPayload);
    row("disconnect object", "1{}", DecodeError::BadPayload);
    row("disconnect array", R"(1["a"])", DecodeError::BadPayload);
    row("connect error none", "4", DecodeError::BadPayload);
    row("connect error array", R"(4["a"])", DecodeError::BadPayload);
    row("connect error number", "4/x,", DecodeError::BadPayload);
    row("placeholder out of range", R"(51-["a",{"_placeholder":true,"num":1}])", DecodeError::BadPlaceholder);
    row("placeholder negative", R"(51-["a",{"_placeholder":true,"num":-1}])", DecodeError::BadPlaceholder);
    row("placeholder string num", R"(51-["a",{"_placeholder":true,"num":"0"}])", DecodeError::BadPlaceholder);
    row("placeholder fraction", R"(51-["a",{"_placeholder":true,"num":0.5}])", DecodeError::BadPlaceholder);
    row("placeholder missing num", R"(51-["a",{"_placeholder":true}])", DecodeError::BadPlaceholder);
    row("placeholder nested", R"(61-1[{"x":[{"_placeholder":true,"num":3}]}])", DecodeError::BadPlaceholder);
    row("placeholder zero attachments", R"(50-["a",{"_placeholder":true,"num":0}])", DecodeError::BadPlaceholder);
}

void TestSocketIoPacket::malformed()
{
    QFETCH(QByteArray, text);
    QFETCH(DecodeError, error);
    DecodeError actual = DecodeError::None;
    QVERIFY(!parseText(text, &actual).has_value());
    QCOMPARE_ERROR(actual, error);
    Decoder decoder;
    const auto r = decoder.feedText(text);
    QCOMPARE_ERROR(r.error, error);
    QVERIFY(!r.packet.has_value());
    QVERIFY(!decoder.awaitingAttachments());
}

void TestSocketIoPacket::decoderMalformed_data()
{
    QTest::addColumn<int>("maxAttachments");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<DecodeError>("error");
    QTest::newRow("limit 2, three") << 2 << QByteArray(R"(53-["a"])") << DecodeError::TooManyAttachments;
    QTest::newRow("limit 0, one") << 0 << QByteArray(R"(51-["a",{"_placeholder":true,"num":0}])")
                                  << DecodeError::TooManyAttachments;
    QTest::newRow("limit 2, two ok") << 2 << QByteArray(R"(62-1[{"_placeholder":true,"num":1}])") << DecodeError::None;
}

void TestSocketIoPacket::decoderMalformed()
{
    QFETCH(int, maxAttachments);
    QFETCH(QByteArray, text);
    QFETCH(DecodeError, error);
    Decoder decoder(maxAttachments);
    QCOMPARE_ERROR(decoder.feedText(text).error, error);
    QCOMPARE(decoder.awaitingAttachments(), error == DecodeError::None);
}

void TestSocketIoPacket::errorStrings()
{
    QCOMPARE(toString(DecodeError::None), QStringLiteral("no error"));
    QCOMPARE(toString(DecodeError::BadJson), QStringLiteral("invalid JSON"));
    for (int e = int(DecodeError::None); e <= int(DecodeError::UnexpectedText); ++e)
        QVERIFY(!toString(DecodeError(e)).isEmpty());
}

// Seeded mutations of valid packets: every result is either a packet or an error, and every
// accepted text packet re-encodes to text that decodes to the same packet.
void TestSocketIoPacket::mutatedInputIsHandled()
{
    const QList<QByteArray> seeds{
        R"(2["hello",1])",
        R"(2/admin,456["project:delete",123])",
        "3/admin,456[]",
        R"(0/admin,{"token":"123"})",
        R"(51-["hello",{"_placeholder":true,"num":0}])",
        R"(61-/admin,456[{"_placeholder":true,"num":0}])",
        R"(4{"message":"Invalid namespace"})",
        "1/admin,",
        R"(212["m",{"a":[1,2.5,null,true],"b":"\u00e9"}])",
    };
    const QByteArray alphabet(R"(0123456789-/,[]{}":_\ aAnum placeholder)");
    QRandomGenerator random(20261126);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray text = seeds.at(random.bounded(int(seeds.size())));
        const int edits = 1 + random.bounded(4);
        for (int e = 0; e < edits; ++e) {
            const int op = random.bounded(3);
            const qsizetype at = text.isEmpty() ? 0 : random.bounded(int(text.size()));
            const char c = random.bounded(4) == 0 ? char(random.bounded(256))
                                                  : alphabet.at(random.bounded(int(alphabet.size())));
            if (op == 0 && !text.isEmpty())
                text.remove(at, 1);
            else if (op == 1)
                text.insert(at, c);
            else if (!text.isEmpty())
                text[at] = c;
        }
        Decoder decoder(3);
        const Decoder::Result r = decoder.feedText(text);
        if (r.error != DecodeError::None) {
            QVERIFY(!r.packet.has_value());
            QVERIFY(!decoder.awaitingAttachments());
            continue;
        }
        QVERIFY2(r.packet.has_value() != decoder.awaitingAttachments(), text.constData());
        if (decoder.awaitingAttachments()) {
            QCOMPARE_ERROR(decoder.feedText("2[\"x\"]").error, DecodeError::UnexpectedText);
            continue;
        }
        QVERIFY(r.packet.has_value());
        ++accepted;
        if (!r.packet->attachments.isEmpty() || r.packet->type == PacketType::BinaryEvent
            || r.packet->type == PacketType::BinaryAck)
            continue;
        const EncodedPacket again = encode(*r.packet);
        DecodeError error = DecodeError::None;
        const auto reparsed = parseText(again.text, &error, 3);
        QVERIFY2(reparsed.has_value(), again.text.constData());
        QCOMPARE(reparsed->packet.type, r.packet->type);
        QCOMPARE(reparsed->packet.nsp, r.packet->nsp);
        QCOMPARE(reparsed->packet.id, r.packet->id);
        QCOMPARE(reparsed->packet.data, r.packet->data);
    }
    QVERIFY(accepted > 100); // the mutations do reach the accepting paths
}

void TestSocketIoPacket::fastEncodersMatchEncode_data()
{
    QTest::addColumn<QString>("nsp");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonArray>("args");
    QTest::addColumn<qint64>("id");

    const QString root = QStringLiteral("/");
    QTest::newRow("no arguments") << root << QStringLiteral("ping") << QJsonArray() << qint64(-1);
    QTest::newRow("object, ack id")
        << root << QStringLiteral("send-message")
        << json(R"([{"chatId":"c1","content":"hi","messageType":"text","clientMessageId":"x-1"}])").toArray()
        << qint64(12);
    QTest::newRow("ack id 0") << root << QStringLiteral("e") << QJsonArray{1} << qint64(0);
    QTest::newRow("largest ack id") << root << QStringLiteral("e") << QJsonArray{true} << MaxAckId;
    QTest::newRow("namespace") << QStringLiteral("/admin") << QStringLiteral("e") << QJsonArray{QStringLiteral("x")}
                               << qint64(3);
    QTest::newRow("non-ASCII namespace") << QStringLiteral("/caf\u00e9") << QStringLiteral("e") << QJsonArray()
                                         << qint64(-1);
    QTest::newRow("empty namespace") << QString() << QStringLiteral("e") << QJsonArray() << qint64(-1);
    QTest::newRow("scalars") << root << QStringLiteral("mix")
                             << json(R"([null,true,false,0,-1,42,1.5,-0.25,1e300,9007199254740993,"",[],{}])").toArray()
                             << qint64(-1);
    QTest::newRow("integers and doubles")
        << root << QStringLiteral("n") << QJsonArray{1, 2.0, qint64(1) << 53, 0.1, -7, 3.0e-9} << qint64(-1);
    QTest::newRow("string escapes") << root << QStringLiteral("s")
                                    << QJsonArray{QStringLiteral("quote \" backslash \\ slash /"),
                                                  QStringLiteral("\b\f\n\r\t"),
                                                  QString(QChar(0x01)) + QChar(0x1f) + QChar(0x7f),
                                                  QStringLiteral("caf\u00e9 \u2603 \U0001F600")}
                                    << qint64(-1);
    QTest::newRow("nested") << root << QStringLiteral("deep")
                            << json(R"([{"a":[1,{"b":[null,"c\"d"]}],"z":{"y":{"x":[]}}},[[["e"]]]])").toArray()
                            << qint64(5);
    QTest::newRow("name with a quote") << root << QStringLiteral("say \"hi\"") << QJsonArray() << qint64(-1);
    QTest::newRow("name with a backslash") << root << QStringLiteral("a\\b") << QJsonArray{1} << qint64(-1);
    QTest::newRow("name with a control character") << root << QStringLiteral("a\nb") << QJsonArray() << qint64(-1);
    QTest::newRow("name with DEL") << root << QString(QStringLiteral("a") + QChar(0x7f)) << QJsonArray() << qint64(-1);
    QTest::newRow("non-ASCII name") << root << QStringLiteral("gr\u00fc\u00dfe \u2603") << QJsonArray() << qint64(-1);
    QTest::newRow("empty name") << root << QString() << QJsonArray{1} << qint64(-1);
    QTest::newRow("placeholder object") << root << QStringLiteral("bin") << QJsonArray{placeholder(0)} << qint64(-1);
}

void TestSocketIoPacket::fastEncodersMatchEncode()
{
    QFETCH(QString, nsp);
    QFETCH(QString, name);
    QFETCH(QJsonArray, args);
    QFETCH(qint64, id);

    const QByteArray arguments = encodeArguments(args);
    QCOMPARE(encodeEvent(nsp, name, arguments, id), encode(Packet::event(nsp, name, args, {}, id)).text);
    if (id >= 0)
        QCOMPARE(encodeAck(nsp, id, arguments), encode(Packet::ack(nsp, id, args)).text);
    // The arguments are the array's JSON without its brackets.
    const QByteArray whole = QJsonDocument(args).toJson(QJsonDocument::Compact);
    QCOMPARE(arguments, whole.sliced(1, whole.size() - 2));

    // What the fast encoders write decodes to the same packet.
    const auto parsed = parseText(encodeEvent(nsp, name, arguments, id));
    if (!name.isEmpty() && !nsp.isEmpty()) {
        QVERIFY(parsed);
        QCOMPARE(parsed->packet.eventName(), name);
        QCOMPARE(parsed->packet.arguments(), args);
        QCOMPARE(parsed->packet.id, id);
        QCOMPARE(parsed->packet.nsp, nsp);
    }
}

void TestSocketIoPacket::fastEncodersExact()
{
    // (No raw strings inside the macros: moc's preprocessor does not take them there.)
    const QString root = QStringLiteral("/");
    const QByteArray event = encodeEvent(root, QStringLiteral("new-message"), "{\"a\":1}");
    QCOMPARE(event, QByteArray("2[\"new-message\",{\"a\":1}]"));
    QCOMPARE(encodeEvent(root, QStringLiteral("ping"), {}), QByteArray("2[\"ping\"]"));
    QCOMPARE(encodeEvent(QStringLiteral("/chat"), QStringLiteral("q"), "1,2", 7), QByteArray("2/chat,7[\"q\",1,2]"));
    QCOMPARE(encodeAck(root, 3, "{\"success\":true}"), QByteArray("33[{\"success\":true}]"));
    QCOMPARE(encodeAck(QStringLiteral("/x"), 0, {}), QByteArray("3/x,0[]"));
    QCOMPARE(encodeArguments({}), QByteArray());
    const QJsonArray mixed{QStringLiteral("a\"b"), 1, QJsonValue::Null};
    QCOMPARE(encodeArguments(mixed), QByteArray("\"a\\\"b\",1,null"));
}

QTEST_MAIN(TestSocketIoPacket)
#include "tst_socketiopacket.moc"
