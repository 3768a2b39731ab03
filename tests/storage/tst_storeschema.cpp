// Integration tests of the SQLite schema: migrations, reopening, refusing newer databases.
#include "tests/storage/storefixture.h"

#include "server/storage/migrations.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>

using namespace craftchat::storage;
using namespace craftchat::storage::testing;

namespace {

// Users u1 (Ann, client), u2 (Bob) and u3 (Cid, craftsmen), written straight into a database
// of an older schema version (the users table has not changed since version 1).
bool insertAnnBobAndCid(RawDatabase &raw)
{
    return raw.exec(
        QStringLiteral("INSERT INTO users (id, email, full_name, name_key, role, password_hash, created_at) "
                       "VALUES ('u1', 'a@example.com', 'Ann', 'ann', 'client', 'x', 1), "
                       "('u2', 'b@example.com', 'Bob', 'bob', 'craftsman', 'x', 1), "
                       "('u3', 'c@example.com', 'Cid', 'cid', 'craftsman', 'x', 1)"));
}

} // namespace

class TestStoreSchema : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsMigrated();
    void tablesAndIndexesExist_data();
    void tablesAndIndexesExist();
    void startReadsTheActivityCounterFromAnIndex();
    void reopenKeepsData();
    void newerSchemaIsRefused();
    void migrationsRunInOrderFromCurrentVersion();
    void version1DatabaseIsBroughtToTheLatestIndexes();
    void version3ReadStateBecomesReadMarks();
    void version4UploadsKeepTheirRows();
    void version4UsersGetTokenVersions();
    void version6MessagesSurviveVersion7();
    void failingMigrationIsRolledBack();
    void notADatabaseIsAnError();
    void missingDataDirectoryIsCreated();
    void independentStores();
};

