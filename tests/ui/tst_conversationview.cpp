// The open conversation as a person sees it, without a server: new rows are laid out and
// painted inside the viewport, pending and failed bubbles are visible with their reason, the
// "new messages" button counts what arrived while scrolled up, and the view reports the newest
// message as shown only when it is on screen in the active window.
#include "tests/ui/testdata.h"
#include "tests/ui/viewprobe.h"
#include "ui/controller/chatcontroller.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/net/apiclient.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/util/resources.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/noticebar.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDropEvent>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QToolButton>

using namespace craftchat;
using namespace craftchat::ui;
using namespace testdata;

namespace {
QList<contract::Message> page(int count)
{
    QList<contract::Message> list;
    for (int i = 0; i < count; ++i)
        list << message(QStringLiteral("m%1").arg(i), at(i % 60, i / 60), QStringLiteral("c1"), QStringLiteral("chat1"),
                        QStringLiteral("message number %1").arg(i));
    return list;
}

bool activate(QWidget *window)
{
    window->raise();
    window->activateWindow();
    QApplication::setActiveWindow(window);
    return QTest::qWaitForWindowActive(window);
}

// A conversation view in a window of its own, at the bottom of `history` messages.
struct ViewFixture
{
    explicit ViewFixture(int history)
    {
        model.setCurrentUserId(QStringLiteral("me"));
        model.reset(QStringLiteral("chat1"));
        model.setHistory(page(history));
        view.setModel(&model);
        view.resize(420, 300);
        view.show();
    }
    MessageModel model;
    ConversationView view{nullptr};
};

// The conversation pane of a session that is not connected to any server (nothing is fetched).
struct PaneFixture
{
    explicit PaneFixture(ChatSession::ConnectionState state)
    {
        session.presentAs(user(QStringLiteral("me"), QStringLiteral("Mia Client")), state);
        outbox = new Outbox;
        controller = std::make_unique<ChatController>(&session, outbox);
        controller->setNetworkEnabled(false);
        pane = std::make_unique<ConversationPane>(controller.get(), nullptr);
        pane->resize(500, 400);
        pane->show();
    }
    ChatSession session;
    Outbox *outbox; // owned by the controller
    std::unique_ptr<ChatController> controller;
    std::unique_ptr<ConversationPane> pane;
};
} // namespace

