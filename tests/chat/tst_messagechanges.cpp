// Integration tests of contract section 9 against a real server over real sockets and HTTP:
// file messages with attachments, replies, edit-message, delete-message (tombstones, unread
// counts, the chat's last message, the upload's file on disk), message search and catch-up
// paging with after=.
#include "tests/support/siotestclient.h"
#include "tests/support/testimages.h"
#include "tests/support/testserver.h"

#include "common/chat/contract.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;

namespace {

const QRegularExpression IsoMillis(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"));
const QString Start(QChar(0x0002));
const QString End(QChar(0x0003));

QJsonObject first(const std::optional<QJsonArray> &ack)
{
    return ack && !ack->isEmpty() ? ack->at(0).toObject() : QJsonObject();
}

QString str(const QJsonValue &v, const char *key)
{
    return v.toObject().value(QLatin1String(key)).toString();
}

} // namespace

class TestMessageChanges : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;

    struct Pair
    {
        TestUser client;
        TestUser craftsman;
        QString chatId;
        std::unique_ptr<SioTestClient> clientSocket;
        std::unique_ptr<SioTestClient> craftsmanSocket;
    };

    std::unique_ptr<SioTestClient> connected(const TestUser &user)
    {
        auto socket = std::make_unique<SioTestClient>(m_server->port());
        if (!socket->connectWithToken(user.token))
            qWarning("socket of %s did not connect", qPrintable(user.id));
        return socket;
    }

    Pair pair()
    {
        Pair p;
        p.client = m_server->registerUser(contract::RoleClient, QStringLiteral("Clara Kunde"));
        p.craftsman = m_server->registerUser(contract::RoleCraftsman, QStringLiteral("Max Meister"));
        p.chatId = m_server->createChat(p.client, p.craftsman).value(QStringLiteral("_id")).toString();
        p.clientSocket = connected(p.client);
        p.craftsmanSocket = connected(p.craftsman);
        return p;
    }

