// Integration tests of users, jobs, uploads, foreign keys and counts in SqliteChatStore.
#include "tests/storage/storefixture.h"

using namespace craftchat::storage;
using namespace craftchat::storage::testing;

class TestStoreUsers : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createdUserIsFound();
    void emailLookupIgnoresCase_data();
    void emailLookupIgnoresCase();
    void emailUniqueIgnoringCase_data();
    void emailUniqueIgnoringCase();
    void unknownUserIsNotFound();
    void invalidRoleIsRefused();
    void listUsers_data();
    void listUsers();
    void listUsersHasNoEmails();
    void ensureAdmin();
    void jobs();
    void foreignKeysAreEnforced_data();
    void foreignKeysAreEnforced();
    void uploads();
    void counts();

private:
    std::unique_ptr<StoreFixture> f;
};

void TestStoreUsers::init()
{
    f = std::make_unique<StoreFixture>();
    QVERIFY(f->init());
}

void TestStoreUsers::cleanup()
{
    f.reset();
}

void TestStoreUsers::createdUserIsFound()
{
    NewUser u = newUser(QStringLiteral("Dora Explorer"), QStringLiteral("Dora@Example.COM"), QStringLiteral("client"));
    u.profilePicture = QStringLiteral("/uploads/dora.png");
    auto created = f->store->createUser(u);
    STORE_VERIFY(created);
    QCOMPARE(created->profile.id.size(), 24);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{24}$")).match(created->profile.id).hasMatch());
    QCOMPARE(created->profile.email, std::optional<QString>(QStringLiteral("dora@example.com")));

    auto byId = f->store->userById(created->profile.id);
    STORE_VERIFY(byId);
    QCOMPARE(byId->profile, created->profile);
    QCOMPARE(byId->passwordHash, QStringLiteral("hash-of-Dora Explorer"));
    QCOMPARE(byId->profile.profilePicture, std::optional<QString>(QStringLiteral("/uploads/dora.png")));
    QCOMPARE(byId->profile.role, QStringLiteral("client"));
    QCOMPARE(byId->createdAt, created->createdAt);
    QCOMPARE(byId->createdAt.timeSpec(), Qt::UTC);
}

void TestStoreUsers::emailLookupIgnoresCase_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("found");
    QTest::newRow("as stored") << "ann@example.com" << true;
    QTest::newRow("upper") << "ANN@EXAMPLE.COM" << true;
    QTest::newRow("mixed") << "Ann@Example.Com" << true;
    QTest::newRow("other") << "anne@example.com" << false;
    QTest::newRow("leading space") << " ann@example.com" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("like pattern") << "%@example.com" << false;
}

void TestStoreUsers::emailLookupIgnoresCase()
{
    QFETCH(QString, email);
    QFETCH(bool, found);
    auto user = f->store->userByEmail(email);
    QCOMPARE(user.ok(), found);
    if (found)
        QCOMPARE(user->profile.id, f->ann);
    else
        QCOMPARE(user.error(), StoreError::NotFound);
}

void TestStoreUsers::emailUniqueIgnoringCase_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("same") << "ann@example.com" << false;
    QTest::newRow("upper") << "ANN@EXAMPLE.COM" << false;
    QTest::newRow("mixed") << "aNn@eXample.com" << false;
    QTest::newRow("different") << "ann2@example.com" << true;
    QTest::newRow("non-ascii distinct") << QString::fromUtf8("änn@example.com") << true;
}

void TestStoreUsers::emailUniqueIgnoringCase()
{
    QFETCH(QString, email);
    QFETCH(bool, accepted);
    auto user = f->store->createUser(newUser(QStringLiteral("Another"), email, QStringLiteral("client")));
    QCOMPARE(user.ok(), accepted);
    if (!accepted) {
        QCOMPARE(user.error(), StoreError::Conflict);
        QCOMPARE(user.errorMessage(), QStringLiteral("the email is already registered"));
    }
    QCOMPARE(f->store->counts()->users, accepted ? 4 : 3);
}

void TestStoreUsers::unknownUserIsNotFound()
{
    QCOMPARE(f->store->userById(QStringLiteral("0123456789abcdef01234567")).error(), StoreError::NotFound);
    QCOMPARE(f->store->userById(QString()).error(), StoreError::NotFound);
}

void TestStoreUsers::invalidRoleIsRefused()
{
    auto user = f->store->createUser(
        newUser(QStringLiteral("Eve"), QStringLiteral("eve@example.com"), QStringLiteral("superuser")));
    QVERIFY(!user);
    QCOMPARE(user.error(), StoreError::InvalidArgument);
    QCOMPARE(f->store->userByEmail(QStringLiteral("eve@example.com")).error(), StoreError::NotFound);
}

