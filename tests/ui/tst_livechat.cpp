// Two app sessions against a real server, checked on the screen: an incoming message appears
// in the open conversation at once; it counts as read only once it has been painted in the
// active window; written while the server is down it shows as pending, "Retry now" reconnects
// at once, and the chat list preview follows; a large phone photo is scaled down, not refused.
#include "common/contract/contract.h"
#include "tests/ui/appsession.h"
#include "ui/delegates/chatlistdelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/net/tokenrenewer.h"
#include "ui/util/photoupload.h"
#include "ui/util/resources.h"
#include "ui/widgets/chatlistpanel.h"
#include "ui/widgets/noticebar.h"

#include <QImage>
#include <QListView>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>

using namespace e2e;
using testsupport::TestServer;

namespace {
constexpr int Timeout = 20000;

QUrl urlOf(const TestServer &server)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
}

// A client, an electrician and their chat (with a first message) on a running server.
struct Parties
{
    explicit Parties(TestServer &server)
    {
        mia = server.registerUser(QStringLiteral("client"), QStringLiteral("Mia Client"));
        carl = server.registerUser(QStringLiteral("craftsman"), QStringLiteral("Carl Electrician"));
        chatId = server.createChat(mia, carl, {{QStringLiteral("initialMessage"), QStringLiteral("Hello Carl")}})
                     .value(QStringLiteral("_id"))
                     .toString();
    }
    TestUser mia;
    TestUser carl;
    QString chatId;
};
} // namespace

