// Helpers shared by the storage tests: a store on a fresh temporary directory and a few
// ready-made users.
#pragma once

#include "server/storage/sqlitechatstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace craftchat::storage::testing {

inline std::unique_ptr<SqliteChatStore> openStore(const SqliteOptions &options)
{
    StoreResult<std::unique_ptr<SqliteChatStore>> store = SqliteChatStore::open(options);
    if (!store) {
        qWarning("cannot open the store: %s", qPrintable(store.errorMessage()));
        return nullptr;
    }
    return std::move(store).value();
}

inline std::unique_ptr<SqliteChatStore> openStore(const QString &dir)
{
    SqliteOptions options;
    options.dataDirectory = dir;
    return openStore(options);
}

inline NewUser newUser(const QString &name, const QString &email, const QString &role)
{
    return NewUser{name, email, role, QStringLiteral("hash-of-") + name, std::nullopt};
}

// One message through the store's group commit (a batch of one), as the chat layer writes.
inline StoreResult<InsertedMessage> insertOne(ChatStore &store, const NewMessage &message)
{
    return store.insertMessages({message}).constFirst();
}

// A plain connection to a database file (SQLite's default VFS), for looking behind the
// store's back.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawDatabase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase &db() { return m_db; }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        return q.exec(sql);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

// A database file with the given page size and nothing else in it yet (as an older CraftChat
// left it before its first migration, or a file made by hand).
inline bool createEmptyDatabase(const QString &path, int pageSize)
{
    RawDatabase raw(path);
    return raw.exec(QStringLiteral("PRAGMA page_size = %1").arg(pageSize))
           && raw.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
}

// Ann (client) and Bob (craftsman) and their chat.
struct TwoPartyChat
{
    QString annId;
    QString bobId;
    QString chatId;
};

inline std::optional<TwoPartyChat> twoPartyChat(SqliteChatStore &store)
{
    auto ann
        = store.createUser(newUser(QStringLiteral("Ann"), QStringLiteral("ann@example.com"), QStringLiteral("client")));
    auto bob = store.createUser(
        newUser(QStringLiteral("Bob"), QStringLiteral("bob@example.com"), QStringLiteral("craftsman")));
    if (!ann || !bob)
        return std::nullopt;
    auto chat = store.createChat(NewChat{ann->profile.id, bob->profile.id, std::nullopt, std::nullopt});
    if (!chat)
        return std::nullopt;
    return TwoPartyChat{ann->profile.id, bob->profile.id, chat->chat.id};
}

// `size` messages from `sender`, each with its own clientMessageId ("r<round>-<i>") and a
// content of `contentBytes` filler characters after its number.
inline QList<NewMessage> batchOf(const QString &chat, const QString &sender, int round, int size,
                                 int contentBytes = 200)
{
    QList<NewMessage> batch;
    for (int i = 0; i < size; ++i)
        batch.append(NewMessage{chat, sender, QStringLiteral("text"),
                                QStringLiteral("round %1 message %2 ").arg(round).arg(i)
                                    + QString(contentBytes, QLatin1Char('x')),
                                QStringLiteral("r%1-%2").arg(round).arg(i), std::nullopt});
    return batch;
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
        auto a = store->createUser(
            newUser(QStringLiteral("Ann Client"), QStringLiteral("ann@example.com"), QStringLiteral("client")));
        auto b = store->createUser(
            newUser(QStringLiteral("Bob Builder"), QStringLiteral("bob@example.com"), QStringLiteral("craftsman")));
        auto c = store->createUser(
            newUser(QStringLiteral("Cid Carpenter"), QStringLiteral("cid@example.com"), QStringLiteral("craftsman")));
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
        return insertOne(*store, NewMessage{chatId, sender, QStringLiteral("text"), text, std::move(clientMessageId),
                                            std::move(at)});
    }
};

inline QDateTime utc(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

} // namespace craftchat::storage::testing

// Fails the test with the store's message when a result is an error. Evaluates `expr` once.
#define STORE_VERIFY(expr)                                                                                             \
    do {                                                                                                               \
        const auto &storeResult_ = (expr);                                                                             \
        QVERIFY2(storeResult_.ok(), qPrintable(QStringLiteral("store error %1: %2")                                    \
                                                   .arg(craftchat::storage::storeErrorName(storeResult_.error()),      \
                                                        storeResult_.errorMessage())));                                \
    } while (false)
