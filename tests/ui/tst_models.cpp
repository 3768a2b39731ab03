// Every model of the app under QAbstractItemModelTester (Fatal mode: a broken signal, index or
// row count aborts the test), driven through the operations the app performs on it.
#include "tests/ui/testdata.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/craftsmanlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/searchresultmodel.h"
#include "ui/models/socketdebugmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace craftchat;
using namespace craftchat::ui;
using namespace testdata;

namespace {
constexpr auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
}

class TestModels : public QObject
{
    Q_OBJECT
private slots:
    void chatListModel()
    {
        ChatListModel model;
        QSortFilterProxyModel proxy; // as the chat list shows it
        proxy.setSourceModel(&model);
        proxy.setFilterRole(ChatListModel::SearchTextRole);
        QAbstractItemModelTester tester(&model, Fatal);
        QAbstractItemModelTester proxyTester(&proxy, Fatal);
        model.setCurrentUserId(QStringLiteral("me"));
        model.setChats({testdata::chat(QStringLiteral("a"), at(30)), testdata::chat(QStringLiteral("b"), at(20)),
                        testdata::chat(QStringLiteral("c"), at(10))});
        model.upsertChat(testdata::chat(QStringLiteral("c"), at(40), {{"me", 2}}));
        model.upsertChat(testdata::chat(QStringLiteral("d"), at(5)));
        model.upsertChat(testdata::chat(QStringLiteral("a"), at(1)));
        proxy.setFilterFixedString(QStringLiteral("carl"));
        model.clearUnread(QStringLiteral("c"));
        model.setTyping(QStringLiteral("b"), true);
        proxy.setFilterFixedString(QString());
        model.setChats({testdata::chat(QStringLiteral("b"), at(50))});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(proxy.rowCount(), 0);
    }

    void messageModel()
    {
        MessageModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const contract::UserProfile me = user(QStringLiteral("me"), QStringLiteral("Mia Client"));
        model.setCurrentUserId(me.id);
        model.reset(QStringLiteral("chat1"));
        QList<contract::Message> page;
        for (int i = 10; i < 20; ++i)
            page << message(QStringLiteral("m%1").arg(i), at(i), i % 2 ? QStringLiteral("me") : QStringLiteral("c1"));
        model.setHistory(page);
        QList<contract::Message> older;
        for (int i = 0; i < 10; ++i)
            older << message(QStringLiteral("m%1").arg(i), at(i));
        QCOMPARE(model.prependHistory(older), 10);
        model.addPending(QStringLiteral("cm1"), QStringLiteral("text"), QStringLiteral("pending"), at(30), me);
        model.addPending(QStringLiteral("cm2"), QStringLiteral("text"), QStringLiteral("to fail"), at(31), me);
        model.setFailed(QStringLiteral("cm2"), QStringLiteral("refused"), false);
        model.setPendingAgain(QStringLiteral("cm2"));
        model.confirmSent(QStringLiteral("cm1"), QStringLiteral("s1"), at(32));
        model.addMessage(message(QStringLiteral("n1"), at(33)));
        model.markReadByPeer({});
        model.removeUnsent(QStringLiteral("cm2"));
        QCOMPARE(model.rowCount(), 22);

        // Issue 15: catch-up pages, edits, deletions, quotes, transfers, highlights.
        QList<contract::Message> newer;
        for (int i = 40; i < 45; ++i)
            newer << message(QStringLiteral("n%1").arg(i), at(i));
        newer << message(QStringLiteral("n1"), at(33)); // already shown: no duplicate
        QCOMPARE(model.mergeNewer(newer), 5);
        QCOMPARE(model.rowCount(), 27);
        contract::Message reply = message(QStringLiteral("r1"), at(50), QStringLiteral("me"));
        reply.replyTo = contract::ReplyPreview{QStringLiteral("n40"), QStringLiteral("c1"), QStringLiteral("text"),
                                               QStringLiteral("old text")};
        model.addMessage(reply);
        model.applyEdit({QStringLiteral("chat1"), QStringLiteral("n40"), QStringLiteral("new text"), at(51)});
        const QModelIndex replyRow = model.index(model.rowOfId(QStringLiteral("r1")), 0);
        QCOMPARE(replyRow.data(MessageModel::ReplyToTextRole).toString(), QStringLiteral("new text"));
        QVERIFY(model.index(model.rowOfId(QStringLiteral("n40")), 0).data(MessageModel::EditedRole).toBool());
        model.applyDeletion({QStringLiteral("chat1"), QStringLiteral("n40"), at(52)});
        QVERIFY(model.index(model.rowOfId(QStringLiteral("n40")), 0).data(MessageModel::DeletedRole).toBool());
        QCOMPARE(replyRow.data(MessageModel::ReplyToTextRole).toString(), QString());
        contract::Message file = message(QStringLiteral("f1"), at(53));
        file.messageType = QStringLiteral("file");
        file.content = QStringLiteral("/uploads/abc.pdf");
        file.attachment = contract::Attachment{QStringLiteral("Angebot.pdf"), 12345, QStringLiteral("application/pdf")};
        model.addMessage(file);
        model.setTransfer(QStringLiteral("f1"), 0.5);
        QCOMPARE(model.index(model.rowOfId(QStringLiteral("f1")), 0).data(MessageModel::TransferRole).toDouble(), 0.5);
        model.setTransfer(QStringLiteral("f1"), -1);
        model.setHighlighted(QStringLiteral("m3"));
        QVERIFY(model.index(model.rowOfId(QStringLiteral("m3")), 0).data(MessageModel::HighlightRole).toBool());
        model.clearHighlight();
        QCOMPARE(model.lastOwnTextId(), QStringLiteral("r1"));
        QCOMPARE(model.rowCount(), 29);
        model.reset(QStringLiteral("chat2"));
        QCOMPARE(model.rowCount(), 0);
    }

