// Integration tests of messages in SqliteChatStore: insert with chat and unread updates,
// idempotency, paging, read receipts, batch insert and the rate-limit count.
#include "tests/storage/storefixture.h"

#include "common/contract/timestamp.h"

#include <QSet>

using namespace craftchat::storage;
using namespace craftchat::storage::testing;

class TestStoreMessages : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void insertUpdatesChatAndUnread();
    void contentIsStoredVerbatim_data();
    void contentIsStoredVerbatim();
    void idempotentClientMessageId_data();
    void idempotentClientMessageId();
    void refusedInserts_data();
    void refusedInserts();
    void paging_data();
    void paging();
    void pagingWalkHasNoGapsOrDuplicates();
    void pagingErrors_data();
    void pagingErrors();
    void markRead();
    void markReadByOutsider();
    void batchInsert();

private:
    std::unique_ptr<StoreFixture> f;
    QString chat;
};

void TestStoreMessages::init()
{
    f = std::make_unique<StoreFixture>();
    QVERIFY(f->init());
    chat = f->chat(f->ann, f->bob);
    QVERIFY(!chat.isEmpty());
}

void TestStoreMessages::cleanup()
{
    f.reset();
}

void TestStoreMessages::insertUpdatesChatAndUnread()
{
    const QDateTime before = craftchat::contract::nowUtc();
    auto first = f->send(chat, f->ann, QStringLiteral("Hello"));
    STORE_VERIFY(first);
    QVERIFY(!first->duplicate);
    const auto &m = first->message;
    QCOMPARE(m.id.size(), 24);
    QCOMPARE(m.chatId, chat);
    QCOMPARE(m.sender, (craftchat::contract::UserProfile{f->ann, QStringLiteral("Ann Client"), QStringLiteral("client"),
                                                         std::nullopt, std::nullopt}));
    QCOMPARE(m.messageType, QStringLiteral("text"));
    QCOMPARE(m.content, QStringLiteral("Hello"));
    QVERIFY(!m.isRead);
    QVERIFY(!m.clientMessageId.has_value());
    QCOMPARE(m.timestamp.timeSpec(), Qt::UTC);
    QVERIFY(m.timestamp >= before);
    QVERIFY(m.timestamp <= craftchat::contract::nowUtc());

    STORE_VERIFY(f->send(chat, f->ann, QStringLiteral("Are you there?")));
    auto reply = insertOne(*f->store, NewMessage{chat, f->bob, QStringLiteral("image"),
                                                 QStringLiteral("/uploads/photo.png"), std::nullopt, std::nullopt});
    STORE_VERIFY(reply);

    auto details = f->store->chatById(chat);
    STORE_VERIFY(details);
    QCOMPARE(details->unreadCount, (QMap<QString, int>{{f->ann, 1}, {f->bob, 2}}));
    QCOMPARE(details->lastMessage, std::optional<QString>(QStringLiteral("/uploads/photo.png")));
    QCOMPARE(details->lastMessageAt, std::optional<QDateTime>(reply->message.timestamp));
    QCOMPARE(details->lastMessageSenderId, std::optional<QString>(f->bob));

    auto page = f->store->messagesPage(chat, std::nullopt, 50);
    STORE_VERIFY(page);
    QCOMPARE(page->size(), 3);
    QCOMPARE(page->at(0), first->message);
    QCOMPARE(page->at(2), reply->message);
}

void TestStoreMessages::contentIsStoredVerbatim_data()
{
    QTest::addColumn<QString>("content");
    QTest::newRow("padded") << QStringLiteral("  spaced  \n");
    QTest::newRow("quotes and sql") << QStringLiteral("'); DROP TABLE messages; --");
    QTest::newRow("emoji") << QString::fromUtf8("Gr\xC3\xBC\xC3\x9F"
                                                "e \xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD");
    QTest::newRow("4000 units") << QString(4000, QLatin1Char('z'));
    QTest::newRow("percent and underscore") << QStringLiteral("100% _done_");
}

