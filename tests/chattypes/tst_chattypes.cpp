// Unit tests of the contract payload types (common/chat): JSON round-trips, strict rejection
// of malformed input, timestamps and the send-message validation rules.
#include "common/chat/payloads.h"
#include "common/chat/contract.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace craftchat::chat;
namespace contract = craftchat::contract;

namespace {

QJsonObject parseObject(const QByteArray &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test fixture is not a JSON object: %s", text.constData());
    return doc.object();
}

template <typename T>
std::optional<QJsonObject> viaType(const QJsonObject &o)
{
    const std::optional<T> value = T::fromJson(o);
    if (!value)
        return std::nullopt;
    return value->toJson();
}

// Parses `o` as the named payload type and serialises it again; nullopt when refused.
std::optional<QJsonObject> roundTrip(const QString &type, const QJsonObject &o)
{
    static const QHash<QString, std::function<std::optional<QJsonObject>(const QJsonObject &)>>
        parsers{
            {QStringLiteral("UserProfile"), viaType<UserProfile>},
            {QStringLiteral("JobRef"), viaType<JobRef>},
            {QStringLiteral("Message"), viaType<Message>},
            {QStringLiteral("ChatDetails"), viaType<ChatDetails>},
            {QStringLiteral("SendMessageRequest"), viaType<SendMessageRequest>},
            {QStringLiteral("MessageSent"), viaType<MessageSent>},
            {QStringLiteral("ChatJoined"), viaType<ChatJoined>},
            {QStringLiteral("UserTyping"), viaType<UserTyping>},
            {QStringLiteral("MessageRead"), viaType<MessageRead>},
            {QStringLiteral("NewChatNotification"), viaType<NewChatNotification>},
            {QStringLiteral("ErrorPayload"), viaType<ErrorPayload>},
            {QStringLiteral("EditMessageRequest"), viaType<EditMessageRequest>},
            {QStringLiteral("DeleteMessageRequest"), viaType<DeleteMessageRequest>},
            {QStringLiteral("MessageUpdated"), viaType<MessageUpdated>},
            {QStringLiteral("MessageDeleted"), viaType<MessageDeleted>},
            {QStringLiteral("SearchHit"), viaType<SearchHit>},
        };
    const auto parser = parsers.value(type);
    if (!parser)
        qFatal("unknown payload type in test data");
    return parser(o);
}

const QByteArray kSender = R"({"_id":"u1","fullName":"Ann Client","role":"client"})";
const QByteArray kMessage =
    R"({"_id":"m1","chatId":"c1","senderId":{"_id":"u1","fullName":"Ann Client","role":"client"},)"
    R"("messageType":"text","content":"Hello","timestamp":"2026-11-26T10:15:30.123Z","isRead":false})";

QByteArray messageWith(const QByteArray &key, const QByteArray &jsonValue)
{
    QJsonObject o = parseObject(kMessage);
    if (jsonValue.isEmpty()) {
        o.remove(QString::fromUtf8(key));
    } else {
        const QJsonDocument v = QJsonDocument::fromJson("[" + jsonValue + "]");
        o.insert(QString::fromUtf8(key), v.array().at(0));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestChatTypes : public QObject
{
    Q_OBJECT

private slots:
    void timestampFormat_data();
    void timestampFormat();
    void timestampFormatMatchesQt_data();
    void timestampFormatMatchesQt();
    void timestampParse_data();
    void timestampParse();
    void roundTrip_data();
    void roundTrip();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void messageFields();
    void chatDetailsFields();
    void profileEmailOnlyWhenSet();
    void messageChangeAck();
    void jsonTextMatchesToJson_data();
    void jsonTextMatchesToJson();
    void validation_data();
    void validation();
    void blank_data();
    void blank();
};

void TestChatTypes::timestampFormat_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("utc with ms")
        << QDateTime(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC)
        << QStringLiteral("2026-11-26T10:15:30.123Z");
    QTest::newRow("zero ms padded")
        << QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 7), Qt::UTC)
        << QStringLiteral("2026-01-02T03:04:05.007Z");
    QTest::newRow("offset converted to utc")
        << QDateTime(QDate(2026, 11, 26), QTime(11, 15, 30, 0), Qt::OffsetFromUTC, 3600)
        << QStringLiteral("2026-11-26T10:15:30.000Z");
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)
                           << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("invalid") << QDateTime() << QString();
    QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC)
                              << QStringLiteral("2024-02-29T23:59:59.999Z");
    QTest::newRow("before 1970") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 1), Qt::UTC)
                                 << QStringLiteral("1969-12-31T23:59:59.001Z");
    QTest::newRow("offset across midnight")
        << QDateTime(QDate(2026, 3, 1), QTime(0, 30, 0, 5), Qt::OffsetFromUTC, 3600)
        << QStringLiteral("2026-02-28T23:30:00.005Z");
    QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC)
                            << QStringLiteral("0001-01-01T00:00:00.000Z");
    QTest::newRow("year 9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC)
                               << QStringLiteral("9999-12-31T23:59:59.999Z");
}

