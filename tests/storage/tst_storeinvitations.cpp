// Invitations in the store (schema version 8): a version 7 database migrates in place and
// keeps its users; codes are created, found, listed while open, revoked, and redeemed in the
// same transaction as the new user (a second redemption fails and stores nothing).
#include "tests/storage/storefixture.h"

#include "common/contract/timestamp.h"
#include "server/storage/migrations.h"

#include <QCryptographicHash>

using namespace craftchat;
using namespace craftchat::storage;
using namespace craftchat::storage::testing;

namespace {

NewInvitation invitation(const QString &code, const QString &role, const std::optional<QString> &by,
                         qint64 secondsFromNow)
{
    return NewInvitation{code, role, by, contract::nowUtc().addSecs(secondsFromNow)};
}

} // namespace

class TestStoreInvitations : public QObject
{
    Q_OBJECT

private slots:
    void version7DatabaseGetsInvitations()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("craftchat.sqlite3"));
        {
            RawDatabase raw(path);
            const std::vector<Migration> upTo7(sqliteMigrations().begin(), sqliteMigrations().begin() + 7);
            auto v7 = migrate(raw.db(), upTo7);
            QVERIFY2(v7, qPrintable(v7.errorMessage()));
            QCOMPARE(*v7, 7);
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO users (id, email, full_name, name_key, role, password_hash, created_at) "
                               "VALUES ('u1', 'a@example.com', 'Ann', 'ann', 'admin', 'x', 1)")));
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'invitations'")).toInt(), 0);
        }
        auto store = openStore(dir.path());
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), latestSchemaVersion());
        QVERIFY(latestSchemaVersion() >= 8);
        auto ann = store->userById(QStringLiteral("u1"));
        QVERIFY(ann);
        QCOMPARE(ann->profile.role, QStringLiteral("admin"));
        auto created = store->createInvitation(invitation(QStringLiteral("AAAABBBBCCCCDDDDEEEEFFFFGG"),
                                                          QStringLiteral("craftsman"), QStringLiteral("u1"), 3600));
        QVERIFY2(created, qPrintable(created.errorMessage()));
        QCOMPARE(created->createdBy, std::optional<QString>(QStringLiteral("u1")));
        RawDatabase raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM invitations")).toInt(), 1);
        // Only the hash is looked up; it is the SHA-256 of the code.
        QCOMPARE(raw.scalar(QStringLiteral("SELECT code_hash FROM invitations")).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash("AAAABBBBCCCCDDDDEEEEFFFFGG", QCryptographicHash::Sha256).toHex()));
    }

    void createFindListRevoke()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        auto admin = store->createUser(
            newUser(QStringLiteral("Ann"), QStringLiteral("a@example.com"), QStringLiteral("admin")));
        auto piet = store->createUser(
            newUser(QStringLiteral("Piet"), QStringLiteral("p@example.com"), QStringLiteral("craftsman")));
        QVERIFY(admin && piet);
        const QString a = admin->profile.id;
        const QString p = piet->profile.id;
        QVERIFY(store->createInvitation(invitation(QStringLiteral("CODE1"), QStringLiteral("craftsman"), a, 3600)));
        QVERIFY(store->createInvitation(invitation(QStringLiteral("CODE2"), QStringLiteral("client"), p, 3600)));
        QVERIFY(
            store->createInvitation(invitation(QStringLiteral("CODE3"), QStringLiteral("client"), std::nullopt, 3600)));
        QVERIFY(store->createInvitation(invitation(QStringLiteral("OLD"), QStringLiteral("client"), p, -10)));
        QCOMPARE(store->createInvitation(invitation(QStringLiteral("CODE1"), QStringLiteral("client"), a, 60)).error(),
                 StoreError::Conflict);
        QCOMPARE(store->createInvitation(invitation(QStringLiteral("BAD"), QStringLiteral("admin"), a, 60)).error(),
                 StoreError::InvalidArgument);

        const QDateTime now = contract::nowUtc();
        auto all = store->openInvitations(std::nullopt, now);
        QVERIFY(all);
        QCOMPARE(all->size(), 3);
        auto mine = store->openInvitations(p, now);
        QVERIFY(mine);
        QCOMPARE(mine->size(), 1);
        QCOMPARE(mine->first().code, QStringLiteral("CODE2"));
        QCOMPARE(mine->first().role, QStringLiteral("client"));

        auto found = store->invitationByCode(QStringLiteral("OLD"));
        QVERIFY(found);
        QVERIFY(!found->isOpenAt(now));
        QCOMPARE(store->invitationByCode(QStringLiteral("code1")).error(), StoreError::NotFound);

        QVERIFY(store->revokeInvitation(QStringLiteral("CODE2"), now));
        QCOMPARE(store->revokeInvitation(QStringLiteral("CODE2"), now).error(), StoreError::NotFound);
        QCOMPARE(store->revokeInvitation(QStringLiteral("OLD"), now).error(), StoreError::NotFound);
        QCOMPARE(store->revokeInvitation(QStringLiteral("NOPE"), now).error(), StoreError::NotFound);
        QVERIFY(store->invitationByCode(QStringLiteral("CODE2"))->revokedAt);
        QCOMPARE(store->openInvitations(p, now)->size(), 0);
    }

    void redeemedOnceWithTheUser()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        QVERIFY(store->createInvitation(
            invitation(QStringLiteral("ONCE"), QStringLiteral("craftsman"), std::nullopt, 3600)));
        const QDateTime now = contract::nowUtc();
        // Another role: nothing stored.
        QCOMPARE(store
                     ->createUserWithInvitation(
                         newUser(QStringLiteral("Cat"), QStringLiteral("c@example.com"), QStringLiteral("client")),
                         QStringLiteral("ONCE"), now)
                     .error(),
                 StoreError::NotFound);
        QCOMPARE(store->userByEmail(QStringLiteral("c@example.com")).error(), StoreError::NotFound);

        auto first = store->createUserWithInvitation(
            newUser(QStringLiteral("Bob"), QStringLiteral("b@example.com"), QStringLiteral("craftsman")),
            QStringLiteral("ONCE"), now);
        QVERIFY2(first, qPrintable(first.errorMessage()));
        auto used = store->invitationByCode(QStringLiteral("ONCE"));
        QCOMPARE(used->redeemedBy, std::optional<QString>(first->profile.id));
        QVERIFY(used->redeemedAt);

        // The second registration with the same code changes nothing.
        auto second = store->createUserWithInvitation(
            newUser(QStringLiteral("Dan"), QStringLiteral("d@example.com"), QStringLiteral("craftsman")),
            QStringLiteral("ONCE"), now);
        QCOMPARE(second.error(), StoreError::NotFound);
        QCOMPARE(store->userByEmail(QStringLiteral("d@example.com")).error(), StoreError::NotFound);

        // A taken email keeps the invitation open.
        QVERIFY(
            store->createInvitation(invitation(QStringLiteral("TWO"), QStringLiteral("client"), std::nullopt, 3600)));
        QCOMPARE(store
                     ->createUserWithInvitation(
                         newUser(QStringLiteral("Bob"), QStringLiteral("B@example.com"), QStringLiteral("client")),
                         QStringLiteral("TWO"), now)
                     .error(),
                 StoreError::Conflict);
        QVERIFY(store->invitationByCode(QStringLiteral("TWO"))->isOpenAt(now));

        // Expired: refused.
        QVERIFY(
            store->createInvitation(invitation(QStringLiteral("LATE"), QStringLiteral("client"), std::nullopt, -1)));
        QCOMPARE(store
                     ->createUserWithInvitation(
                         newUser(QStringLiteral("Eve"), QStringLiteral("e@example.com"), QStringLiteral("client")),
                         QStringLiteral("LATE"), contract::nowUtc())
                     .error(),
                 StoreError::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestStoreInvitations)
#include "tst_storeinvitations.moc"
