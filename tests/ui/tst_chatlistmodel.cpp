#include "tests/ui/testdata.h"
#include "ui/models/chatlistmodel.h"

#include <QSignalSpy>
#include <QTest>

using craftchat::ui::ChatListModel;
using namespace testdata;

class TestChatListModel : public QObject
{
    Q_OBJECT
private:
    static QStringList order(const ChatListModel &m)
    {
        QStringList ids;
        for (int r = 0; r < m.rowCount(); ++r)
            ids << m.index(r).data(ChatListModel::ChatIdRole).toString();
        return ids;
    }

private slots:
    void ordersNewestFirst_data()
    {
        QTest::addColumn<QList<int>>("minutes"); // last activity of a, b, c
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("already sorted") << QList<int>{30, 20, 10} << QStringList{"a", "b", "c"};
        QTest::newRow("reversed") << QList<int>{10, 20, 30} << QStringList{"c", "b", "a"};
        QTest::newRow("mixed") << QList<int>{20, 30, 10} << QStringList{"b", "a", "c"};
        QTest::newRow("ties by id") << QList<int>{10, 10, 10} << QStringList{"a", "b", "c"};
    }
    void ordersNewestFirst()
    {
        QFETCH(QList<int>, minutes);
        QFETCH(QStringList, expected);
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("a", at(minutes[0])), chat("b", at(minutes[1])), chat("c", at(minutes[2]))});
        QCOMPARE(order(m), expected);
    }

    void upsertMovesChatToTop()
    {
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("a", at(30)), chat("b", at(20)), chat("c", at(10))});
        m.upsertChat(chat("c", at(40)));
        QCOMPARE(order(m), (QStringList{"c", "a", "b"}));
        m.upsertChat(chat("d", at(35)));
        QCOMPARE(order(m), (QStringList{"c", "d", "a", "b"}));
        QCOMPARE(m.rowCount(), 4);
    }

    void upsertKeepsPersistentIndexes()
    {
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("a", at(30)), chat("b", at(20)), chat("c", at(10))});
        const QPersistentModelIndex current = m.index(2); // "c", as a view's current item
        QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
        m.upsertChat(chat("c", at(40), {{"me", 1}}));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(current.row(), 0);
        QCOMPARE(current.data(ChatListModel::ChatIdRole).toString(), QStringLiteral("c"));
        QCOMPARE(current.data(ChatListModel::UnreadRole).toInt(), 1);
        m.upsertChat(chat("c", at(41))); // stays first: no move
        QCOMPARE(moved.size(), 1);
        m.upsertChat(chat("a", at(5))); // moves down to the end
        QCOMPARE(order(m), (QStringList{"c", "b", "a"}));
        QCOMPARE(moved.size(), 2);
    }

    void unreadCountsAndTotal_data()
    {
        QTest::addColumn<QList<int>>("unread");
        QTest::addColumn<int>("total");
        QTest::newRow("none") << QList<int>{0, 0} << 0;
        QTest::newRow("one chat") << QList<int>{3, 0} << 3;
        QTest::newRow("both") << QList<int>{2, 5} << 7;
        QTest::newRow("negative ignored") << QList<int>{-4, 1} << 1;
    }
    void unreadCountsAndTotal()
    {
        QFETCH(QList<int>, unread);
        QFETCH(int, total);
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("a", at(2), {{"me", unread[0]}, {"c1", 9}}), chat("b", at(1), {{"me", unread[1]}})});
        QCOMPARE(m.unreadTotal(), total);
        QCOMPARE(m.index(0).data(ChatListModel::UnreadRole).toInt(), qMax(0, unread[0]));
    }

    void totalSignalFollowsUpdatesAndClear()
    {
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        QSignalSpy spy(&m, &ChatListModel::unreadTotalChanged);
        m.setChats({chat("a", at(1), {{"me", 2}})});
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.last().first().toInt(), 2);
        m.upsertChat(chat("a", at(2), {{"me", 3}}));
        QCOMPARE(spy.last().first().toInt(), 3);
        m.clearUnread(QStringLiteral("a"));
        QCOMPARE(spy.last().first().toInt(), 0);
        QCOMPARE(m.unreadTotal(), 0);
        m.clearUnread(QStringLiteral("a"));
        QCOMPARE(spy.size(), 3); // no signal without a change
    }

    void previewShowsOwnPrefixAndPhotos_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sender");
        QTest::addColumn<QString>("expected");
        QTest::newRow("other") << "See you"
                               << "c1"
                               << "See you";
        // Own text in a direction isolate (U+2068 ... U+2069): "You:" keeps its place in Arabic.
        QTest::newRow("own") << "On my way"
                             << "me" << QStringLiteral("You: \u2068On my way\u2069");
        QTest::newRow("own photo") << "/uploads/abc.png"
                                   << "me" << QStringLiteral("You: \u2068Photo\u2069");
        QTest::newRow("multi-line") << "a\nb"
                                    << "c1"
                                    << "a b";
    }
    void previewShowsOwnPrefixAndPhotos()
    {
        QFETCH(QString, text);
        QFETCH(QString, sender);
        QFETCH(QString, expected);
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("a", at(1), {}, text, sender)});
        QCOMPARE(m.index(0).data(ChatListModel::PreviewRole).toString(), expected);
    }

    void peerIsTheOtherParticipant()
    {
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        auto c = chat("a", at(1));
        c.job = craftchat::contract::JobRef{QStringLiteral("j1"), QStringLiteral("Roof repair")};
        m.setChats({c});
        QCOMPARE(m.index(0).data(ChatListModel::PeerNameRole).toString(), QStringLiteral("Carl Craft"));
        QCOMPARE(m.index(0).data(ChatListModel::PeerRoleRole).toString(), QStringLiteral("craftsman"));
        QCOMPARE(m.index(0).data(ChatListModel::JobTitleRole).toString(), QStringLiteral("Roof repair"));
        QCOMPARE(m.index(0).data(ChatListModel::SearchTextRole).toString(), QStringLiteral("Carl Craft Roof repair"));
    }

    void typingFlagIsPerChat()
    {
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("a", at(2)), chat("b", at(1))});
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.setTyping(QStringLiteral("b"), true);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m.index(1).data(ChatListModel::TypingRole).toBool(), true);
        QCOMPARE(m.index(0).data(ChatListModel::TypingRole).toBool(), false);
        m.setTyping(QStringLiteral("b"), true);
        QCOMPARE(changed.size(), 1);
        // A chat-updated keeps the flag (the typing tracker ends it).
        m.upsertChat(chat("b", at(5)));
        QCOMPARE(m.index(0).data(ChatListModel::TypingRole).toBool(), true);
        m.setTyping(QStringLiteral("b"), false);
        QCOMPARE(m.index(0).data(ChatListModel::TypingRole).toBool(), false);
    }

    void chatsWithoutMessagesKeepServerOrder()
    {
        ChatListModel m;
        m.setCurrentUserId(QStringLiteral("me"));
        m.setChats({chat("x", {}), chat("y", {})});
        QCOMPARE(order(m), (QStringList{"x", "y"}));
        QCOMPARE(m.index(0).data(ChatListModel::PreviewRole).toString(), QStringLiteral("No messages yet"));
    }
};

QTEST_GUILESS_MAIN(TestChatListModel)
#include "tst_chatlistmodel.moc"