void TestChatTypes::timestampFormatMatchesQt_data()
{
    // The hand-written formatter against QDateTime::toString() over a wide range: days of
    // every month and leap rule, before and after 1970, and outside years 1-9999 (where the
    // formatter hands over to Qt).
    QTest::addColumn<qint64>("ms");
    const qint64 day = 86'400'000;
    const qint64 year1 = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 year10000 = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    for (qint64 ms : {year1 - 1, year1, year10000 - 1, year10000, qint64(-1), qint64(0), qint64(1),
                      -day, day - 1, qint64(951'782'400'000) /* 2000-02-29 */,
                      qint64(4'107'542'400'000) /* 2100-03-01 */})
        QTest::addRow("%lld", ms) << ms;
    // About every 37 days and some odd milliseconds from 1600 to 2400.
    const qint64 from = QDateTime(QDate(1600, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 to = QDateTime(QDate(2400, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    for (qint64 ms = from; ms < to; ms += 37 * day + 3'723'457)
        QTest::addRow("%lld", ms) << ms;
}

void TestChatTypes::timestampFormatMatchesQt()
{
    QFETCH(qint64, ms);
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    QCOMPARE(isoTimestamp(t), t.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")));
}

void TestChatTypes::timestampFormat()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    QCOMPARE(isoTimestamp(time), expected);
}

void TestChatTypes::timestampParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("msecs");
    const qint64 base = QDateTime(QDate(2026, 11, 26), QTime(10, 15, 30), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("contract form") << "2026-11-26T10:15:30.123Z" << true << base + 123;
    QTest::newRow("no fraction") << "2026-11-26T10:15:30Z" << true << base;
    QTest::newRow("one digit fraction") << "2026-11-26T10:15:30.5Z" << true << base + 500;
    QTest::newRow("positive offset") << "2026-11-26T11:15:30.123+01:00" << true << base + 123;
    QTest::newRow("negative offset") << "2026-11-26T08:15:30.000-02:00" << true << base;
    QTest::newRow("no zone") << "2026-11-26T10:15:30.123" << false << qint64(0);
    QTest::newRow("date only") << "2026-11-26" << false << qint64(0);
    QTest::newRow("space separator") << "2026-11-26 10:15:30.123Z" << false << qint64(0);
    QTest::newRow("bad month") << "2026-13-26T10:15:30.123Z" << false << qint64(0);
    QTest::newRow("bad hour") << "2026-11-26T25:15:30.123Z" << false << qint64(0);
    QTest::newRow("february 30") << "2026-02-30T10:15:30.123Z" << false << qint64(0);
    QTest::newRow("trailing text") << "2026-11-26T10:15:30.123Zjunk" << false << qint64(0);
    QTest::newRow("four digit fraction") << "2026-11-26T10:15:30.1234Z" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
    QTest::newRow("garbage") << "yesterday" << false << qint64(0);
}

void TestChatTypes::timestampParse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, msecs);
    const std::optional<QDateTime> t = parseIsoTimestamp(text);
    QCOMPARE(t.has_value(), valid);
    if (valid) {
        QCOMPARE(t->toMSecsSinceEpoch(), msecs);
        QCOMPARE(t->timeSpec(), Qt::UTC);
    }
}

void TestChatTypes::roundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("profile") << "UserProfile" << kSender;
    QTest::newRow("profile with picture")
        << "UserProfile"
        << QByteArray(R"({"_id":"u2","fullName":"Bob","role":"craftsman","profilePicture":"/uploads/abc.png"})");
    QTest::newRow("own user with email")
        << "UserProfile"
        << QByteArray(R"({"_id":"u3","fullName":"Cy","role":"admin","email":"cy@example.com"})");
    QTest::newRow("job") << "JobRef" << QByteArray(R"({"_id":"j1","title":"Fix the roof"})");
    QTest::newRow("message") << "Message" << kMessage;
    QTest::newRow("message with client id") << "Message" << messageWith("clientMessageId", R"("cm-1")");
    QTest::newRow("image message read")
        << "Message"
        << QByteArray(R"({"_id":"m2","chatId":"c1","senderId":{"_id":"u2","fullName":"Bob","role":"craftsman",)"
                      R"("profilePicture":"/uploads/p.png"},"messageType":"image","content":"/uploads/x.png",)"
                      R"("timestamp":"2026-11-26T10:15:31.000Z","isRead":true})");
    QTest::newRow("chat minimal")
        << "ChatDetails"
        << QByteArray(R"({"_id":"c1","participants":[{"_id":"u1","fullName":"Ann","role":"client"},)"
                      R"({"_id":"u2","fullName":"Bob","role":"craftsman"}],"unreadCount":{"u1":0,"u2":0},"isActive":true})");
    QTest::newRow("chat full")
        << "ChatDetails"
        << QByteArray(R"({"_id":"c1","participants":[{"_id":"u1","fullName":"Ann","role":"client"}],)"
                      R"("jobId":{"_id":"j1","title":"Roof"},"lastMessage":"Hi","lastMessageAt":"2026-11-26T10:15:30.123Z",)"
                      R"("lastMessageSenderId":"u1","unreadCount":{"u2":3},"isActive":false})");
    QTest::newRow("send message")
        << "SendMessageRequest" << QByteArray(R"({"chatId":"c1","messageType":"text","content":" hi "})");
    QTest::newRow("send message with client id")
        << "SendMessageRequest"
        << QByteArray(R"({"chatId":"c1","messageType":"image","content":"/uploads/a.png","clientMessageId":"x"})");
    QTest::newRow("message sent")
        << "MessageSent"
        << QByteArray(R"({"success":true,"messageId":"m1","timestamp":"2026-11-26T10:15:30.123Z","chatId":"c1"})");
    QTest::newRow("message sent with client id")
        << "MessageSent"
        << QByteArray(R"({"success":true,"messageId":"m1","timestamp":"2026-11-26T10:15:30.123Z","chatId":"c1","clientMessageId":"k"})");
    QTest::newRow("chat joined")
        << "ChatJoined" << QByteArray(R"({"chatId":"c1","success":true,"roomMembersCount":2})");
    QTest::newRow("typing") << "UserTyping" << QByteArray(R"({"chatId":"c1","userId":"u1","isTyping":true})");
    QTest::newRow("message read")
        << "MessageRead"
        << QByteArray(R"({"chatId":"c1","userId":"u2","readAt":"2026-11-26T10:15:30.123Z","messageIds":["m1","m2"]})");
    QTest::newRow("message read none")
        << "MessageRead"
        << QByteArray(R"({"chatId":"c1","userId":"u2","readAt":"2026-11-26T10:15:30.123Z","messageIds":[]})");
    QTest::newRow("new chat")
        << "NewChatNotification" << QByteArray(R"({"chatId":"c1","message":"New chat conversation started"})");
    QTest::newRow("error") << "ErrorPayload" << QByteArray(R"({"message":"Not authorized","code":"UNAUTHORIZED"})");
    QTest::newRow("file message")
        << "Message"
        << QByteArray(R"({"_id":"m3","chatId":"c1","senderId":{"_id":"u2","fullName":"Bob","role":"craftsman"},)"
                      R"("messageType":"file","content":"/uploads/q.pdf","timestamp":"2026-11-26T10:15:31.000Z",)"
                      R"("isRead":false,"attachment":{"name":"Angebot M\u00fcller.pdf","size":26214400,"mimeType":"application/pdf"}})");
    QTest::newRow("reply, edited")
        << "Message"
        << QByteArray(R"({"_id":"m4","chatId":"c1","senderId":{"_id":"u1","fullName":"Ann","role":"client"},)"
                      R"("messageType":"text","content":"the second?","timestamp":"2026-11-26T10:15:31.000Z","isRead":true,)"
                      R"("replyTo":{"_id":"m3","senderId":"u2","messageType":"file","content":"Angebot.pdf"},)"
                      R"("editedAt":"2026-11-26T11:00:00.000Z"})");
    QTest::newRow("tombstone")
        << "Message"
        << QByteArray(R"({"_id":"m5","chatId":"c1","senderId":{"_id":"u1","fullName":"Ann","role":"client"},)"
                      R"("messageType":"deleted","content":"","timestamp":"2026-11-26T10:15:31.000Z","isRead":false,)"
                      R"("deletedAt":"2026-11-26T12:00:00.000Z"})");
    QTest::newRow("send reply")
        << "SendMessageRequest" << QByteArray(R"({"chatId":"c1","messageType":"text","content":"yes","replyToId":"m3"})");
    QTest::newRow("edit") << "EditMessageRequest" << QByteArray(R"({"messageId":"m1","content":"42 EUR"})");
    QTest::newRow("delete") << "DeleteMessageRequest" << QByteArray(R"({"messageId":"m1"})");
    QTest::newRow("updated")
        << "MessageUpdated"
        << QByteArray(R"({"chatId":"c1","messageId":"m1","content":"42 EUR","editedAt":"2026-11-26T10:15:30.123Z"})");
    QTest::newRow("deleted")
        << "MessageDeleted" << QByteArray(R"({"chatId":"c1","messageId":"m1","deletedAt":"2026-11-26T10:15:30.123Z"})");
    QTest::newRow("search hit") << "SearchHit" << QByteArray(R"({"message":)" + kMessage + R"(,"snippet":"[Hello]"})");
}

void TestChatTypes::roundTrip()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, json);
    const QJsonObject input = parseObject(json);
    const std::optional<QJsonObject> output = ::roundTrip(type, input);
    QVERIFY2(output.has_value(), json.constData());
    QCOMPARE(*output, input);
}

