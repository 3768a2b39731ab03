#include "common/contract/validation.h"
#include "tests/ui/testdata.h"
#include "ui/delegates/chatlistdelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/typingdebouncer.h"
#include "ui/util/avatar.h"
#include "ui/util/resources.h"
#include "ui/util/theme.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/connectionindicator.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/startwindow.h"

#include <QApplication>
#include <QImage>
#include <QListView>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace craftchat::ui;
using namespace testdata;

class TestUiWidgets : public QObject
{
    Q_OBJECT
private:
    // Paints row 0 of a model with `unread` unread messages; returns the image and the item rect.
    static QImage paintChat(int unread, Qt::LayoutDirection direction, QRect *itemRect)
    {
        ChatListModel model;
        model.setCurrentUserId(QStringLiteral("me"));
        model.setChats({chat("a", at(1), {{"me", unread}})});
        ChatListDelegate delegate;
        QStyleOptionViewItem option;
        option.rect = QRect(0, 0, 320, 72);
        option.palette = theme::lightPalette();
        option.font = QApplication::font();
        option.fontMetrics = QFontMetrics(option.font);
        option.direction = direction;
        option.state = QStyle::State_Enabled;
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        delegate.paint(&painter, option, model.index(0));
        painter.end();
        *itemRect = option.rect;
        return image;
    }
    static int pixelsOf(const QImage &image, const QRect &area, const QColor &colour)
    {
        int n = 0;
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x)
                n += image.pixelColor(x, y) == colour;
        return n;
    }

