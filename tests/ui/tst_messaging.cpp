// Issue 15 in the app, two sessions against a real server and checked on the screen: a PDF is
// attached, shown as a card with its name, size, type and first page, and opened from the
// cache; a reply quotes its message and a click on the quote jumps back (loading older pages)
// and highlights it; an own text is edited with Up in the empty composer; a message deleted
// for everyone becomes a tombstone on both sides and the chat list follows; search finds
// German and Arabic words from the chat list and the find bar and jumps to them; after an
// outage in which 200 messages arrived, every one is shown once and in order.
#include "common/contract/contract.h"
#include "tests/ui/appsession.h"
#include "ui/delegates/messagedelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/searchresultmodel.h"
#include "ui/net/pdfpreviews.h"
#include "ui/util/resources.h"
#include "ui/widgets/chatlistpanel.h"
#include "ui/widgets/findbar.h"
#include "ui/widgets/noticebar.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QScrollBar>
#include <QTemporaryDir>

using namespace e2e;
using testsupport::TestServer;

namespace {
constexpr int Timeout = 30000;

QUrl urlOf(const TestServer &server)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
}

struct Parties
{
    explicit Parties(TestServer &server)
    {
        mia = server.registerUser(QStringLiteral("client"), QStringLiteral("Mia Client"));
        carl = server.registerUser(QStringLiteral("craftsman"), QStringLiteral("Carl Tiler"));
        chatId = server.createChat(mia, carl, {{QStringLiteral("initialMessage"), QStringLiteral("Hello Carl")}})
                     .value(QStringLiteral("_id"))
                     .toString();
    }
    TestUser mia;
    TestUser carl;
    QString chatId;
};

// A one-page PDF whose top half is a black bar: its rendered first page has dark pixels.
bool writePdf(const QString &path)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    QPainter painter(&writer);
    if (!painter.isActive())
        return false;
    painter.fillRect(QRect(0, 0, writer.width(), writer.height() / 3), Qt::black);
    painter.drawText(QRect(0, writer.height() / 2, writer.width(), 400), QStringLiteral("Angebot"));
    return painter.end();
}

int darkPixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            n += qGray(image.pixel(x, y)) < 60;
    return n;
}

QModelIndex rowOf(AppSession &s, const QString &id)
{
    return s.controller->messages()->index(s.controller->messages()->rowOfId(id), 0);
}

QString idOfText(AppSession &s, const QString &text)
{
    return s.rowWithContent(text).data(MessageModel::IdRole).toString();
}

QStyleOptionViewItem optionFor(ConversationView *view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.rect = view->visualRect(index);
    return option;
}