void TestStoreMessages::contentIsStoredVerbatim()
{
    QFETCH(QString, content);
    auto sent = f->send(chat, f->bob, content, QStringLiteral("k"));
    STORE_VERIFY(sent);
    auto page = f->store->messagesPage(chat, std::nullopt, 1);
    STORE_VERIFY(page);
    QCOMPARE(page->size(), 1);
    QCOMPARE(page->at(0).content, content);
    QCOMPARE(f->store->chatById(chat)->lastMessage, std::optional<QString>(content));
}

void TestStoreMessages::idempotentClientMessageId_data()
{
    QTest::addColumn<QString>("secondSender"); // ann or bob
    QTest::addColumn<bool>("otherChat");
    QTest::addColumn<QString>("secondKey"); // "-" = none
    QTest::addColumn<bool>("duplicate");

    QTest::newRow("same sender, chat and key") << "ann" << false << "key-1" << true;
    QTest::newRow("other key") << "ann" << false << "key-2" << false;
    QTest::newRow("no key") << "ann" << false << "-" << false;
    QTest::newRow("other sender, same key") << "bob" << false << "key-1" << false;
    QTest::newRow("other chat, same key") << "ann" << true << "key-1" << false;
}

void TestStoreMessages::idempotentClientMessageId()
{
    QFETCH(QString, secondSender);
    QFETCH(bool, otherChat);
    QFETCH(QString, secondKey);
    QFETCH(bool, duplicate);

    auto first = f->send(chat, f->ann, QStringLiteral("original"), QStringLiteral("key-1"));
    STORE_VERIFY(first);
    QCOMPARE(first->message.clientMessageId, std::optional<QString>(QStringLiteral("key-1")));

    const QString targetChat = otherChat ? f->chat(f->ann, f->cid) : chat;
    const QString sender = secondSender == QLatin1String("bob") ? f->bob : f->ann;
    std::optional<QString> key;
    if (secondKey != QLatin1String("-"))
        key = secondKey;
    auto second = f->send(targetChat, sender, QStringLiteral("retry"), key);
    STORE_VERIFY(second);
    QCOMPARE(second->duplicate, duplicate);
    QCOMPARE(f->store->counts()->messages, duplicate ? 1 : 2);
    if (duplicate) {
        QCOMPARE(second->message, first->message); // the first message, content included
        auto details = f->store->chatById(chat);
        QCOMPARE(details->unreadCount.value(f->bob), 1);
        QCOMPARE(details->lastMessage, std::optional<QString>(QStringLiteral("original")));
    } else {
        QVERIFY(second->message.id != first->message.id);
        QCOMPARE(second->message.content, QStringLiteral("retry"));
    }
}

void TestStoreMessages::refusedInserts_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("target"); // chat, inactive, unknown
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("error");

    QTest::newRow("outsider") << "cid"
                              << "chat"
                              << "text" << int(StoreError::NotParticipant);
    QTest::newRow("unknown sender") << "ghost"
                                    << "chat"
                                    << "text" << int(StoreError::NotParticipant);
    QTest::newRow("unknown chat") << "ann"
                                  << "unknown"
                                  << "text" << int(StoreError::NotParticipant);
    QTest::newRow("inactive chat") << "ann"
                                   << "inactive"
                                   << "text" << int(StoreError::NotParticipant);
    QTest::newRow("bad type") << "ann"
                              << "chat"
                              << "video" << int(StoreError::InvalidArgument);
}

