// The compact JSON writer (protocol/jsontext.h) against Qt's own writer: the same bytes for
// every kind of value, escape, number and nesting, hand-picked and generated.
#include "common/protocol/jsontext.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace craftchat;

namespace {

QByteArray qtText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.sliced(1, wrapped.size() - 2);
}

QJsonValue parse(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

QString randomString(QRandomGenerator &random)
{
    // ASCII letters, every control character, quote, backslash, DEL, Latin-1, BMP,
    // surrogate pairs and lone surrogates.
    static const char16_t pool[] = {u'a', u'Z', u'0', u' ', u'/', u'"', u'\\',  0x7f,   0x00,   0x01,   0x08,  0x09,
                                    0x0a, 0x0b, 0x0c, 0x0d, 0x1f, 0xe9, 0x2603, 0xfffd, 0xd83d, 0xde00, 0xdc00};
    QString s;
    const int length = random.bounded(12);
    for (int i = 0; i < length; ++i)
        s.append(QChar(pool[random.bounded(int(std::size(pool)))]));
    return s;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 3 ? 6 : 8)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return random.bounded(2) == 1;
    case 2:
        return random.bounded(-100000, 100000);
    case 3:
        return (random.generateDouble() - 0.5) * std::pow(10.0, random.bounded(-20, 20));
    case 4:
        return qint64(random.generate64() >> random.bounded(1, 63)) * (random.bounded(2) ? 1 : -1);
    case 5:
        return randomString(random);
    case 6: {
        QJsonArray array;
        for (int i = random.bounded(5); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(5); i > 0; --i)
            object.insert(randomString(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT
private slots:
    void sameAsQt_data();
    void sameAsQt();
    void everyAsciiCharacter();
    void latin1Strings();
    void generatedValues();
};

void TestJsonText::sameAsQt_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("true") << QJsonValue(true);
    QTest::newRow("false") << QJsonValue(false);
    QTest::newRow("zero") << QJsonValue(0);
    QTest::newRow("negative zero") << QJsonValue(-0.0);
    QTest::newRow("small int") << QJsonValue(7);
    QTest::newRow("negative int") << QJsonValue(-42);
    QTest::newRow("integral double") << QJsonValue(3.0);
    QTest::newRow("2^53 - 1") << QJsonValue(9007199254740991.0);
    QTest::newRow("2^53") << QJsonValue(9007199254740992.0);
    QTest::newRow("qint64 above 2^53") << QJsonValue(qint64(9007199254740993));
    QTest::newRow("qint64 max") << QJsonValue(std::numeric_limits<qint64>::max());
    QTest::newRow("qint64 min") << QJsonValue(std::numeric_limits<qint64>::min());
    QTest::newRow("fraction") << QJsonValue(0.1);
    QTest::newRow("tiny") << QJsonValue(3e-9);
    QTest::newRow("huge") << QJsonValue(1e300);
    QTest::newRow("infinity") << QJsonValue(std::numeric_limits<double>::infinity());
    QTest::newRow("nan") << QJsonValue(std::numeric_limits<double>::quiet_NaN());
    QTest::newRow("parsed big integer") << parse("12345678901234567890");
    QTest::newRow("empty string") << QJsonValue(QString());
    QTest::newRow("plain string") << QJsonValue(QStringLiteral("hello world"));
    QTest::newRow("escapes") << QJsonValue(QStringLiteral("q\" b\\ s/ \b\f\n\r\t"));
    QTest::newRow("control characters") << QJsonValue(QString(QChar(0)) + QChar(1) + QChar(0x1f) + QChar(0x7f));
    QTest::newRow("non-ASCII") << QJsonValue(QStringLiteral("caf\u00e9 \u2603 \U0001F600"));
    QTest::newRow("lone surrogate") << QJsonValue(QString(QChar(0xd800)) + QLatin1String("x"));
    QTest::newRow("empty array") << QJsonValue(QJsonArray());
    QTest::newRow("empty object") << QJsonValue(QJsonObject());
    QTest::newRow("message") << parse(R"({"_id":"m1","chatId":"c1","content":"hi \"you\"\n","isRead":false,
        "messageType":"text","senderId":{"_id":"u1","fullName":"Ann","role":"client"},
        "timestamp":"2026-11-26T10:15:30.123Z","clientMessageId":"x-1"})");
    QTest::newRow("chat") << parse(R"({"_id":"c1","participants":[{"_id":"u1","fullName":"A","role":"client"},
        {"_id":"u2","fullName":"B\u00e9","role":"craftsman","profilePicture":"/uploads/b.png"}],
        "unreadCount":{"u1":0,"u2":12},"isActive":true,"jobId":{"_id":"j","title":"Roof"},
        "lastMessage":"ok","lastMessageAt":"2026-11-26T10:15:30.123Z","lastMessageSenderId":"u1"})");
    QTest::newRow("non-ASCII key") << QJsonValue(
        QJsonObject{{QStringLiteral("cl\u00e9"), 1}, {QStringLiteral("a\"b"), 2}});
    QTest::newRow("nested arrays") << parse(R"([[[]],[1,[2,[3,{"a":[null]}]]]])");
}

void TestJsonText::sameAsQt()
{
    QFETCH(QJsonValue, value);
    QCOMPARE(protocol::json::toText(value), qtText(value));
}

void TestJsonText::everyAsciiCharacter()
{
    for (int c = 0; c < 0x80; ++c) {
        const QString text = QLatin1String("<") + QChar(c) + QLatin1String(">");
        QByteArray out;
        protocol::json::appendString(out, text);
        QCOMPARE(out, qtText(text));
    }
}

void TestJsonText::latin1Strings()
{
    for (const char *text : {"", "plain", "a\"b\\c", "tab\there", "\x01\x7f"}) {
        QByteArray out;
        protocol::json::appendString(out, QLatin1StringView(text));
        QCOMPARE(out, qtText(QString::fromLatin1(text)));
    }
    QByteArray out;
    protocol::json::appendString(out, QLatin1StringView("caf\xe9"));
    QCOMPARE(out, qtText(QString::fromLatin1("caf\xe9")));
}

void TestJsonText::generatedValues()
{
    QRandomGenerator random(20261126);
    for (int i = 0; i < 5000; ++i) {
        const QJsonValue value = randomValue(random, 0);
        const QByteArray mine = protocol::json::toText(value);
        const QByteArray qt = qtText(value);
        if (mine != qt)
            QFAIL(qPrintable(
                QStringLiteral("value %1: %2 != %3").arg(i).arg(QString::fromUtf8(mine), QString::fromUtf8(qt))));
    }
}

QTEST_MAIN(TestJsonText)
#include "tst_jsontext.moc"
