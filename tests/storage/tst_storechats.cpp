// Integration tests of chats in SqliteChatStore: creation, reuse of the active chat,
// participation, listing with newest activity first.
#include "tests/storage/storefixture.h"

using namespace craftchat::storage;
using namespace craftchat::storage::testing;

class TestStoreChats : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createChatWithInitialMessage();
    void createChatWithoutMessage();
    void createChatReusesActiveChat_data();
    void createChatReusesActiveChat();
    void createChatNeedsTwoUsers();
    void findActiveChat();
    void unknownChat();
    void chatsForUserNewestActivityFirst();
    void chatsForUserSameMillisecond();
    void chatsForUserDetails();
    void participation_data();
    void participation();
    void chatIdsForUserOnlyActive();
    void participantIds();
    void setChatActive();

private:
    std::unique_ptr<StoreFixture> f;
};

void TestStoreChats::init()
{
    f = std::make_unique<StoreFixture>();
    QVERIFY(f->init());
}

void TestStoreChats::cleanup()
{
    f.reset();
}

void TestStoreChats::createChatWithInitialMessage()
{
    auto job = f->store->createJob(f->ann, QStringLiteral("New kitchen"));
    STORE_VERIFY(job);
    auto created = f->store->createChat(NewChat{f->ann, f->bob, job->id, QStringLiteral("  Can you help?  ")});
    STORE_VERIFY(created);
    QVERIFY(created->created);
    const auto &chat = created->chat;
    QCOMPARE(chat.id.size(), 24);
    QCOMPARE(chat.participants.size(), 2);
    QCOMPARE(chat.participants.at(0).id, f->ann);
    QCOMPARE(chat.participants.at(0).fullName, QStringLiteral("Ann Client"));
    QCOMPARE(chat.participants.at(0).role, QStringLiteral("client"));
    QVERIFY(!chat.participants.at(0).email.has_value());
    QCOMPARE(chat.participants.at(1).id, f->bob);
    QCOMPARE(chat.job, std::optional<craftchat::contract::JobRef>(job->ref()));
    QCOMPARE(chat.unreadCount, (QMap<QString, int>{{f->ann, 0}, {f->bob, 1}}));
    QVERIFY(chat.isActive);

    QVERIFY(created->initialMessage.has_value());
    const auto &m = *created->initialMessage;
    QCOMPARE(m.content, QStringLiteral("  Can you help?  "));
    QCOMPARE(m.messageType, QStringLiteral("text"));
    QCOMPARE(m.sender.id, f->ann);
    QVERIFY(!m.sender.email.has_value());
    QCOMPARE(m.chatId, chat.id);
    QVERIFY(!m.isRead);
    QCOMPARE(chat.lastMessage, std::optional<QString>(m.content));
    QCOMPARE(chat.lastMessageAt, std::optional<QDateTime>(m.timestamp));
    QCOMPARE(chat.lastMessageSenderId, std::optional<QString>(f->ann));

    auto again = f->store->chatById(chat.id);
    STORE_VERIFY(again);
    QCOMPARE(*again, chat);
}

void TestStoreChats::createChatWithoutMessage()
{
    auto created = f->store->createChat(NewChat{f->ann, f->bob, std::nullopt, std::nullopt});
    STORE_VERIFY(created);
    QVERIFY(!created->initialMessage.has_value());
    QVERIFY(!created->chat.lastMessage.has_value());
    QVERIFY(!created->chat.lastMessageAt.has_value());
    QVERIFY(!created->chat.lastMessageSenderId.has_value());
    QVERIFY(!created->chat.job.has_value());
    QCOMPARE(created->chat.unreadCount, (QMap<QString, int>{{f->ann, 0}, {f->bob, 0}}));
    QCOMPARE(f->store->counts()->messages, 0);
}

void TestStoreChats::createChatReusesActiveChat_data()
{
    QTest::addColumn<QString>("second"); // what the second request differs in
    QTest::addColumn<bool>("sameChat");
    QTest::newRow("identical") << "none" << true;
    QTest::newRow("other job") << "job" << false;
    QTest::newRow("without job") << "nojob" << false;
    QTest::newRow("other craftsman") << "craftsman" << false;
    QTest::newRow("first one inactive") << "inactive" << false;
}

void TestStoreChats::createChatReusesActiveChat()
{
    QFETCH(QString, second);
    QFETCH(bool, sameChat);
    auto job = f->store->createJob(f->ann, QStringLiteral("Roof"));
    auto otherJob = f->store->createJob(f->ann, QStringLiteral("Garden"));
    STORE_VERIFY(job);
    STORE_VERIFY(otherJob);
    auto first = f->store->createChat(NewChat{f->ann, f->bob, job->id, QStringLiteral("first")});
    STORE_VERIFY(first);

    NewChat request{f->ann, f->bob, job->id, QStringLiteral("second")};
    if (second == QLatin1String("job"))
        request.jobId = otherJob->id;
    else if (second == QLatin1String("nojob"))
        request.jobId.reset();
    else if (second == QLatin1String("craftsman"))
        request.craftsmanId = f->cid;
    else if (second == QLatin1String("inactive"))
        STORE_VERIFY(f->store->setChatActive(first->chat.id, false));

    auto result = f->store->createChat(request);
    STORE_VERIFY(result);
    QCOMPARE(result->created, !sameChat);
    QCOMPARE(result->chat.id == first->chat.id, sameChat);
    QCOMPARE(result->initialMessage.has_value(), !sameChat);
    QCOMPARE(f->store->counts()->chats, sameChat ? 1 : 2);
    QCOMPARE(f->store->counts()->messages, sameChat ? 1 : 2);
    if (sameChat) {
        QCOMPARE(result->chat.lastMessage, std::optional<QString>(QStringLiteral("first")));
        QCOMPARE(result->chat.unreadCount.value(f->bob), 1);
    }
}