void TestStoreUsers::listUsers_data()
{
    QTest::addColumn<QString>("role"); // "" = any
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("all") << ""
                         << "" << 100
                         << QStringList{"Ann Client", "Bob Builder", "Cid Carpenter",
                                        QString::fromUtf8("Jürgen Maler")};
    QTest::newRow("craftsmen") << "craftsman"
                               << "" << 100
                               << QStringList{"Bob Builder", "Cid Carpenter", QString::fromUtf8("Jürgen Maler")};
    QTest::newRow("clients") << "client"
                             << "" << 100 << QStringList{"Ann Client"};
    QTest::newRow("name part") << "craftsman"
                               << "carp" << 100 << QStringList{"Cid Carpenter"};
    QTest::newRow("name upper") << ""
                                << "BUILD" << 100 << QStringList{"Bob Builder"};
    QTest::newRow("non-ascii case") << "" << QString::fromUtf8("JÜR") << 100
                                    << QStringList{QString::fromUtf8("Jürgen Maler")};
    QTest::newRow("wildcards are literal") << ""
                                           << "%" << 100 << QStringList{};
    QTest::newRow("underscore literal") << ""
                                        << "_" << 100 << QStringList{};
    QTest::newRow("no match") << ""
                              << "zzz" << 100 << QStringList{};
    QTest::newRow("limit") << ""
                           << "" << 2 << QStringList{"Ann Client", "Bob Builder"};
    QTest::newRow("admins") << "admin"
                            << "" << 100 << QStringList{};
}

void TestStoreUsers::listUsers()
{
    QFETCH(QString, role);
    QFETCH(QString, query);
    QFETCH(int, limit);
    QFETCH(QStringList, names);
    STORE_VERIFY(f->store->createUser(
        newUser(QString::fromUtf8("Jürgen Maler"), QStringLiteral("j@example.com"), QStringLiteral("craftsman"))));
    auto users = f->store->listUsers(role.isEmpty() ? std::nullopt : std::optional<QString>(role), query, limit);
    STORE_VERIFY(users);
    QStringList got;
    for (const auto &u : *users)
        got.append(u.fullName);
    QCOMPARE(got, names);
}

void TestStoreUsers::listUsersHasNoEmails()
{
    auto users = f->store->listUsers(std::nullopt, QString(), 10);
    STORE_VERIFY(users);
    QCOMPARE(users->size(), 3);
    for (const auto &u : *users)
        QVERIFY(!u.email.has_value());
    QCOMPARE(f->store->listUsers(std::nullopt, QString(), 0).error(), StoreError::InvalidArgument);
}

void TestStoreUsers::ensureAdmin()
{
    auto admin = f->store->ensureAdmin(
        newUser(QStringLiteral("Root"), QStringLiteral("Root@Example.com"), QStringLiteral("client")));
    STORE_VERIFY(admin);
    QCOMPARE(admin->profile.role, QStringLiteral("admin"));
    QCOMPARE(admin->profile.email, std::optional<QString>(QStringLiteral("root@example.com")));

    NewUser promote = newUser(QStringLiteral("whatever"), QStringLiteral("ANN@example.com"), QStringLiteral("client"));
    promote.passwordHash = QStringLiteral("new-hash");
    auto ann = f->store->ensureAdmin(promote);
    STORE_VERIFY(ann);
    QCOMPARE(ann->profile.id, f->ann);
    QCOMPARE(ann->profile.role, QStringLiteral("admin"));
    QCOMPARE(ann->profile.fullName, QStringLiteral("Ann Client"));
    QCOMPARE(ann->passwordHash, QStringLiteral("new-hash"));
    QCOMPARE(f->store->counts()->users, 4);
}

void TestStoreUsers::jobs()
{
    auto job = f->store->createJob(f->ann, QStringLiteral("Paint the fence"));
    STORE_VERIFY(job);
    QCOMPARE(job->id.size(), 24);
    auto found = f->store->jobById(job->id);
    STORE_VERIFY(found);
    QCOMPARE(found->clientId, f->ann);
    QCOMPARE(found->title, QStringLiteral("Paint the fence"));
    QCOMPARE(found->ref(), (craftchat::contract::JobRef{job->id, QStringLiteral("Paint the fence")}));
    QCOMPARE(f->store->jobById(QStringLiteral("nope")).error(), StoreError::NotFound);
}

void TestStoreUsers::foreignKeysAreEnforced_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("job of unknown client") << "job";
    QTest::newRow("chat with unknown craftsman") << "chat-craftsman";
    QTest::newRow("chat with unknown client") << "chat-client";
    QTest::newRow("chat with unknown job") << "chat-job";
    QTest::newRow("upload of unknown owner") << "upload";
}