void openBoth(AppSession &a, AppSession &b, const QString &chatId)
{
    QTRY_COMPARE_WITH_TIMEOUT(a.session->state(), ChatSession::ConnectionState::Connected, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(b.session->state(), ChatSession::ConnectionState::Connected, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(a.controller->chats()->rowCount(), 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(b.controller->chats()->rowCount(), 1, Timeout);
    a.window->openChat(chatId);
    b.window->openChat(chatId);
}
} // namespace

class TestMessaging : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void pdfIsACardWithItsFirstPageAndOpensFromTheCache()
    {
        TestServer server;
        QVERIFY(server.start());
        const Parties p(server);
        QTemporaryDir appData;
        const QString pdf = appData.filePath(QStringLiteral("Angebot Küche.pdf"));
        QVERIFY(writePdf(pdf));
        const qint64 size = QFileInfo(pdf).size();
        AppSession mia(urlOf(server), p.mia, appData.filePath(QStringLiteral("mia.json")));
        AppSession carl(urlOf(server), p.carl, appData.filePath(QStringLiteral("carl.json")));
        openBoth(mia, carl, p.chatId);

        mia.controller->sendFile(pdf);
        QTRY_COMPARE_WITH_TIMEOUT(mia.controller->outbox()->size(), 0, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(carl.countType(QStringLiteral("file")), 1, Timeout);
        const QModelIndex card
            = viewprobe::findRow(carl.controller->messages(), MessageModel::TypeRole, QStringLiteral("file"));
        QCOMPARE(card.data(MessageModel::AttachmentNameRole).toString(), QStringLiteral("Angebot Küche.pdf"));
        QCOMPARE(card.data(MessageModel::AttachmentSizeRole).toLongLong(), size);
        QCOMPARE(card.data(MessageModel::AttachmentTypeRole).toString(), QStringLiteral("application/pdf"));
        QVERIFY(MessageDelegate::fileDetails(card).startsWith(formatFileSize(size)));
        QVERIFY(card.data(MessageModel::ContentRole).toString().startsWith(QLatin1String("/uploads/")));
        QVERIFY(activate(carl.window));
        QTRY_VERIFY_WITH_TIMEOUT(viewprobe::rowShown(carl.view(), card), Timeout);
        // The first page, rendered from the downloaded file, is painted above the card.
        PdfPreviews *previews = carl.window->conversation()->pdfPreviews();
        const QString url = card.data(MessageModel::ContentRole).toString();
        QImage page;
        QTRY_VERIFY_WITH_TIMEOUT(!(page = previews->preview(url, QStringLiteral("Angebot Küche.pdf"), size)).isNull(),
                                 Timeout);
        QCOMPARE(page.width(), PdfPreviews::RenderWidth);
        QVERIFY(darkPixels(page) > 100);
        const QRect area
            = carl.view()->messageDelegate()->partRect(optionFor(carl.view(), card), card, MessageDelegate::Part::File);
        QVERIFY(!area.isEmpty());
        carl.view()->viewport()->repaint();
        const QImage shown = carl.view()->viewport()->grab(area.intersected(carl.view()->viewport()->rect())).toImage();
        QVERIFY2(darkPixels(shown) > 50, "the first page is not on the screen");

        // Clicking the card downloads the file into the cache and hands it to the viewer.
        QUrl opened;
        carl.window->conversation()->setOpener([&opened](const QUrl &u) {
            opened = u;
            return true;
        });
        QTest::mouseClick(carl.view()->viewport(), Qt::LeftButton, {}, area.center());
        QTRY_VERIFY_WITH_TIMEOUT(opened.isLocalFile(), Timeout);
        QCOMPARE(QFileInfo(opened.toLocalFile()).fileName(), QStringLiteral("Angebot Küche.pdf"));
        QFile original(pdf), copy(opened.toLocalFile());
        QVERIFY(original.open(QIODevice::ReadOnly) && copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), original.readAll());
        QFile::remove(opened.toLocalFile());

        // Over the limit: refused at once with the sizes.
        mia.session->setUploadLimit(1000);
        mia.controller->sendFile(pdf);
        QTRY_VERIFY(mia.window->conversation()->noticeBar()->isVisible());
        QCOMPARE(mia.controller->outbox()->size(), 0);
    }

    void replyQuotesAndTheQuoteJumpsBack()
    {
        TestServer server;
        server.config().rateLimitPerMinute = 1000;
        QVERIFY(server.start());
        const Parties p(server);
        QTemporaryDir appData;
        AppSession mia(urlOf(server), p.mia, appData.filePath(QStringLiteral("mia.json")));
        AppSession carl(urlOf(server), p.carl, appData.filePath(QStringLiteral("carl.json")));
        openBoth(mia, carl, p.chatId);
        QTRY_VERIFY_WITH_TIMEOUT(mia.countContent(QStringLiteral("Hello Carl")) == 1, Timeout);
        // Mia answers her first message after 80 more: far beyond the first page.
        const QString first = idOfText(mia, QStringLiteral("Hello Carl"));
        for (int i = 0; i < 80; ++i)
            mia.session->sendMessage(p.chatId, QStringLiteral("text"), QStringLiteral("Line %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(mia.controller->outbox()->size(), 0, 60000);
        // From the message's menu.
        QMenu *menu = mia.window->conversation()->messageMenu(rowOf(mia, first));
        QAction *reply = menu->findChild<QAction *>(QStringLiteral("reply"));
        QVERIFY(reply);
        reply->trigger();
        delete menu;
        QVERIFY(mia.window->conversation()->composer()->isBannerVisible());
        QCOMPARE(mia.window->conversation()->composer()->bannerText()->text(), QStringLiteral("Hello Carl"));
        mia.send(QStringLiteral("Which one?"));
        QVERIFY(!mia.window->conversation()->composer()->isBannerVisible());

        QTRY_VERIFY_WITH_TIMEOUT(carl.shows(QStringLiteral("Which one?")), Timeout);
        const QModelIndex answer = carl.rowWithContent(QStringLiteral("Which one?"));
        QCOMPARE(answer.data(MessageModel::ReplyToIdRole).toString(), first);
        QCOMPARE(answer.data(MessageModel::ReplyToTextRole).toString(), QStringLiteral("Hello Carl"));
        QCOMPARE(answer.data(MessageModel::ReplyToSenderRole).toString(), QStringLiteral("Mia Client"));
        // Carl opens the chat afresh: only the newest page is loaded.
        carl.controller->closeChat();
        carl.window->openChat(p.chatId);
        QTRY_VERIFY_WITH_TIMEOUT(carl.shows(QStringLiteral("Which one?")), Timeout);
        QCOMPARE(carl.controller->messages()->rowOfId(first), -1);
        const QModelIndex fresh = carl.rowWithContent(QStringLiteral("Which one?"));
        const QRect quote = carl.view()->messageDelegate()->partRect(optionFor(carl.view(), fresh), fresh,
                                                                     MessageDelegate::Part::Quote);
        QVERIFY(!quote.isEmpty());
        QTest::mouseClick(carl.view()->viewport(), Qt::LeftButton, {}, quote.center());
        QTRY_VERIFY_WITH_TIMEOUT(carl.controller->messages()->rowOfId(first) >= 0, Timeout);
        QCOMPARE(carl.controller->messages()->highlighted(), first); // set with the page that brought it
        QTRY_VERIFY_WITH_TIMEOUT(viewprobe::rowShown(carl.view(), rowOf(carl, first)), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!rowOf(carl, first).data(MessageModel::HighlightRole).toBool(), Timeout);
    }

    void editWithUpArrowAndDeleteForEveryone()
    {
        TestServer server;
        QVERIFY(server.start());
        const Parties p(server);
        QTemporaryDir appData;
        AppSession mia(urlOf(server), p.mia, appData.filePath(QStringLiteral("mia.json")));
        AppSession carl(urlOf(server), p.carl, appData.filePath(QStringLiteral("carl.json")));
        openBoth(mia, carl, p.chatId);
        mia.send(QStringLiteral("The price is 120 EUR"));
        QTRY_VERIFY_WITH_TIMEOUT(carl.shows(QStringLiteral("The price is 120 EUR")), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!idOfText(mia, QStringLiteral("The price is 120 EUR")).isEmpty(), Timeout);
        const QString id = idOfText(mia, QStringLiteral("The price is 120 EUR"));

        // Up in the empty composer edits the last own text.
        Composer *composer = mia.window->conversation()->composer();
        composer->editor()->setFocus();
        QTest::keyClick(composer->editor(), Qt::Key_Up);
        QCOMPARE(mia.controller->editing(), id);
        QCOMPARE(composer->text(), QStringLiteral("The price is 120 EUR"));
        composer->setText(QString());
        mia.send(QStringLiteral("The price is 210 EUR"));
        for (AppSession *s : {&mia, &carl}) {
            QTRY_COMPARE_WITH_TIMEOUT(rowOf(*s, id).data(MessageModel::ContentRole).toString(),
                                      QStringLiteral("The price is 210 EUR"), Timeout);
            QVERIFY(rowOf(*s, id).data(MessageModel::EditedRole).toBool());
            QTRY_VERIFY_WITH_TIMEOUT(s->shows(QStringLiteral("The price is 210 EUR")), Timeout);
        }
        QCOMPARE(mia.countContent(QStringLiteral("The price is 120 EUR")), 0);
        QVERIFY(!composer->isBannerVisible());

        // Delete for everyone, after a confirmation.
        mia.send(QStringLiteral("Wrong photo, sorry"));
        QTRY_VERIFY_WITH_TIMEOUT(!idOfText(mia, QStringLiteral("Wrong photo, sorry")).isEmpty(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(carl.countContent(QStringLiteral("Wrong photo, sorry")) == 1, Timeout);
        const QString gone = idOfText(mia, QStringLiteral("Wrong photo, sorry"));
        QMenu *menu = mia.window->conversation()->messageMenu(rowOf(mia, gone));
        menu->findChild<QAction *>(QStringLiteral("deleteForEveryone"))->trigger();
        delete menu;
        auto *box = mia.window->conversation()->findChild<QMessageBox *>(QStringLiteral("deleteDialog"));
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmDelete")), Qt::LeftButton);
        for (AppSession *s : {&mia, &carl}) {
            QTRY_VERIFY_WITH_TIMEOUT(rowOf(*s, gone).data(MessageModel::DeletedRole).toBool(), Timeout);
            QCOMPARE(s->countContent(QStringLiteral("Wrong photo, sorry")), 0);
            QTRY_VERIFY_WITH_TIMEOUT(viewprobe::rowShown(s->view(), rowOf(*s, gone)), Timeout);
            // The chat list's preview goes back to the newest message left.
            QTRY_VERIFY_WITH_TIMEOUT(s->controller->chats()
                                         ->index(0)
                                         .data(ChatListModel::PreviewRole)
                                         .toString()
                                         .contains(QStringLiteral("The price is 210 EUR")),
                                     Timeout);
        }
    }

    void searchFindsGermanAndArabicAndJumps()
    {
        TestServer server;
        server.config().rateLimitPerMinute = 1000;
        QVERIFY(server.start());
        const Parties p(server);
        QTemporaryDir appData;
        AppSession mia(urlOf(server), p.mia, appData.filePath(QStringLiteral("mia.json")));
        AppSession carl(urlOf(server), p.carl, appData.filePath(QStringLiteral("carl.json")));
        openBoth(mia, carl, p.chatId);
        carl.send(QStringLiteral("Die Fliesen kommen am Montag"));
        // QTest types ASCII only: the Arabic text goes through the outbox directly.
        carl.session->sendMessage(p.chatId, QStringLiteral("text"), QStringLiteral("الفاتورة جاهزة"));
        for (int i = 0; i < 60; ++i)
            carl.session->sendMessage(p.chatId, QStringLiteral("text"), QStringLiteral("Filler %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(carl.controller->outbox()->size(), 0, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(mia.countContent(QStringLiteral("Filler 59")) == 1, Timeout);
        mia.controller->closeChat();

        // The chat list's search field: a "Messages" section, and a click opens the chat there.
        ChatListPanel *list = mia.window->chatList();
        list->filterEdit()->setFocus();
        QTest::keyClicks(list->filterEdit(), QStringLiteral("fliese"));
        QTRY_COMPARE_WITH_TIMEOUT(list->messageHits()->rowCount(), 1, Timeout);
        QVERIFY(list->messageHitsView()->isVisible());
        QCOMPARE(list->messageHits()->index(0, 0).data(SearchResultModel::SnippetRole).toString(),
                 QStringLiteral("Die Fliesen kommen am Montag"));
        QCOMPARE(list->messageHits()->index(0, 0).data(SearchResultModel::ChatTitleRole).toString(),
                 QStringLiteral("Carl Tiler"));
        const QString target = list->messageHits()->index(0, 0).data(SearchResultModel::MessageIdRole).toString();
        const QRect hit = list->messageHitsView()->visualRect(list->messageHits()->index(0, 0));
        QTest::mouseClick(list->messageHitsView()->viewport(), Qt::LeftButton, {}, hit.center());
        QTRY_COMPARE_WITH_TIMEOUT(mia.controller->openChatId(), p.chatId, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(mia.controller->messages()->rowOfId(target) >= 0, Timeout);
        QCOMPARE(mia.controller->messages()->highlighted(), target);
        QTRY_VERIFY_WITH_TIMEOUT(viewprobe::rowShown(mia.view(), rowOf(mia, target)), Timeout);

        // Ctrl+F in the chat: Arabic, then German through the find bar.
        QVERIFY(activate(mia.window));
        mia.window->conversation()->composer()->editor()->setFocus();
        QTest::keyClick(mia.window->conversation()->composer()->editor(), Qt::Key_F, Qt::ControlModifier);
        FindBar *find = mia.window->conversation()->findBar();
        QTRY_VERIFY(find->isVisible());
        find->field()->setText(QStringLiteral("الفاتورة"));
        QTRY_COMPARE_WITH_TIMEOUT(mia.window->conversation()->findHits().size(), 1, Timeout);
        const QString arabic = mia.window->conversation()->findHits().first();
        QTRY_VERIFY_WITH_TIMEOUT(viewprobe::rowShown(mia.view(), rowOf(mia, arabic)), Timeout);
        QCOMPARE(rowOf(mia, arabic).data(MessageModel::ContentRole).toString(), QStringLiteral("الفاتورة جاهزة"));
        QCOMPARE(find->countLabel()->text(), QStringLiteral("1 of 1"));
        QCOMPARE(mia.view()->messageDelegate()->searchQuery(), QStringLiteral("الفاتورة"));
        find->field()->clear();
        QTest::keyClicks(find->field(), QStringLiteral("montag"));
        QTRY_COMPARE_WITH_TIMEOUT(mia.window->conversation()->findHits(), QStringList{target}, Timeout);
        QTest::keyClick(find->field(), Qt::Key_Escape);
        QTRY_VERIFY(!find->isVisible());
        QCOMPARE(mia.view()->messageDelegate()->searchQuery(), QString());
    }

    void catchUpAfterAnOutageShowsEveryMessageOnceInOrder()
    {
        TestServer server;
        server.config().rateLimitPerMinute = 1000;
        QVERIFY(server.start());
        const quint16 port = server.port();
        const Parties p(server);
        QTemporaryDir appData;
        AppSession mia(urlOf(server), p.mia, appData.filePath(QStringLiteral("mia.json")));
        QTRY_COMPARE_WITH_TIMEOUT(mia.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(mia.controller->chats()->rowCount(), 1, Timeout);
        mia.window->openChat(p.chatId);
        QVERIFY(activate(mia.window));
        QTRY_VERIFY_WITH_TIMEOUT(mia.shows(QStringLiteral("Hello Carl")), Timeout);

        // Mia's server "is down": it runs on another port while Carl writes 200 messages.
        server.stop();
        QTRY_COMPARE_WITH_TIMEOUT(mia.session->state(), ChatSession::ConnectionState::Reconnecting, Timeout);
        mia.send(QStringLiteral("Written during the outage"));
        server.config().port = 0;
        QVERIFY(server.start());
        QVERIFY(server.port() != port);
        {
            AppSession carl(urlOf(server), p.carl, appData.filePath(QStringLiteral("carl.json")));
            QTRY_COMPARE_WITH_TIMEOUT(carl.session->state(), ChatSession::ConnectionState::Connected, Timeout);
            for (int i = 0; i < 200; ++i)
                carl.session->sendMessage(p.chatId, QStringLiteral("text"),
                                          QStringLiteral("Outage %1").arg(i, 3, 10, QLatin1Char('0')));
            QTRY_COMPARE_WITH_TIMEOUT(carl.controller->outbox()->size(), 0, 120000);
        }
        server.stop();
        server.config().port = port;
        QVERIFY(server.start());
        mia.session->reconnectNow();
        QTRY_COMPARE_WITH_TIMEOUT(mia.session->state(), ChatSession::ConnectionState::Connected, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(mia.countContent(QStringLiteral("Outage 199")), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(mia.stateOf(QStringLiteral("Written during the outage")), MessageModel::State::Sent,
                                  Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(mia.countContent(QStringLiteral("Written during the outage")), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(mia.controller->outbox()->size(), 0, Timeout);
        // Every one once, in order, with nothing missing between them.
        MessageModel *model = mia.controller->messages();
        QStringList outage;
        QSet<QString> ids;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex i = model->index(r, 0);
            const QString id = i.data(MessageModel::IdRole).toString();
            QVERIFY2(!id.isEmpty(), "an unsent row is left");
            QVERIFY2(!ids.contains(id), "a message is shown twice");
            ids.insert(id);
            if (i.data(MessageModel::ContentRole).toString().startsWith(QLatin1String("Outage ")))
                outage << i.data(MessageModel::ContentRole).toString();
        }
        QCOMPARE(outage.size(), 200);
        for (int i = 0; i < 200; ++i)
            QCOMPARE(outage.at(i), QStringLiteral("Outage %1").arg(i, 3, 10, QLatin1Char('0')));
        QCOMPARE(mia.countContent(QStringLiteral("Written during the outage")), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            mia.shows(QStringLiteral("Written during the outage")) || mia.shows(QStringLiteral("Outage 199")), Timeout);
        // Stored exactly once on the server too.
        const auto history
            = server.http().get(QStringLiteral("/api/messages/chats/%1/messages?limit=100").arg(p.chatId), p.mia.token);
        QCOMPARE(history.status, 200);
        QCOMPARE(QString::fromUtf8(history.body).count(QStringLiteral("Written during the outage")), 1);
    }
};

QTEST_MAIN(TestMessaging)
#include "tst_messaging.moc"