// Version 7 rebuilds the messages table (new types, upload, reply, edit and deletion columns)
// and indexes texts for search. A version 6 database with data keeps every row and value:
// ids, order, contents, read state, client ids, times; an image of this server is linked to
// its upload (and carries its attachment); old texts are found by search; new messages go
// after the old ones.
void TestStoreSchema::version6MessagesSurviveVersion7()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("craftchat.sqlite3"));
    {
        RawDatabase raw(path);
        const std::vector<Migration> upTo6(sqliteMigrations().begin(), sqliteMigrations().begin() + 6);
        auto v6 = migrate(raw.db(), upTo6);
        QVERIFY2(v6, qPrintable(v6.errorMessage()));
        QCOMPARE(*v6, 6);
        QVERIFY(insertAnnBobAndCid(raw));
        QVERIFY(
            raw.exec(QStringLiteral("INSERT INTO chats (id, client_id, craftsman_id, last_message, last_message_at, "
                                    "last_message_sender_id, created_at, updated_at) "
                                    "VALUES ('c1', 'u1', 'u2', 'Die Fliesen kommen', 40, 'u2', 1, 40), "
                                    "('c2', 'u1', 'u3', NULL, NULL, NULL, 1, 1)")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO chat_participants (chat_id, user_id, position, unread_count, "
                                        "activity_at, activity_seq, read_seq) VALUES "
                                        "('c1', 'u1', 0, 1, 40, 4, 3), ('c1', 'u2', 1, 0, 40, 4, 4), "
                                        "('c2', 'u1', 0, 0, 1, 1, 0), ('c2', 'u3', 1, 0, 1, 1, 0)")));
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO uploads (id, owner_id, file_name, mime, size, created_at, original_name) "
            "VALUES ('up1', 'u1', '0123456789abcdef0123456789abcdef.png', 'image/png', 321, 5, 'bad.png')")));
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO messages (seq, id, chat_id, sender_id, message_type, content, client_message_id, is_read, "
            "read_at, created_at) VALUES "
            "(1, 'm1', 'c1', 'u1', 'text', 'Guten Tag, Café um 10?', 'k1', 1, 15, 10), "
            "(2, 'm2', 'c1', 'u1', 'image', '/uploads/0123456789abcdef0123456789abcdef.png', NULL, 1, 25, 20), "
            "(3, 'm3', 'c1', 'u1', 'image', 'https://example.com/a.jpg', 'k3', 1, 35, 30), "
            "(4, 'm4', 'c1', 'u2', 'text', 'Die Fliesen kommen', NULL, 0, NULL, 40)")));
    }
    auto store = openStore(dir.path());
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestSchemaVersion());
    const auto page = store->messagesPage(QStringLiteral("c1"), std::nullopt, 10);
    STORE_VERIFY(page);
    QCOMPARE(page->size(), 4);
    const QStringList ids{QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3"), QStringLiteral("m4")};
    const QList<qint64> times{10, 20, 30, 40};
    const QList<bool> read{true, true, true, false};
    for (int i = 0; i < 4; ++i) {
        const craftchat::contract::Message &m = page->at(i);
        QCOMPARE(m.id, ids.at(i));
        QCOMPARE(m.timestamp.toMSecsSinceEpoch(), times.at(i));
        QCOMPARE(m.isRead, read.at(i));
        QVERIFY(!m.editedAt && !m.deletedAt && !m.replyTo);
    }
    QCOMPARE(page->at(0).content, QStringLiteral("Guten Tag, Café um 10?"));
    QCOMPARE(page->at(0).clientMessageId, std::optional<QString>(QStringLiteral("k1")));
    QCOMPARE(page->at(0).messageType, QStringLiteral("text"));
    QCOMPARE(page->at(1).messageType, QStringLiteral("image"));
    QCOMPARE(page->at(1).attachment, std::optional(craftchat::contract::Attachment{QStringLiteral("bad.png"), 321,
                                                                                   QStringLiteral("image/png")}));
    QCOMPARE(page->at(2).content, QStringLiteral("https://example.com/a.jpg"));
    QVERIFY(!page->at(2).attachment);
    QCOMPARE(page->at(3).sender.fullName, QStringLiteral("Bob"));
    QCOMPARE(store->messagesPage(QStringLiteral("c2"), std::nullopt, 10)->size(), 0);
    const auto chat = store->chatById(QStringLiteral("c1"));
    STORE_VERIFY(chat);
    QCOMPARE(chat->lastMessage, std::optional<QString>(QStringLiteral("Die Fliesen kommen")));
    QCOMPARE(chat->unreadCount.value(QStringLiteral("u1")), 1);

    // Old texts are in the search index.
    const auto cafe = store->searchMessages(QStringLiteral("u1"), {QStringLiteral("cafe")}, std::nullopt, 10);
    STORE_VERIFY(cafe);
    QCOMPARE(cafe->size(), 1);
    QCOMPARE(cafe->first().message.id, QStringLiteral("m1"));
    QCOMPARE(cafe->first().marked, QStringLiteral("Guten Tag, \u0002Café\u0003 um 10?"));
    const auto fliese = store->searchMessages(QStringLiteral("u2"), {QStringLiteral("fliese")}, std::nullopt, 10);
    STORE_VERIFY(fliese);
    QCOMPARE(fliese->size(), 1);
    QCOMPARE(fliese->first().message.id, QStringLiteral("m4"));
    QCOMPARE(store->searchMessages(QStringLiteral("u3"), {QStringLiteral("fliese")}, std::nullopt, 10)->size(), 0);

    // The read state carries on, and new messages come after the old ones.
    const auto receipt = store->markRead(QStringLiteral("c1"), QStringLiteral("u1"));
    STORE_VERIFY(receipt);
    QCOMPARE(receipt->messageIds, QStringList{QStringLiteral("m4")});
    NewMessage reply{QStringLiteral("c1"),    QStringLiteral("u1"), QStringLiteral("text"),
                     QStringLiteral("Danke"), std::nullopt,         std::nullopt};
    reply.replyToId = QStringLiteral("m4");
    const auto inserted = insertOne(*store, reply);
    STORE_VERIFY(inserted);
    QCOMPARE(inserted->message.replyTo, std::optional(craftchat::contract::ReplyPreview{
                                            QStringLiteral("m4"), QStringLiteral("u2"), QStringLiteral("text"),
                                            QStringLiteral("Die Fliesen kommen")}));
    const auto after = store->messagesAfter(QStringLiteral("c1"), QStringLiteral("m4"), 10);
    STORE_VERIFY(after);
    QCOMPARE(after->size(), 1);
    QCOMPARE(after->first().id, inserted->message.id);
    QCOMPARE(after->first().replyTo, inserted->message.replyTo);
}