void TestChatTypes::rejectsMalformed_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("profile empty") << "UserProfile" << QByteArray("{}");
    QTest::newRow("profile numeric id") << "UserProfile" << QByteArray(R"({"_id":1,"fullName":"A","role":"client"})");
    QTest::newRow("profile empty id") << "UserProfile" << QByteArray(R"({"_id":"","fullName":"A","role":"client"})");
    QTest::newRow("profile id key") << "UserProfile" << QByteArray(R"({"id":"u1","fullName":"A","role":"client"})");
    QTest::newRow("profile picture number")
        << "UserProfile" << QByteArray(R"({"_id":"u1","fullName":"A","role":"client","profilePicture":5})");
    QTest::newRow("profile email bool")
        << "UserProfile" << QByteArray(R"({"_id":"u1","fullName":"A","role":"client","email":true})");
    QTest::newRow("job no title") << "JobRef" << QByteArray(R"({"_id":"j1"})");
    QTest::newRow("message missing id") << "Message" << messageWith("_id", "");
    QTest::newRow("message sender string") << "Message" << messageWith("senderId", R"("u1")");
    QTest::newRow("message sender incomplete") << "Message" << messageWith("senderId", R"({"_id":"u1"})");
    QTest::newRow("message bad type") << "Message" << messageWith("messageType", R"("video")");
    QTest::newRow("message content number") << "Message" << messageWith("content", "42");
    QTest::newRow("message bad timestamp") << "Message" << messageWith("timestamp", R"("today")");
    QTest::newRow("message numeric timestamp") << "Message" << messageWith("timestamp", "1764152130123");
    QTest::newRow("message isRead string") << "Message" << messageWith("isRead", R"("false")");
    QTest::newRow("message client id number") << "Message" << messageWith("clientMessageId", "7");
    QTest::newRow("message attachment string") << "Message" << messageWith("attachment", R"("a.pdf")");
    QTest::newRow("message attachment no size")
        << "Message" << messageWith("attachment", R"({"name":"a.pdf","mimeType":"application/pdf"})");
    QTest::newRow("message attachment negative size")
        << "Message" << messageWith("attachment", R"({"name":"a.pdf","size":-1,"mimeType":"application/pdf"})");
    QTest::newRow("message attachment fractional size")
        << "Message" << messageWith("attachment", R"({"name":"a.pdf","size":1.5,"mimeType":"application/pdf"})");
    QTest::newRow("message reply without id")
        << "Message" << messageWith("replyTo", R"({"senderId":"u1","messageType":"text","content":"x"})");
    QTest::newRow("message reply sender object")
        << "Message" << messageWith("replyTo", R"({"_id":"m0","senderId":{"_id":"u1"},"messageType":"text","content":"x"})");
    QTest::newRow("message editedAt number") << "Message" << messageWith("editedAt", "5");
    QTest::newRow("text with deletedAt") << "Message" << messageWith("deletedAt", R"("2026-11-26T12:00:00.000Z")");
    QTest::newRow("tombstone without deletedAt") << "Message" << messageWith("messageType", R"("deleted")");
    QTest::newRow("file without attachment") << "Message" << messageWith("messageType", R"("file")");
    QTest::newRow("edit without content") << "EditMessageRequest" << QByteArray(R"({"messageId":"m1"})");
    QTest::newRow("edit empty id") << "EditMessageRequest" << QByteArray(R"({"messageId":"","content":"x"})");
    QTest::newRow("delete id number") << "DeleteMessageRequest" << QByteArray(R"({"messageId":1})");
    QTest::newRow("updated without editedAt")
        << "MessageUpdated" << QByteArray(R"({"chatId":"c1","messageId":"m1","content":"x"})");
    QTest::newRow("deleted bad time")
        << "MessageDeleted" << QByteArray(R"({"chatId":"c1","messageId":"m1","deletedAt":"soon"})");
    QTest::newRow("send reply empty") << "SendMessageRequest" << QByteArray(R"({"chatId":"c1","messageType":"text","content":"x","replyToId":""})");
    QTest::newRow("search hit without snippet") << "SearchHit" << QByteArray(R"({"message":)" + kMessage + "}");
    QTest::newRow("chat participants object")
        << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":{},"unreadCount":{},"isActive":true})");
    QTest::newRow("chat participant string")
        << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":["u1"],"unreadCount":{},"isActive":true})");
    QTest::newRow("chat job string")
        << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":[],"jobId":"j1","unreadCount":{},"isActive":true})");
    QTest::newRow("chat unread negative")
        << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":[],"unreadCount":{"u1":-1},"isActive":true})");
    QTest::newRow("chat unread fraction")
        << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":[],"unreadCount":{"u1":1.5},"isActive":true})");
    QTest::newRow("chat unread string")
        << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":[],"unreadCount":{"u1":"1"},"isActive":true})");
    QTest::newRow("chat no unread") << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":[],"isActive":true})");
    QTest::newRow("chat no isActive") << "ChatDetails" << QByteArray(R"({"_id":"c1","participants":[],"unreadCount":{}})");
    QTest::newRow("chat bad lastMessageAt")
        << "ChatDetails"
        << QByteArray(R"({"_id":"c1","participants":[],"unreadCount":{},"isActive":true,"lastMessageAt":"x"})");
    QTest::newRow("send no chat") << "SendMessageRequest" << QByteArray(R"({"messageType":"text","content":"hi"})");
    QTest::newRow("send empty chat")
        << "SendMessageRequest" << QByteArray(R"({"chatId":"","messageType":"text","content":"hi"})");
    QTest::newRow("send content array")
        << "SendMessageRequest" << QByteArray(R"({"chatId":"c1","messageType":"text","content":["hi"]})");
    QTest::newRow("send client id object")
        << "SendMessageRequest"
        << QByteArray(R"({"chatId":"c1","messageType":"text","content":"hi","clientMessageId":{}})");
    QTest::newRow("sent success string")
        << "MessageSent"
        << QByteArray(R"({"success":"yes","messageId":"m1","timestamp":"2026-11-26T10:15:30.123Z","chatId":"c1"})");
    QTest::newRow("joined count string")
        << "ChatJoined" << QByteArray(R"({"chatId":"c1","success":true,"roomMembersCount":"2"})");
    QTest::newRow("typing no flag") << "UserTyping" << QByteArray(R"({"chatId":"c1","userId":"u1"})");
    QTest::newRow("read ids not strings")
        << "MessageRead"
        << QByteArray(R"({"chatId":"c1","userId":"u2","readAt":"2026-11-26T10:15:30.123Z","messageIds":[1]})");
    QTest::newRow("read no readAt") << "MessageRead" << QByteArray(R"({"chatId":"c1","userId":"u2","messageIds":[]})");
    QTest::newRow("notification no message") << "NewChatNotification" << QByteArray(R"({"chatId":"c1"})");
    QTest::newRow("error code number") << "ErrorPayload" << QByteArray(R"({"message":"x","code":3})");
}

