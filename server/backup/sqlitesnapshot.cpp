#include "server/backup/sqlitesnapshot.h"

#include <QThread>

#include <memory>
#include <sqlite3.h>

namespace craftchat::backup {

namespace {

struct CloseDb
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

constexpr int BusyTimeoutMs = 10000;

BackupFailure sqliteFailure(BackupError code, const QString &context, sqlite3 *db)
{
    return BackupFailure{code,
                         context + QStringLiteral(": ") + QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory")};
}

BackupResult<Db> openDb(const QString &path, int flags)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return sqliteFailure(BackupError::Database, QStringLiteral("cannot open %1").arg(path), raw);
    sqlite3_busy_timeout(raw, BusyTimeoutMs);
    return db;
}

BackupResult<void> execute(sqlite3 *db, const char *sql, BackupError code)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        return BackupFailure{code, QStringLiteral("\"%1\" failed: %2").arg(QString::fromUtf8(sql), text)};
    }
    return {};
}

// Every row of a one-column query as text.
BackupResult<QStringList> column(sqlite3 *db, const char *sql, BackupError code)
{
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        return sqliteFailure(code, QStringLiteral("\"%1\" failed").arg(QString::fromUtf8(sql)), db);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    QStringList rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW)
        rows.append(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(raw, 0))));
    if (rc != SQLITE_DONE)
        return sqliteFailure(code, QStringLiteral("\"%1\" failed").arg(QString::fromUtf8(sql)), db);
    return rows;
}

BackupResult<qint64> number(sqlite3 *db, const char *sql)
{
    BackupResult<QStringList> rows = column(db, sql, BackupError::Invalid);
    if (!rows)
        return rows.failure();
    bool ok = false;
    const qint64 value = rows->value(0).toLongLong(&ok);
    if (rows->size() != 1 || !ok)
        return BackupFailure{BackupError::Invalid, QStringLiteral("\"%1\" gave no number").arg(QString::fromUtf8(sql))};
    return value;
}

} // namespace

BackupResult<void> snapshotDatabase(const QString &source, const QString &target)
{
    // Read-write without create: a missing database is an error, and a reader of a WAL
    // database may need to set up the shared-memory index.
    BackupResult<Db> from = openDb(source, SQLITE_OPEN_READWRITE);
    if (!from)
        return from.failure();
    BackupResult<Db> to = openDb(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to)
        return to.failure();
    sqlite3_backup *backup = sqlite3_backup_init(to->get(), "main", from->get(), "main");
    if (!backup)
        return sqliteFailure(BackupError::Database, QStringLiteral("cannot start the snapshot"), to->get());
    // All pages in one step: one read transaction, one commit's state. A busy database (a
    // checkpoint that holds a lock for a moment) is tried again for a while.
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 200; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        QThread::msleep(50);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        return BackupFailure{
            BackupError::Database,
            QStringLiteral("the snapshot of %1 failed: %2").arg(source, QString::fromUtf8(sqlite3_errstr(rc)))};
    }
    from->reset();
    // One self-contained file: no -wal beside it.
    return execute(to->get(), "PRAGMA journal_mode = DELETE", BackupError::Database);
}

BackupResult<DatabaseFacts> checkDatabase(const QString &path)
{
    BackupResult<Db> db = openDb(path, SQLITE_OPEN_READWRITE);
    if (!db)
        return BackupFailure{BackupError::Invalid, db.errorMessage()};
    BackupResult<QStringList> integrity = column(db->get(), "PRAGMA integrity_check(20)", BackupError::Invalid);
    if (!integrity)
        return integrity.failure();
    if (*integrity != QStringList{QStringLiteral("ok")}) {
        return BackupFailure{
            BackupError::Invalid,
            QStringLiteral("the database fails its integrity check: %1").arg(integrity->join(QStringLiteral("; ")))};
    }
    DatabaseFacts facts;
    const auto read = [&db](const char *sql, qint64 *out) -> BackupResult<void> {
        BackupResult<qint64> value = number(db->get(), sql);
        if (!value)
            return value.failure();
        *out = *value;
        return {};
    };
    qint64 version = 0;
    for (const auto &[sql, out] :
         {std::pair{"PRAGMA user_version", &version}, std::pair{"SELECT COUNT(*) FROM users", &facts.counts.users},
          std::pair{"SELECT COUNT(*) FROM chats", &facts.counts.chats},
          std::pair{"SELECT COUNT(*) FROM messages", &facts.counts.messages},
          std::pair{"SELECT COUNT(*) FROM uploads", &facts.counts.uploads}}) {
        if (BackupResult<void> done = read(sql, out); !done)
            return done.failure();
    }
    facts.schemaVersion = int(version);
    BackupResult<QStringList> names
        = column(db->get(), "SELECT file_name FROM uploads ORDER BY file_name", BackupError::Invalid);
    if (!names)
        return names.failure();
    facts.uploadFileNames = *names;
    return facts;
}

} // namespace craftchat::backup