void TestStoreUsers::foreignKeysAreEnforced()
{
    QFETCH(QString, operation);
    const QString ghost = QStringLiteral("ffffffffffffffffffffffff");
    StoreError error = StoreError::None;
    if (operation == QLatin1String("job"))
        error = f->store->createJob(ghost, QStringLiteral("x")).error();
    else if (operation == QLatin1String("chat-craftsman"))
        error = f->store->createChat(NewChat{f->ann, ghost, std::nullopt, QStringLiteral("hi")}).error();
    else if (operation == QLatin1String("chat-client"))
        error = f->store->createChat(NewChat{ghost, f->bob, std::nullopt, std::nullopt}).error();
    else if (operation == QLatin1String("chat-job"))
        error = f->store->createChat(NewChat{f->ann, f->bob, ghost, std::nullopt}).error();
    else if (operation == QLatin1String("upload"))
        error = f->store->recordUpload(ghost, QStringLiteral("a.png"), QStringLiteral("image/png"), 10, QString())
                    .error();
    QCOMPARE(error, StoreError::ForeignKey);

    // nothing was left behind by the failed transaction
    auto counts = f->store->counts();
    STORE_VERIFY(counts);
    QCOMPARE(counts->chats, 0);
    QCOMPARE(counts->messages, 0);
    QCOMPARE(counts->uploads, 0);
    auto chats = f->store->chatsForUser(f->ann);
    STORE_VERIFY(chats);
    QVERIFY(chats->isEmpty());
}

void TestStoreUsers::uploads()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    auto up = f->store->recordUpload(f->bob, QStringLiteral("abc123.png"), QStringLiteral("image/png"), 1234,
                                     QStringLiteral("Plan Küche.png"));
    STORE_VERIFY(up);
    auto found = f->store->uploadByFileName(QStringLiteral("abc123.png"));
    STORE_VERIFY(found);
    QCOMPARE(found->id, up->id);
    QCOMPARE(found->ownerId, f->bob);
    QCOMPARE(found->mime, QStringLiteral("image/png"));
    QCOMPARE(found->size, 1234);
    QCOMPARE(found->originalName, QStringLiteral("Plan Küche.png"));
    STORE_VERIFY(
        f->store->recordUpload(f->bob, QStringLiteral("def456.pdf"), QStringLiteral("application/pdf"), 66, QString()));
    QCOMPARE(f->store->uploadByFileName(QStringLiteral("def456.pdf"))->originalName, QStringLiteral("file"));
    // Usage: per window and in all.
    auto usage = f->store->uploadUsage(f->bob, before);
    STORE_VERIFY(usage);
    QCOMPARE(usage->countSince, 2);
    QCOMPARE(usage->bytesSince, 1300);
    QCOMPARE(usage->totalBytes, 1300);
    QVERIFY(usage->oldestSince.isValid());
    usage = f->store->uploadUsage(f->bob, QDateTime::currentDateTimeUtc().addSecs(60));
    STORE_VERIFY(usage);
    QCOMPARE(usage->countSince, 0);
    QCOMPARE(usage->bytesSince, 0);
    QVERIFY(!usage->oldestSince.isValid());
    QCOMPARE(usage->totalBytes, 1300);
    QCOMPARE(f->store->uploadUsage(f->ann, before)->totalBytes, 0);
    QCOMPARE(f->store->uploadByFileName(QStringLiteral("other.png")).error(), StoreError::NotFound);
    QCOMPARE(
        f->store->recordUpload(f->ann, QStringLiteral("abc123.png"), QStringLiteral("image/png"), 1, QString()).error(),
        StoreError::Conflict);
    QCOMPARE(f->store->recordUpload(f->ann, QString(), QStringLiteral("image/png"), 1, QString()).error(),
             StoreError::InvalidArgument);
}

void TestStoreUsers::counts()
{
    const QString chat = f->chat(f->ann, f->bob);
    QVERIFY(!chat.isEmpty());
    STORE_VERIFY(f->send(chat, f->ann, QStringLiteral("one")));
    STORE_VERIFY(f->send(chat, f->bob, QStringLiteral("two")));
    const QString second = f->chat(f->ann, f->cid);
    STORE_VERIFY(f->store->setChatActive(second, false));
    auto c = f->store->counts();
    STORE_VERIFY(c);
    QCOMPARE(c->users, 3);
    QCOMPARE(c->chats, 2);
    QCOMPARE(c->activeChats, 1);
    QCOMPARE(c->messages, 2);
    QCOMPARE(c->uploads, 0);
}

QTEST_GUILESS_MAIN(TestStoreUsers)
#include "tst_storeusers.moc"