    void searchResultModel()
    {
        SearchResultModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        contract::SearchHit hit{message(QStringLiteral("m1"), at(1)),
                                QStringLiteral("Die \u0002Fliesen\u0003 kommen &amp; gehen")};
        hit.message.chatId = QStringLiteral("chat1");
        model.setHits(QStringLiteral("fliese"), {hit, hit},
                      [](const QString &id) { return QStringLiteral("Title ") + id; });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(SearchResultModel::SnippetRole).toString(),
                 QStringLiteral("Die Fliesen kommen & gehen"));
        QCOMPARE(model.index(0, 0).data(SearchResultModel::ChatTitleRole).toString(), QStringLiteral("Title chat1"));
        QCOMPARE(model.index(1, 0).data(SearchResultModel::MessageIdRole).toString(), QStringLiteral("m1"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void craftsmanListModel()
    {
        CraftsmanListModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        model.setProfiles({user(QStringLiteral("c2"), QStringLiteral("Zoe Tiler"), QStringLiteral("craftsman")),
                           user(QStringLiteral("c1"), QStringLiteral("Anna Roofer"), QStringLiteral("craftsman")),
                           user(QStringLiteral("c1"), QStringLiteral("Anna Roofer"), QStringLiteral("craftsman"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(CraftsmanListModel::NameRole).toString(), QStringLiteral("Anna Roofer"));
        model.setProfiles({});
        QCOMPARE(model.rowCount(), 0);
    }

    void socketDebugModel()
    {
        SocketDebugModel model;
        QAbstractItemModelTester tester(&model, Fatal);
        const auto room = [](const QString &name, const QStringList &sockets, const QStringList &users) {
            return QJsonObject{{QStringLiteral("roomName"), name},
                               {QStringLiteral("socketCount"), int(sockets.size())},
                               {QStringLiteral("socketIds"), QJsonArray::fromStringList(sockets)},
                               {QStringLiteral("userIds"), QJsonArray::fromStringList(users)}};
        };
        QVERIFY(model.setSnapshot(
            {{QStringLiteral("totalConnections"), 2},
             {QStringLiteral("totalRooms"), 2},
             {QStringLiteral("rooms"),
              QJsonArray{room(QStringLiteral("chat:c1"), {QStringLiteral("s1"), QStringLiteral("s2")},
                              {QStringLiteral("u1"), QStringLiteral("u2")}),
                         room(QStringLiteral("user:u1"), {QStringLiteral("s1")}, {QStringLiteral("u1")})}}}));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.setSnapshot({{QStringLiteral("totalConnections"), 0}, {QStringLiteral("rooms"), QJsonArray{}}}));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.setSnapshot({{QStringLiteral("rooms"), 3}}));
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