class TestLiveChat : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void incomingMessagesShowAtOnceAndAreReadOnlyWhenSeen()
    {
        TestServer server;
        QVERIFY(server.start());
        const Parties parties(server);
        const TestUser &mia = parties.mia;
        const TestUser &carl = parties.carl;
        const QString &chatId = parties.chatId;
        QVERIFY(!chatId.isEmpty());
        QTemporaryDir appData;
        AppSession client(urlOf(server), mia, appData.filePath(QStringLiteral("mia.json")));
        AppSession craftsman(urlOf(server), carl, appData.filePath(QStringLiteral("carl.json")));
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.controller->chats()->rowCount(), 1, Timeout);
        client.window->openChat(chatId);
        craftsman.window->openChat(chatId);
        QVERIFY(activate(craftsman.window));
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Hello Carl")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Hello Carl")), MessageModel::State::Read, Timeout);

        // The receiver's window is active, the chat open: the message appears without any input.
        client.send(QStringLiteral("Is Thursday fine?"));
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Is Thursday fine?")), Timeout);
        QVERIFY(craftsman.view()->isAtBottom());
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Is Thursday fine?")), MessageModel::State::Read,
                                  Timeout);
        QCOMPARE(craftsman.controller->chats()->unreadTotal(), 0);

        // The receiver looks at another window: painted in the open chat, but not read.
        QVERIFY(activate(client.window));
        client.send(QStringLiteral("Or Friday?"));
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.countContent(QStringLiteral("Or Friday?")), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.controller->chats()->unreadTotal(), 1, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Or Friday?")), Timeout);
        QTest::qWait(1000);
        QCOMPARE(client.stateOf(QStringLiteral("Or Friday?")), MessageModel::State::Sent);
        QCOMPARE(craftsman.controller->chats()->unreadTotal(), 1);
        // ... until the receiver comes back to the window.
        QVERIFY(activate(craftsman.window));
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Or Friday?")), MessageModel::State::Read, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(craftsman.controller->chats()->unreadTotal(), 0, Timeout);

        // Scrolled up in a long chat: counted on the jump button, not read until seen.
        for (int i = 0; i < 12; ++i)
            client.session->sendMessage(chatId, QStringLiteral("text"), QStringLiteral("Line %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(client.controller->outbox()->size(), 0, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Line 11")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Line 11")), MessageModel::State::Read, Timeout);
        craftsman.view()->verticalScrollBar()->setValue(craftsman.view()->verticalScrollBar()->minimum() + 40);
        QVERIFY(!craftsman.view()->isAtBottom());
        client.send(QStringLiteral("Did you see the photo?"));
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.view()->jumpButtonVisible(), Timeout);
        QCOMPARE(craftsman.view()->unseenCount(), 1);
        QVERIFY(!viewprobe::rowOnScreen(craftsman.view(),
                                        craftsman.rowWithContent(QStringLiteral("Did you see the photo?"))));
        QTest::qWait(1000);
        QCOMPARE(client.stateOf(QStringLiteral("Did you see the photo?")), MessageModel::State::Sent);
        QTest::mouseClick(craftsman.view()->jumpButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(craftsman.shows(QStringLiteral("Did you see the photo?")), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Did you see the photo?")), MessageModel::State::Read,
                                  Timeout);

        // Not the host of anything: no "Hosted server" entry.
        QVERIFY(!client.window->hostPanelAction()->isVisible());
        QVERIFY(!craftsman.window->serverMonitorAction()->isVisible());
    }

    void offlineMessagesShowPendingRetryNowAndThePreviewFollows()
    {
        TestServer server;
        QVERIFY(server.start());
        const quint16 port = server.port();
        const Parties parties(server);
        const TestUser &mia = parties.mia;
        const QString &chatId = parties.chatId;
        QTemporaryDir appData;
        AppSession client(urlOf(server), mia, appData.filePath(QStringLiteral("mia.json")));
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.controller->chats()->rowCount(), 1, Timeout);
        client.window->openChat(chatId);
        QVERIFY(activate(client.window));
        QTRY_VERIFY_WITH_TIMEOUT(client.shows(QStringLiteral("Hello Carl")), Timeout);

        server.stop();
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Reconnecting, Timeout);
        NoticeBar *banner = client.window->conversation()->connectionBar();
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->actionButton()->isVisible());
        client.send(QStringLiteral("Written while the server is down"));
        QTRY_VERIFY(client.shows(QStringLiteral("Written while the server is down")));
        QCOMPARE(client.stateOf(QStringLiteral("Written while the server is down")), MessageModel::State::Pending);

        // Wait until the next attempt is far away, then bring the server back and retry now.
        QTRY_VERIFY_WITH_TIMEOUT(client.session->secondsUntilReconnect() >= 4, 30000);
        server.config().port = port;
        QVERIFY(server.start());
        QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, 3000);
        QTRY_VERIFY(!banner->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("Written while the server is down")),
                                  MessageModel::State::Sent, Timeout);
        // The chat list's preview is the newest message, on screen.
        ChatListModel *chats = client.controller->chats();
        QTRY_COMPARE_WITH_TIMEOUT(chats->index(0).data(ChatListModel::PreviewRole).toString(),
                                  QStringLiteral("You: \u2068Written while the server is down\u2069"), Timeout);
        QListView *list = client.window->chatList()->view();
        QVERIFY(viewprobe::rowShown(list, list->model()->index(0, 0)));
        QTest::qWait(500); // a late answer of the chat list must not take the preview back
        QCOMPARE(chats->index(0).data(ChatListModel::PreviewRole).toString(),
                 QStringLiteral("You: \u2068Written while the server is down\u2069"));
    }

    void tokenIsRenewedSilentlyAndSignOutRevokesIt()
    {
        // Tokens of 4 s: the app renews at 2 s, stays connected, and keeps sending.
        TestServer server;
        server.config().jwtLifetime = std::chrono::seconds(4);
        QVERIFY(server.start());
        const Parties parties(server);
        QTemporaryDir appData;
        AppSession client(urlOf(server), parties.mia, appData.filePath(QStringLiteral("mia.json")));
        TokenRenewer renewer(client.session);
        QSignalSpy renewed(&renewer, &TokenRenewer::renewed);
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        const QString first = client.session->api()->token();
        QTRY_VERIFY_WITH_TIMEOUT(renewed.size() >= 1, 10000);
        const QString second = renewed.last().at(0).toString();
        QVERIFY(!second.isEmpty() && second != first);
        QCOMPARE(client.session->api()->token(), second);
        QTest::qWait(2500); // past the first token's expiry
        QCOMPARE(server.http().get(QStringLiteral("/api/users/me"), first).status, 401);
        QCOMPARE(server.http().get(QStringLiteral("/api/users/me"), client.session->api()->token()).status, 200);
        client.session->sendMessage(parties.chatId, QStringLiteral("text"), QStringLiteral("Still here"));
        QTRY_COMPARE_WITH_TIMEOUT(client.controller->outbox()->size(), 0, Timeout);

        // Logout revokes the token it is sent with.
        const QString current = client.session->api()->token();
        bool done = false;
        client.session->api()->logout([&done](const ApiResult &r, bool ok) {
            done = true;
            QVERIFY2(ok, qPrintable(r.errorMessage));
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, Timeout);
        QCOMPARE(server.http().get(QStringLiteral("/api/users/me"), current).status, 401);
    }

    void largePhotoIsScaledDownAndSent()
    {
        TestServer server;
        QVERIFY(server.start());
        const Parties parties(server);
        const TestUser &mia = parties.mia;
        const QString &chatId = parties.chatId;
        QTemporaryDir appData;
        // A phone photo: 4000 x 3000 of fine detail, larger than the app sends a photo (2560 px).
        QImage photo(4000, 3000, QImage::Format_RGB32);
        QRandomGenerator noise(42);
        for (int y = 0; y < photo.height(); ++y) {
            auto *line = reinterpret_cast<quint32 *>(photo.scanLine(y));
            for (int x = 0; x < photo.width(); ++x)
                line[x] = noise.generate() | 0xff000000u;
        }
        const QString path = appData.filePath(QStringLiteral("IMG_2041.jpg"));
        QVERIFY(photo.save(path, "JPEG", 100));
        QVERIFY(QFileInfo(path).size() > 5 * 1024 * 1024); // larger than the old 5 MiB photo limit

        AppSession client(urlOf(server), mia, appData.filePath(QStringLiteral("mia.json")));
        QTRY_COMPARE_WITH_TIMEOUT(client.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(client.controller->chats()->rowCount(), 1, Timeout);
        client.window->openChat(chatId);
        client.controller->sendImageFile(path);
        QVERIFY(!client.window->conversation()->noticeBar()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(client.controller->outbox()->size(), 0, 60000);
        QString url;
        QTRY_VERIFY_WITH_TIMEOUT(!(url = client.lastImageUrl()).isEmpty() && url.startsWith(QLatin1String("/uploads/")),
                                 Timeout);
        const auto uploaded = server.http().get(url);
        QCOMPARE(uploaded.status, 200);
        QVERIFY(uploaded.body.size() <= craftchat::contract::DefaultUploadLimitBytes);
        QImage received;
        QVERIFY(received.loadFromData(uploaded.body));
        QCOMPARE(received.size(), QSize(PhotoUpload::MaxEdge, PhotoUpload::MaxEdge * 3 / 4));
    }
};

QTEST_MAIN(TestLiveChat)
#include "tst_livechat.moc"