    // send-message with an ack; the ack's first argument (message-sent or the error).
    QJsonObject send(SioTestClient &socket, const QString &chatId, const QString &type, const QString &content,
                     const QJsonObject &extra = {})
    {
        QJsonObject o{{QStringLiteral("chatId"), chatId},
                      {QStringLiteral("messageType"), type},
                      {QStringLiteral("content"), content}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return first(socket.emitWithAck(contract::SendMessage, o));
    }
    QString sendText(SioTestClient &socket, const QString &chatId, const QString &text, const QJsonObject &extra = {})
    {
        return send(socket, chatId, QStringLiteral("text"), text, extra).value(QStringLiteral("messageId")).toString();
    }
    QJsonObject edit(SioTestClient &socket, const QString &messageId, const QJsonValue &content)
    {
        return first(socket.emitWithAck(contract::EditMessage, QJsonObject{{QStringLiteral("messageId"), messageId},
                                                                            {QStringLiteral("content"), content}}));
    }
    QJsonObject remove(SioTestClient &socket, const QString &messageId)
    {
        return first(socket.emitWithAck(contract::DeleteMessage, QJsonObject{{QStringLiteral("messageId"), messageId}}));
    }
    QJsonArray history(const TestUser &user, const QString &chatId, const QString &query = {}, int *status = nullptr)
    {
        const HttpReply r = m_server->http().get(
            QStringLiteral("/api/messages/chats/%1/messages%2").arg(chatId, query), user.token);
        if (status)
            *status = r.status;
        return r.array();
    }
    QJsonObject messageIn(const TestUser &user, const QString &chatId, const QString &messageId)
    {
        for (const QJsonValue &m : history(user, chatId, QStringLiteral("?limit=100"))) {
            if (str(m, "_id") == messageId)
                return m.toObject();
        }
        return {};
    }
    QJsonObject chatOf(const TestUser &user, const QString &chatId)
    {
        for (const QJsonValue &c : m_server->http().get(QStringLiteral("/api/messages/chats"), user.token).array()) {
            if (str(c, "_id") == chatId)
                return c.toObject();
        }
        return {};
    }
    HttpReply search(const TestUser &user, const QString &q, const QString &more = {})
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("q"), q);
        return m_server->http().get(QStringLiteral("/api/messages/search?") + query.toString(QUrl::FullyEncoded) + more,
                                    user.token);
    }
    QJsonObject upload(const TestUser &user, const QByteArray &bytes, const QByteArray &name)
    {
        const HttpReply r = m_server->http().request("POST", QStringLiteral("/api/uploads"), bytes, user.token,
                                                     {{"X-File-Name", name}});
        return r.status == 201 ? r.object() : QJsonObject();
    }
    QString uploadPath(const QString &url) const
    {
        return QDir(m_server->dataDir()).filePath(url.mid(1)); // "<dataDir>/uploads/<name>"
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        // Tests send bursts of edits and deletions.
        m_server->config().socketEventsPerSecond = 0;
        m_server->config().rateLimitPerMinute = 10'000;
        QVERIFY(m_server->start());
    }

    void cleanupTestCase() { m_server.reset(); }

    // ---- files
    void fileMessageCarriesItsAttachment()
    {
        Pair p = pair();
        const QByteArray pdf("%PDF-1.4\nAngebot\n%%EOF\n");
        const QJsonObject up = upload(p.client, pdf, "Angebot%20K%C3%BCche.pdf");
        const QString url = up.value(QStringLiteral("url")).toString();
        QVERIFY(url.startsWith(QLatin1String("/uploads/")));
        const QJsonObject sent = send(*p.clientSocket, p.chatId, QStringLiteral("file"), url);
        QCOMPARE(sent.value(QStringLiteral("success")).toBool(), true);
        const QString id = sent.value(QStringLiteral("messageId")).toString();

        const QJsonObject expected{{QStringLiteral("name"), QStringLiteral("Angebot Küche.pdf")},
                                   {QStringLiteral("size"), pdf.size()},
                                   {QStringLiteral("mimeType"), QStringLiteral("application/pdf")}};
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::NewMessage, 1));
        const QJsonObject event = p.craftsmanSocket->eventsNamed(contract::NewMessage).last().toObject();
        QCOMPARE(event.value(QStringLiteral("_id")).toString(), id);
        QCOMPARE(event.value(QStringLiteral("messageType")).toString(), QStringLiteral("file"));
        QCOMPARE(event.value(QStringLiteral("content")).toString(), url);
        QCOMPARE(event.value(QStringLiteral("attachment")).toObject(), expected);
        QCOMPARE(messageIn(p.craftsman, p.chatId, id).value(QStringLiteral("attachment")).toObject(), expected);
        // The chat shows the file by its name.
        QTRY_VERIFY(p.craftsmanSocket->count(contract::ChatUpdated) >= 1);
        QCOMPARE(str(p.craftsmanSocket->eventsNamed(contract::ChatUpdated).last(), "lastMessage"),
                 QStringLiteral("Angebot Küche.pdf"));
        QCOMPARE(chatOf(p.client, p.chatId).value(QStringLiteral("lastMessage")).toString(),
                 QStringLiteral("Angebot Küche.pdf"));
    }

    void imageOfThisServerCarriesAttachment()
    {
        Pair p = pair();
        const QJsonObject up = upload(p.client, encodedTestImage("png"), "bad.png");
        const QString url = up.value(QStringLiteral("url")).toString();
        const QString id = send(*p.clientSocket, p.chatId, QStringLiteral("image"), url)
                               .value(QStringLiteral("messageId")).toString();
        QVERIFY(!id.isEmpty());
        const QJsonObject m = messageIn(p.client, p.chatId, id);
        QCOMPARE(m.value(QStringLiteral("attachment")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("bad.png"));
        QCOMPARE(m.value(QStringLiteral("attachment")).toObject().value(QStringLiteral("mimeType")).toString(),
                 QStringLiteral("image/png"));
        // An image elsewhere has none, and its content is the lastMessage as before.
        const QString other = send(*p.clientSocket, p.chatId, QStringLiteral("image"),
                                   QStringLiteral("https://example.com/a.jpg"))
                                  .value(QStringLiteral("messageId")).toString();
        QVERIFY(!messageIn(p.client, p.chatId, other).contains(QStringLiteral("attachment")));
    }

    void fileMessageNeedsAnUploadOfThisServer_data()
    {
        QTest::addColumn<QString>("content");
        QTest::newRow("http url") << "https://example.com/a.pdf";
        QTest::newRow("unknown upload") << "/uploads/0123456789abcdef0123456789abcdef.pdf";
        QTest::newRow("path traversal") << "/uploads/../craftchat.sqlite3";
        QTest::newRow("plain words") << "Angebot.pdf";
    }

    void fileMessageNeedsAnUploadOfThisServer()
    {
        QFETCH(QString, content);
        Pair p = pair();
        const QJsonObject answer = send(*p.clientSocket, p.chatId, QStringLiteral("file"), content);
        QCOMPARE(answer.value(QStringLiteral("code")).toString(), contract::InvalidInput);
        QVERIFY(history(p.client, p.chatId).isEmpty());
        QCOMPARE(p.craftsmanSocket->count(contract::NewMessage), 0);
    }

    // ---- replies
    void replyCarriesTheAnsweredMessageAsItIsNow()
    {
        Pair p = pair();
        const QString question = sendText(*p.clientSocket, p.chatId, QStringLiteral("Das zweite Foto?"));
        const QJsonObject sent = send(*p.craftsmanSocket, p.chatId, QStringLiteral("text"), QStringLiteral("Ja, genau"),
                                      QJsonObject{{QStringLiteral("replyToId"), question}});
        const QString answer = sent.value(QStringLiteral("messageId")).toString();
        QVERIFY(!answer.isEmpty());
        const QJsonObject preview{{QStringLiteral("_id"), question},
                                  {QStringLiteral("senderId"), p.client.id},
                                  {QStringLiteral("messageType"), QStringLiteral("text")},
                                  {QStringLiteral("content"), QStringLiteral("Das zweite Foto?")}};
        QVERIFY(p.clientSocket->waitForEvents(contract::NewMessage, 2));
        QCOMPARE(p.clientSocket->eventsNamed(contract::NewMessage).last().toObject().value(QStringLiteral("replyTo")).toObject(),
                 preview);
        QCOMPARE(messageIn(p.client, p.chatId, answer).value(QStringLiteral("replyTo")).toObject(), preview);

        // Edited: the preview shows the new text; deleted: "" and the tombstone's type.
        QCOMPARE(edit(*p.clientSocket, question, QStringLiteral("Das dritte Foto?")).value(QStringLiteral("success")).toBool(),
                 true);
        QCOMPARE(messageIn(p.client, p.chatId, answer).value(QStringLiteral("replyTo")).toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Das dritte Foto?"));
        QCOMPARE(remove(*p.clientSocket, question).value(QStringLiteral("success")).toBool(), true);
        const QJsonObject gone = messageIn(p.client, p.chatId, answer).value(QStringLiteral("replyTo")).toObject();
        QCOMPARE(gone.value(QStringLiteral("content")).toString(), QString());
        QCOMPARE(gone.value(QStringLiteral("messageType")).toString(), QStringLiteral("deleted"));
        QCOMPARE(gone.value(QStringLiteral("_id")).toString(), question);

        // A reply to a file shows its name.
        const QString url = upload(p.craftsman, QByteArray("PK\x03\x04zip"), "plan.zip").value(QStringLiteral("url")).toString();
        const QString file = send(*p.craftsmanSocket, p.chatId, QStringLiteral("file"), url)
                                 .value(QStringLiteral("messageId")).toString();
        const QString onFile = sendText(*p.clientSocket, p.chatId, QStringLiteral("Danke"),
                                        QJsonObject{{QStringLiteral("replyToId"), file}});
        QCOMPARE(messageIn(p.client, p.chatId, onFile).value(QStringLiteral("replyTo")).toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("plan.zip"));
    }

    void replyToAnotherChatIsRefused()
    {
        Pair p = pair();
        Pair q = pair();
        const QString elsewhere = sendText(*q.clientSocket, q.chatId, QStringLiteral("other chat"));
        QVERIFY(!elsewhere.isEmpty());
        for (const QJsonValue &target : {QJsonValue(elsewhere), QJsonValue(QStringLiteral("no-such-message")),
                                         QJsonValue(42), QJsonValue(QString())}) {
            const QJsonObject answer = send(*p.clientSocket, p.chatId, QStringLiteral("text"), QStringLiteral("hi"),
                                            QJsonObject{{QStringLiteral("replyToId"), target}});
            QCOMPARE(answer.value(QStringLiteral("code")).toString(), contract::InvalidInput);
        }
        QVERIFY(history(p.client, p.chatId).isEmpty());
        // null counts as absent.
        QVERIFY(!sendText(*p.clientSocket, p.chatId, QStringLiteral("hi"),
                          QJsonObject{{QStringLiteral("replyToId"), QJsonValue::Null}}).isEmpty());
    }

    // ---- edits
    void editByTheSender()
    {
        Pair p = pair();
        const QString older = sendText(*p.clientSocket, p.chatId, QStringLiteral("Preis 100 EUR"));
        const QString last = sendText(*p.clientSocket, p.chatId, QStringLiteral("Termin Montag"));
        QTRY_COMPARE(p.craftsmanSocket->count(contract::ChatUpdated), 2);
        p.clientSocket->clearEvents();
        p.craftsmanSocket->clearEvents();

        // Not the last message: message-updated only.
        const QJsonObject ack = edit(*p.clientSocket, older, QStringLiteral("Preis 120 EUR"));
        QCOMPARE(ack.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(ack.value(QStringLiteral("messageId")).toString(), older);
        const QString editedAt = ack.value(QStringLiteral("editedAt")).toString();
        QVERIFY2(IsoMillis.match(editedAt).hasMatch(), qPrintable(editedAt));
        const QJsonObject expected{{QStringLiteral("chatId"), p.chatId},
                                   {QStringLiteral("messageId"), older},
                                   {QStringLiteral("content"), QStringLiteral("Preis 120 EUR")},
                                   {QStringLiteral("editedAt"), editedAt}};
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::MessageUpdated, 1));
        QCOMPARE(p.craftsmanSocket->eventsNamed(contract::MessageUpdated).first().toObject(), expected);
        QVERIFY(p.clientSocket->waitForEvents(contract::MessageUpdated, 1));
        const QJsonObject stored = messageIn(p.craftsman, p.chatId, older);
        QCOMPARE(stored.value(QStringLiteral("content")).toString(), QStringLiteral("Preis 120 EUR"));
        QCOMPARE(stored.value(QStringLiteral("editedAt")).toString(), editedAt);
        QCOMPARE(stored.value(QStringLiteral("messageType")).toString(), QStringLiteral("text"));
        QCOMPARE(p.craftsmanSocket->count(contract::ChatUpdated), 0);
        QCOMPARE(p.clientSocket->count(contract::ChatUpdated), 0);

        // The last message: chat-updated to both, unread counts unchanged (2 for the craftsman).
        QCOMPARE(edit(*p.clientSocket, last, QStringLiteral("Termin Dienstag")).value(QStringLiteral("success")).toBool(), true);
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::ChatUpdated, 1));
        QVERIFY(p.clientSocket->waitForEvents(contract::ChatUpdated, 1));
        const QJsonObject chat = p.craftsmanSocket->eventsNamed(contract::ChatUpdated).last().toObject();
        QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(), QStringLiteral("Termin Dienstag"));
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(p.craftsman.id).toInt(), 2);
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(p.client.id).toInt(), 0);
        QVERIFY(!messageIn(p.craftsman, p.chatId, last).value(QStringLiteral("isRead")).toBool());
        // An edit of the same text again is just another edit.
        QCOMPARE(edit(*p.clientSocket, last, QStringLiteral("Termin Dienstag")).value(QStringLiteral("success")).toBool(), true);
    }

    void editIsRefused_data()
    {
        QTest::addColumn<QString>("who");      // client (the sender), craftsman, stranger
        QTest::addColumn<QString>("target");   // text, image, deleted, unknown
        QTest::addColumn<QJsonValue>("content");
        QTest::addColumn<QString>("code");
        const QJsonValue ok(QStringLiteral("new text"));
        QTest::newRow("other participant") << "craftsman" << "text" << ok << contract::Unauthorized;
        QTest::newRow("stranger") << "stranger" << "text" << ok << contract::Unauthorized;
        QTest::newRow("stranger, bad content") << "stranger" << "text" << QJsonValue(QString()) << contract::Unauthorized;
        QTest::newRow("no such message") << "client" << "unknown" << ok << contract::Unauthorized;
        QTest::newRow("image") << "client" << "image" << ok << contract::InvalidInput;
        QTest::newRow("deleted") << "client" << "deleted" << ok << contract::InvalidInput;
        QTest::newRow("blank") << "client" << "text" << QJsonValue(QStringLiteral(" \n ")) << contract::InvalidInput;
        QTest::newRow("too long") << "client" << "text" << QJsonValue(QString(4001, QLatin1Char('x'))) << contract::InvalidInput;
        QTest::newRow("not a string") << "client" << "text" << QJsonValue(12) << contract::InvalidInput;
    }

    void editIsRefused()
    {
        QFETCH(QString, who);
        QFETCH(QString, target);
        QFETCH(QJsonValue, content);
        QFETCH(QString, code);
        Pair p = pair();
        QString id = QStringLiteral("no-such-message");
        if (target == QLatin1String("text") || target == QLatin1String("deleted"))
            id = sendText(*p.clientSocket, p.chatId, QStringLiteral("original"));
        else if (target == QLatin1String("image"))
            id = send(*p.clientSocket, p.chatId, QStringLiteral("image"), QStringLiteral("https://example.com/x.png"))
                     .value(QStringLiteral("messageId")).toString();
        if (target == QLatin1String("deleted"))
            QCOMPARE(remove(*p.clientSocket, id).value(QStringLiteral("success")).toBool(), true);
        p.craftsmanSocket->clearEvents();
        std::unique_ptr<SioTestClient> stranger;
        SioTestClient *editor = p.clientSocket.get();
        if (who == QLatin1String("craftsman"))
            editor = p.craftsmanSocket.get();
        if (who == QLatin1String("stranger")) {
            stranger = connected(m_server->registerUser(contract::RoleCraftsman));
            editor = stranger.get();
        }
        const QJsonObject answer = edit(*editor, id, content);
        QCOMPARE(answer.value(QStringLiteral("code")).toString(), code);
        QVERIFY(!answer.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(editor->waitForEvents(contract::Error, 1));
        QCOMPARE(p.craftsmanSocket->count(contract::MessageUpdated), 0);
        if (target == QLatin1String("text")) {
            const QJsonObject m = messageIn(p.client, p.chatId, id);
            QCOMPARE(m.value(QStringLiteral("content")).toString(), QStringLiteral("original"));
            QVERIFY(!m.contains(QStringLiteral("editedAt")));
        }
    }

    void editWindowIsASetting()
    {
        TestServer server;
        server.config().editWindowSeconds = 1;
        QVERIFY(server.start());
        const TestUser client = server.registerUser(contract::RoleClient);
        const TestUser craftsman = server.registerUser(contract::RoleCraftsman);
        const QString chatId = server.createChat(client, craftsman).value(QStringLiteral("_id")).toString();
        SioTestClient socket(server.port());
        QVERIFY(socket.connectWithToken(client.token));
        const QString id = first(socket.emitWithAck(contract::SendMessage,
                                                    QJsonObject{{QStringLiteral("chatId"), chatId},
                                                                {QStringLiteral("messageType"), QStringLiteral("text")},
                                                                {QStringLiteral("content"), QStringLiteral("typo")}}))
                               .value(QStringLiteral("messageId")).toString();
        QVERIFY(!id.isEmpty());
        QTest::qWait(2500);
        const QJsonObject late = first(socket.emitWithAck(
            contract::EditMessage, QJsonObject{{QStringLiteral("messageId"), id}, {QStringLiteral("content"), QStringLiteral("fixed")}}));
        QCOMPARE(late.value(QStringLiteral("code")).toString(), contract::InvalidInput);
        QVERIFY(late.value(QStringLiteral("message")).toString().contains(QLatin1String("no longer")));
        // Deleting has no time limit.
        const QJsonObject deleted = first(socket.emitWithAck(contract::DeleteMessage,
                                                             QJsonObject{{QStringLiteral("messageId"), id}}));
        QCOMPARE(deleted.value(QStringLiteral("success")).toBool(), true);
    }

    // ---- deletions
    void deleteLeavesATombstone()
    {
        Pair p = pair();
        const QString first = sendText(*p.clientSocket, p.chatId, QStringLiteral("Fliesen Angebot"));
        const QString second = sendText(*p.clientSocket, p.chatId, QStringLiteral("falsches Foto"));
        QTRY_COMPARE(p.craftsmanSocket->count(contract::ChatUpdated), 2);
        p.clientSocket->clearEvents();
        p.craftsmanSocket->clearEvents();

        const QJsonObject ack = remove(*p.clientSocket, second);
        QCOMPARE(ack.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(ack.value(QStringLiteral("messageId")).toString(), second);
        const QString deletedAt = ack.value(QStringLiteral("deletedAt")).toString();
        QVERIFY2(IsoMillis.match(deletedAt).hasMatch(), qPrintable(deletedAt));
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::MessageDeleted, 1));
        QCOMPARE(p.craftsmanSocket->eventsNamed(contract::MessageDeleted).first().toObject(),
                 (QJsonObject{{QStringLiteral("chatId"), p.chatId},
                              {QStringLiteral("messageId"), second},
                              {QStringLiteral("deletedAt"), deletedAt}}));
        QVERIFY(p.clientSocket->waitForEvents(contract::MessageDeleted, 1));

        // Unread by the craftsman and the last message: chat-updated to both with both changes.
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::ChatUpdated, 1));
        QVERIFY(p.clientSocket->waitForEvents(contract::ChatUpdated, 1));
        const QJsonObject chat = p.craftsmanSocket->eventsNamed(contract::ChatUpdated).last().toObject();
        QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(), QStringLiteral("Fliesen Angebot"));
        QCOMPARE(chat.value(QStringLiteral("lastMessageSenderId")).toString(), p.client.id);
        QCOMPARE(chat.value(QStringLiteral("lastMessageAt")).toString(),
                 messageIn(p.client, p.chatId, first).value(QStringLiteral("timestamp")).toString());
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(p.craftsman.id).toInt(), 1);

        // The tombstone in history, for both.
        for (const TestUser *user : {&p.client, &p.craftsman}) {
            const QJsonObject m = messageIn(*user, p.chatId, second);
            QCOMPARE(m.value(QStringLiteral("messageType")).toString(), QStringLiteral("deleted"));
            QCOMPARE(m.value(QStringLiteral("content")).toString(), QString());
            QCOMPARE(m.value(QStringLiteral("deletedAt")).toString(), deletedAt);
            QVERIFY(!m.contains(QStringLiteral("attachment")));
            QVERIFY(!m.contains(QStringLiteral("editedAt")));
            QCOMPARE(m.value(QStringLiteral("senderId")).toObject().value(QStringLiteral("_id")).toString(), p.client.id);
        }

        // Twice: the same ack, no events.
        p.clientSocket->clearEvents();
        p.craftsmanSocket->clearEvents();
        QCOMPARE(remove(*p.clientSocket, second), ack);
        QTest::qWait(200);
        QCOMPARE(p.craftsmanSocket->count(contract::MessageDeleted), 0);
        QCOMPARE(p.craftsmanSocket->count(contract::ChatUpdated), 0);
        QCOMPARE(p.clientSocket->count(contract::MessageDeleted), 0);

        // The last one too: lastMessage and its fields are absent.
        QCOMPARE(remove(*p.clientSocket, first).value(QStringLiteral("success")).toBool(), true);
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::ChatUpdated, 1));
        const QJsonObject empty = p.craftsmanSocket->eventsNamed(contract::ChatUpdated).last().toObject();
        QVERIFY(!empty.contains(QStringLiteral("lastMessage")));
        QVERIFY(!empty.contains(QStringLiteral("lastMessageAt")));
        QVERIFY(!empty.contains(QStringLiteral("lastMessageSenderId")));
        QCOMPARE(empty.value(QStringLiteral("unreadCount")).toObject().value(p.craftsman.id).toInt(), 0);
        QVERIFY(!chatOf(p.client, p.chatId).contains(QStringLiteral("lastMessage")));
    }

    void deleteOfAReadOlderMessageSendsNoChatUpdate()
    {
        Pair p = pair();
        const QString older = sendText(*p.clientSocket, p.chatId, QStringLiteral("eins"));
        sendText(*p.clientSocket, p.chatId, QStringLiteral("zwei"));
        QVERIFY(p.craftsmanSocket->emitWithAck(contract::MarkMessagesRead, p.chatId));
        QTRY_VERIFY(p.clientSocket->count(contract::MessageRead) == 1);
        QTest::qWait(100);
        p.clientSocket->clearEvents();
        p.craftsmanSocket->clearEvents();
        QCOMPARE(remove(*p.clientSocket, older).value(QStringLiteral("success")).toBool(), true);
        QVERIFY(p.craftsmanSocket->waitForEvents(contract::MessageDeleted, 1));
        QTest::qWait(200);
        QCOMPARE(p.craftsmanSocket->count(contract::ChatUpdated), 0);
        QCOMPARE(p.clientSocket->count(contract::ChatUpdated), 0);
        const QJsonObject chat = chatOf(p.craftsman, p.chatId);
        QCOMPARE(chat.value(QStringLiteral("lastMessage")).toString(), QStringLiteral("zwei"));
        QCOMPARE(chat.value(QStringLiteral("unreadCount")).toObject().value(p.craftsman.id).toInt(), 0);
    }

    void deleteIsOnlyForTheSender()
    {
        Pair p = pair();
        const QString id = sendText(*p.clientSocket, p.chatId, QStringLiteral("mine"));
        auto stranger = connected(m_server->registerUser(contract::RoleClient));
        for (SioTestClient *who : {p.craftsmanSocket.get(), stranger.get()}) {
            QCOMPARE(remove(*who, id).value(QStringLiteral("code")).toString(), contract::Unauthorized);
        }
        QCOMPARE(remove(*p.clientSocket, QStringLiteral("no-such-message")).value(QStringLiteral("code")).toString(),
                 contract::Unauthorized);
        const QJsonObject bad = first(p.clientSocket->emitWithAck(contract::DeleteMessage, QJsonObject{}));
        QCOMPARE(bad.value(QStringLiteral("code")).toString(), contract::InvalidInput);
        QCOMPARE(messageIn(p.client, p.chatId, id).value(QStringLiteral("content")).toString(), QStringLiteral("mine"));
    }

    void deleteRemovesTheFileWhenNoOtherMessageShowsIt()
    {
        Pair p = pair();
        const QString url = upload(p.client, QByteArray("%PDF-1.7\nRechnung\n"), "Rechnung.pdf")
                                .value(QStringLiteral("url")).toString();
        QVERIFY(QFileInfo::exists(uploadPath(url)));
        const QString a = send(*p.clientSocket, p.chatId, QStringLiteral("file"), url).value(QStringLiteral("messageId")).toString();
        const QString b = send(*p.clientSocket, p.chatId, QStringLiteral("file"), url).value(QStringLiteral("messageId")).toString();
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        // Another message still shows it: kept.
        QCOMPARE(remove(*p.clientSocket, a).value(QStringLiteral("success")).toBool(), true);
        QVERIFY(QFileInfo::exists(uploadPath(url)));
        QCOMPARE(m_server->http().get(url).status, 200);
        QCOMPARE(chatOf(p.client, p.chatId).value(QStringLiteral("lastMessage")).toString(), QStringLiteral("Rechnung.pdf"));
        // The last one: gone from disk, and no longer sendable.
        QCOMPARE(remove(*p.clientSocket, b).value(QStringLiteral("success")).toBool(), true);
        QVERIFY(!QFileInfo::exists(uploadPath(url)));
        QCOMPARE(m_server->http().get(url).status, 404);
        QCOMPARE(send(*p.clientSocket, p.chatId, QStringLiteral("file"), url).value(QStringLiteral("code")).toString(),
                 contract::InvalidInput);
        QVERIFY(!messageIn(p.client, p.chatId, b).contains(QStringLiteral("attachment")));
    }

    // ---- search
    void searchMatchesWordStartsIgnoringCaseAndDiacritics_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("q");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("snippet"); // when found
        QTest::newRow("german prefix") << "Die Fliesen kommen morgen" << "fliese" << true
                                       << "Die " + Start + "Fliesen" + End + " kommen morgen";
        QTest::newRow("diacritics") << "Treffen im Café" << "cafe" << true << "Treffen im " + Start + "Café" + End;
        QTest::newRow("diacritics in q") << "Kuche oder Küche" << "KÜCHE" << true
                                         << Start + "Kuche" + End + " oder " + Start + "Küche" + End;
        QTest::newRow("every word") << "Rechnung für das Bad" << "bad rech" << true
                                    << Start + "Rechnung" + End + " für das " + Start + "Bad" + End;
        QTest::newRow("one word missing") << "Rechnung für das Bad" << "bad küche" << false << "";
        QTest::newRow("inside a word") << "Wandfliesen" << "fliesen" << false << "";
        QTest::newRow("arabic") << QString::fromUtf8("فاتورة البلاط جاهزة") << QString::fromUtf8("البلاط") << true
                                << QString::fromUtf8("فاتورة ") + Start + QString::fromUtf8("البلاط") + End
                                       + QString::fromUtf8(" جاهزة");
        QTest::newRow("arabic prefix") << QString::fromUtf8("فاتورة البلاط جاهزة") << QString::fromUtf8("فاتو") << true
                                       << Start + QString::fromUtf8("فاتورة") + End + QString::fromUtf8(" البلاط جاهزة");
        QTest::newRow("marks in the text are not marks") << QStringLiteral("a\u0002b\u0003 Fliesen") << "fliesen" << true
                                                         << "a b  " + Start + "Fliesen" + End;
    }

    void searchMatchesWordStartsIgnoringCaseAndDiacritics()
    {
        QFETCH(QString, text);
        QFETCH(QString, q);
        QFETCH(bool, found);
        QFETCH(QString, snippet);
        Pair p = pair();
        const QString id = sendText(*p.craftsmanSocket, p.chatId, text);
        QVERIFY(!id.isEmpty());
        const HttpReply r = search(p.client, q, QStringLiteral("&chatId=") + p.chatId);
        QCOMPARE(r.status, 200);
        const QJsonArray hits = r.array();
        QCOMPARE(hits.size(), found ? 1 : 0);
        if (!found)
            return;
        const QJsonObject hit = hits.first().toObject();
        QCOMPARE(str(hit.value(QStringLiteral("message")), "_id"), id);
        QCOMPARE(hit.value(QStringLiteral("message")).toObject().value(QStringLiteral("senderId")).toObject()
                     .value(QStringLiteral("fullName")).toString(), QStringLiteral("Max Meister"));
        QCOMPARE(hit.value(QStringLiteral("snippet")).toString(), snippet);
    }

    void searchIsNewestFirstAcrossOwnChatsOnly()
    {
        Pair p = pair();
        // A second chat of the same client with another craftsman, and a chat of strangers.
        const TestUser other = m_server->registerUser(contract::RoleCraftsman);
        const QString second = m_server->createChat(p.client, other).value(QStringLiteral("_id")).toString();
        Pair strangers = pair();
        const QString a = sendText(*p.clientSocket, p.chatId, QStringLiteral("Angebot Zebrafliesen eins"));
        const QString b = sendText(*p.clientSocket, second, QStringLiteral("Angebot Zebrafliesen zwei"));
        const QString c = sendText(*p.craftsmanSocket, p.chatId, QStringLiteral("Zebrafliesen drei"));
        const QString foreign = sendText(*strangers.clientSocket, strangers.chatId, QStringLiteral("Zebrafliesen fremd"));
        QVERIFY(!foreign.isEmpty());
        const QString url = upload(p.craftsman, QByteArray("PK\x03\x04"), "Zebrafliesen-Plan.zip").value(QStringLiteral("url")).toString();
        const QString file = send(*p.craftsmanSocket, p.chatId, QStringLiteral("file"), url).value(QStringLiteral("messageId")).toString();
        QVERIFY(!file.isEmpty());

        auto idsOf = [](const HttpReply &r) {
            QStringList ids;
            for (const QJsonValue &hit : r.array())
                ids.append(str(hit.toObject().value(QStringLiteral("message")), "_id"));
            return ids;
        };
        QCOMPARE(idsOf(search(p.client, QStringLiteral("zebrafl"))), (QStringList{file, c, b, a}));
        QCOMPARE(idsOf(search(p.craftsman, QStringLiteral("zebrafl"))), (QStringList{file, c, a}));
        QCOMPARE(idsOf(search(p.client, QStringLiteral("zebrafl"), QStringLiteral("&limit=2"))), (QStringList{file, c}));
        QCOMPARE(idsOf(search(p.client, QStringLiteral("zebrafl"), QStringLiteral("&chatId=") + second)), QStringList{b});
        QCOMPARE(idsOf(search(strangers.client, QStringLiteral("zebrafl"))), QStringList{foreign});
        // A file matches by its name and carries its attachment.
        const QJsonArray plan = search(p.client, QStringLiteral("plan")).array();
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan.first().toObject().value(QStringLiteral("snippet")).toString(),
                 "Zebrafliesen-" + Start + "Plan" + End + ".zip");
        QCOMPARE(plan.first().toObject().value(QStringLiteral("message")).toObject().value(QStringLiteral("attachment"))
                     .toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Zebrafliesen-Plan.zip"));

        // Edited: found by the new text only. Deleted: never found.
        QCOMPARE(edit(*p.clientSocket, a, QStringLiteral("Angebot Wandkacheln")).value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(idsOf(search(p.client, QStringLiteral("zebrafl"))), (QStringList{file, c, b}));
        QCOMPARE(idsOf(search(p.client, QStringLiteral("wandkach"))), QStringList{a});
        QCOMPARE(remove(*p.craftsmanSocket, c).value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(remove(*p.craftsmanSocket, file).value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(idsOf(search(p.client, QStringLiteral("zebrafl"))), QStringList{b});
        QCOMPARE(idsOf(search(p.client, QStringLiteral("plan"))), QStringList());
    }

    void searchRefusesBadInput()
    {
        Pair p = pair();
        Pair q = pair();
        QCOMPARE(search(p.client, QString()).status, 400);
        QCOMPARE(search(p.client, QStringLiteral("   ")).errorCode(), QStringLiteral("INVALID_INPUT"));
        QCOMPARE(m_server->http().get(QStringLiteral("/api/messages/search"), p.client.token).status, 400);
        for (const char *limit : {"0", "51", "-1", "abc", "2.5", ""})
            QCOMPARE(search(p.client, QStringLiteral("x"), QStringLiteral("&limit=") + QLatin1String(limit)).status, 400);
        QCOMPARE(search(p.client, QStringLiteral("x"), QStringLiteral("&limit=50")).status, 200);
        const HttpReply foreign = search(p.client, QStringLiteral("x"), QStringLiteral("&chatId=") + q.chatId);
        QCOMPARE(foreign.status, 403);
        QCOMPARE(foreign.errorCode(), QStringLiteral("FORBIDDEN"));
        QCOMPARE(search(p.client, QStringLiteral("x"), QStringLiteral("&chatId=unknown")).status, 403);
        QCOMPARE(m_server->http().get(QStringLiteral("/api/messages/search?q=x")).status, 401);
        // Punctuation only: nothing can match.
        const HttpReply dots = search(p.client, QStringLiteral("?!"));
        QCOMPARE(dots.status, 200);
        QCOMPARE(dots.array().size(), 0);
        // FTS5 syntax in q is only text.
        sendText(*p.clientSocket, p.chatId, QStringLiteral("OR AND NOT near"));
        QCOMPARE(search(p.client, QStringLiteral("\"OR\" * NEAR(")).status, 200);
        QCOMPARE(search(p.client, QStringLiteral("or and")).array().size(), 1);
    }

    void longTextGetsAShortSnippet()
    {
        Pair p = pair();
        const QString text = QStringLiteral("wort ").repeated(100) + QStringLiteral("Fliesenleger ") + QStringLiteral("ende ").repeated(100);
        sendText(*p.clientSocket, p.chatId, text);
        const QJsonArray hits = search(p.client, QStringLiteral("fliesenl")).array();
        QCOMPARE(hits.size(), 1);
        const QString snippet = hits.first().toObject().value(QStringLiteral("snippet")).toString();
        QVERIFY2(snippet.size() < 200, qPrintable(snippet));
        QVERIFY(snippet.startsWith(QStringLiteral("\u2026wort")));
        QVERIFY(snippet.endsWith(QStringLiteral("\u2026")));
        QVERIFY(snippet.contains(Start + QStringLiteral("Fliesenleger") + End));
    }

    // ---- catch-up
    void afterPagesForward()
    {
        Pair p = pair();
        QStringList ids;
        for (int i = 0; i < 7; ++i)
            ids.append(sendText(*p.clientSocket, p.chatId, QStringLiteral("m%1").arg(i)));
        QCOMPARE(edit(*p.clientSocket, ids.at(3), QStringLiteral("m3 edited")).value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(remove(*p.clientSocket, ids.at(4)).value(QStringLiteral("success")).toBool(), true);

        // From the first message on, three at a time, until an empty page.
        QStringList seen;
        QString after = ids.first();
        for (int round = 0; round < 5; ++round) {
            int status = 0;
            const QJsonArray page = history(p.craftsman, p.chatId, QStringLiteral("?after=%1&limit=3").arg(after), &status);
            QCOMPARE(status, 200);
            if (page.isEmpty())
                break;
            QVERIFY(page.size() <= 3);
            for (const QJsonValue &m : page)
                seen.append(str(m, "_id"));
            after = seen.last();
        }
        QCOMPARE(seen, ids.mid(1));
        const QJsonArray all = history(p.craftsman, p.chatId, QStringLiteral("?after=%1").arg(ids.first()));
        QCOMPARE(all.size(), 6);
        QCOMPARE(str(all.at(2), "content"), QStringLiteral("m3 edited"));
        QVERIFY(all.at(2).toObject().contains(QStringLiteral("editedAt")));
        QCOMPARE(str(all.at(3), "messageType"), QStringLiteral("deleted"));
        QVERIFY(all.at(3).toObject().contains(QStringLiteral("deletedAt")));
        QVERIFY(history(p.craftsman, p.chatId, QStringLiteral("?after=%1").arg(ids.last())).isEmpty());
        // before keeps working.
        const QJsonArray before = history(p.craftsman, p.chatId, QStringLiteral("?before=%1&limit=2").arg(ids.at(3)));
        QCOMPARE(before.size(), 2);
        QCOMPARE(str(before.at(0), "_id"), ids.at(1));
        QCOMPARE(str(before.at(1), "_id"), ids.at(2));

        int status = 0;
        history(p.craftsman, p.chatId, QStringLiteral("?after=%1&before=%2").arg(ids.at(1), ids.at(5)), &status);
        QCOMPARE(status, 400);
        history(p.craftsman, p.chatId, QStringLiteral("?after="), &status);
        QCOMPARE(status, 400);
        history(p.craftsman, p.chatId, QStringLiteral("?after=no-such-message"), &status);
        QCOMPARE(status, 400);
        history(p.craftsman, p.chatId, QStringLiteral("?after=%1&limit=101").arg(ids.first()), &status);
        QCOMPARE(status, 400);
        Pair q = pair();
        const QString elsewhere = sendText(*q.clientSocket, q.chatId, QStringLiteral("x"));
        history(p.craftsman, p.chatId, QStringLiteral("?after=%1").arg(elsewhere), &status);
        QCOMPARE(status, 400);
        history(q.client, p.chatId, QStringLiteral("?after=%1").arg(ids.first()), &status);
        QCOMPARE(status, 403);
    }
};

QTEST_MAIN(TestMessageChanges)
#include "tst_messagechanges.moc"