void TestStoreChats::createChatNeedsTwoUsers()
{
    auto result = f->store->createChat(NewChat{f->ann, f->ann, std::nullopt, std::nullopt});
    QCOMPARE(result.error(), StoreError::InvalidArgument);
    QCOMPARE(f->store->counts()->chats, 0);
}

void TestStoreChats::findActiveChat()
{
    QCOMPARE(f->store->findActiveChat(f->ann, f->bob, std::nullopt).error(), StoreError::NotFound);
    const QString chat = f->chat(f->ann, f->bob);
    auto found = f->store->findActiveChat(f->ann, f->bob, std::nullopt);
    STORE_VERIFY(found);
    QCOMPARE(found->id, chat);
    // the roles are not interchangeable
    QCOMPARE(f->store->findActiveChat(f->bob, f->ann, std::nullopt).error(), StoreError::NotFound);
    QCOMPARE(f->store->findActiveChat(f->ann, f->bob, QStringLiteral("somejob")).error(), StoreError::NotFound);
}

void TestStoreChats::unknownChat()
{
    QCOMPARE(f->store->chatById(QStringLiteral("0123456789abcdef01234567")).error(), StoreError::NotFound);
    QCOMPARE(f->store->participantIds(QStringLiteral("nope")).error(), StoreError::NotFound);
    QCOMPARE(f->store->setChatActive(QStringLiteral("nope"), false).error(), StoreError::NotFound);
}

void TestStoreChats::chatsForUserNewestActivityFirst()
{
    const QString withBob = f->chat(f->ann, f->bob);
    const QString withCid = f->chat(f->ann, f->cid);
    auto dan = f->store->createUser(
        newUser(QStringLiteral("Dan"), QStringLiteral("dan@example.com"), QStringLiteral("craftsman")));
    STORE_VERIFY(dan);
    const QString withDan = f->chat(f->ann, dan->profile.id);

    auto order = [&](const QString &user) {
        QStringList ids;
        const auto chats = f->store->chatsForUser(user);
        for (const auto &c : *chats)
            ids.append(c.id);
        return ids;
    };
    // no messages yet: the newest chat first
    QCOMPARE(order(f->ann), (QStringList{withDan, withCid, withBob}));

    const qint64 base = QDateTime::currentMSecsSinceEpoch() + 60'000;
    STORE_VERIFY(f->send(withBob, f->bob, QStringLiteral("b"), std::nullopt, utc(base)));
    QCOMPARE(order(f->ann), (QStringList{withBob, withDan, withCid}));
    STORE_VERIFY(f->send(withCid, f->ann, QStringLiteral("c"), std::nullopt, utc(base + 10)));
    QCOMPARE(order(f->ann), (QStringList{withCid, withBob, withDan}));
    STORE_VERIFY(f->send(withBob, f->ann, QStringLiteral("b2"), std::nullopt, utc(base + 20)));
    QCOMPARE(order(f->ann), (QStringList{withBob, withCid, withDan}));
    // other users only see their own chats
    QCOMPARE(order(f->bob), (QStringList{withBob}));
    QCOMPARE(order(f->cid), (QStringList{withCid}));
    auto nobody = f->store->chatsForUser(QStringLiteral("unknown"));
    STORE_VERIFY(nobody);
    QVERIFY(nobody->isEmpty());
}

