// Restart with the same data directory: users, chats, messages and unread counts survive, and
// old tokens still work (same JWT secret).
#include "tests/support/siotestclient.h"
#include "tests/support/testserver.h"

#include "common/contract/contract.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;
using namespace craftchat::testsupport;

class TestChatRestart : public QObject
{
    Q_OBJECT

private slots:
    void dataSurvivesRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TestUser client;
        TestUser craftsman;
        QString chatId;
        QStringList messageIds;
        {
            TestServer first(dir.path());
            QVERIFY(first.start());
            client = first.registerUser(contract::RoleClient, QStringLiteral("Carla Client"));
            craftsman = first.registerUser(contract::RoleCraftsman, QStringLiteral("Chris Craftsman"));
            QVERIFY(!client.id.isEmpty());
            chatId = first.createChat(client, craftsman, {{QStringLiteral("initialMessage"), QStringLiteral("first")}})
                         .value(QStringLiteral("_id"))
                         .toString();
            QVERIFY(!chatId.isEmpty());
            SioTestClient socket(first.port());
            QVERIFY(socket.connectWithToken(client.token));
            for (const QString &text : {QStringLiteral("second"), QStringLiteral("third")}) {
                const auto ack = socket.emitWithAck(contract::event::SendMessage,
                                                    QJsonObject{{QStringLiteral("chatId"), chatId},
                                                                {QStringLiteral("messageType"), QStringLiteral("text")},
                                                                {QStringLiteral("content"), text}});
                QVERIFY(ack.has_value());
                messageIds.append(ack->at(0).toObject().value(QStringLiteral("messageId")).toString());
            }
            first.stop();
        }

        TestServer second(dir.path());
        QVERIFY(second.start());
        // The old token still names an existing user.
        const HttpReply me = second.http().get(QStringLiteral("/api/users/me"), client.token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.object().value(QStringLiteral("fullName")).toString(), QStringLiteral("Carla Client"));
        // Login with the password works after the restart.
        const HttpReply login = second.http().postJson(
            QStringLiteral("/api/auth/login"),
            {{QStringLiteral("email"), craftsman.email}, {QStringLiteral("password"), craftsman.password}});
        QCOMPARE(login.status, 200);

        const HttpReply chats = second.http().get(QStringLiteral("/api/messages/chats"), craftsman.token);
        QCOMPARE(chats.status, 200);
        QCOMPARE(chats.array().size(), 1);
        const QJsonObject chat = chats.array().at(0).toObject();
        QCOMPARE(chat.value(QStringLiteral("_id")).toString(), chatId);
        QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(), QStringLiteral("third"));
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(craftsman.id).toInt(), 3);
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(client.id).toInt(), 0);

        const HttpReply history
            = second.http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(chatId), craftsman.token);
        QCOMPARE(history.status, 200);
        QStringList contents;
        for (const QJsonValue &m : history.array())
            contents.append(m.toObject().value(QStringLiteral("content")).toString());
        QCOMPARE(contents, (QStringList{QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")}));
        QCOMPARE(history.array().at(2).toObject().value(QStringLiteral("_id")).toString(), messageIds.at(1));

        // Auto-join works from the stored chats.
        SioTestClient clientSocket(second.port());
        SioTestClient craftsmanSocket(second.port());
        QVERIFY(clientSocket.connectWithToken(client.token));
        QVERIFY(craftsmanSocket.connectWithToken(craftsman.token));
        const auto ack = craftsmanSocket.emitWithAck(contract::event::MarkMessagesRead, chatId);
        QVERIFY(ack.has_value());
        QCOMPARE(clientSocket.waitForEvent(contract::event::MessageRead)
                     .toObject()
                     .value(QStringLiteral("messageIds"))
                     .toArray()
                     .size(),
                 3);
    }
};

QTEST_MAIN(TestChatRestart)
#include "tst_chatrestart.moc"