void TestStoreSchema::freshDatabaseIsMigrated()
{
    QTemporaryDir dir;
    auto store = openStore(dir.path());
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestSchemaVersion());
    QVERIFY(latestSchemaVersion() >= 1);
    QVERIFY(QFile::exists(store->databasePath()));
    QCOMPARE(store->databasePath(), dir.filePath(QStringLiteral("craftchat.sqlite3")));

    RawDatabase raw(store->databasePath());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), latestSchemaVersion());
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
}

void TestStoreSchema::tablesAndIndexesExist_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("name");
    for (const char *table : {"users", "jobs", "chats", "chat_participants", "messages", "uploads", "messages_fts"})
        QTest::newRow(table) << QStringLiteral("table") << QString::fromLatin1(table);
    for (const char *index :
         {"users_email", "chats_one_active", "chat_participants_by_user", "chat_participants_by_seq",
          "messages_by_chat", "messages_by_upload", "invitations_by_creator"})
        QTest::newRow(index) << QStringLiteral("index") << QString::fromLatin1(index);
}

void TestStoreSchema::tablesAndIndexesExist()
{
    QFETCH(QString, type);
    QFETCH(QString, name);
    QTemporaryDir dir;
    QString path;
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        path = store->databasePath();
    }
    RawDatabase raw(path);
    QCOMPARE(
        raw.scalar(
               QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = '%1' AND name = '%2'").arg(type, name))
            .toInt(),
        1);
}

// Opening the store continues the activity counter from its largest value: one index
// entry, not a scan of every participant row (start-up time on a large store, issue 15).
void TestStoreSchema::startReadsTheActivityCounterFromAnIndex()
{
    QTemporaryDir dir;
    QString path;
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        path = store->databasePath();
    }
    RawDatabase raw(path);
    QSqlQuery plan(raw.db());
    QVERIFY(
        plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT COALESCE(MAX(activity_seq), 0) FROM chat_participants")));
    QStringList steps;
    while (plan.next())
        steps += plan.value(3).toString();
    QCOMPARE(steps,
             QStringList{QStringLiteral("SEARCH chat_participants USING COVERING INDEX chat_participants_by_seq")});
}

