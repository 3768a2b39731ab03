// End to end: a real in-process server and two app sessions (a client and a craftsman), each
// with its own main window, driven through the widgets with QTest key clicks and mouse clicks.
#include "ui/controller/chatcontroller.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/craftsmanlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/util/resources.h"
#include "ui/widgets/chatlistpanel.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/newchatdialog.h"
#include "ui/widgets/notifier.h"

#include "tests/support/testserver.h"
#include "tests/ui/appsession.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;
using namespace craftchat::ui;
using e2e::activate;
using e2e::AppSession;
using testsupport::TestServer;
using testsupport::TestUser;

namespace {
constexpr int Timeout = 20000;
} // namespace

class TestEndToEnd : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void clientAndCraftsmanChat()
    {
        TestServer server;
        QVERIFY(server.start());
        const quint16 port = server.port();
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(port));
        const TestUser mia = server.registerUser(QStringLiteral("client"), QStringLiteral("Mia Client"));
        const TestUser carl = server.registerUser(QStringLiteral("craftsman"), QStringLiteral("Carl Craftsman"));
        QVERIFY(!mia.id.isEmpty() && !carl.id.isEmpty());
        QTemporaryDir appData;

        AppSession client(url, mia, appData.filePath(QStringLiteral("mia-outbox.json")));
        AppSession craftsman(url, carl, appData.filePath(QStringLiteral("carl-outbox.json")));
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QSignalSpy carlNotified(craftsman.window->notifier(), &Notifier::shown);
        QSignalSpy miaNotified(client.window->notifier(), &Notifier::shown);

        // The client starts a chat through the "New chat" dialog.
        QVERIFY(activate(client.window));
        QVERIFY(client.window->newChatAction()->isEnabled());
        QVERIFY(!craftsman.window->newChatAction()->isEnabled());
        client.window->newChatAction()->trigger();
        NewChatDialog *dialog = client.window->newChatDialog();
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 1, Timeout);
        QTRY_COMPARE(dialog->craftsmanId(), carl.id);
        QTest::keyClicks(dialog->jobEdit(), QStringLiteral("Kitchen wiring"));
        QTest::keyClicks(dialog->messageEdit(), QStringLiteral("Hello Carl"));
        QTest::keyClick(dialog->jobEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!client.controller->openChatId().isEmpty(), Timeout);
        const QString chatId = client.controller->openChatId();
        QTRY_COMPARE_WITH_TIMEOUT(client.countContent(QStringLiteral("Hello Carl")), 1, Timeout);

        // The craftsman sees the chat at once, with a badge and a notification.
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.controller->chats()->rowCount(), 1, Timeout);
        ChatListModel *carlChats = craftsman.controller->chats();
        QCOMPARE(carlChats->index(0).data(ChatListModel::JobTitleRole).toString(), QStringLiteral("Kitchen wiring"));
        QTRY_COMPARE_WITH_TIMEOUT(carlChats->index(0).data(ChatListModel::UnreadRole).toInt(), 1, Timeout);
        QCOMPARE(carlChats->unreadTotal(), 1);
        QCOMPARE(craftsman.window->windowTitle(), QStringLiteral("CraftChat (1)"));
        QTRY_VERIFY_WITH_TIMEOUT(!carlNotified.isEmpty(), Timeout);
        QCOMPARE(carlNotified.first().at(0).toString(), chatId);

        // The craftsman opens it with a click: read, so the client sees ✓✓.
        QVERIFY(activate(craftsman.window));
        QListView *list = craftsman.window->chatList()->view();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(0, 0)).center());
        QTRY_COMPARE(craftsman.controller->openChatId(), chatId);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.countContent(QStringLiteral("Hello Carl")), 1, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Hello Carl")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(carlChats->unreadTotal(), 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Hello Carl")), MessageModel::State::Read, Timeout);

        // Typing shows on the other side; sending ends it.
        craftsman.type(QStringLiteral("Hi Mia"));
        QLabel *typing = client.window->conversation()->typingLabel();
        QTRY_COMPARE_WITH_TIMEOUT(typing->text(), QStringLiteral("Carl Craftsman is typing…"), Timeout);
        QTRY_VERIFY(client.controller->chats()->index(0).data(ChatListModel::TypingRole).toBool());
        QTest::keyClick(craftsman.window->conversation()->composer()->editor(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(client.countContent(QStringLiteral("Hi Mia")), 1, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(client.shows(QStringLiteral("Hi Mia")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(typing->text(), QString(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.stateOf(QStringLiteral("Hi Mia")), MessageModel::State::Sent, Timeout);
        // The client's window is not active: a desktop notification for the message.
        QTRY_VERIFY_WITH_TIMEOUT(!miaNotified.isEmpty(), Timeout);
        QCOMPARE(miaNotified.last().at(0).toString(), chatId);
        QCOMPARE(miaNotified.last().at(2).toString(), QStringLiteral("Hi Mia"));

        // The client answers.
        QVERIFY(activate(client.window));
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.stateOf(QStringLiteral("Hi Mia")), MessageModel::State::Read, Timeout);
        client.send(QStringLiteral("Thursday works"));
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.countContent(QStringLiteral("Thursday works")), 1, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Thursday works")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Thursday works")), MessageModel::State::Sent, Timeout);

        // A photo: uploaded, sent as an image message, shown (and loadable) on the other side.
        const QString photoPath = appData.filePath(QStringLiteral("photo.png"));
        QImage photo(64, 48, QImage::Format_RGB32);
        photo.fill(QColor(0x33, 0x66, 0x99));
        QVERIFY(photo.save(photoPath));
        client.controller->sendImageFile(photoPath);
        QString photoUrl;
        QTRY_VERIFY_WITH_TIMEOUT(!(photoUrl = craftsman.lastImageUrl()).isEmpty(), Timeout);
        QVERIFY(photoUrl.startsWith(QLatin1String("/uploads/")));
        QTRY_VERIFY_WITH_TIMEOUT(!craftsman.images->image(photoUrl).isNull(), Timeout);
        QCOMPARE(craftsman.images->image(photoUrl).size(), QSize(64, 48));

        // The server goes away; messages written and a photo attached meanwhile wait in the
        // outbox, the photo as a private copy shown from the local file ...
        server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(client.session->state() != ChatSession::ConnectionState::Connected, Timeout);
        client.send(QStringLiteral("Written while offline"));
        const QString offlinePhotoPath = appData.filePath(QStringLiteral("offline-photo.png"));
        QImage offlinePhoto(40, 30, QImage::Format_RGB32);
        offlinePhoto.fill(QColor(0x99, 0x33, 0x66));
        QVERIFY(offlinePhoto.save(offlinePhotoPath));
        client.controller->sendImageFile(offlinePhotoPath);
        client.send(QStringLiteral("After the photo"));
        QCOMPARE(client.controller->outbox()->size(), 3);
        QCOMPARE(client.stateOf(QStringLiteral("Written while offline")), MessageModel::State::Pending);
        QTRY_VERIFY(client.shows(QStringLiteral("Written while offline")));
        QTRY_VERIFY(client.shows(QStringLiteral("After the photo")));
        const Outbox::Entry queuedPhoto = client.controller->outbox()->entries().at(1);
        QVERIFY(queuedPhoto.needsUpload());
        QVERIFY(QFile::exists(queuedPhoto.localFile));
        QVERIFY(queuedPhoto.localFile.startsWith(QFileInfo(client.controller->outbox()->path()).absolutePath()));
        const QModelIndex pendingPhoto = client.lastImage();
        QCOMPARE(pendingPhoto.data(MessageModel::StateRole).toInt(), int(MessageModel::State::Pending));
        const QString pendingUrl = pendingPhoto.data(MessageModel::ContentRole).toString();
        QCOMPARE(pendingUrl, QUrl::fromLocalFile(queuedPhoto.localFile).toString());
        QTRY_VERIFY_WITH_TIMEOUT(!client.images->image(pendingUrl).isNull(), Timeout);
        QCOMPARE(client.images->image(pendingUrl).size(), QSize(40, 30));

        // ... and are delivered exactly once, in the order written, when the server is back.
        server.config().port = port;
        QVERIFY(server.start());
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(client.controller->outbox()->size(), 0, Timeout);
        QVERIFY(!QFile::exists(queuedPhoto.localFile));
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Written while offline")), MessageModel::State::Sent,
                                  Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("After the photo")), MessageModel::State::Sent,
                                  Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.session->state(), ChatSession::ConnectionState::Connected, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.countContent(QStringLiteral("Written while offline")), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.countContent(QStringLiteral("After the photo")), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.countType(QStringLiteral("image")), 2, Timeout);
        QCOMPARE(client.countContent(QStringLiteral("Written while offline")), 1);
        QCOMPARE(client.countType(QStringLiteral("image")), 2);
        const QString deliveredUrl = craftsman.lastImageUrl();
        QVERIFY(deliveredUrl.startsWith(QLatin1String("/uploads/")));
        QVERIFY(deliveredUrl != photoUrl);
        QTRY_COMPARE_WITH_TIMEOUT(client.lastImageUrl(), deliveredUrl, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!craftsman.images->image(deliveredUrl).isNull(), Timeout);
        QCOMPARE(craftsman.images->image(deliveredUrl).size(), QSize(40, 30));

        const auto stored = server.http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(chatId), mia.token);
        QStringList lastThree;
        int storedCopies = 0, storedOfflinePhotos = 0;
        for (const QJsonValue &m : stored.array()) {
            const QJsonObject o = m.toObject();
            const QString content = o.value(QStringLiteral("content")).toString();
            storedCopies += content == QLatin1String("Written while offline");
            storedOfflinePhotos += content == deliveredUrl;
            lastThree.append(o.value(QStringLiteral("messageType")).toString() + QLatin1Char(':')
                             + (content == deliveredUrl ? QStringLiteral("photo") : content));
        }
        QCOMPARE(storedCopies, 1);
        QCOMPARE(storedOfflinePhotos, 1);
        QCOMPARE(stored.array().size(), 7);
        QCOMPARE(lastThree.mid(4),
                 (QStringList{QStringLiteral("text:Written while offline"), QStringLiteral("image:photo"),
                              QStringLiteral("text:After the photo")}));
    }

    void refusedPhotoFailsAndHoldsNothingBack()
    {
        // A queued photo the server refuses (over this server's own upload limit, 413) is marked
        // failed for good with the app's explanation, is not retried on its own, and the chat's
        // later messages are still delivered.
        TestServer server;
        server.config().maxUploadBytes = 2000;
        QVERIFY(server.start());
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        const TestUser mia = server.registerUser(QStringLiteral("client"), QStringLiteral("Mia Client"));
        const TestUser carl = server.registerUser(QStringLiteral("craftsman"), QStringLiteral("Carl Craftsman"));
        QTemporaryDir appData;
        contract::UserProfile me;
        me.id = mia.id;
        me.fullName = mia.fullName;
        me.role = mia.role;
        ChatSession session;
        Outbox outbox(appData.filePath(QStringLiteral("outbox.json")));
        QVERIFY(outbox.load());
        session.setOutbox(&outbox);
        session.start(url, mia.token, me);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), ChatSession::ConnectionState::Connected, Timeout);
        QString chatId;
        session.api()->createChat(carl.id, QString(), QStringLiteral("Hello"),
                                  [&chatId](const ApiResult &r, const contract::ChatDetails &details) {
                                      if (r.ok())
                                          chatId = details.id;
                                  });
        QTRY_VERIFY_WITH_TIMEOUT(!chatId.isEmpty(), Timeout);

        const QString fake = appData.filePath(QStringLiteral("detailed.png"));
        QImage detailed(120, 120, QImage::Format_RGB32);
        for (int y = 0; y < detailed.height(); ++y)
            for (int x = 0; x < detailed.width(); ++x)
                detailed.setPixel(x, y, qRgb((x * 37 + y * 11) % 256, (x * y) % 256, (x ^ y) % 256));
        QVERIFY(detailed.save(fake));
        QVERIFY(QFileInfo(fake).size() > 2000);
        QSignalSpy failed(&session, &ChatSession::messageFailed);
        const QString photoId = outbox.enqueueImage(chatId, fake);
        QVERIFY(!photoId.isEmpty());
        const QString copy = outbox.find(photoId)->localFile;
        session.sendMessage(chatId, QStringLiteral("text"), QStringLiteral("Sent after the refused photo"));
        const QString refusal = QStringLiteral("The photo is larger than this server accepts.");
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Timeout);
        QCOMPARE(failed.at(0).at(0).toString(), photoId);
        QCOMPARE(failed.at(0).at(2).toString(), refusal);
        QTRY_COMPARE_WITH_TIMEOUT(outbox.size(), 1, Timeout); // the text was delivered
        QCOMPARE(outbox.find(photoId)->state, Outbox::State::Failed);
        QCOMPARE(outbox.find(photoId)->error, refusal);
        QVERIFY(outbox.find(photoId)->permanent); // refused for good: the app offers delete, not retry
        QVERIFY(QFile::exists(copy));             // kept until the user deletes it

        // A retry asks the server again and ends failed again.
        session.retry(photoId);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, Timeout);
        QCOMPARE(outbox.find(photoId)->state, Outbox::State::Failed);

        const auto stored = server.http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(chatId), mia.token);
        QStringList contents;
        for (const QJsonValue &m : stored.array())
            contents.append(m.toObject().value(QStringLiteral("messageType")).toString() + QLatin1Char(':')
                            + m.toObject().value(QStringLiteral("content")).toString());
        QCOMPARE(contents,
                 (QStringList{QStringLiteral("text:Hello"), QStringLiteral("text:Sent after the refused photo")}));
        session.stop();
    }

    void photoQueuedBeforeRestartIsDeliveredOnce()
    {
        // The previous run queued a text and a photo and quit before it could send them; the
        // next run loads the outbox and delivers both once, in order, with their clientMessageIds.
        TestServer server;
        QVERIFY(server.start());
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        const TestUser mia = server.registerUser(QStringLiteral("client"), QStringLiteral("Mia Client"));
        const TestUser carl = server.registerUser(QStringLiteral("craftsman"), QStringLiteral("Carl Craftsman"));
        const QString chatId
            = server.createChat(mia, carl, {{QStringLiteral("initialMessage"), QStringLiteral("Hello")}})
                  .value(QStringLiteral("_id"))
                  .toString();
        QVERIFY(!chatId.isEmpty());

        QTemporaryDir appData;
        const QString outboxPath = appData.filePath(QStringLiteral("outbox.json"));
        const QString photoPath = appData.filePath(QStringLiteral("photo.png"));
        QImage photo(20, 10, QImage::Format_RGB32);
        photo.fill(Qt::darkGreen);
        QVERIFY(photo.save(photoPath));
        QString textId, photoId, copy;
        {
            Outbox previousRun(outboxPath);
            QVERIFY(previousRun.load());
            photoId = previousRun.enqueueImage(chatId, photoPath);
            textId = previousRun.enqueue(chatId, QStringLiteral("text"), QStringLiteral("See the photo"));
            copy = previousRun.find(photoId)->localFile;
        }
        QVERIFY(QFile::exists(copy));

        contract::UserProfile me;
        me.id = mia.id;
        me.fullName = mia.fullName;
        me.role = mia.role;
        ChatSession session;
        Outbox outbox(outboxPath);
        QVERIFY(outbox.load());
        QCOMPARE(outbox.size(), 2);
        session.setOutbox(&outbox);
        QSignalSpy confirmed(&session, &ChatSession::messageConfirmed);
        session.start(url, mia.token, me);
        QTRY_COMPARE_WITH_TIMEOUT(outbox.size(), 0, Timeout);
        QCOMPARE(confirmed.size(), 2);
        QCOMPARE(confirmed.at(0).at(0).toString(), photoId);
        QCOMPARE(confirmed.at(1).at(0).toString(), textId);
        QVERIFY(!QFile::exists(copy));
        QVERIFY(QFile::exists(photoPath));

        const auto stored = server.http().get(QStringLiteral("/api/messages/chats/%1/messages").arg(chatId), mia.token);
        QStringList seen;
        for (const QJsonValue &v : stored.array()) {
            const QJsonObject m = v.toObject();
            const QString type = m.value(QStringLiteral("messageType")).toString();
            seen.append(type + QLatin1Char(':') + m.value(QStringLiteral("clientMessageId")).toString());
            if (type == QLatin1String("image"))
                QVERIFY(m.value(QStringLiteral("content")).toString().startsWith(QLatin1String("/uploads/")));
        }
        QCOMPARE(seen, (QStringList{QStringLiteral("text:"), QStringLiteral("image:") + photoId,
                                    QStringLiteral("text:") + textId}));
        session.stop();
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_e2e.moc"
