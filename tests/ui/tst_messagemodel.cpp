#include "tests/ui/testdata.h"
#include "ui/models/messagemodel.h"

#include <QSignalSpy>
#include <QTest>

using craftchat::ui::MessageModel;
using State = MessageModel::State;
using namespace testdata;

class TestMessageModel : public QObject
{
    Q_OBJECT
private:
    static QStringList ids(const MessageModel &m)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r) {
            const QString id = m.index(r).data(MessageModel::IdRole).toString();
            out << (id.isEmpty() ? QStringLiteral("~") + m.index(r).data(MessageModel::ClientIdRole).toString() : id);
        }
        return out;
    }
    static State stateAt(const MessageModel &m, int row)
    {
        return State(m.index(row).data(MessageModel::StateRole).toInt());
    }
    static QList<craftchat::contract::Message> page(const QStringList &idsAndMinutes)
    {
        QList<craftchat::contract::Message> out;
        for (const QString &item : idsAndMinutes) {
            const QStringList parts = item.split(QLatin1Char('@'));
            out << message(parts[0], at(parts[1].toInt()));
        }
        return out;
    }
    static void fresh(MessageModel &m)
    {
        m.setCurrentUserId(QStringLiteral("me"));
        m.reset(QStringLiteral("chat1"));
    }