void TestStoreSchema::reopenKeepsData()
{
    QTemporaryDir dir;
    QString ann, bob, chatId, firstMessage;
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        auto a = store->createUser(
            newUser(QStringLiteral("Ann"), QStringLiteral("Ann@Example.com"), QStringLiteral("client")));
        auto b = store->createUser(
            newUser(QStringLiteral("Bob"), QStringLiteral("bob@example.com"), QStringLiteral("craftsman")));
        STORE_VERIFY(a);
        STORE_VERIFY(b);
        ann = a->profile.id;
        bob = b->profile.id;
        auto job = store->createJob(ann, QStringLiteral("Fix the roof"));
        STORE_VERIFY(job);
        auto chat = store->createChat(NewChat{ann, bob, job->id, QStringLiteral("Hello Bob")});
        STORE_VERIFY(chat);
        chatId = chat->chat.id;
        firstMessage = chat->initialMessage->id;
        auto reply = insertOne(*store, NewMessage{chatId, bob, QStringLiteral("text"), QStringLiteral("Hi Ann"),
                                                  QStringLiteral("r1"), std::nullopt});
        STORE_VERIFY(reply);
        auto third = insertOne(*store, NewMessage{chatId, bob, QStringLiteral("text"), QStringLiteral("When?"),
                                                  std::nullopt, std::nullopt});
        STORE_VERIFY(third);
    }
    auto store = openStore(dir.path());
    QVERIFY(store);
    auto user = store->userByEmail(QStringLiteral("ann@example.com"));
    STORE_VERIFY(user);
    QCOMPARE(user->profile.id, ann);
    QCOMPARE(user->passwordHash, QStringLiteral("hash-of-Ann"));

    auto chat = store->chatById(chatId);
    STORE_VERIFY(chat);
    QCOMPARE(chat->unreadCount.value(ann), 2);
    QCOMPARE(chat->unreadCount.value(bob), 1);
    QCOMPARE(chat->lastMessage, std::optional<QString>(QStringLiteral("When?")));
    QCOMPARE(chat->lastMessageSenderId, std::optional<QString>(bob));
    QVERIFY(chat->job.has_value());
    QCOMPARE(chat->job->title, QStringLiteral("Fix the roof"));

    auto page = store->messagesPage(chatId, std::nullopt, 50);
    STORE_VERIFY(page);
    QCOMPARE(page->size(), 3);
    QCOMPARE(page->at(0).id, firstMessage);
    QCOMPARE(page->at(1).clientMessageId, std::optional<QString>(QStringLiteral("r1")));

    // the idempotency key survives too
    auto again = insertOne(*store, NewMessage{chatId, bob, QStringLiteral("text"), QStringLiteral("Hi Ann"),
                                              QStringLiteral("r1"), std::nullopt});
    STORE_VERIFY(again);
    QVERIFY(again->duplicate);
    QCOMPARE(again->message.id, page->at(1).id);

    // new activity after reopening still sorts first
    auto other = store->createUser(
        newUser(QStringLiteral("Cid"), QStringLiteral("cid@example.com"), QStringLiteral("craftsman")));
    STORE_VERIFY(other);
    auto second = store->createChat(NewChat{ann, other->profile.id, std::nullopt, std::nullopt});
    STORE_VERIFY(second);
    auto chats = store->chatsForUser(ann);
    STORE_VERIFY(chats);
    QCOMPARE(chats->size(), 2);
    QCOMPARE(chats->at(0).id, second->chat.id);
}

void TestStoreSchema::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    QString path;
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        path = store->databasePath();
    }
    const int future = latestSchemaVersion() + 1;
    {
        RawDatabase raw(path);
        QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(future)));
    }
    auto refused = SqliteChatStore::open(dir.path());
    QVERIFY(!refused);
    QCOMPARE(refused.error(), StoreError::SchemaTooNew);
    QVERIFY2(refused.errorMessage().contains(QStringLiteral("newer")), qPrintable(refused.errorMessage()));
    QVERIFY(refused.errorMessage().contains(QString::number(future)));

    RawDatabase raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), future);
}

void TestStoreSchema::migrationsRunInOrderFromCurrentVersion()
{
    QTemporaryDir dir;
    RawDatabase raw(dir.filePath(QStringLiteral("m.sqlite3")));
    const std::vector<Migration> migrations{
        {1,
         QStringLiteral("log"),
         {QStringLiteral("CREATE TABLE log (v INTEGER)"), QStringLiteral("INSERT INTO log VALUES (1)")}},
        {2, QStringLiteral("two"), {QStringLiteral("INSERT INTO log VALUES (2)")}},
        {3, QStringLiteral("three"), {QStringLiteral("INSERT INTO log VALUES (3)")}},
    };
    const std::vector<Migration> firstOnly{migrations.front()};
    auto v1 = migrate(raw.db(), firstOnly);
    STORE_VERIFY(v1);
    QCOMPARE(*v1, 1);
    auto v3 = migrate(raw.db(), migrations);
    STORE_VERIFY(v3);
    QCOMPARE(*v3, 3);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT group_concat(v, ',') FROM log")).toString(), QStringLiteral("1,2,3"));
    // running again changes nothing
    auto again = migrate(raw.db(), migrations);
    STORE_VERIFY(again);
    QCOMPARE(*again, 3);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM log")).toInt(), 3);
}