class TestConversationView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void incomingMessageIsLaidOutAndPainted_data()
    {
        QTest::addColumn<int>("history");
        QTest::newRow("empty chat") << 0;
        QTest::newRow("short chat") << 3;
        QTest::newRow("long chat") << 40;
    }
    void incomingMessageIsLaidOutAndPainted()
    {
        QFETCH(int, history);
        ViewFixture f(history);
        QVERIFY(activate(&f.view));
        QTRY_VERIFY(f.view.isAtBottom());
        f.model.addMessage(message(QStringLiteral("n1"), at(59, 59), QStringLiteral("c1"), QStringLiteral("chat1"),
                                   QStringLiteral("The cable arrived")));
        const QModelIndex added = viewprobe::findRow(&f.model, MessageModel::IdRole, QStringLiteral("n1"));
        QVERIFY(added.isValid());
        // On screen and painted, without scrolling or any other input.
        QTRY_VERIFY(viewprobe::rowOnScreen(&f.view, added));
        QTRY_VERIFY(viewprobe::paintedPixels(&f.view, added) > 300);
        QVERIFY(f.view.isAtBottom());
        QVERIFY(!f.view.jumpButtonVisible());
    }

    void ownPendingAndFailedMessagesAreShownWithTheReason()
    {
        ViewFixture f(40);
        QTRY_VERIFY(f.view.isAtBottom());
        f.model.addPending(QStringLiteral("cm1"), QStringLiteral("text"), QStringLiteral("Written offline"), at(59, 59),
                           user(QStringLiteral("me"), QStringLiteral("Mia Client")));
        const QModelIndex pending = viewprobe::findRow(&f.model, MessageModel::ClientIdRole, QStringLiteral("cm1"));
        QTRY_VERIFY(viewprobe::rowOnScreen(&f.view, pending));
        QTRY_VERIFY(viewprobe::paintedPixels(&f.view, pending) > 300);
        const int pendingHeight = f.view.visualRect(pending).height();

        f.model.setFailed(QStringLiteral("cm1"), QStringLiteral("The server refused the photo: too large"), false);
        QTRY_VERIFY(f.view.visualRect(pending).height() > pendingHeight); // the reason has a line
        QTRY_VERIFY(viewprobe::rowOnScreen(&f.view, pending));
        QVERIFY(pending.data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("too large")));
        QVERIFY(!pending.data(MessageModel::RetryableRole).toBool());
    }

    void scrolledUpCountsNewMessagesAndDoesNotReportThem_data()
    {
        QTest::addColumn<int>("arriving");
        QTest::addColumn<QString>("label");
        QTest::newRow("one") << 1 << QStringLiteral("1 new ↓");
        QTest::newRow("three") << 3 << QStringLiteral("3 new ↓");
    }
    void scrolledUpCountsNewMessagesAndDoesNotReportThem()
    {
        QFETCH(int, arriving);
        QFETCH(QString, label);
        ViewFixture f(40);
        QVERIFY(activate(&f.view));
        QTRY_VERIFY(f.view.isAtBottom());
        f.view.verticalScrollBar()->setValue(0);
        QTest::qWait(50);
        QSignalSpy shown(&f.view, &ConversationView::newestMessageShown);
        for (int i = 0; i < arriving; ++i)
            f.model.addMessage(message(QStringLiteral("n%1").arg(i), at(59, 50 + i), QStringLiteral("c1"),
                                       QStringLiteral("chat1"), QStringLiteral("new %1").arg(i)));
        QTRY_VERIFY(f.view.jumpButtonVisible());
        QCOMPARE(f.view.unseenCount(), arriving);
        QCOMPARE(f.view.jumpButton()->text(), label);
        const QModelIndex newest = f.model.index(f.model.rowCount() - 1, 0);
        QVERIFY(!viewprobe::rowOnScreen(&f.view, newest));
        QTest::qWait(200);
        QCOMPARE(shown.size(), 0); // not on screen: not read

        QTest::mouseClick(f.view.jumpButton(), Qt::LeftButton);
        QTRY_VERIFY(viewprobe::rowShown(&f.view, newest));
        QTRY_VERIFY(shown.size() >= 1);
        QVERIFY(!f.view.jumpButtonVisible());
        QCOMPARE(f.view.unseenCount(), 0);
    }

    void newestIsReportedOnlyInTheActiveWindow()
    {
        ViewFixture f(10);
        QWidget other;
        other.resize(200, 100);
        other.show();
        QVERIFY(activate(&other));
        QTest::qWait(50);
        QSignalSpy shown(&f.view, &ConversationView::newestMessageShown);
        QVERIFY(!f.view.isActiveWindow());
        f.model.addMessage(message(QStringLiteral("n1"), at(59, 59)));
        const QModelIndex newest = viewprobe::findRow(&f.model, MessageModel::IdRole, QStringLiteral("n1"));
        QTRY_VERIFY(viewprobe::rowShown(&f.view, newest)); // painted, but nobody is looking
        QTest::qWait(200);
        QCOMPARE(shown.size(), 0);
        QVERIFY(activate(&f.view));
        QTRY_COMPARE(shown.size(), 1);
    }

    void unsentMessageMenuRetriesOrDeletes_data()
    {
        QTest::addColumn<bool>("permanent");
        QTest::newRow("refused for good") << true;
        QTest::newRow("may pass later") << false;
    }
    void unsentMessageMenuRetriesOrDeletes()
    {
        QFETCH(bool, permanent);
        PaneFixture f(ChatSession::ConnectionState::Offline);
        Outbox *outbox = f.outbox;
        ChatController &controller = *f.controller;
        ConversationPane &pane = *f.pane;
        controller.openChat(QStringLiteral("chat1"));
        const QString cmid
            = outbox->enqueue(QStringLiteral("chat1"), QStringLiteral("text"), QStringLiteral("Price: 120 EUR"));
        outbox->markFailed(cmid, QStringLiteral("You cannot write in this chat."), permanent);
        const QModelIndex row = viewprobe::findRow(controller.messages(), MessageModel::ClientIdRole, cmid);
        QCOMPARE(MessageModel::State(row.data(MessageModel::StateRole).toInt()), MessageModel::State::Failed);
        QCOMPARE(row.data(MessageModel::ErrorRole).toString(), QStringLiteral("You cannot write in this chat."));
        QTRY_VERIFY(viewprobe::rowShown(pane.view(), row));

        QMenu *menu = pane.unsentMessageMenu(cmid, QPoint());
        QAction *retry = menu->findChild<QAction *>(QStringLiteral("retry"));
        QAction *discard = menu->findChild<QAction *>(QStringLiteral("delete"));
        QVERIFY(retry && discard);
        QCOMPARE(retry->isEnabled(), !permanent);
        QVERIFY(discard->isEnabled());
        if (!permanent) {
            retry->trigger(); // offline in this test: back to pending, visibly
            QCOMPARE(outbox->find(cmid)->state, Outbox::State::Pending);
            QCOMPARE(MessageModel::State(row.data(MessageModel::StateRole).toInt()), MessageModel::State::Pending);
            outbox->markFailed(cmid, QStringLiteral("again"), false);
            menu = pane.unsentMessageMenu(cmid, QPoint());
            discard = menu->findChild<QAction *>(QStringLiteral("delete"));
        }
        discard->trigger();
        QCOMPARE(outbox->size(), 0);
        QVERIFY(!viewprobe::findRow(controller.messages(), MessageModel::ClientIdRole, cmid).isValid());
    }

    void offlineBannerOffersRetryNow()
    {
        PaneFixture f(ChatSession::ConnectionState::Connected);
        ChatSession &session = f.session;
        ConversationPane &pane = *f.pane;
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY(!pane.connectionBar()->isVisible());
        session.presentAs(session.me(), ChatSession::ConnectionState::Reconnecting);
        QVERIFY(pane.connectionBar()->isVisible());
        QVERIFY(pane.connectionBar()->text().startsWith(QStringLiteral("You are offline.")));
        QVERIFY(pane.connectionBar()->actionButton()->isVisible());
        QCOMPARE(pane.connectionBar()->actionButton()->text(), QStringLiteral("Retry now"));
        session.presentAs(session.me(), ChatSession::ConnectionState::Connected);
        QVERIFY(!pane.connectionBar()->isVisible());
    }

    void externalImagesLoadOnlyAfterAClick()
    {
        // The chat server is 127.0.0.1:9; an image message pointing at another host (here
        // 127.0.0.2, loopback too) must not be fetched until the reader clicks it.
        ApiClient api;
        api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9")));
        ImageCache images(&api);
        MessageModel model;
        model.setCurrentUserId(QStringLiteral("me"));
        model.reset(QStringLiteral("chat1"));
        const QString external = QStringLiteral("http://127.0.0.2:9/tracker.png");
        const QString own = QStringLiteral("/uploads/0123456789abcdef0123456789abcdef.png");
        contract::Message photo
            = message(QStringLiteral("p1"), at(1), QStringLiteral("c1"), QStringLiteral("chat1"), external);
        photo.messageType = QStringLiteral("image");
        contract::Message ownPhoto
            = message(QStringLiteral("p2"), at(2), QStringLiteral("c1"), QStringLiteral("chat1"), own);
        ownPhoto.messageType = QStringLiteral("image");
        model.setHistory({photo, ownPhoto});
        ConversationView view(&images);
        view.setModel(&model);
        view.resize(420, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex externalRow = model.index(0, 0);
        QTRY_VERIFY(viewprobe::rowShown(&view, externalRow));
        QVERIFY(images.isExternal(external));
        QVERIFY(!images.isExternal(own));
        QTRY_VERIFY(images.isLoading(own) || images.hasFailed(own)); // the server's own: loaded at once
        QVERIFY(!images.isLoading(external));
        QVERIFY(!images.hasFailed(external));

        QSignalSpy opened(&view, &ConversationView::imageActivated);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.visualRect(externalRow).center());
        QVERIFY(images.isExternalAllowed(external));
        QVERIFY(images.isLoading(external) || images.hasFailed(external));
        QCOMPARE(opened.size(), 0); // the first click loads it; the next one opens it
    }

    void attachingSomethingThatIsNoPhotoSaysWhy()
    {
        PaneFixture f(ChatSession::ConnectionState::Connected);
        Outbox *outbox = f.outbox;
        ChatController &controller = *f.controller;
        ConversationPane &pane = *f.pane;
        controller.openChat(QStringLiteral("chat1"));
        QTemporaryFile pdf(QDir::tempPath() + QStringLiteral("/quote-XXXXXX.pdf"));
        QVERIFY(pdf.open());
        pdf.write("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        pdf.close();
        controller.sendImageFile(pdf.fileName());
        QCOMPARE(outbox->size(), 0);
        QCOMPARE(controller.messages()->rowCount(), 0);
        QVERIFY(pane.noticeBar()->isVisible());
        QVERIFY(pane.noticeBar()->text().contains(QStringLiteral("is not a photo")));
    }

    void filesAreQueuedAsCardsOrOverTheLimitRefused()
    {
        PaneFixture f(ChatSession::ConnectionState::Connected);
        ChatController &controller = *f.controller;
        ConversationPane &pane = *f.pane;
        controller.openChat(QStringLiteral("chat1"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("Rechnung März.pdf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(3000, 'x'));
        file.close();
        pane.sendFiles({path});
        QCOMPARE(f.outbox->size(), 1);
        QCOMPARE(f.outbox->entries().first().type, QStringLiteral("file"));
        QCOMPARE(f.outbox->entries().first().fileName, QStringLiteral("Rechnung März.pdf"));
        const QModelIndex row = controller.messages()->index(controller.messages()->rowCount() - 1, 0);
        QCOMPARE(row.data(MessageModel::TypeRole).toString(), QStringLiteral("file"));
        QCOMPARE(row.data(MessageModel::AttachmentNameRole).toString(), QStringLiteral("Rechnung März.pdf"));
        QCOMPARE(row.data(MessageModel::AttachmentSizeRole).toLongLong(), 3000);

        pane.sendFiles({path}); // what a drop on the conversation and a paste call
        QCOMPARE(f.outbox->size(), 2);

        // Over the limit: refused at once, with the sizes.
        f.session.setUploadLimit(1000);
        pane.sendFiles({path});
        QCOMPARE(f.outbox->size(), 2);
        QVERIFY(pane.noticeBar()->isVisible());
        QVERIFY(pane.noticeBar()->text().contains(QStringLiteral("3.0 kB"))
                || pane.noticeBar()->text().contains(QStringLiteral("3 kB")));
    }
};

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