void TestChatTypes::rejectsMalformed()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, json);
    QVERIFY2(!::roundTrip(type, parseObject(json)).has_value(), json.constData());
}

void TestChatTypes::messageFields()
{
    Message m;
    m.id = QStringLiteral("m9");
    m.chatId = QStringLiteral("c9");
    m.sender = UserProfile{QStringLiteral("u9"), QStringLiteral("Dee"), contract::RoleCraftsman,
                           QStringLiteral("dee@example.com"), std::nullopt};
    m.messageType = contract::MessageTypeText;
    m.content = QStringLiteral("Hi there");
    m.timestamp = QDateTime(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC);
    m.clientMessageId = QStringLiteral("c-1");

    const QJsonObject o = m.toJson();
    QCOMPARE(o.value(QStringLiteral("_id")).toString(), QStringLiteral("m9"));
    QCOMPARE(o.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2026-11-26T10:15:30.123Z"));
    QCOMPARE(o.value(QStringLiteral("isRead")).toBool(true), false);
    QCOMPARE(o.value(QStringLiteral("clientMessageId")).toString(), QStringLiteral("c-1"));
    const QJsonObject sender = o.value(QStringLiteral("senderId")).toObject();
    QCOMPARE(sender.value(QStringLiteral("_id")).toString(), QStringLiteral("u9"));
    QVERIFY(!sender.contains(QStringLiteral("email")));
    QVERIFY(!sender.contains(QStringLiteral("profilePicture")));

    const std::optional<Message> back = Message::fromJson(o);
    QVERIFY(back.has_value());
    Message expected = m;
    expected.sender.email.reset();
    QCOMPARE(*back, expected);
}

void TestChatTypes::chatDetailsFields()
{
    ChatDetails c;
    c.id = QStringLiteral("c1");
    c.participants = {UserProfile{QStringLiteral("u1"), QStringLiteral("Ann"), contract::RoleClient,
                                  QStringLiteral("ann@example.com"), std::nullopt}};
    c.unreadCount = {{QStringLiteral("u1"), 4}};
    const QJsonObject o = c.toJson();
    QCOMPARE(o.keys(), (QStringList{QStringLiteral("_id"), QStringLiteral("isActive"),
                                    QStringLiteral("participants"), QStringLiteral("unreadCount")}));
    QVERIFY(!o.value(QStringLiteral("participants")).toArray().at(0).toObject().contains(QStringLiteral("email")));
    QCOMPARE(o.value(QStringLiteral("unreadCount")).toObject().value(QStringLiteral("u1")).toInt(), 4);
    QCOMPARE(o.value(QStringLiteral("isActive")).toBool(false), true);
}

void TestChatTypes::profileEmailOnlyWhenSet()
{
    UserProfile p{QStringLiteral("u1"), QStringLiteral("Ann"), contract::RoleClient, std::nullopt, std::nullopt};
    QVERIFY(!p.toJson().contains(QStringLiteral("email")));
    p.email = QStringLiteral("ann@example.com");
    QCOMPARE(p.toJson().value(QStringLiteral("email")).toString(), QStringLiteral("ann@example.com"));
    QVERIFY(!p.withoutEmail().toJson().contains(QStringLiteral("email")));
    QCOMPARE(p.toPublicJson(), p.withoutEmail().toJson());
    p.profilePicture = QStringLiteral("/uploads/a.png");
    QCOMPARE(p.toPublicJson(), p.withoutEmail().toJson());
    QCOMPARE(p.toPublicJson().value(QStringLiteral("profilePicture")).toString(), QStringLiteral("/uploads/a.png"));
    // null counts as absent for optional fields
    const auto parsed = UserProfile::fromJson(
        parseObject(R"({"_id":"u1","fullName":"A","role":"client","profilePicture":null})"));
    QVERIFY(parsed.has_value());
    QVERIFY(!parsed->profilePicture.has_value());
}

void TestChatTypes::validation_data()
{
    QTest::addColumn<QString>("messageType");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("clientMessageId"); // "-" means absent
    QTest::addColumn<bool>("valid");

    QTest::newRow("plain text") << "text" << "Hello" << "-" << true;
    QTest::newRow("padded text kept") << "text" << "  Hello  " << "-" << true;
    QTest::newRow("empty") << "text" << "" << "-" << false;
    QTest::newRow("spaces") << "text" << "   " << "-" << false;
    QTest::newRow("tabs and newlines") << "text" << "\t\n\r" << "-" << false;
    QTest::newRow("nbsp and ideographic space") << "text" << QString(QChar(0x00A0)) + QChar(0x3000) << "-" << false;
    QTest::newRow("line separator") << "text" << QString(QChar(0x2028)) << "-" << false;
    QTest::newRow("zero width space is content") << "text" << QString(QChar(0x200B)) << "-" << true;
    QTest::newRow("4000 units") << "text" << QString(4000, QLatin1Char('a')) << "-" << true;
    QTest::newRow("4001 units") << "text" << QString(4001, QLatin1Char('a')) << "-" << false;
    QTest::newRow("2000 emoji = 4000 units")
        << "text" << QString::fromUtf8("\xF0\x9F\x98\x80").repeated(2000) << "-" << true;
    QTest::newRow("2001 emoji") << "text" << QString::fromUtf8("\xF0\x9F\x98\x80").repeated(2001) << "-" << false;
    QTest::newRow("bad type") << "video" << "x" << "-" << false;
    QTest::newRow("image upload") << "image" << "/uploads/abc_DEF-123.png" << "-" << true;
    QTest::newRow("image https") << "image" << "https://example.com/a.jpg" << "-" << true;
    QTest::newRow("image http") << "image" << "http://example.com/a.jpg" << "-" << true;
    QTest::newRow("image javascript") << "image" << "javascript:alert(1)" << "-" << false;
    QTest::newRow("image relative traversal") << "image" << "/uploads/../etc/passwd" << "-" << false;
    QTest::newRow("image plain words") << "image" << "a picture" << "-" << false;
    QTest::newRow("image blank") << "image" << " " << "-" << false;
    QTest::newRow("file upload") << "file" << "/uploads/0123abcd.pdf" << "-" << true;
    QTest::newRow("file https refused") << "file" << "https://example.com/a.pdf" << "-" << false;
    QTest::newRow("file traversal") << "file" << "/uploads/../x.pdf" << "-" << false;
    QTest::newRow("file words") << "file" << "quote.pdf" << "-" << false;
    QTest::newRow("deleted is not sendable") << "deleted" << "x" << "-" << false;
    QTest::newRow("client id ok") << "text" << "hi" << "abc-1" << true;
    QTest::newRow("client id empty") << "text" << "hi" << "" << false;
    QTest::newRow("client id 200") << "text" << "hi" << QString(200, QLatin1Char('k')) << true;
    QTest::newRow("client id 201") << "text" << "hi" << QString(201, QLatin1Char('k')) << false;
}

void TestChatTypes::validation()
{
    QFETCH(QString, messageType);
    QFETCH(QString, content);
    QFETCH(QString, clientMessageId);
    QFETCH(bool, valid);
    SendMessageRequest r{QStringLiteral("c1"), messageType, content, std::nullopt};
    if (clientMessageId != QLatin1String("-"))
        r.clientMessageId = clientMessageId;
    const QString reason = validateSendMessage(r);
    QCOMPARE(reason.isEmpty(), valid);
}

void TestChatTypes::blank_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("blank");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("next line U+0085") << QString(QChar(0x0085)) << true;
    QTest::newRow("vertical tab") << QStringLiteral("\v") << true;
    QTest::newRow("en quad U+2000") << QString(QChar(0x2000)) << true;
    QTest::newRow("letter") << QStringLiteral(" a ") << false;
    QTest::newRow("bom is not white space") << QString(QChar(0xFEFF)) << false;
}