void TestStoreMessages::refusedInserts()
{
    QFETCH(QString, sender);
    QFETCH(QString, target);
    QFETCH(QString, type);
    QFETCH(int, error);
    if (target == QLatin1String("inactive"))
        STORE_VERIFY(f->store->setChatActive(chat, false));
    const QString chatId = target == QLatin1String("unknown") ? QStringLiteral("nochat") : chat;
    const QString senderId = sender == QLatin1String("cid")   ? f->cid
                             : sender == QLatin1String("ann") ? f->ann
                                                              : QStringLiteral("ghost");
    auto result = insertOne(*f->store,
                            NewMessage{chatId, senderId, type, QStringLiteral("x"), QStringLiteral("k"), std::nullopt});
    QVERIFY(!result);
    QCOMPARE(int(result.error()), error);
    QCOMPARE(f->store->counts()->messages, 0);
    auto details = f->store->chatById(chat);
    QCOMPARE(details->unreadCount, (QMap<QString, int>{{f->ann, 0}, {f->bob, 0}}));
    QVERIFY(!details->lastMessage.has_value());
}

void TestStoreMessages::paging_data()
{
    // Ten messages m0..m9, oldest first; m3..m6 share one millisecond.
    QTest::addColumn<int>("before"); // index of the anchor, -1 = none
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("latest page") << -1 << 3 << QList<int>{7, 8, 9};
    QTest::newRow("everything") << -1 << 50 << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("exactly all") << -1 << 10 << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("one") << -1 << 1 << QList<int>{9};
    QTest::newRow("before m9") << 9 << 2 << QList<int>{7, 8};
    QTest::newRow("before m7 across the tie") << 7 << 3 << QList<int>{4, 5, 6};
    QTest::newRow("inside the tie") << 5 << 2 << QList<int>{3, 4};
    QTest::newRow("before m3") << 3 << 10 << QList<int>{0, 1, 2};
    QTest::newRow("before the first") << 0 << 10 << QList<int>{};
}

void TestStoreMessages::paging()
{
    QFETCH(int, before);
    QFETCH(int, limit);
    QFETCH(QList<int>, expected);

    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 100'000;
    const qint64 offsets[] = {0, 10, 20, 30, 30, 30, 30, 40, 50, 60};
    QStringList ids;
    for (int i = 0; i < 10; ++i) {
        auto m = f->send(chat, i % 2 ? f->bob : f->ann, QStringLiteral("m%1").arg(i), std::nullopt,
                         utc(base + offsets[i]));
        STORE_VERIFY(m);
        ids.append(m->message.id);
    }
    // another chat's messages never show up
    const QString other = f->chat(f->ann, f->cid);
    STORE_VERIFY(f->send(other, f->cid, QStringLiteral("elsewhere"), std::nullopt, utc(base + 35)));

    std::optional<QString> anchor;
    if (before >= 0)
        anchor = ids.at(before);
    auto page = f->store->messagesPage(chat, anchor, limit);
    STORE_VERIFY(page);
    QStringList got, want;
    for (const auto &m : *page)
        got.append(m.content);
    for (int i : expected)
        want.append(QStringLiteral("m%1").arg(i));
    QCOMPARE(got, want);
}

void TestStoreMessages::pagingWalkHasNoGapsOrDuplicates()
{
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 100'000;
    QStringList all;
    for (int i = 0; i < 25; ++i) {
        auto m = f->send(chat, f->ann, QStringLiteral("w%1").arg(i), std::nullopt, utc(base + i / 4));
        STORE_VERIFY(m);
        all.append(m->message.id);
    }
    QStringList walked;
    std::optional<QString> before;
    int pages = 0;
    while (true) {
        auto page = f->store->messagesPage(chat, before, 4);
        STORE_VERIFY(page);
        if (page->isEmpty())
            break;
        QVERIFY(page->size() <= 4);
        QStringList ids;
        for (const auto &m : *page)
            ids.append(m.id);
        walked = ids + walked;
        before = page->first().id;
        QVERIFY(++pages <= 10);
    }
    QCOMPARE(pages, 7);
    QCOMPARE(walked, all);
    QCOMPARE(QSet<QString>(walked.begin(), walked.end()).size(), 25);
}

