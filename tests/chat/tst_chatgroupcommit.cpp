// The group commit of ChatService with a real SQLite store: message-sent only after the
// message's transaction has committed (seen from a second connection), one transaction per
// group, a store that asks deferrable writes to wait (its WAL starting over) holds the group
// back without losing or reordering anything, and the shutdown flush commits even then.
#include "server/chat/chatservice.h"
#include "server/engineio/engineserver.h"
#include "server/socketio/socketioserver.h"
#include "server/storage/sqlitechatstore.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;
using namespace craftchat::storage;

namespace {

// A SqliteChatStore that can be told to hold deferrable writes back, and counts group commits.
class PacedStore final : public ChatStore
{
public:
    explicit PacedStore(std::unique_ptr<SqliteChatStore> inner)
        : m_inner(std::move(inner))
    {}

    bool paused = false;
    int groupCommits = 0;
    QList<int> groupSizes;

    void release()
    {
        paused = false;
        auto resume = std::move(m_resume);
        m_resume = nullptr;
        if (resume)
            resume();
    }
    bool hasWaiter() const { return bool(m_resume); }

    bool readyForDeferrableWrite(std::function<void()> resume) override
    {
        if (!paused)
            return true;
        m_resume = std::move(resume);
        return false;
    }
    QList<StoreResult<InsertedMessage>> insertMessages(const QList<NewMessage> &messages) override
    {
        ++groupCommits;
        groupSizes.append(int(messages.size()));
        return m_inner->insertMessages(messages);
    }

    StoreResult<StoredUser> createUser(const NewUser &u) override { return m_inner->createUser(u); }
    StoreResult<StoredUser> ensureAdmin(const NewUser &u) override { return m_inner->ensureAdmin(u); }
    StoreResult<StoredUser> userByEmail(const QString &e) override { return m_inner->userByEmail(e); }
    StoreResult<StoredUser> userById(const QString &id) override { return m_inner->userById(id); }
    StoreResult<StoredUser> changePassword(const QString &id, const QString &h) override
    {
        return m_inner->changePassword(id, h);
    }
    StoreResult<StoredUser> deleteUser(const QString &id) override { return m_inner->deleteUser(id); }
    StoreResult<void> revokeToken(const QString &id, const QString &k, qint64 e) override
    {
        return m_inner->revokeToken(id, k, e);
    }
    StoreResult<bool> isTokenRevoked(const QString &id, const QString &k) override
    {
        return m_inner->isTokenRevoked(id, k);
    }
    StoreResult<QList<contract::UserProfile>> listUsers(const std::optional<QString> &role, const QString &q,
                                                        int limit) override
    {
        return m_inner->listUsers(role, q, limit);
    }
    StoreResult<Job> createJob(const QString &c, const QString &t) override { return m_inner->createJob(c, t); }
    StoreResult<Job> jobById(const QString &id) override { return m_inner->jobById(id); }
    StoreResult<contract::ChatDetails> findActiveChat(const QString &c, const QString &k,
                                                      const std::optional<QString> &j) override
    {
        return m_inner->findActiveChat(c, k, j);
    }
    StoreResult<CreatedChat> createChat(const NewChat &c) override { return m_inner->createChat(c); }
    StoreResult<contract::ChatDetails> chatById(const QString &id) override { return m_inner->chatById(id); }
    StoreResult<QList<contract::ChatDetails>> chatsForUser(const QString &u) override
    {
        return m_inner->chatsForUser(u);
    }
    StoreResult<Participation> participation(const QString &c, const QString &u) override
    {
        return m_inner->participation(c, u);
    }
    StoreResult<bool> isParticipant(const QString &c, const QString &u) override
    {
        return m_inner->isParticipant(c, u);
    }
    StoreResult<QStringList> chatIdsForUser(const QString &u) override { return m_inner->chatIdsForUser(u); }
    StoreResult<QStringList> participantIds(const QString &c) override { return m_inner->participantIds(c); }
    StoreResult<void> setChatActive(const QString &c, bool a) override { return m_inner->setChatActive(c, a); }
    StoreResult<QList<contract::Message>> messagesPage(const QString &c, const std::optional<QString> &b,
                                                       int limit) override
    {
        return m_inner->messagesPage(c, b, limit);
    }
    StoreResult<QList<contract::Message>> messagesAfter(const QString &c, const QString &a, int l) override
    {
        return m_inner->messagesAfter(c, a, l);
    }
    StoreResult<MessageMeta> messageMeta(const QString &id) override { return m_inner->messageMeta(id); }
    StoreResult<EditedMessage> editMessage(const QString &id, const QString &c, const QDateTime &at) override
    {
        return m_inner->editMessage(id, c, at);
    }
    StoreResult<DeletedMessage> deleteMessage(const QString &id, const QDateTime &at) override
    {
        return m_inner->deleteMessage(id, at);
    }
    StoreResult<QList<StoredSearchHit>> searchMessages(const QString &u, const QStringList &w,
                                                       const std::optional<QString> &c, int l) override
    {
        return m_inner->searchMessages(u, w, c, l);
    }
    StoreResult<contract::MessageRead> markRead(const QString &c, const QString &r) override
    {
        return m_inner->markRead(c, r);
    }
    StoreResult<Upload> recordUpload(const QString &o, const QString &f, const QString &m, qint64 s,
                                     const QString &n) override
    {
        return m_inner->recordUpload(o, f, m, s, n);
    }
    StoreResult<Upload> uploadByFileName(const QString &f) override { return m_inner->uploadByFileName(f); }
    StoreResult<UploadUsage> uploadUsage(const QString &o, const QDateTime &s) override
    {
        return m_inner->uploadUsage(o, s);
    }
    StoreResult<Invitation> createInvitation(const NewInvitation &i) override { return m_inner->createInvitation(i); }
    StoreResult<Invitation> invitationByCode(const QString &code) override { return m_inner->invitationByCode(code); }
    StoreResult<QList<Invitation>> openInvitations(const std::optional<QString> &by, const QDateTime &now) override
    {
        return m_inner->openInvitations(by, now);
    }
    StoreResult<void> revokeInvitation(const QString &code, const QDateTime &at) override
    {
        return m_inner->revokeInvitation(code, at);
    }
    StoreResult<StoredUser> createUserWithInvitation(const NewUser &u, const QString &code,
                                                     const QDateTime &now) override
    {
        return m_inner->createUserWithInvitation(u, code, now);
    }
    StoreResult<StoreCounts> counts() override { return m_inner->counts(); }

private:
    std::unique_ptr<SqliteChatStore> m_inner;
    std::function<void()> m_resume;
};

QJsonObject textMessage(const QString &chatId, const QString &text)
{
    return QJsonObject{{QStringLiteral("chatId"), chatId},
                       {QStringLiteral("messageType"), QStringLiteral("text")},
                       {QStringLiteral("content"), text},
                       {QStringLiteral("clientMessageId"), QStringLiteral("c-") + text}};
}

} // namespace