void TestChatTypes::blank()
{
    QFETCH(QString, text);
    QFETCH(bool, blank);
    QCOMPARE(isBlank(text), blank);
}

namespace {

UserProfile person(const char *id, const char *name, const char *role, const char *picture = nullptr,
                   const char *email = nullptr)
{
    UserProfile p{QString::fromUtf8(id), QString::fromUtf8(name), QString::fromUtf8(role), std::nullopt, std::nullopt};
    if (picture)
        p.profilePicture = QString::fromUtf8(picture);
    if (email)
        p.email = QString::fromUtf8(email);
    return p;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

void TestChatTypes::messageChangeAck()
{
    const QDateTime at(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC);
    const MessageChangeAck edited{MessageChangeAck::Kind::Edited, QStringLiteral("m1"), at};
    QCOMPARE(compact(edited.toJson()),
             QByteArray(R"({"editedAt":"2026-11-26T10:15:30.123Z","messageId":"m1","success":true})"));
    const MessageChangeAck deleted{MessageChangeAck::Kind::Deleted, QStringLiteral("m1"), at};
    QCOMPARE(compact(deleted.toJson()),
             QByteArray(R"({"deletedAt":"2026-11-26T10:15:30.123Z","messageId":"m1","success":true})"));
    QCOMPARE(MessageChangeAck::fromJson(MessageChangeAck::Kind::Deleted, deleted.toJson()), deleted);
    // The time under the other kind's key, or success false: refused.
    QVERIFY(!MessageChangeAck::fromJson(MessageChangeAck::Kind::Edited, deleted.toJson()));
    QJsonObject failed = edited.toJson();
    failed.insert(QStringLiteral("success"), false);
    QVERIFY(!MessageChangeAck::fromJson(MessageChangeAck::Kind::Edited, failed));
}

void TestChatTypes::jsonTextMatchesToJson_data()
{
    // toJsonText() must give QJsonDocument(toJson()).toJson() byte for byte: optional
    // fields on and off, escapes, non-ASCII text and keys.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    const QDateTime at(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC);
    Message m{QStringLiteral("m1"), QStringLiteral("c1"), person("u1", "Ann", "client", nullptr, "ann@x.org"),
              contract::MessageTypeText, QStringLiteral("hello"), at, false, std::nullopt};
    QTest::newRow("message") << m.toJsonText() << compact(m.toJson());
    m.clientMessageId = QStringLiteral("cm-\"1\"");
    m.content = QStringLiteral("line 1\nline 2 \t caf\u00e9 \u2603 \U0001F600 \"q\" \\");
    m.sender = person("u2", "B\u00f6b", "craftsman", "/uploads/p.png");
    m.isRead = true;
    QTest::newRow("message with everything") << m.toJsonText() << compact(m.toJson());
    m.content = QString(QChar(0x01)) + QChar(0x1f) + QChar(0x7f) + QChar(0xd800);
    QTest::newRow("message with odd characters") << m.toJsonText() << compact(m.toJson());
    m.messageType = contract::MessageTypeFile;
    m.content = QStringLiteral("/uploads/a.pdf");
    m.attachment = Attachment{QStringLiteral("Pl\u00e4ne \"2\".pdf"), 26214400, QStringLiteral("application/pdf")};
    m.replyTo = ReplyPreview{QStringLiteral("m0"), QStringLiteral("u1"), contract::MessageTypeText, QStringLiteral("which one?")};
    m.editedAt = at.addSecs(60);
    QTest::newRow("file message replying, edited") << m.toJsonText() << compact(m.toJson());
    m.messageType = contract::MessageTypeDeleted;
    m.content.clear();
    m.attachment.reset();
    m.editedAt.reset();
    m.deletedAt = at.addSecs(120);
    QTest::newRow("tombstone") << m.toJsonText() << compact(m.toJson());

    ChatDetails c;
    c.id = QStringLiteral("c1");
    c.participants = {person("u1", "Ann", "client"), person("u2", "Bob", "craftsman", "/uploads/b.png", "b@x.org")};
    c.unreadCount = {{QStringLiteral("u1"), 0}, {QStringLiteral("u2"), 12}};
    QTest::newRow("chat minimal") << c.toJsonText() << compact(c.toJson());
    c.job = JobRef{QStringLiteral("j1"), QStringLiteral("Fix \"the\" roof")};
    c.lastMessage = QStringLiteral("see you");
    c.lastMessageAt = at;
    c.lastMessageSenderId = QStringLiteral("u1");
    c.isActive = false;
    QTest::newRow("chat with everything") << c.toJsonText() << compact(c.toJson());
    c.unreadCount.insert(QStringLiteral("\u00e9t\u00e9"), 3);
    c.unreadCount.insert(QStringLiteral("Zed"), 1);
    c.unreadCount.insert(QStringLiteral("_x"), 2);
    QTest::newRow("chat with odd unread keys") << c.toJsonText() << compact(c.toJson());
    c.participants.clear();
    c.unreadCount.clear();
    QTest::newRow("chat without people") << c.toJsonText() << compact(c.toJson());

    MessageSent sent{true, QStringLiteral("m1"), at, QStringLiteral("c1"), std::nullopt};
    QTest::newRow("message-sent") << sent.toJsonText() << compact(sent.toJson());
    sent.clientMessageId = QStringLiteral("cm-1");
    sent.success = false;
    QTest::newRow("message-sent with client id") << sent.toJsonText() << compact(sent.toJson());

    const UserProfile p = person("u9", "Z\u00fc", "admin", "https://x/y.png", "z@x.org");
    QByteArray profile;
    p.appendPublicJsonText(profile);
    QTest::newRow("public profile") << profile << compact(p.toPublicJson());
    QByteArray job;
    JobRef{QStringLiteral("j"), QString()}.appendJsonText(job);
    QTest::newRow("job") << job << compact(JobRef{QStringLiteral("j"), QString()}.toJson());
}

void TestChatTypes::jsonTextMatchesToJson()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(text, expected);
}

QTEST_GUILESS_MAIN(TestChatTypes)
#include "tst_chattypes.moc"