void TestStoreMessages::pagingErrors_data()
{
    QTest::addColumn<QString>("before"); // "", "unknown", "other"
    QTest::addColumn<int>("limit");
    QTest::newRow("limit 0") << "" << 0;
    QTest::newRow("negative limit") << "" << -5;
    QTest::newRow("limit too large") << "" << 1001;
    QTest::newRow("unknown before") << "unknown" << 10;
    QTest::newRow("before of another chat") << "other" << 10;
}

void TestStoreMessages::pagingErrors()
{
    QFETCH(QString, before);
    QFETCH(int, limit);
    const QString other = f->chat(f->ann, f->cid);
    auto foreign = f->send(other, f->cid, QStringLiteral("elsewhere"));
    STORE_VERIFY(foreign);
    std::optional<QString> anchor;
    if (before == QLatin1String("unknown"))
        anchor = QStringLiteral("0123456789abcdef01234567");
    else if (before == QLatin1String("other"))
        anchor = foreign->message.id;
    auto page = f->store->messagesPage(chat, anchor, limit);
    QVERIFY(!page);
    QCOMPARE(page.error(), StoreError::InvalidArgument);
}

void TestStoreMessages::markRead()
{
    QStringList annIds;
    for (int i = 0; i < 3; ++i) {
        auto m = f->send(chat, f->ann, QStringLiteral("a%1").arg(i));
        STORE_VERIFY(m);
        annIds.append(m->message.id);
    }
    auto bobs = f->send(chat, f->bob, QStringLiteral("b0"));
    STORE_VERIFY(bobs);
    QCOMPARE(f->store->chatById(chat)->unreadCount, (QMap<QString, int>{{f->ann, 1}, {f->bob, 3}}));

    const QDateTime before = craftchat::contract::nowUtc();
    auto receipt = f->store->markRead(chat, f->bob);
    STORE_VERIFY(receipt);
    QCOMPARE(receipt->chatId, chat);
    QCOMPARE(receipt->userId, f->bob);
    QCOMPARE(receipt->messageIds, annIds);
    QVERIFY(receipt->readAt >= before);
    QCOMPARE(receipt->readAt.timeSpec(), Qt::UTC);

    QCOMPARE(f->store->chatById(chat)->unreadCount, (QMap<QString, int>{{f->ann, 1}, {f->bob, 0}}));
    auto page = f->store->messagesPage(chat, std::nullopt, 10);
    STORE_VERIFY(page);
    QCOMPARE(page->size(), 4);
    for (int i = 0; i < 3; ++i)
        QVERIFY(page->at(i).isRead);
    QVERIFY(!page->at(3).isRead); // Bob's own message is unread by Ann

    auto again = f->store->markRead(chat, f->bob);
    STORE_VERIFY(again);
    QVERIFY(again->messageIds.isEmpty());

    auto annReads = f->store->markRead(chat, f->ann);
    STORE_VERIFY(annReads);
    QCOMPARE(annReads->messageIds, QStringList{bobs->message.id});
    QCOMPARE(f->store->chatById(chat)->unreadCount, (QMap<QString, int>{{f->ann, 0}, {f->bob, 0}}));

    // Later messages, Bob's own in between: the next receipt names exactly Ann's new ones.
    auto a3 = f->send(chat, f->ann, QStringLiteral("a3"));
    auto b1 = f->send(chat, f->bob, QStringLiteral("b1"));
    auto a4 = f->send(chat, f->ann, QStringLiteral("a4"));
    STORE_VERIFY(a3);
    STORE_VERIFY(b1);
    STORE_VERIFY(a4);
    auto later = f->store->markRead(chat, f->bob);
    STORE_VERIFY(later);
    QCOMPARE(later->messageIds, (QStringList{a3->message.id, a4->message.id}));
    auto latest = f->store->messagesPage(chat, std::nullopt, 10);
    STORE_VERIFY(latest);
    QCOMPARE(latest->size(), 7);
    QVERIFY(latest->at(4).isRead);  // a3
    QVERIFY(!latest->at(5).isRead); // b1: Ann has not read it
    QVERIFY(latest->at(6).isRead);  // a4
    QCOMPARE(f->store->markRead(chat, f->ann)->messageIds, QStringList{b1->message.id});
}