void TestStoreChats::chatsForUserSameMillisecond()
{
    // Many chats and messages within the same milliseconds still order by recency.
    QStringList created;
    for (int i = 0; i < 8; ++i) {
        auto u = f->store->createUser(newUser(QStringLiteral("Crafts %1").arg(i),
                                              QStringLiteral("c%1@example.com").arg(i), QStringLiteral("craftsman")));
        STORE_VERIFY(u);
        const QString chat = f->chat(f->ann, u->profile.id);
        QVERIFY(!chat.isEmpty());
        created.prepend(chat);
    }
    auto chats = f->store->chatsForUser(f->ann);
    STORE_VERIFY(chats);
    QStringList ids;
    for (const auto &c : *chats)
        ids.append(c.id);
    QCOMPARE(ids, created);

    const QDateTime same = utc(QDateTime::currentMSecsSinceEpoch() + 60'000);
    STORE_VERIFY(f->send(created.at(5), f->ann, QStringLiteral("x"), std::nullopt, same));
    STORE_VERIFY(f->send(created.at(2), f->ann, QStringLiteral("y"), std::nullopt, same));
    chats = f->store->chatsForUser(f->ann);
    STORE_VERIFY(chats);
    QCOMPARE(chats->at(0).id, created.at(2));
    QCOMPARE(chats->at(1).id, created.at(5));
}

void TestStoreChats::chatsForUserDetails()
{
    auto job = f->store->createJob(f->ann, QStringLiteral("Bathroom"));
    STORE_VERIFY(job);
    auto first = f->store->createChat(NewChat{f->ann, f->bob, job->id, QStringLiteral("hello")});
    STORE_VERIFY(first);
    const QString second = f->chat(f->ann, f->cid);
    STORE_VERIFY(f->send(second, f->cid, QStringLiteral("one")));
    STORE_VERIFY(f->send(second, f->cid, QStringLiteral("two")));

    auto chats = f->store->chatsForUser(f->ann);
    STORE_VERIFY(chats);
    QCOMPARE(chats->size(), 2);
    const auto &latest = chats->at(0);
    QCOMPARE(latest.id, second);
    QCOMPARE(latest.unreadCount, (QMap<QString, int>{{f->ann, 2}, {f->cid, 0}}));
    QCOMPARE(latest.lastMessage, std::optional<QString>(QStringLiteral("two")));
    QVERIFY(!latest.job.has_value());
    QCOMPARE(latest.participants.at(1).fullName, QStringLiteral("Cid Carpenter"));
    const auto &older = chats->at(1);
    QCOMPARE(older.id, first->chat.id);
    QCOMPARE(older.job->title, QStringLiteral("Bathroom"));
    QCOMPARE(older.unreadCount, (QMap<QString, int>{{f->ann, 0}, {f->bob, 1}}));
    // each chat equals what chatById gives
    QCOMPARE(older, *f->store->chatById(older.id));
    QCOMPARE(latest, *f->store->chatById(latest.id));
}

void TestStoreChats::participation_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<bool>("inactive");
    QTest::addColumn<int>("expected"); // Participation
    QTest::addColumn<bool>("participant");
    QTest::newRow("client") << "ann" << false << int(Participation::Active) << true;
    QTest::newRow("craftsman") << "bob" << false << int(Participation::Active) << true;
    QTest::newRow("outsider") << "cid" << false << int(Participation::None) << false;
    QTest::newRow("unknown user") << "ghost" << false << int(Participation::None) << false;
    QTest::newRow("inactive chat") << "ann" << true << int(Participation::Inactive) << false;
    QTest::newRow("outsider of inactive") << "cid" << true << int(Participation::None) << false;
}

void TestStoreChats::participation()
{
    QFETCH(QString, who);
    QFETCH(bool, inactive);
    QFETCH(int, expected);
    QFETCH(bool, participant);
    const QString chat = f->chat(f->ann, f->bob);
    if (inactive)
        STORE_VERIFY(f->store->setChatActive(chat, false));
    const QString user = who == QLatin1String("ann")   ? f->ann
                         : who == QLatin1String("bob") ? f->bob
                         : who == QLatin1String("cid") ? f->cid
                                                       : QStringLiteral("ghost");
    auto p = f->store->participation(chat, user);
    STORE_VERIFY(p);
    QCOMPARE(int(*p), expected);
    QCOMPARE(*f->store->isParticipant(chat, user), participant);
    QCOMPARE(*f->store->participation(QStringLiteral("nochat"), user), Participation::None);
}

void TestStoreChats::chatIdsForUserOnlyActive()
{
    const QString a = f->chat(f->ann, f->bob);
    const QString b = f->chat(f->ann, f->cid);
    STORE_VERIFY(f->store->setChatActive(a, false));
    auto ids = f->store->chatIdsForUser(f->ann);
    STORE_VERIFY(ids);
    QCOMPARE(*ids, QStringList{b});
    QCOMPARE(*f->store->chatIdsForUser(f->cid), QStringList{b});
    QVERIFY(f->store->chatIdsForUser(f->bob)->isEmpty());
}

void TestStoreChats::participantIds()
{
    const QString chat = f->chat(f->ann, f->bob);
    auto ids = f->store->participantIds(chat);
    STORE_VERIFY(ids);
    QCOMPARE(*ids, (QStringList{f->ann, f->bob}));
}

void TestStoreChats::setChatActive()
{
    const QString first = f->chat(f->ann, f->bob);
    STORE_VERIFY(f->store->setChatActive(first, false));
    QVERIFY(!f->store->chatById(first)->isActive);
    const QString second = f->chat(f->ann, f->bob);
    QVERIFY(second != first);
    // two active chats of the same pair and job cannot exist
    QCOMPARE(f->store->setChatActive(first, true).error(), StoreError::Conflict);
    QVERIFY(!f->store->chatById(first)->isActive);
    STORE_VERIFY(f->store->setChatActive(second, false));
    STORE_VERIFY(f->store->setChatActive(first, true));
    QVERIFY(f->store->chatById(first)->isActive);
}

QTEST_GUILESS_MAIN(TestStoreChats)
#include "tst_storechats.moc"
