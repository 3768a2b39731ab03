// The main window as laid out for a person, without a server: it fits the window in both
// directions, the header's lines start next to the avatar, status messages never hide the
// connection state, an empty search says so, and the hosted-server entry shows only when
// this app hosts.
#include "tests/ui/testdata.h"
#include "ui/controller/chatcontroller.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"
#include "ui/util/language.h"
#include "ui/util/resources.h"
#include "ui/widgets/chatlistpanel.h"
#include "ui/widgets/connectionindicator.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>

using namespace craftchat;
using namespace craftchat::ui;
using namespace testdata;

namespace {
struct WindowFixture
{
    WindowFixture()
    {
        session.presentAs(user(QStringLiteral("me"), QStringLiteral("Mia Client")),
                          ChatSession::ConnectionState::Connected);
        controller = new ChatController(&session, new Outbox);
        controller->setNetworkEnabled(false);
        controller->chats()->setChats(
            {testdata::chat(QStringLiteral("chat1"), at(5), {{"me", 2}}, QStringLiteral("See you")),
             testdata::chat(QStringLiteral("chat2"), at(3))});
        window = new MainWindow(controller, nullptr);
    }
    ~WindowFixture()
    {
        delete window;
        delete controller;
    }
    ChatSession session;
    ChatController *controller;
    MainWindow *window;
};

bool insideWindow(QWidget *widget, int margin)
{
    const QRect inWindow(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
    return widget->window()->rect().adjusted(margin, 0, -margin, 0).contains(inWindow);
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }
    void cleanup() { QApplication::setLayoutDirection(Qt::LeftToRight); }

    void fitsTheWindowInBothDirections_data()
    {
        QTest::addColumn<int>("direction");
        QTest::addColumn<int>("width");
        QTest::newRow("ltr 800") << int(Qt::LeftToRight) << 800;
        QTest::newRow("rtl 800") << int(Qt::RightToLeft) << 800;
        QTest::newRow("rtl 1040") << int(Qt::RightToLeft) << 1040;
    }
    void fitsTheWindowInBothDirections()
    {
        QFETCH(int, direction);
        QFETCH(int, width);
        QApplication::setLayoutDirection(Qt::LayoutDirection(direction));
        WindowFixture f;
        f.window->resize(width, 600);
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window));
        f.window->openChat(QStringLiteral("chat1"));
        ChatListPanel *list = f.window->chatList();
        // The search field, the list and "New chat" lie inside the window, off its edge.
        for (QWidget *part : {static_cast<QWidget *>(list->filterEdit()), static_cast<QWidget *>(list->view()),
                              static_cast<QWidget *>(list->newChatButton())})
            QVERIFY2(insideWindow(part, 4), qPrintable(part->objectName()));
        // "New chat" at its natural width: the icon beside the label, not at the far end.
        QVERIFY(list->newChatButton()->width() <= list->newChatButton()->sizeHint().width() + 2);
        // The header's name starts next to the avatar, on the leading side.
        const QLabel *title = f.window->conversation()->titleLabel();
        const Qt::Alignment expected
            = (direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignAbsolute;
        QCOMPARE(title->alignment() & Qt::AlignHorizontal_Mask, expected);
    }

    void statusMessagesNeverHideTheConnectionState()
    {
        WindowFixture f;
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window));
        QVERIFY(f.window->connectionIndicator()->isVisible());
        f.window->statusBar()->showMessage(QStringLiteral("Carl Electrician: On my way"), 8000);
        QVERIFY(f.window->connectionIndicator()->isVisible());
        QVERIFY(insideWindow(f.window->connectionIndicator(), 0));
    }

    void emptySearchSaysSo_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<bool>("empty");
        QTest::newRow("a name") << QStringLiteral("carl") << false;
        QTest::newRow("words of a message") << QStringLiteral("fuse box") << true;
    }
    void emptySearchSaysSo()
    {
        QFETCH(QString, search);
        QFETCH(bool, empty);
        WindowFixture f;
        f.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.window));
        ChatListPanel *list = f.window->chatList();
        QVERIFY(!list->emptyLabel()->isVisible());
        QTest::keyClicks(list->filterEdit(), search);
        QCOMPARE(list->emptyLabel()->isVisible(), empty);
        if (empty)
            QVERIFY(list->emptyLabel()->text().contains(search));
        list->filterEdit()->clear();
        QVERIFY(!list->emptyLabel()->isVisible());
    }

    void hostedServerEntryOnlyWhileHosting()
    {
        WindowFixture f;
        QVERIFY(!f.window->hostPanelAction()->isVisible());
        QVERIFY(!f.window->serverMonitorAction()->isVisible());
        f.window->setHostNote(QStringLiteral("Hosting: http://192.168.1.20:3001"));
        QVERIFY(f.window->hostPanelAction()->isVisible());
        f.window->setServerMonitorAvailable(true);
        QVERIFY(f.window->serverMonitorAction()->isVisible());
        f.window->setHostNote(QString());
        QVERIFY(!f.window->hostPanelAction()->isVisible());
    }

    void languageAppliesWithoutRestart()
    {
        Language language;
        language.apply(QStringLiteral("de"));
        {
            WindowFixture f;
            QCOMPARE(f.window->menuBar()->actions().at(1)->text(), QStringLiteral("&Konto"));
        }
        language.apply(QStringLiteral("ar"));
        QCOMPARE(QApplication::layoutDirection(), Qt::RightToLeft);
        language.apply(QStringLiteral("en"));
        QCOMPARE(QApplication::layoutDirection(), Qt::LeftToRight);
        WindowFixture f;
        QCOMPARE(f.window->menuBar()->actions().at(1)->text(), QStringLiteral("&Account"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