void TestStoreMessages::markReadByOutsider()
{
    STORE_VERIFY(f->send(chat, f->ann, QStringLiteral("secret")));
    QCOMPARE(f->store->markRead(chat, f->cid).error(), StoreError::NotParticipant);
    QCOMPARE(f->store->markRead(QStringLiteral("nochat"), f->ann).error(), StoreError::NotParticipant);
    auto page = f->store->messagesPage(chat, std::nullopt, 10);
    QVERIFY(!page->at(0).isRead);
    QCOMPARE(f->store->chatById(chat)->unreadCount.value(f->bob), 1);
}

void TestStoreMessages::batchInsert()
{
    const QString other = f->chat(f->ann, f->cid);
    STORE_VERIFY(f->send(chat, f->ann, QStringLiteral("before"), QStringLiteral("dup")));

    QList<NewMessage> batch;
    for (int i = 0; i < 40; ++i) {
        const bool first = i % 2 == 0;
        batch.append(NewMessage{first ? chat : other, i % 4 < 2 ? f->ann : (first ? f->bob : f->cid),
                                QStringLiteral("text"), QStringLiteral("batch %1").arg(i), QStringLiteral("b%1").arg(i),
                                std::nullopt});
    }
    batch.insert(10, NewMessage{chat, f->cid, QStringLiteral("text"), QStringLiteral("intruder"), std::nullopt,
                                std::nullopt}); // refused
    batch.insert(20, NewMessage{chat, f->ann, QStringLiteral("text"), QStringLiteral("retry"), QStringLiteral("dup"),
                                std::nullopt}); // duplicate
    batch.insert(30, NewMessage{chat, f->ann, QStringLiteral("text"), QStringLiteral("again"), QStringLiteral("b0"),
                                std::nullopt}); // duplicate within the batch

    const auto results = f->store->insertMessages(batch);
    QCOMPARE(results.size(), batch.size());
    int stored = 0, duplicates = 0, refused = 0;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const auto &r = results.at(i);
        if (!r) {
            ++refused;
            QCOMPARE(i, qsizetype(10));
            QCOMPARE(r.error(), StoreError::NotParticipant);
        } else if (r->duplicate) {
            ++duplicates;
        } else {
            ++stored;
            QCOMPARE(r->message.content, batch.at(i).content);
            QCOMPARE(r->message.chatId, batch.at(i).chatId);
        }
    }
    QCOMPARE(stored, 40);
    QCOMPARE(duplicates, 2);
    QCOMPARE(refused, 1);
    QCOMPARE(results.at(20)->message.content, QStringLiteral("before"));
    QCOMPARE(results.at(30)->message.id, results.at(0)->message.id);
    QCOMPARE(f->store->counts()->messages, 41);

    // unread counts and last messages as if sent one by one
    auto a = f->store->chatById(chat);
    auto b = f->store->chatById(other);
    STORE_VERIFY(a);
    STORE_VERIFY(b);
    // chat: 1 + 10 by Ann (i % 4 == 0) and 10 by Bob (i % 4 == 2)
    QCOMPARE(a->unreadCount, (QMap<QString, int>{{f->ann, 10}, {f->bob, 11}}));
    QCOMPARE(b->unreadCount, (QMap<QString, int>{{f->ann, 10}, {f->cid, 10}}));
    QCOMPARE(a->lastMessage, std::optional<QString>(QStringLiteral("batch 38")));
    QCOMPARE(b->lastMessage, std::optional<QString>(QStringLiteral("batch 39")));

    QVERIFY(f->store->insertMessages({}).isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreMessages)
#include "tst_storemessages.moc"