class TestChatGroupCommit : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void ackOnlyAfterCommit();
    void pausedStoreHoldsTheGroupBack_data();
    void pausedStoreHoldsTheGroupBack();
    void shutdownFlushCommitsWhilePaused();

private:
    // Sends `texts` as Ann in one event-loop turn; acks (message ids, "" on failure) go to `acks`.
    void sendAll(const QStringList &texts, QStringList *acks);
    // Message contents stored in the chat, seen through a second connection (committed only).
    QStringList committedContents();

    std::unique_ptr<QTemporaryDir> m_dir;
    PacedStore *m_store = nullptr;
    std::unique_ptr<PacedStore> m_storeOwner;
    std::unique_ptr<SqliteChatStore> m_observer;
    engineio::EngineServer *m_engine = nullptr;
    socketio::SocketIoServer *m_io = nullptr;
    chat::ChatService *m_chat = nullptr;
    QObject m_parent;
    QString m_ann, m_chatId;
};

void TestChatGroupCommit::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    SqliteOptions options;
    options.dataDirectory = m_dir->path();
    options.backgroundCheckpoints = true;
    auto inner = SqliteChatStore::open(options);
    QVERIFY(inner.ok());
    m_storeOwner = std::make_unique<PacedStore>(std::move(inner).value());
    m_store = m_storeOwner.get();
    auto ann = m_store->createUser(NewUser{QStringLiteral("Ann"), QStringLiteral("ann@example.com"),
                                           QStringLiteral("client"), QStringLiteral("h"), std::nullopt});
    auto bob = m_store->createUser(NewUser{QStringLiteral("Bob"), QStringLiteral("bob@example.com"),
                                           QStringLiteral("craftsman"), QStringLiteral("h"), std::nullopt});
    QVERIFY(ann.ok() && bob.ok());
    m_ann = ann->profile.id;
    auto chat = m_store->createChat(NewChat{m_ann, bob->profile.id, std::nullopt, std::nullopt});
    QVERIFY(chat.ok());
    m_chatId = chat->chat.id;
    auto observer = SqliteChatStore::open(m_dir->path());
    QVERIFY(observer.ok());
    m_observer = std::move(observer).value();

    m_engine = new engineio::EngineServer(engineio::EngineOptions{}, &m_parent);
    m_io = new socketio::SocketIoServer(m_engine, {}, &m_parent);
    chat::ChatLimits limits;
    limits.messagesPerWindow = 1000;
    m_chat = new chat::ChatService(*m_store, m_io->of(QStringLiteral("/")), limits, &m_parent);
}