// A database of version 1 (with messages) is brought to the latest version: the unused sender
// index goes, the participants' activity index is replaced by one on the user, and the
// messages and the chat list (in order of activity) stay.
void TestStoreSchema::version1DatabaseIsBroughtToTheLatestIndexes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("craftchat.sqlite3"));
    const QString indexCount
        = QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'messages_by_sender'");
    const QString indexNamed
        = QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '%1'");
    {
        RawDatabase raw(path);
        const std::vector<Migration> firstOnly{sqliteMigrations().front()};
        auto v1 = migrate(raw.db(), firstOnly);
        QVERIFY2(v1, qPrintable(v1.errorMessage()));
        QCOMPARE(*v1, 1);
        QCOMPARE(raw.scalar(indexCount).toInt(), 1);
        QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("chat_participants_by_activity"))).toInt(), 1);
        QVERIFY(insertAnnBobAndCid(raw));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO chats (id, client_id, craftsman_id, created_at, updated_at) "
                                        "VALUES ('c1', 'u1', 'u2', 1, 1), ('c2', 'u1', 'u3', 1, 1)")));
        // c1 is Ann's most recent activity, c2 the older one.
        QVERIFY(raw.exec(
            QStringLiteral("INSERT INTO chat_participants (chat_id, user_id, position, activity_at, activity_seq) "
                           "VALUES ('c1', 'u1', 0, 5, 3), ('c1', 'u2', 1, 5, 3), "
                           "('c2', 'u1', 0, 4, 2), ('c2', 'u3', 1, 4, 2)")));
        QVERIFY(
            raw.exec(QStringLiteral("INSERT INTO messages (id, chat_id, sender_id, message_type, content, created_at) "
                                    "VALUES ('m1', 'c1', 'u1', 'text', 'hello', 2)")));
    }
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), latestSchemaVersion());
        QCOMPARE(store->counts()->messages, 1);
        const auto chats = store->chatsForUser(QStringLiteral("u1"));
        QVERIFY(chats);
        QCOMPARE(chats->size(), 2);
        QCOMPARE(chats->at(0).id, QStringLiteral("c1"));
        QCOMPARE(chats->at(1).id, QStringLiteral("c2"));
    }
    RawDatabase raw(path);
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), latestSchemaVersion());
    QCOMPARE(raw.scalar(indexCount).toInt(), 0);
    QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("chat_participants_by_activity"))).toInt(), 0);
    QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("chat_participants_by_user"))).toInt(), 1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT content FROM messages WHERE id = 'm1'")).toString(),
             QStringLiteral("hello"));
}