private slots:
    void initTestCase() { initResources(); }

    void delegatePaintsBadgeOnlyWithUnread_data()
    {
        QTest::addColumn<int>("unread");
        QTest::addColumn<int>("direction");
        QTest::newRow("none") << 0 << int(Qt::LeftToRight);
        QTest::newRow("three") << 3 << int(Qt::LeftToRight);
        QTest::newRow("many") << 150 << int(Qt::LeftToRight);
        QTest::newRow("rtl none") << 0 << int(Qt::RightToLeft);
        QTest::newRow("rtl two") << 2 << int(Qt::RightToLeft);
    }
    void delegatePaintsBadgeOnlyWithUnread()
    {
        QFETCH(int, unread);
        QFETCH(int, direction);
        QRect item;
        const QImage image = paintChat(unread, Qt::LayoutDirection(direction), &item);
        const QColor badge = theme::badge(theme::lightPalette());
        // Where a badge would be for one unread message, in this direction.
        const QRect where
            = ChatListDelegate::badgeRect(item, Qt::LayoutDirection(direction), qMax(1, unread), QApplication::font());
        QVERIFY(!where.isEmpty());
        const int badgePixels = pixelsOf(image, where, badge);
        if (unread > 0)
            QVERIFY2(badgePixels > where.width() * where.height() / 3, qPrintable(QString::number(badgePixels)));
        else
            QCOMPARE(badgePixels, 0);
        QCOMPARE(ChatListDelegate::badgeRect(item, Qt::LeftToRight, 0, QApplication::font()), QRect());
        if (Qt::LayoutDirection(direction) == Qt::RightToLeft)
            QVERIFY(where.center().x() < item.center().x()); // trailing side is the left in RTL
    }

    void composerSendsOnEnterNotShiftEnter()
    {
        Composer composer;
        composer.show();
        QSignalSpy sent(&composer, &Composer::sendRequested);
        composer.editor()->setFocus();
        QTest::keyClicks(composer.editor(), QStringLiteral("Hello"));
        QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer.editor(), QStringLiteral("world"));
        QCOMPARE(sent.size(), 0);
        QCOMPARE(composer.text(), QStringLiteral("Hello\nworld"));
        QTest::keyClick(composer.editor(), Qt::Key_Return);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().first().toString(), QStringLiteral("Hello\nworld"));
        QCOMPARE(composer.text(), QString());
        // Enter on an empty or blank composer sends nothing.
        QTest::keyClick(composer.editor(), Qt::Key_Enter);
        QTest::keyClicks(composer.editor(), QStringLiteral("   "));
        QTest::keyClick(composer.editor(), Qt::Key_Return);
        QCOMPARE(sent.size(), 1);
    }

    void composerRefusesTooLongText()
    {
        Composer composer;
        composer.setMaxLength(10);
        QSignalSpy sent(&composer, &Composer::sendRequested);
        composer.setText(QStringLiteral("12345678901"));
        composer.submit();
        QCOMPARE(sent.size(), 0);
        composer.setText(QStringLiteral("1234567890"));
        composer.submit();
        QCOMPARE(sent.size(), 1);
    }

    void composerDebouncesTypingEvents()
    {
        Composer composer;
        composer.typing()->setIdleMs(80);
        composer.show();
        QSignalSpy started(&composer, &Composer::typingStarted);
        QSignalSpy stopped(&composer, &Composer::typingStopped);
        QTest::keyClicks(composer.editor(), QStringLiteral("typing many keys"));
        QCOMPARE(started.size(), 1);
        QCOMPARE(stopped.size(), 0);
        QVERIFY(stopped.wait(5000)); // idle
        QCOMPARE(stopped.size(), 1);
        QTest::keyClicks(composer.editor(), QStringLiteral("x"));
        QCOMPARE(started.size(), 2);
        QTest::keyClick(composer.editor(), Qt::Key_Return); // sending stops typing at once
        QCOMPARE(stopped.size(), 2);
        QCOMPARE(started.size(), 2);
    }

    void conversationStaysAtBottomOrOffersJump()
    {
        MessageModel model;
        model.setCurrentUserId(QStringLiteral("me"));
        model.reset(QStringLiteral("chat1"));
        QList<craftchat::contract::Message> page;
        for (int i = 0; i < 40; ++i)
            page << message(QStringLiteral("m%1").arg(i), at(i % 60, i / 60), QStringLiteral("c1"),
                            QStringLiteral("chat1"), QStringLiteral("message number %1").arg(i));
        model.setHistory(page);
        ConversationView view(nullptr);
        view.setModel(&model);
        view.resize(420, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(view.verticalScrollBar()->maximum() > 0);
        QTRY_VERIFY(view.isAtBottom());

        // At the bottom: a new message keeps the view there.
        model.addMessage(message(QStringLiteral("n1"), at(50), QStringLiteral("c1"), QStringLiteral("chat1"),
                                 QStringLiteral("new one")));
        QTRY_VERIFY(view.isAtBottom());
        QVERIFY(!view.jumpButtonVisible());

        // Scrolled up (which asks for older history): a new message shows the jump button.
        QSignalSpy older(&view, &ConversationView::olderHistoryWanted);
        view.verticalScrollBar()->setValue(0);
        QCOMPARE(older.size(), 1);
        model.addMessage(message(QStringLiteral("n2"), at(51), QStringLiteral("c1"), QStringLiteral("chat1"),
                                 QStringLiteral("another")));
        QTRY_VERIFY(view.jumpButtonVisible());
        QVERIFY(!view.isAtBottom());
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        QTRY_VERIFY(view.isAtBottom());
        QVERIFY(!view.jumpButtonVisible());

        // Older history above keeps what was visible in place.
        view.verticalScrollBar()->setValue(0);
        const QString firstVisible = view.indexAt(QPoint(10, 10)).data(MessageModel::IdRole).toString();
        QList<craftchat::contract::Message> olderPage;
        for (int i = 0; i < 5; ++i)
            olderPage << message(QStringLiteral("o%1").arg(i), at(0).addDays(-1).addSecs(i), QStringLiteral("c1"),
                                 QStringLiteral("chat1"), QStringLiteral("old %1").arg(i));
        QCOMPARE(model.prependHistory(olderPage), 5);
        QTRY_COMPARE(view.indexAt(QPoint(10, 10)).data(MessageModel::IdRole).toString(), firstVisible);
    }

    void connectionStateTexts()
    {
        using S = ChatSession::ConnectionState;
        QCOMPARE(ConnectionIndicator::describe(S::Connected, -1), QStringLiteral("Connected"));
        QCOMPARE(ConnectionIndicator::describe(S::Connecting, -1), QStringLiteral("Connecting…"));
        QCOMPARE(ConnectionIndicator::describe(S::Reconnecting, 4), QStringLiteral("Reconnecting in 4 s"));
        QCOMPARE(ConnectionIndicator::describe(S::Offline, -1), QStringLiteral("Offline"));
    }

    void serverAddressesAndEmails_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("host only") << "192.168.1.20"
                                   << "http://192.168.1.20:3001";
        QTest::newRow("with port") << "chat.example:8080"
                                   << "http://chat.example:8080";
        QTest::newRow("https") << "https://chat.example/"
                               << "https://chat.example";
        QTest::newRow("garbage") << "ftp://x"
                                 << "";
        QTest::newRow("empty") << "  "
                               << "";
    }
    void serverAddressesAndEmails()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(StartWindow::normalizeServerAddress(input).toString(), expected);
        QVERIFY(craftchat::contract::isValidEmail(QStringLiteral("ada@example.org")));
        QVERIFY(!craftchat::contract::isValidEmail(QStringLiteral("ada@example")));
        QVERIFY(!craftchat::contract::isValidEmail(QStringLiteral("a da@example.org")));
    }

    void avatarColoursAreStable()
    {
        QCOMPARE(avatarColor(QStringLiteral("user-1")), avatarColor(QStringLiteral("user-1")));
        QCOMPARE(initials(QStringLiteral("Ada  King Lovelace")), QStringLiteral("AL"));
        QCOMPARE(initials(QStringLiteral("plato")), QStringLiteral("P"));
        QCOMPARE(initials(QString()), QStringLiteral("?"));
    }
};

QTEST_MAIN(TestUiWidgets)
#include "tst_uiwidgets.moc"