private slots:
    void pagingMerges_data()
    {
        QTest::addColumn<QStringList>("newest");
        QTest::addColumn<QStringList>("older");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("added");
        QTest::newRow("disjoint") << QStringList{"m3@3", "m4@4"} << QStringList{"m1@1", "m2@2"}
                                  << QStringList{"m1", "m2", "m3", "m4"} << 2;
        QTest::newRow("overlap") << QStringList{"m3@3", "m4@4"} << QStringList{"m2@2", "m3@3"}
                                 << QStringList{"m2", "m3", "m4"} << 1;
        QTest::newRow("all known") << QStringList{"m3@3", "m4@4"} << QStringList{"m3@3", "m4@4"}
                                   << QStringList{"m3", "m4"} << 0;
        QTest::newRow("unsorted page") << QStringList{"m5@5"} << QStringList{"m2@2", "m1@1", "m3@3"}
                                       << QStringList{"m1", "m2", "m3", "m5"} << 3;
        QTest::newRow("duplicates in page")
            << QStringList{"m5@5"} << QStringList{"m1@1", "m1@1"} << QStringList{"m1", "m5"} << 1;
        QTest::newRow("empty page") << QStringList{"m5@5"} << QStringList{} << QStringList{"m5"} << 0;
    }
    void pagingMerges()
    {
        QFETCH(QStringList, newest);
        QFETCH(QStringList, older);
        QFETCH(QStringList, expected);
        QFETCH(int, added);
        MessageModel m;
        fresh(m);
        m.setHistory(page(newest));
        QCOMPARE(m.prependHistory(page(older)), added);
        QCOMPARE(ids(m), expected);
        QCOMPARE(m.oldestStoredId(), expected.first());
    }

    void otherChatsAreIgnored()
    {
        MessageModel m;
        fresh(m);
        m.addMessage(message("x", at(1), "c1", "chat2"));
        QCOMPARE(m.rowCount(), 0);
    }

    void newMessageIsNotDuplicated()
    {
        MessageModel m;
        fresh(m);
        m.setHistory(page({"m1@1"}));
        m.addMessage(message("m2", at(2)));
        m.addMessage(message("m2", at(2)));
        QCOMPARE(ids(m), (QStringList{"m1", "m2"}));
    }

    void outboxStates()
    {
        MessageModel m;
        fresh(m);
        m.setHistory(page({"m1@1"}));
        const auto me = user(QStringLiteral("me"), QStringLiteral("Mia Client"));
        m.addPending(QStringLiteral("c-1"), QStringLiteral("text"), QStringLiteral("one"), at(5), me);
        m.addPending(QStringLiteral("c-2"), QStringLiteral("text"), QStringLiteral("two"), at(6), me);
        QCOMPARE(ids(m), (QStringList{"m1", "~c-1", "~c-2"}));
        QCOMPARE(stateAt(m, 1), State::Pending);

        m.setFailed(QStringLiteral("c-2"), QStringLiteral("Too fast"));
        QCOMPARE(stateAt(m, 2), State::Failed);
        QCOMPARE(m.index(2).data(MessageModel::ErrorRole).toString(), QStringLiteral("Too fast"));
        m.setPendingAgain(QStringLiteral("c-2"));
        QCOMPARE(stateAt(m, 2), State::Pending);

        // The server's echo replaces the pending one (same clientMessageId): no duplicate.
        auto echo = message("m9", at(5), "me");
        echo.clientMessageId = QStringLiteral("c-1");
        m.addMessage(echo);
        QCOMPARE(ids(m), (QStringList{"m1", "m9", "~c-2"}));
        QCOMPARE(stateAt(m, 1), State::Sent);

        // An ack without an echo confirms in place; a late echo is then ignored.
        m.confirmSent(QStringLiteral("c-2"), QStringLiteral("m10"), at(6));
        QCOMPARE(ids(m), (QStringList{"m1", "m9", "m10"}));
        auto late = message("m10", at(6), "me");
        late.clientMessageId = QStringLiteral("c-2");
        m.addMessage(late);
        QCOMPARE(m.rowCount(), 3);
    }

    void queuedPhotoShowsItsUploadedUrl()
    {
        MessageModel m;
        fresh(m);
        const auto me = user(QStringLiteral("me"), QStringLiteral("Mia Client"));
        m.addPending(QStringLiteral("c-1"), QStringLiteral("image"), QStringLiteral("file:///data/c-1.png"), at(5), me);
        QSignalSpy changed(&m, &MessageModel::dataChanged);
        m.setPendingContent(QStringLiteral("c-1"), QStringLiteral("/uploads/a.png"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m.index(0).data(MessageModel::ContentRole).toString(), QStringLiteral("/uploads/a.png"));
        QCOMPARE(stateAt(m, 0), State::Pending);
        m.setPendingContent(QStringLiteral("c-1"), QStringLiteral("/uploads/a.png")); // unchanged: no signal
        m.setPendingContent(QStringLiteral("c-x"), QStringLiteral("/uploads/b.png")); // unknown: ignored
        QCOMPARE(changed.size(), 1);
        m.confirmSent(QStringLiteral("c-1"), QStringLiteral("m7"), at(5));
        m.setPendingContent(QStringLiteral("c-1"), QStringLiteral("/uploads/c.png")); // stored: ignored
        QCOMPARE(m.index(0).data(MessageModel::ContentRole).toString(), QStringLiteral("/uploads/a.png"));
    }

    void newMessagesGoBeforePendingOnes()
    {
        MessageModel m;
        fresh(m);
        m.setHistory(page({"m1@1"}));
        m.addPending(QStringLiteral("c-1"), QStringLiteral("text"), QStringLiteral("x"), at(2),
                     user(QStringLiteral("me"), QStringLiteral("Mia")));
        m.addMessage(message("m2", at(3)));
        QCOMPARE(ids(m), (QStringList{"m1", "m2", "~c-1"}));
    }

    void historyKeepsPendingAndDropsStoredOnes()
    {
        MessageModel m;
        fresh(m);
        const auto me = user(QStringLiteral("me"), QStringLiteral("Mia"));
        m.addPending(QStringLiteral("c-1"), QStringLiteral("text"), QStringLiteral("x"), at(2), me);
        m.addPending(QStringLiteral("c-2"), QStringLiteral("text"), QStringLiteral("y"), at(3), me);
        auto stored = message("m7", at(2), "me");
        stored.clientMessageId = QStringLiteral("c-1");
        m.setHistory({message("m1", at(1)), stored});
        QCOMPARE(ids(m), (QStringList{"m1", "m7", "~c-2"}));
    }

    void readTicks()
    {
        MessageModel m;
        fresh(m);
        m.setHistory({message("a", at(1), "me"), message("b", at(2), "c1"), message("c", at(3), "me")});
        QCOMPARE(stateAt(m, 0), State::Sent);
        m.markReadByPeer({QStringLiteral("a")});
        QCOMPARE(stateAt(m, 0), State::Read);
        QCOMPARE(stateAt(m, 2), State::Sent);
        m.markReadByPeer({});
        QCOMPARE(stateAt(m, 2), State::Read);
        QCOMPARE(stateAt(m, 1), State::Sent); // the peer's own message has no ticks
    }

    void separatorsAndGroups()
    {
        MessageModel m;
        fresh(m);
        auto nextDay = message("d", at(1).addDays(1));
        m.setHistory({message("a", at(1)), message("b", at(2)), message("c", at(3), "me"), nextDay});
        QCOMPARE(m.index(0).data(MessageModel::DaySeparatorRole).toBool(), true);
        QCOMPARE(m.index(1).data(MessageModel::DaySeparatorRole).toBool(), false);
        QCOMPARE(m.index(3).data(MessageModel::DaySeparatorRole).toBool(), true);
        QCOMPARE(m.index(1).data(MessageModel::FirstInGroupRole).toBool(), false);
        QCOMPARE(m.index(2).data(MessageModel::FirstInGroupRole).toBool(), true);
        QCOMPARE(m.index(2).data(MessageModel::IsOwnRole).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestMessageModel)
#include "tst_messagemodel.moc"