// Version 4 replaces the index of unread messages by a read mark per participant. A version 3
// database with read and unread messages in both directions keeps its read state: each mark
// lands just below the participant's oldest unread message, and receipts afterwards name
// exactly the messages that were unread.
void TestStoreSchema::version3ReadStateBecomesReadMarks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("craftchat.sqlite3"));
    {
        RawDatabase raw(path);
        const std::vector<Migration> upTo3(sqliteMigrations().begin(), sqliteMigrations().begin() + 3);
        auto v3 = migrate(raw.db(), upTo3);
        QVERIFY2(v3, qPrintable(v3.errorMessage()));
        QCOMPARE(*v3, 3);
        QVERIFY(insertAnnBobAndCid(raw));
        QVERIFY(raw.exec(
            QStringLiteral("INSERT INTO chats (id, client_id, craftsman_id, created_at, updated_at) "
                           "VALUES ('c1', 'u1', 'u2', 1, 1), ('c2', 'u1', 'u3', 1, 1), ('c3', 'u2', 'u3', 1, 1)")));
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO chat_participants (chat_id, user_id, position, unread_count, activity_at, activity_seq) "
            "VALUES ('c1', 'u1', 0, 1, 5, 5), ('c1', 'u2', 1, 2, 5, 5), "
            "('c2', 'u1', 0, 0, 7, 7), ('c2', 'u3', 1, 0, 7, 7), "
            "('c3', 'u2', 0, 0, 1, 1), ('c3', 'u3', 1, 0, 1, 1)")));
        // c1: m1 (Ann) and m2 (Bob) read; m3 (Ann), m4 (Bob), m5 (Ann) unread.
        // c2: m6 (Ann) and m7 (Cid), both read. c3: no messages.
        QVERIFY(raw.exec(QStringLiteral(
            "INSERT INTO messages (seq, id, chat_id, sender_id, message_type, content, is_read, created_at) "
            "VALUES (1, 'm1', 'c1', 'u1', 'text', 'one', 1, 1), (2, 'm2', 'c1', 'u2', 'text', 'two', 1, 2), "
            "(3, 'm3', 'c1', 'u1', 'text', 'three', 0, 3), (4, 'm4', 'c1', 'u2', 'text', 'four', 0, 4), "
            "(5, 'm5', 'c1', 'u1', 'text', 'five', 0, 5), (6, 'm6', 'c2', 'u1', 'text', 'six', 1, 6), "
            "(7, 'm7', 'c2', 'u3', 'text', 'seven', 1, 7)")));
    }
    const QString markOf
        = QStringLiteral("SELECT read_seq FROM chat_participants WHERE chat_id = '%1' AND user_id = '%2'");
    const QString indexNamed
        = QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '%1'");
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), latestSchemaVersion());
        {
            RawDatabase raw(path);
            QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c1"), QStringLiteral("u1"))).toInt(), 3); // below m4
            QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c1"), QStringLiteral("u2"))).toInt(), 2); // below m3
            QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c2"), QStringLiteral("u1"))).toInt(), 7); // all read
            QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c2"), QStringLiteral("u3"))).toInt(), 7);
            QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c3"), QStringLiteral("u2"))).toInt(), 0); // empty chat
            QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("messages_page"))).toInt(), 0);
            QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("messages_unread"))).toInt(), 0);
            QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("messages_by_chat"))).toInt(), 1);
        }
        const auto bobReads = store->markRead(QStringLiteral("c1"), QStringLiteral("u2"));
        STORE_VERIFY(bobReads);
        QCOMPARE(bobReads->messageIds, (QStringList{QStringLiteral("m3"), QStringLiteral("m5")}));
        const auto annReads = store->markRead(QStringLiteral("c1"), QStringLiteral("u1"));
        STORE_VERIFY(annReads);
        QCOMPARE(annReads->messageIds, QStringList{QStringLiteral("m4")});
        QVERIFY(store->markRead(QStringLiteral("c2"), QStringLiteral("u1"))->messageIds.isEmpty());
        const auto page = store->messagesPage(QStringLiteral("c1"), std::nullopt, 10);
        STORE_VERIFY(page);
        QCOMPARE(page->size(), 5);
        for (const auto &m : *page)
            QVERIFY2(m.isRead, qPrintable(m.id));
        QCOMPARE(store->chatById(QStringLiteral("c1"))->unreadCount,
                 (QMap<QString, int>{{QStringLiteral("u1"), 0}, {QStringLiteral("u2"), 0}}));
    }
    RawDatabase raw(path);
    QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c1"), QStringLiteral("u1"))).toInt(), 5);
    QCOMPARE(raw.scalar(markOf.arg(QStringLiteral("c1"), QStringLiteral("u2"))).toInt(), 5);
}

