// Helpers shared by the storage tests: a store on a fresh temporary directory and a few
// ready-made users.
#pragma once

#include "storage/sqlitechatstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace craftchat::storage::testing {

inline std::unique_ptr<SqliteChatStore> openStore(const QString &dir)
{
    StoreResult<std::unique_ptr<SqliteChatStore>> store = SqliteChatStore::open(dir);
    if (!store) {
        qWarning("cannot open the store: %s", qPrintable(store.errorMessage()));
        return nullptr;
    }
    return std::move(store).value();
}

inline NewUser newUser(const QString &name, const QString &email, const QString &role)
{
    return NewUser{name, email, role, QStringLiteral("hash-of-") + name, std::nullopt};
}

// A store with a client "Ann", a craftsman "Bob" and a second craftsman "Cid".
struct StoreFixture
{
    QTemporaryDir dir;
    std::unique_ptr<SqliteChatStore> store;
    QString ann, bob, cid;

    bool init()
    {
        if (!dir.isValid())
            return false;
        store = openStore(dir.path());
        if (!store)
            return false;
        auto a = store->createUser(newUser(QStringLiteral("Ann Client"), QStringLiteral("ann@example.com"),
                                           QStringLiteral("client")));
        auto b = store->createUser(newUser(QStringLiteral("Bob Builder"), QStringLiteral("bob@example.com"),
                                           QStringLiteral("craftsman")));
        auto c = store->createUser(newUser(QStringLiteral("Cid Carpenter"), QStringLiteral("cid@example.com"),
                                           QStringLiteral("craftsman")));
        if (!a || !b || !c)
            return false;
        ann = a->profile.id;
        bob = b->profile.id;
        cid = c->profile.id;
        return true;
    }

    QString chat(const QString &client, const QString &craftsman)
    {
        auto created = store->createChat(NewChat{client, craftsman, std::nullopt, std::nullopt});
        return created ? created->chat.id : QString();
    }

    StoreResult<InsertedMessage> send(const QString &chatId, const QString &sender, const QString &text,
                                      std::optional<QString> clientMessageId = std::nullopt,
                                      std::optional<QDateTime> at = std::nullopt)
    {
        return store->insertMessage(NewMessage{chatId, sender, QStringLiteral("text"), text,
                                               std::move(clientMessageId), std::move(at)});
    }
};

inline QDateTime utc(qint64 msecs) { return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC); }

} // namespace craftchat::storage::testing

// Fails the test with the store's message when a result is an error. Evaluates `expr` once.
#define STORE_VERIFY(expr) \
    do { \
        const auto &storeResult_ = (expr); \
        QVERIFY2(storeResult_.ok(), \
                 qPrintable(QStringLiteral("store error %1: %2") \
                                .arg(craftchat::storage::storeErrorName(storeResult_.error()), \
                                     storeResult_.errorMessage()))); \
    } while (false)