void TestChatGroupCommit::cleanup()
{
    delete m_chat;
    delete m_io;
    delete m_engine;
    m_chat = nullptr;
    m_observer.reset();
    m_storeOwner.reset();
    m_dir.reset();
}

void TestChatGroupCommit::sendAll(const QStringList &texts, QStringList *acks)
{
    for (const QString &text : texts) {
        m_chat->sendMessage(m_ann, textMessage(m_chatId, text), [this, acks, text](const auto &result) {
            acks->append(result.ok() ? result->messageId : QString());
            // At the moment of the ack the message is committed: another connection sees it.
            QVERIFY2(committedContents().contains(text), qPrintable(text));
        });
    }
}

QStringList TestChatGroupCommit::committedContents()
{
    QStringList contents;
    const auto page = m_observer->messagesPage(m_chatId, std::nullopt, 1000);
    if (page.ok()) {
        for (const auto &m : *page)
            contents.append(m.content);
    }
    return contents;
}

void TestChatGroupCommit::ackOnlyAfterCommit()
{
    QStringList acks;
    sendAll({QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}, &acks);
    QCOMPARE(m_chat->pendingMessageCount(), 3);
    QVERIFY(acks.isEmpty()); // nothing answered before the commit
    QCOMPARE(committedContents(), QStringList());
    QTRY_COMPARE(acks.size(), 3);
    QCOMPARE(m_store->groupCommits, 1); // one transaction for the turn
    QCOMPARE(m_store->groupSizes, QList<int>{3});
    QVERIFY(!acks.contains(QString()));
    QCOMPARE(committedContents(), (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")}));
}

void TestChatGroupCommit::pausedStoreHoldsTheGroupBack_data()
{
    QTest::addColumn<int>("before"); // sent before the pause is noticed
    QTest::addColumn<int>("during"); // sent while the store waits
    QTest::newRow("one, then two") << 1 << 2;
    QTest::newRow("a full batch waits") << chat::ChatService::MaxBatchSize << 5;
}

void TestChatGroupCommit::pausedStoreHoldsTheGroupBack()
{
    QFETCH(int, before);
    QFETCH(int, during);
    m_store->paused = true;
    QStringList texts;
    for (int i = 0; i < before + during; ++i)
        texts.append(QStringLiteral("m%1").arg(i));
    QStringList acks;
    sendAll(texts.mid(0, before), &acks);
    QTRY_VERIFY(m_store->hasWaiter());
    sendAll(texts.mid(before), &acks);
    QTest::qWait(20);
    QVERIFY(acks.isEmpty());
    QCOMPARE(m_store->groupCommits, 0);
    QCOMPARE(m_chat->pendingMessageCount(), before + during);

    m_store->release(); // the WAL started over: write now
    QTRY_COMPARE(acks.size(), before + during);
    QCOMPARE(m_store->groupCommits, 1);   // everything held back goes in one group
    QCOMPARE(committedContents(), texts); // in the order sent
    QVERIFY(!acks.contains(QString()));
    QCOMPARE(m_chat->pendingMessageCount(), 0);
}

void TestChatGroupCommit::shutdownFlushCommitsWhilePaused()
{
    m_store->paused = true;
    QStringList acks;
    sendAll({QStringLiteral("last"), QStringLiteral("words")}, &acks);
    QTRY_VERIFY(m_store->hasWaiter());
    m_chat->flushPendingMessages(); // what ChatServer does before closing
    QCOMPARE(acks.size(), 2);
    QCOMPARE(committedContents(), (QStringList{QStringLiteral("last"), QStringLiteral("words")}));
    m_store->release(); // a late resume commits nothing twice
    QTest::qWait(20);
    QCOMPARE(m_store->groupCommits, 1);
    QCOMPARE(acks.size(), 2);
}

QTEST_GUILESS_MAIN(TestChatGroupCommit)
#include "tst_chatgroupcommit.moc"