// Version 5 gives uploads their original name (existing rows: "file") and an index by owner
// and time for the upload limits.
void TestStoreSchema::version4UploadsKeepTheirRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("craftchat.sqlite3"));
    {
        RawDatabase raw(path);
        const std::vector<Migration> upTo4(sqliteMigrations().begin(), sqliteMigrations().begin() + 4);
        auto v4 = migrate(raw.db(), upTo4);
        QVERIFY2(v4, qPrintable(v4.errorMessage()));
        QCOMPARE(*v4, 4);
        QVERIFY(insertAnnBobAndCid(raw));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO uploads (id, owner_id, file_name, mime, size, created_at) "
                                        "VALUES ('x1', 'u1', 'aa.png', 'image/png', 100, 1000)")));
    }
    auto store = openStore(dir.path());
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestSchemaVersion());
    const auto upload = store->uploadByFileName(QStringLiteral("aa.png"));
    STORE_VERIFY(upload);
    QCOMPARE(upload->originalName, QStringLiteral("file"));
    QCOMPARE(upload->size, 100);
    const auto usage = store->uploadUsage(QStringLiteral("u1"), QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    STORE_VERIFY(usage);
    QCOMPARE(usage->countSince, 1);
    QCOMPARE(usage->totalBytes, 100);
    RawDatabase raw(path);
    const QString indexNamed
        = QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '%1'");
    QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("uploads_by_owner_time"))).toInt(), 1);
    QCOMPARE(raw.scalar(indexNamed.arg(QStringLiteral("uploads_by_owner"))).toInt(), 0);
}

// Version 6 adds token versions, deleted accounts and revoked tokens. Users of a version 4
// database keep everything and start at token version 0 (their existing tokens, which carry
// no version, keep working); passwords change, accounts are deleted and tokens revoked.
void TestStoreSchema::version4UsersGetTokenVersions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("craftchat.sqlite3"));
    {
        RawDatabase raw(path);
        const std::vector<Migration> upTo4(sqliteMigrations().begin(), sqliteMigrations().begin() + 4);
        auto v4 = migrate(raw.db(), upTo4);
        QVERIFY2(v4, qPrintable(v4.errorMessage()));
        QCOMPARE(*v4, 4);
        QVERIFY(insertAnnBobAndCid(raw));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO chats (id, client_id, craftsman_id, created_at, updated_at) "
                                        "VALUES ('c1', 'u1', 'u2', 1, 1)")));
        QVERIFY(raw.exec(
            QStringLiteral("INSERT INTO messages (seq, id, chat_id, sender_id, message_type, content, created_at) "
                           "VALUES (1, 'm1', 'c1', 'u1', 'text', 'hello', 1)")));
    }
    auto store = openStore(dir.path());
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), latestSchemaVersion());
    auto ann = store->userById(QStringLiteral("u1"));
    QVERIFY(ann);
    QCOMPARE(ann->tokenVersion, 0);
    QVERIFY(!ann->isDeleted());
    QCOMPARE(ann->profile.email, std::optional<QString>(QStringLiteral("a@example.com")));

    auto changed = store->changePassword(QStringLiteral("u2"), QStringLiteral("new-hash"));
    QVERIFY(changed);
    QCOMPARE(changed->tokenVersion, 1);
    QCOMPARE(changed->passwordHash, QStringLiteral("new-hash"));

    auto deleted = store->deleteUser(QStringLiteral("u1"));
    QVERIFY2(deleted, qPrintable(deleted.errorMessage()));
    QVERIFY(deleted->isDeleted());
    QCOMPARE(deleted->tokenVersion, 1);
    QCOMPARE(deleted->profile.fullName, DeletedUserName);
    QVERIFY(!deleted->profile.email);
    QVERIFY(deleted->passwordHash.isEmpty());
    QCOMPARE(store->deleteUser(QStringLiteral("u1")).error(), StoreError::NotFound);
    QCOMPARE(store->changePassword(QStringLiteral("u1"), QStringLiteral("h")).error(), StoreError::NotFound);
    QCOMPARE(store->userByEmail(QStringLiteral("a@example.com")).error(), StoreError::NotFound);
    // Her message stays, under the deleted account's name.
    auto page = store->messagesPage(QStringLiteral("c1"), std::nullopt, 10);
    QVERIFY(page);
    QCOMPARE(page->size(), 1);
    QCOMPARE(page->first().sender.fullName, DeletedUserName);
    auto listed = store->listUsers(std::nullopt, QString(), 100);
    QVERIFY(listed);
    QCOMPARE(listed->size(), 2);

    QCOMPARE(*store->isTokenRevoked(QStringLiteral("u2"), QStringLiteral("jti:abc")), false);
    QVERIFY(
        store->revokeToken(QStringLiteral("u2"), QStringLiteral("jti:abc"), QDateTime::currentSecsSinceEpoch() + 60));
    QCOMPARE(*store->isTokenRevoked(QStringLiteral("u2"), QStringLiteral("jti:abc")), true);
    QCOMPARE(*store->isTokenRevoked(QStringLiteral("u3"), QStringLiteral("jti:abc")), false);
    // Expired revocations are forgotten by the next revocation.
    QVERIFY(store->revokeToken(QStringLiteral("u3"), QStringLiteral("iat:5"), 10));
    QVERIFY(store->revokeToken(QStringLiteral("u3"), QStringLiteral("iat:6"), QDateTime::currentSecsSinceEpoch() + 60));
    QCOMPARE(*store->isTokenRevoked(QStringLiteral("u3"), QStringLiteral("iat:5")), false);
}

