// Integration tests of the chat events (docs/API.md, section 1) against a real server
// over real WebSockets: authentication, auto-join, every client event with its replies, acks
// and error codes, fan-out, idempotency, the rate limit, read receipts, the socket limit.
#include "tests/support/siotestclient.h"
#include "tests/support/testimages.h"
#include "tests/support/testserver.h"

#include "common/contract/contract.h"
#include "server/chat/chatservice.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

const QRegularExpression IsoMillis(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"));

QJsonObject textMessage(const QString &chatId, const QString &content, const QString &clientMessageId = {})
{
    QJsonObject o{{QStringLiteral("chatId"), chatId},
                  {QStringLiteral("messageType"), QStringLiteral("text")},
                  {QStringLiteral("content"), content}};
    if (!clientMessageId.isEmpty())
        o.insert(QStringLiteral("clientMessageId"), clientMessageId);
    return o;
}

QJsonObject errorOf(const std::optional<QJsonArray> &ack)
{
    return ack && !ack->isEmpty() ? ack->at(0).toObject() : QJsonObject();
}

} // namespace

class TestChatSocket : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;

    std::unique_ptr<SioTestClient> connected(const TestUser &user)
    {
        auto client = std::make_unique<SioTestClient>(m_server->port());
        if (!client->connectWithToken(user.token))
            qWarning("socket of %s did not connect", qPrintable(user.id));
        return client;
    }

    struct Pair
    {
        TestUser client;
        TestUser craftsman;
        QString chatId;
    };
    Pair pairWithChat()
    {
        Pair p;
        p.client = m_server->registerUser(contract::RoleClient);
        p.craftsman = m_server->registerUser(contract::RoleCraftsman);
        p.chatId = m_server->createChat(p.client, p.craftsman).value(QStringLiteral("_id")).toString();
        return p;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
        QVERIFY(m_server->port() > 0);
    }

    void cleanupTestCase() { m_server.reset(); }

    void authenticationFailures_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("no auth object") << "none";
        QTest::newRow("empty token") << "empty";
        QTest::newRow("token not a string") << "number";
        QTest::newRow("malformed") << "malformed";
        QTest::newRow("expired") << "expired";
        QTest::newRow("bad signature") << "forged";
        QTest::newRow("alg none") << "alg-none";
        QTest::newRow("unknown user") << "unknown-user";
    }

    void authenticationFailures()
    {
        QFETCH(QString, kind);
        const TestUser user = m_server->registerUser(contract::RoleClient);
        QVERIFY(!user.id.isEmpty());
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QJsonObject auth;
        if (kind == QLatin1String("empty"))
            auth.insert(QStringLiteral("token"), QString());
        else if (kind == QLatin1String("number"))
            auth.insert(QStringLiteral("token"), 42);
        else if (kind == QLatin1String("malformed"))
            auth.insert(QStringLiteral("token"), QStringLiteral("not.a.jwt"));
        else if (kind == QLatin1String("expired"))
            auth.insert(QStringLiteral("token"), TestServer::mintToken(user.id, user.role, now - 7200, now - 3600));
        else if (kind == QLatin1String("forged"))
            auth.insert(QStringLiteral("token"),
                        TestServer::mintToken(user.id, user.role, now, now + 3600, QStringLiteral("another-secret")));
        else if (kind == QLatin1String("alg-none")) {
            const QByteArray header = QByteArray(R"({"alg":"none","typ":"JWT"})")
                                          .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            const QByteArray payload = QStringLiteral(R"({"userId":"%1","role":"client","iat":%2,"exp":%3})")
                                           .arg(user.id)
                                           .arg(now)
                                           .arg(now + 3600)
                                           .toUtf8()
                                           .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            auth.insert(QStringLiteral("token"), QString::fromLatin1(header + '.' + payload + '.'));
        } else if (kind == QLatin1String("unknown-user"))
            auth.insert(QStringLiteral("token"), TestServer::mintToken(QStringLiteral("no-such-user"),
                                                                       QStringLiteral("client"), now, now + 3600));

        SioTestClient socket(m_server->port());
        QVERIFY(!socket.connectTo(auth));
        QVERIFY(socket.connectError().has_value());
        QCOMPARE(socket.connectError()->value(QStringLiteral("message")).toString(),
                 QStringLiteral("Authentication failed"));
        QVERIFY(!socket.isConnected());
    }

    void autoJoinOnConnect()
    {
        const Pair p = pairWithChat();
        QVERIFY(!p.chatId.isEmpty());
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        QVERIFY(client->isConnected());
        QVERIFY(craftsman->isConnected());

        // No join-chat: the craftsman's message reaches the client through the auto-joined room.
        const auto ack
            = craftsman->emitWithAck(contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("hello")));
        QVERIFY(ack.has_value());
        const QJsonValue message = client->waitForEvent(contract::event::NewMessage);
        QCOMPARE(message.toObject().value(QStringLiteral("content")).toString(), QStringLiteral("hello"));

        // The admin view shows both sockets in the chat room and each in its user room.
        const TestUser admin = m_server->createAdmin();
        const HttpReply debug = m_server->http().get(QStringLiteral("/api/messages/admin/socket-debug"), admin.token);
        QCOMPARE(debug.status, 200);
        bool chatRoomSeen = false;
        bool userRoomSeen = false;
        for (const QJsonValue &room : debug.object().value(QStringLiteral("rooms")).toArray()) {
            const QJsonObject r = room.toObject();
            if (r.value(QStringLiteral("roomName")).toString() == contract::chatRoom(p.chatId)) {
                chatRoomSeen = true;
                QCOMPARE(r.value(QStringLiteral("socketCount")).toInt(), 2);
                QVERIFY(r.value(QStringLiteral("socketIds")).toArray().contains(client->socketId()));
                QVERIFY(r.value(QStringLiteral("userIds")).toArray().contains(p.craftsman.id));
            }
            if (r.value(QStringLiteral("roomName")).toString() == contract::userRoom(p.client.id)) {
                userRoomSeen = true;
                QCOMPARE(r.value(QStringLiteral("socketIds")).toArray(), QJsonArray{client->socketId()});
            }
        }
        QVERIFY(chatRoomSeen);
        QVERIFY(userRoomSeen);
    }

    void joinChat()
    {
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        auto second = connected(p.client);
        const auto ack = client->emitWithAck(contract::event::JoinChat, p.chatId);
        QVERIFY(ack.has_value());
        const QJsonObject expected{{QStringLiteral("chatId"), p.chatId},
                                   {QStringLiteral("success"), true},
                                   {QStringLiteral("roomMembersCount"), 2}};
        QCOMPARE(ack->at(0).toObject(), expected);
        QCOMPARE(client->waitForEvent(contract::event::ChatJoined).toObject(), expected);
    }

    void joinChatRefused_data()
    {
        QTest::addColumn<QJsonValue>("chatId");
        QTest::addColumn<QString>("code");
        QTest::newRow("other people's chat") << QJsonValue(QStringLiteral("OTHER")) << contract::code::Unauthorized;
        QTest::newRow("no such chat") << QJsonValue(QStringLiteral("no-such-chat")) << contract::code::Unauthorized;
        QTest::newRow("number") << QJsonValue(17) << contract::code::InvalidInput;
        QTest::newRow("empty") << QJsonValue(QString()) << contract::code::InvalidInput;
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined) << contract::code::InvalidInput;
    }

    void joinChatRefused()
    {
        QFETCH(QJsonValue, chatId);
        QFETCH(QString, code);
        const Pair others = pairWithChat();
        const TestUser stranger = m_server->registerUser(contract::RoleClient);
        if (chatId.toString() == QLatin1String("OTHER"))
            chatId = others.chatId;
        auto socket = connected(stranger);
        const auto ack = socket->emitWithAck(contract::event::JoinChat, chatId);
        QVERIFY(ack.has_value());
        QCOMPARE(errorOf(ack).value(QStringLiteral("code")).toString(), code);
        if (code == contract::code::Unauthorized)
            QCOMPARE(errorOf(ack).value(QStringLiteral("message")).toString(), QStringLiteral("Not authorized"));
        const QJsonObject event = socket->waitForEvent(contract::event::Error).toObject();
        QCOMPARE(event, errorOf(ack));
        QCOMPARE(socket->count(contract::event::ChatJoined), 0);
    }

    void sendMessageInvalid_data()
    {
        QTest::addColumn<QJsonValue>("payload");
        const QString chat = QStringLiteral("CHAT");
        auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject o = textMessage(chat, QStringLiteral("hi"));
            if (value.isUndefined())
                o.remove(key);
            else
                o.insert(key, value);
            return QJsonValue(o);
        };
        QTest::newRow("not an object") << QJsonValue(QStringLiteral("hello"));
        QTest::newRow("array") << QJsonValue(QJsonArray{1, 2});
        QTest::newRow("missing chatId") << with(QStringLiteral("chatId"), QJsonValue::Undefined);
        QTest::newRow("empty chatId") << with(QStringLiteral("chatId"), QString());
        QTest::newRow("numeric chatId") << with(QStringLiteral("chatId"), 5);
        QTest::newRow("bad messageType") << with(QStringLiteral("messageType"), QStringLiteral("video"));
        QTest::newRow("missing messageType") << with(QStringLiteral("messageType"), QJsonValue::Undefined);
        QTest::newRow("missing content") << with(QStringLiteral("content"), QJsonValue::Undefined);
        QTest::newRow("numeric content") << with(QStringLiteral("content"), 12);
        QTest::newRow("empty content") << with(QStringLiteral("content"), QString());
        QTest::newRow("blank spaces") << with(QStringLiteral("content"), QStringLiteral("   \t\n "));
        QTest::newRow("blank unicode spaces")
            << with(QStringLiteral("content"), QString::fromUtf8("\u00a0\u2003\u3000"));
        QTest::newRow("4001 units") << with(QStringLiteral("content"), QString(4001, QLatin1Char('a')));
        QString emoji;
        for (int i = 0; i < 2000; ++i)
            emoji += QString::fromUtf8("\U0001F600");
        QTest::newRow("2000 emoji + 1") << with(QStringLiteral("content"), emoji + QLatin1Char('x'));
        QJsonObject image = textMessage(chat, QStringLiteral("ftp://example.test/a.png"));
        image.insert(QStringLiteral("messageType"), QStringLiteral("image"));
        QTest::newRow("image not a URL") << QJsonValue(image);
        QTest::newRow("empty clientMessageId") << with(QStringLiteral("clientMessageId"), QString());
        QTest::newRow("numeric clientMessageId") << with(QStringLiteral("clientMessageId"), 3);
    }

    void sendMessageInvalid()
    {
        QFETCH(QJsonValue, payload);
        const Pair p = pairWithChat();
        if (payload.isObject() && payload[QStringLiteral("chatId")] == QStringLiteral("CHAT")) {
            QJsonObject o = payload.toObject();
            o.insert(QStringLiteral("chatId"), p.chatId);
            payload = o;
        }
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        const auto ack = client->emitWithAck(contract::event::SendMessage, payload);
        QVERIFY(ack.has_value());
        QCOMPARE(errorOf(ack).value(QStringLiteral("code")).toString(), contract::code::InvalidInput);
        QVERIFY(!errorOf(ack).value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(client->waitForEvent(contract::event::Error).toObject(), errorOf(ack));
        QCOMPARE(client->count(contract::event::MessageSent), 0);
        QCOMPARE(craftsman->count(contract::event::NewMessage), 0);
    }

    void sendMessageBoundaries_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("type");
        QTest::newRow("4000 units") << QString(4000, QLatin1Char('a')) << "text";
        QString emoji;
        for (int i = 0; i < 2000; ++i)
            emoji += QString::fromUtf8("\U0001F600");
        QTest::newRow("2000 emoji") << emoji << "text";
        QTest::newRow("kept untrimmed") << "  padded  "
                                        << "text";
        QTest::newRow("https image") << "https://example.test/pic.png"
                                     << "image";
        QTest::newRow("uploaded image") << "/uploads/0123456789abcdef0123456789abcdef.png"
                                        << "image";
    }

    void sendMessageBoundaries()
    {
        QFETCH(QString, content);
        QFETCH(QString, type);
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        QJsonObject message = textMessage(p.chatId, content);
        message.insert(QStringLiteral("messageType"), type);
        const auto ack = client->emitWithAck(contract::event::SendMessage, message);
        QVERIFY(ack.has_value());
        QCOMPARE(ack->at(0).toObject().value(QStringLiteral("success")).toBool(), true);
        const QJsonObject stored = client->waitForEvent(contract::event::NewMessage).toObject();
        QCOMPARE(stored.value(QStringLiteral("content")).toString(), content);
        QCOMPARE(stored.value(QStringLiteral("messageType")).toString(), type);
    }

    void imageMessageFromUpload()
    {
        const Pair p = pairWithChat();
        const QByteArray png = encodedTestImage("png");
        const HttpReply upload = m_server->http().request("POST", QStringLiteral("/api/uploads"), png, p.client.token);
        QCOMPARE(upload.status, 201);
        const QString url = upload.object().value(QStringLiteral("url")).toString();
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        QJsonObject message = textMessage(p.chatId, url);
        message.insert(QStringLiteral("messageType"), QStringLiteral("image"));
        const auto ack = client->emitWithAck(contract::event::SendMessage, message);
        QVERIFY(ack.has_value());
        QCOMPARE(ack->at(0).toObject().value(QStringLiteral("success")).toBool(), true);
        const QJsonObject received = craftsman->waitForEvent(contract::event::NewMessage).toObject();
        QCOMPARE(received.value(QStringLiteral("messageType")).toString(), QStringLiteral("image"));
        QCOMPARE(received.value(QStringLiteral("content")).toString(), url);
        QCOMPARE(m_server->http().get(url).body, png);
    }

    void unknownEventsAreIgnored()
    {
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        client->emitEvent(QStringLiteral("no-such-event"), QStringLiteral("x"));
        // Still connected and answering.
        const auto ack = client->emitWithAck(contract::event::JoinChat, p.chatId);
        QVERIFY(ack.has_value());
        QCOMPARE(ack->at(0).toObject().value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(client->count(contract::event::Error), 0);
        QVERIFY(m_server->server()->chatService()->metrics().eventCount(QStringLiteral("other")) >= 1);
    }

    void sendMessageNotParticipant()
    {
        const Pair p = pairWithChat();
        const TestUser stranger = m_server->registerUser(contract::RoleCraftsman);
        auto socket = connected(stranger);
        auto client = connected(p.client);
        const auto ack
            = socket->emitWithAck(contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("intrusion")));
        QVERIFY(ack.has_value());
        QCOMPARE(errorOf(ack), (QJsonObject{{QStringLiteral("message"), QStringLiteral("Not authorized")},
                                            {QStringLiteral("code"), contract::code::Unauthorized}}));
        QCOMPARE(socket->waitForEvent(contract::event::Error).toObject(), errorOf(ack));
        const auto unknown = socket->emitWithAck(contract::event::SendMessage,
                                                 textMessage(QStringLiteral("nope"), QStringLiteral("x")));
        QCOMPARE(errorOf(unknown).value(QStringLiteral("code")).toString(), contract::code::Unauthorized);
        QCOMPARE(client->count(contract::event::NewMessage), 0);
    }

    void sendMessageFanOut()
    {
        const Pair p = pairWithChat();
        auto tabA = connected(p.client);
        auto tabB = connected(p.client);
        auto craftsman = connected(p.craftsman);
        const auto ack
            = tabA->emitWithAck(contract::event::SendMessage,
                                textMessage(p.chatId, QStringLiteral("Can you fix a sink?"), QStringLiteral("c-1")));
        QVERIFY(ack.has_value());
        const QJsonObject sent = ack->at(0).toObject();
        QCOMPARE(sent.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(sent.value(QStringLiteral("chatId")).toString(), p.chatId);
        QCOMPARE(sent.value(QStringLiteral("clientMessageId")).toString(), QStringLiteral("c-1"));
        QVERIFY(!sent.value(QStringLiteral("messageId")).toString().isEmpty());
        QVERIFY(IsoMillis.match(sent.value(QStringLiteral("timestamp")).toString()).hasMatch());
        QCOMPARE(tabA->waitForEvent(contract::event::MessageSent).toObject(), sent);

        for (SioTestClient *socket : {tabA.get(), tabB.get(), craftsman.get()}) {
            const QJsonObject m = socket->waitForEvent(contract::event::NewMessage).toObject();
            QCOMPARE(m.value(QStringLiteral("_id")).toString(), sent.value(QStringLiteral("messageId")).toString());
            QCOMPARE(m.value(QStringLiteral("chatId")).toString(), p.chatId);
            QCOMPARE(m.value(QStringLiteral("messageType")).toString(), QStringLiteral("text"));
            QCOMPARE(m.value(QStringLiteral("content")).toString(), QStringLiteral("Can you fix a sink?"));
            QCOMPARE(m.value(QStringLiteral("timestamp")).toString(),
                     sent.value(QStringLiteral("timestamp")).toString());
            QCOMPARE(m.value(QStringLiteral("isRead")).toBool(true), false);
            QCOMPARE(m.value(QStringLiteral("clientMessageId")).toString(), QStringLiteral("c-1"));
            const QJsonObject sender = m.value(QStringLiteral("senderId")).toObject();
            QCOMPARE(sender.value(QStringLiteral("_id")).toString(), p.client.id);
            QCOMPARE(sender.value(QStringLiteral("fullName")).toString(), p.client.fullName);
            QCOMPARE(sender.value(QStringLiteral("role")).toString(), QStringLiteral("client"));
            QVERIFY(!sender.contains(QStringLiteral("email")));

            const QJsonObject chat = socket->waitForEvent(contract::event::ChatUpdated).toObject();
            QCOMPARE(chat.value(QStringLiteral("_id")).toString(), p.chatId);
            QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(), QStringLiteral("Can you fix a sink?"));
            QCOMPARE(chat.value(QStringLiteral("lastMessageSenderId")).toString(), p.client.id);
            QCOMPARE(chat.value(QStringLiteral("lastMessageAt")).toString(),
                     sent.value(QStringLiteral("timestamp")).toString());
            const QJsonObject unread = chat.value(QStringLiteral("unreadCount")).toObject();
            QCOMPARE(unread.value(p.craftsman.id).toInt(), 1);
            QCOMPARE(unread.value(p.client.id).toInt(), 0);
            QCOMPARE(chat.value(QStringLiteral("isActive")).toBool(), true);
            QCOMPARE(chat.value(QStringLiteral("participants")).toArray().size(), 2);
        }
        // message-sent goes to the sending socket only.
        QCOMPARE(tabB->count(contract::event::MessageSent), 0);
        QCOMPARE(craftsman->count(contract::event::MessageSent), 0);
    }

    void idempotentRetry()
    {
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        const auto first = client->emitWithAck(
            contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("once"), QStringLiteral("retry-1")));
        const auto again = client->emitWithAck(
            contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("once"), QStringLiteral("retry-1")));
        QVERIFY(first.has_value());
        QVERIFY(again.has_value());
        QCOMPARE(again->at(0).toObject(), first->at(0).toObject());
        // A later, different message is the sync point: the craftsman saw two messages, not three.
        const auto other = client->emitWithAck(
            contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("next"), QStringLiteral("retry-2")));
        QVERIFY(other.has_value());
        // Events of one connection arrive in order: a broadcast of the retry would come before
        // the new-message of "next".
        QTRY_COMPARE_WITH_TIMEOUT(craftsman->eventsNamed(contract::event::NewMessage).isEmpty()
                                      ? QString()
                                      : craftsman->eventsNamed(contract::event::NewMessage)
                                            .constLast()
                                            .toObject()
                                            .value(QStringLiteral("content"))
                                            .toString(),
                                  QStringLiteral("next"), 10000);
        QCOMPARE(craftsman->count(contract::event::NewMessage), 2);
        QCOMPARE(client->count(contract::event::MessageSent), 3);

        const HttpReply history
            = m_server->http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(p.chatId), p.client.token);
        QCOMPARE(history.status, 200);
        QCOMPARE(history.array().size(), 2);
    }

    void rateLimit()
    {
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        std::optional<QJsonArray> firstAck;
        std::optional<QJsonArray> lastAck;
        for (int i = 1; i <= 30; ++i) {
            const auto ack
                = client->emitWithAck(contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("m%1").arg(i),
                                                                                QStringLiteral("rl-%1").arg(i)));
            QVERIFY(ack.has_value());
            QVERIFY2(ack->at(0).toObject().value(QStringLiteral("success")).toBool(), qPrintable(QString::number(i)));
            if (i == 1)
                firstAck = ack;
            lastAck = ack;
        }
        const auto refused = client->emitWithAck(contract::event::SendMessage,
                                                 textMessage(p.chatId, QStringLiteral("m31"), QStringLiteral("rl-31")));
        QCOMPARE(errorOf(refused), (QJsonObject{{QStringLiteral("message"), QStringLiteral("Rate limit exceeded")},
                                                {QStringLiteral("code"), contract::code::RateLimit}}));
        // An idempotent retry is still answered at the limit, with the first message.
        const auto retry = client->emitWithAck(contract::event::SendMessage,
                                               textMessage(p.chatId, QStringLiteral("m1"), QStringLiteral("rl-1")));
        QVERIFY(retry.has_value());
        QCOMPARE(retry->at(0).toObject(), firstAck->at(0).toObject());
        const auto retryLast = client->emitWithAck(
            contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("m30"), QStringLiteral("rl-30")));
        QVERIFY(retryLast.has_value());
        QCOMPARE(retryLast->at(0).toObject(), lastAck->at(0).toObject());
        // Nothing over the limit was stored.
        const HttpReply history = m_server->http().get(
            QStringLiteral("/api/messages/chats/%1/messages?limit=100").arg(p.chatId), p.client.token);
        QCOMPARE(history.array().size(), 30);
    }

    void burstIsCommittedTogether()
    {
        // Frames sent back to back arrive in one event-loop turn and share a group commit:
        // answers, order, idempotency and the rate limit hold inside the group as well.
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        QList<qint64> ids;
        for (int i = 0; i < 35; ++i) {
            const QString cmid = i == 3 ? QStringLiteral("burst-1") : QStringLiteral("burst-%1").arg(i);
            ids.append(client->emitAsync(contract::event::SendMessage,
                                         textMessage(p.chatId, QStringLiteral("b%1").arg(i), cmid)));
        }
        QStringList stored;
        int refused = 0;
        QJsonObject firstOfPair;
        for (int i = 0; i < ids.size(); ++i) {
            const auto ack = client->waitForAck(ids.at(i));
            QVERIFY(ack.has_value());
            const QJsonObject answer = ack->at(0).toObject();
            if (answer.value(QStringLiteral("code")).toString() == contract::code::RateLimit) {
                ++refused;
                continue;
            }
            QVERIFY2(answer.value(QStringLiteral("success")).toBool(), qPrintable(QString::number(i)));
            if (i == 1)
                firstOfPair = answer;
            if (i == 3)
                QCOMPARE(answer, firstOfPair); // the repeated clientMessageId
            else
                stored.append(answer.value(QStringLiteral("messageId")).toString());
        }
        // 30 slots: 30 stored messages (the retry took none), the other 4 refused.
        QCOMPARE(stored.size(), 30);
        QCOMPARE(refused, 4);
        QVERIFY(craftsman->waitForEvents(contract::event::NewMessage, 30));
        QStringList delivered;
        for (const QJsonValue &m : craftsman->eventsNamed(contract::event::NewMessage))
            delivered.append(m.toObject().value(QStringLiteral("_id")).toString());
        QCOMPARE(delivered, stored);
        QVERIFY(craftsman->waitForEvents(contract::event::ChatUpdated, 30));
        // Each chat-updated shows the chat right after its own message.
        const QList<QJsonValue> updates = craftsman->eventsNamed(contract::event::ChatUpdated);
        for (int i = 0; i < 30; ++i) {
            const QJsonObject chat = updates.at(i).toObject();
            QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(p.craftsman.id).toInt(), i + 1);
            QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(),
                     craftsman->eventsNamed(contract::event::NewMessage)
                         .at(i)
                         .toObject()
                         .value(QStringLiteral("content"))
                         .toString());
        }
    }

    void typingGoesToOthersOnly()
    {
        const Pair p = pairWithChat();
        auto tabA = connected(p.client);
        auto tabB = connected(p.client);
        auto craftsman = connected(p.craftsman);
        for (const bool start : {true, false}) {
            const QString event = start ? contract::event::TypingStart : contract::event::TypingStop;
            const auto ack = tabA->emitWithAck(event, p.chatId);
            QVERIFY(ack.has_value());
            QCOMPARE(ack->at(0).toObject(), (QJsonObject{{QStringLiteral("success"), true}}));
            const QJsonObject expected{{QStringLiteral("chatId"), p.chatId},
                                       {QStringLiteral("userId"), p.client.id},
                                       {QStringLiteral("isTyping"), start}};
            QVERIFY(craftsman->waitForEvents(contract::event::UserTyping, start ? 1 : 2));
            QCOMPARE(craftsman->eventsNamed(contract::event::UserTyping).constLast().toObject(), expected);
            QVERIFY(tabB->waitForEvents(contract::event::UserTyping, start ? 1 : 2));
            QCOMPARE(tabB->eventsNamed(contract::event::UserTyping).constLast().toObject(), expected);
        }
        // The sender's own socket got its acks after the broadcast: nothing for it.
        QCOMPARE(tabA->count(contract::event::UserTyping), 0);

        const TestUser stranger = m_server->registerUser(contract::RoleClient);
        auto intruder = connected(stranger);
        const auto refused = intruder->emitWithAck(contract::event::TypingStart, p.chatId);
        QCOMPARE(errorOf(refused).value(QStringLiteral("code")).toString(), contract::code::Unauthorized);
    }

    void markMessagesRead()
    {
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        QStringList ids;
        for (int i = 0; i < 2; ++i) {
            const auto ack = craftsman->emitWithAck(contract::event::SendMessage,
                                                    textMessage(p.chatId, QStringLiteral("quote %1").arg(i)));
            QVERIFY(ack.has_value());
            ids.append(ack->at(0).toObject().value(QStringLiteral("messageId")).toString());
        }
        QVERIFY(client->waitForEvents(contract::event::ChatUpdated, 2));
        QCOMPARE(client->eventsNamed(contract::event::ChatUpdated)
                     .constLast()
                     .toObject()
                     .value(QStringLiteral("unreadCount"))
                     .toObject()
                     .value(p.client.id)
                     .toInt(),
                 2);

        client->clearEvents();
        const auto ack = client->emitWithAck(contract::event::MarkMessagesRead, p.chatId);
        QVERIFY(ack.has_value());
        QCOMPARE(ack->at(0).toObject(), (QJsonObject{{QStringLiteral("success"), true}}));

        const QJsonObject read = craftsman->waitForEvent(contract::event::MessageRead).toObject();
        QCOMPARE(read.value(QStringLiteral("chatId")).toString(), p.chatId);
        QCOMPARE(read.value(QStringLiteral("userId")).toString(), p.client.id);
        QVERIFY(IsoMillis.match(read.value(QStringLiteral("readAt")).toString()).hasMatch());
        QCOMPARE(read.value(QStringLiteral("messageIds")).toArray(), QJsonArray::fromStringList(ids));

        const QJsonObject chat = client->waitForEvent(contract::event::ChatUpdated).toObject();
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(p.client.id).toInt(), 0);
        QCOMPARE(client->count(contract::event::MessageRead), 0);

        const HttpReply history
            = m_server->http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(p.chatId), p.client.token);
        for (const QJsonValue &m : history.array())
            QCOMPARE(m.toObject().value(QStringLiteral("isRead")).toBool(), true);

        const TestUser stranger = m_server->registerUser(contract::RoleClient);
        auto intruder = connected(stranger);
        const auto refused = intruder->emitWithAck(contract::event::MarkMessagesRead, p.chatId);
        QCOMPARE(errorOf(refused).value(QStringLiteral("code")).toString(), contract::code::Unauthorized);
    }

    void connectionLimit()
    {
        const TestUser user = m_server->registerUser(contract::RoleClient);
        std::vector<std::unique_ptr<SioTestClient>> sockets;
        for (int i = 0; i < 5; ++i) {
            sockets.push_back(connected(user));
            QVERIFY(sockets.back()->isConnected());
        }
        SioTestClient sixth(m_server->port());
        QVERIFY(!sixth.connectWithToken(user.token));
        QVERIFY(sixth.connectError().has_value());
        QCOMPARE(*sixth.connectError(),
                 (QJsonObject{{QStringLiteral("message"), QStringLiteral("Connection limit reached")},
                              {QStringLiteral("data"),
                               QJsonObject{{QStringLiteral("code"), contract::code::ConnectionLimit}}}}));
        // The five are untouched.
        for (const auto &s : sockets) {
            const auto ack = s->emitWithAck(contract::event::TypingStart, QStringLiteral("no-such-chat"));
            QVERIFY(ack.has_value());
            QVERIFY(s->isConnected());
        }
        // A place freed by a disconnect can be taken again.
        sockets.front()->disconnectFromServer();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->server()->chatService()->connections().socketCount(user.id) == 4, 10000);
        SioTestClient again(m_server->port());
        QVERIFY(again.connectWithToken(user.token));
    }

    void chatCreationNotifiesOnlineSockets()
    {
        const TestUser client = m_server->registerUser(contract::RoleClient);
        const TestUser craftsman = m_server->registerUser(contract::RoleCraftsman);
        auto clientSocket = connected(client);
        auto craftsmanSocket = connected(craftsman);
        int status = 0;
        const QJsonObject chat = m_server->createChat(
            client, craftsman, {{QStringLiteral("initialMessage"), QStringLiteral("Hello there")}}, &status);
        QCOMPARE(status, 201);
        const QString chatId = chat.value(QStringLiteral("_id")).toString();
        for (SioTestClient *socket : {clientSocket.get(), craftsmanSocket.get()}) {
            QCOMPARE(socket->waitForEvent(contract::event::NewChatNotification).toObject(),
                     (QJsonObject{{QStringLiteral("chatId"), chatId},
                                  {QStringLiteral("message"), QStringLiteral("New chat conversation started")}}));
            const QJsonObject message = socket->waitForEvent(contract::event::NewMessage).toObject();
            QCOMPARE(message.value(QStringLiteral("content")).toString(), QStringLiteral("Hello there"));
            QVERIFY(socket->waitForEvents(contract::event::ChatUpdated, 2));
            // Order: notification, chat-updated, new-message, chat-updated.
            QStringList order;
            for (const auto &e : socket->events())
                order.append(e.first);
            QCOMPARE(order, (QStringList{contract::event::NewChatNotification, contract::event::ChatUpdated,
                                         contract::event::NewMessage, contract::event::ChatUpdated}));
        }
        // The new room was joined: typing reaches the other side at once.
        const auto ack = craftsmanSocket->emitWithAck(contract::event::TypingStart, chatId);
        QVERIFY(ack.has_value());
        QVERIFY(clientSocket->waitForEvents(contract::event::UserTyping, 1));
    }

    void storeFailureAnswersSendMessageError()
    {
        // A trigger in the real database makes every message insert fail.
        const Pair p = pairWithChat();
        auto client = connected(p.client);
        auto craftsman = connected(p.craftsman);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(QDir(m_server->dataDir()).filePath(QStringLiteral("craftchat.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER refuse_messages BEFORE INSERT ON messages "
                                           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")),
                     qPrintable(q.lastError().text()));
        }
        const auto refused
            = client->emitWithAck(contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("lost")));
        QCOMPARE(errorOf(refused), (QJsonObject{{QStringLiteral("message"), QStringLiteral("Failed to send message")},
                                                {QStringLiteral("code"), contract::code::SendMessageError}}));
        QCOMPARE(client->waitForEvent(contract::event::Error).toObject(), errorOf(refused));
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("saboteur"));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER refuse_messages")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        // Nothing was emitted to others; the next message goes through.
        const auto ok
            = client->emitWithAck(contract::event::SendMessage, textMessage(p.chatId, QStringLiteral("kept")));
        QVERIFY(ok.has_value());
        QCOMPARE(ok->at(0).toObject().value(QStringLiteral("success")).toBool(), true);
        QVERIFY(craftsman->waitForEvents(contract::event::NewMessage, 1));
        QCOMPARE(craftsman->count(contract::event::NewMessage), 1);
        QCOMPARE(craftsman->eventsNamed(contract::event::NewMessage)
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString(),
                 QStringLiteral("kept"));
        QVERIFY(craftsman->waitForEvents(contract::event::ChatUpdated, 1));
        QCOMPARE(craftsman->eventsNamed(contract::event::ChatUpdated).size(), 1);
        QCOMPARE(craftsman->eventsNamed(contract::event::ChatUpdated)
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("unreadCount"))
                     .toObject()
                     .value(p.craftsman.id)
                     .toInt(),
                 1);
    }

    void disconnectForgetsTheSocket()
    {
        const TestUser user = m_server->registerUser(contract::RoleCraftsman);
        auto socket = connected(user);
        chat::ChatService *service = m_server->server()->chatService();
        QCOMPARE(service->connections().socketCount(user.id), 1);
        QVERIFY(service->connections().isOnline(user.id));
        socket->disconnectFromServer();
        QTRY_COMPARE_WITH_TIMEOUT(service->connections().socketCount(user.id), 0, 10000);
        QVERIFY(!service->connections().isOnline(user.id));
    }
};

QTEST_MAIN(TestChatSocket)
#include "tst_chatsocket.moc"