void TestStoreSchema::failingMigrationIsRolledBack()
{
    QTemporaryDir dir;
    RawDatabase raw(dir.filePath(QStringLiteral("m.sqlite3")));
    const std::vector<Migration> migrations{
        {1, QStringLiteral("one"), {QStringLiteral("CREATE TABLE a (x INTEGER)")}},
        {2,
         QStringLiteral("broken"),
         {QStringLiteral("CREATE TABLE b (x INTEGER)"), QStringLiteral("THIS IS NOT SQL")}},
    };
    auto result = migrate(raw.db(), migrations);
    QVERIFY(!result);
    QCOMPARE(result.error(), StoreError::Database);
    QVERIFY2(result.errorMessage().contains(QStringLiteral("migration 2")), qPrintable(result.errorMessage()));
    QCOMPARE(raw.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'")).toInt(), 1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'")).toInt(), 0);
}

void TestStoreSchema::notADatabaseIsAnError()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("craftchat.sqlite3")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    auto store = SqliteChatStore::open(dir.path());
    QVERIFY(!store);
    // Corrupt, not Database: the server then refuses to start and names the restore command.
    QCOMPARE(store.error(), StoreError::Corrupt);
    QVERIFY2(store.errorMessage().contains(QLatin1String("not a database")), qPrintable(store.errorMessage()));
}

void TestStoreSchema::missingDataDirectoryIsCreated()
{
    QTemporaryDir dir;
    const QString nested = dir.filePath(QStringLiteral("a/b/c"));
    auto store = openStore(nested);
    QVERIFY(store);
    QVERIFY(QFile::exists(nested + QStringLiteral("/craftchat.sqlite3")));

    auto none = SqliteChatStore::open(QString());
    QVERIFY(!none);
    QCOMPARE(none.error(), StoreError::InvalidArgument);
}

void TestStoreSchema::independentStores()
{
    QTemporaryDir one, two;
    auto a = openStore(one.path());
    auto b = openStore(two.path());
    QVERIFY(a);
    QVERIFY(b);
    STORE_VERIFY(
        a->createUser(newUser(QStringLiteral("Ann"), QStringLiteral("ann@example.com"), QStringLiteral("client"))));
    QCOMPARE(a->counts()->users, 1);
    QCOMPARE(b->counts()->users, 0);
    // the same email is free in the other store
    STORE_VERIFY(
        b->createUser(newUser(QStringLiteral("Ann"), QStringLiteral("ann@example.com"), QStringLiteral("client"))));
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
