// SqliteChatStore: opening, migrations, users, jobs, uploads and counts.
#include "server/storage/sqlitestore_p.h"

#include "common/contract/timestamp.h"
#include "server/logging/logcategories.h"
#include "server/storage/batchedwalvfs.h"
#include "server/storage/ids.h"
#include "server/storage/migrations.h"

#include <QAtomicInteger>
#include <QDir>
#include <QUrl>

#include <algorithm>

namespace craftchat::storage {

QString storeErrorName(StoreError error)
{
    switch (error) {
    case StoreError::None:
        return QStringLiteral("None");
    case StoreError::NotFound:
        return QStringLiteral("NotFound");
    case StoreError::Conflict:
        return QStringLiteral("Conflict");
    case StoreError::ForeignKey:
        return QStringLiteral("ForeignKey");
    case StoreError::NotParticipant:
        return QStringLiteral("NotParticipant");
    case StoreError::InvalidArgument:
        return QStringLiteral("InvalidArgument");
    case StoreError::SchemaTooNew:
        return QStringLiteral("SchemaTooNew");
    case StoreError::Corrupt:
        return QStringLiteral("Corrupt");
    case StoreError::Database:
        return QStringLiteral("Database");
    }
    return QStringLiteral("Unknown");
}

// ---------------------------------------------------------------- Impl basics

bool isCorruption(const QSqlError &error)
{
    // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), with or without an extended code.
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (!ok)
        return false;
    const int primary = code & 0xff;
    return primary == 11 || primary == 26;
}

SqliteChatStore::Impl::~Impl()
{
    // The checkpointer's connection closes first, so that closing the last connection
    // checkpoints the log and removes it as before.
    checkpointer.reset();
    statements.reset(); // statements go before the connection
    if (db.isValid())
        db.close();
    db = QSqlDatabase();
    if (!connectionName.isEmpty())
        QSqlDatabase::removeDatabase(connectionName);
}

bool SqliteChatStore::Impl::exec(QSqlQuery &q)
{
    return q.exec();
}

StoreFailure SqliteChatStore::Impl::failure(const QSqlQuery &q, const QString &context) const
{
    const QSqlError e = q.lastError();
    const QString detail = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    StoreError kind = StoreError::Database;
    if (isCorruption(e))
        kind = StoreError::Corrupt;
    else if (detail.contains(QLatin1String("UNIQUE constraint failed"), Qt::CaseInsensitive))
        kind = StoreError::Conflict;
    else if (detail.contains(QLatin1String("FOREIGN KEY constraint failed"), Qt::CaseInsensitive))
        kind = StoreError::ForeignKey;
    else if (detail.contains(QLatin1String("CHECK constraint failed"), Qt::CaseInsensitive)
             || detail.contains(QLatin1String("NOT NULL constraint failed"), Qt::CaseInsensitive))
        kind = StoreError::InvalidArgument;
    return StoreFailure{kind, context + QStringLiteral(": ") + detail};
}

StoreFailure SqliteChatStore::Impl::dbFailure(const QString &context) const
{
    StoreFailure f = databaseFailure(context, db.lastError());
    if (isCorruption(db.lastError()))
        f.code = StoreError::Corrupt;
    return f;
}

StoreResult<StoredUser> SqliteChatStore::Impl::readUser(QSqlQuery &q, const QString &what)
{
    if (!exec(q))
        return failure(q, QStringLiteral("cannot read user"));
    if (!q.next()) {
        q.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no user %1").arg(what)};
    }
    StoredUser u;
    u.profile.id = q.value(0).toString();
    u.profile.email = q.value(1).toString();
    u.profile.fullName = q.value(2).toString();
    u.profile.role = q.value(3).toString();
    u.passwordHash = q.value(4).toString();
    u.profile.profilePicture = sql::optionalText(q.value(5));
    u.createdAt = sql::fromMs(q.value(6).toLongLong());
    u.tokenVersion = q.value(7).toInt();
    if (!q.value(8).isNull()) {
        u.deletedAt = sql::fromMs(q.value(8).toLongLong());
        u.profile.email.reset();
    }
    q.finish();
    return u;
}

// ---------------------------------------------------------------- opening

SqliteChatStore::SqliteChatStore(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{}

SqliteChatStore::~SqliteChatStore() = default;

StoreResult<std::unique_ptr<SqliteChatStore>> SqliteChatStore::open(const QString &dataDirectory)
{
    SqliteOptions options;
    options.dataDirectory = dataDirectory;
    return open(options);
}

StoreResult<std::unique_ptr<SqliteChatStore>> SqliteChatStore::open(const SqliteOptions &options)
{
    if (options.dataDirectory.isEmpty())
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("no data directory given")};
    if (!QDir().mkpath(options.dataDirectory))
        return StoreFailure{StoreError::Database,
                            QStringLiteral("cannot create the data directory %1").arg(options.dataDirectory)};

    static QAtomicInteger<quint64> instances;
    auto d = std::make_unique<Impl>();
    d->connectionName = QStringLiteral("craftchat-store-%1").arg(instances.fetchAndAddRelaxed(1));
    d->path = QDir(options.dataDirectory).absoluteFilePath(options.fileName);
    d->db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connectionName);
    if (!d->db.isValid())
        return StoreFailure{StoreError::Database, QStringLiteral("the Qt SQLite driver (QSQLITE) is not available")};
    QString connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs);
    if (options.batchWalWrites && batchedwal::ensureRegistered()) {
        // Through the VFS that writes a commit's log frames in one call (batchedwalvfs.h).
        d->db.setDatabaseName(QStringLiteral("file:%1?vfs=%2")
                                  .arg(QString::fromLatin1(QUrl::toPercentEncoding(d->path, "/")),
                                       QString::fromLatin1(batchedwal::vfsName())));
        connectOptions += QStringLiteral(";QSQLITE_OPEN_URI");
    } else {
        d->db.setDatabaseName(d->path);
    }
    d->db.setConnectOptions(connectOptions);
    if (!d->db.open())
        return d->dbFailure(QStringLiteral("cannot open the database %1").arg(d->path));

    int frameCap = options.walFrameCap;
    {
        QSqlQuery q(d->db);
        QStringList pragmas = {
            // Only takes effect while the file is still empty (before the WAL switch).
            QStringLiteral("PRAGMA page_size = %1").arg(NewDatabasePageSize),
            QStringLiteral("PRAGMA journal_mode = WAL"),
            // fast: a commit appends to the log without an fsync (safe against a crash of the
            // process); strict: every commit fsyncs the log (safe against a power cut).
            options.durability == Durability::Strict ? QStringLiteral("PRAGMA synchronous = FULL")
                                                     : QStringLiteral("PRAGMA synchronous = NORMAL"),
            QStringLiteral("PRAGMA foreign_keys = ON"),
            QStringLiteral("PRAGMA busy_timeout = %1").arg(options.busyTimeoutMs),
            // Statement and savepoint journals in memory: otherwise a transaction that
            // journals more than 64 KB opens, unlinks, writes and closes a file in /var/tmp
            // (the openat/access/unlink/close seen per commit under load).
            QStringLiteral("PRAGMA temp_store = MEMORY"),
        };
        if (options.backgroundCheckpoints) {
            // This connection only appends to the log; WalCheckpointer copies it back.
            pragmas.append(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        }
        for (const QString &pragma : std::as_const(pragmas)) {
            if (!q.exec(pragma))
                return d->failure(q, QStringLiteral("cannot set \"%1\"").arg(pragma));
            q.finish();
        }
        if (options.backgroundCheckpoints) {
            // When the log starts over after a long stretch, its file is cut back to the cap
            // (in bytes of this database's pages: an older database may have 4 KB pages).
            if (!q.exec(QStringLiteral("PRAGMA page_size")) || !q.next())
                return d->failure(q, QStringLiteral("cannot read the page size"));
            const qint64 pageSize = q.value(0).toLongLong();
            q.finish();
            if (options.walLimitBytes > 0 && pageSize > 0)
                frameCap = int(std::clamp<qint64>(options.walLimitBytes / pageSize, 64, qint64(1) << 30));
            const QString limit = QStringLiteral("PRAGMA journal_size_limit = %1").arg(qint64(frameCap) * pageSize);
            if (!q.exec(limit))
                return d->failure(q, QStringLiteral("cannot set \"%1\"").arg(limit));
            q.finish();
        }
        // A file that is not a database fails here with a clear message.
    }

    if (options.quickCheckAtOpen) {
        StoreResult<void> checked = d->quickCheck();
        if (!checked)
            return checked.failure();
    }
    if (options.checkpointAtOpen) {
        // Whatever log a crash left behind goes into the database now and the log file is cut
        // to nothing, so the next start never reads a long log again.
        QSqlQuery q(d->db);
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !q.next())
            return d->failure(q, QStringLiteral("cannot checkpoint the log at start"));
        const bool busy = q.value(0).toInt() != 0;
        q.finish();
        if (busy)
            qCWarning(logging::lcDb) << "the log could not be checkpointed at start (another connection reads)";
    }

    StoreResult<int> version = migrate(d->db);
    if (!version)
        return version.failure();
    d->schemaVersion = *version;

    StoreResult<void> prepared = d->prepareAll();
    if (!prepared)
        return prepared.failure();

    QSqlQuery seq(d->db);
    if (!seq.exec(QStringLiteral("SELECT COALESCE(MAX(activity_seq), 0) FROM chat_participants")) || !seq.next())
        return d->failure(seq, QStringLiteral("cannot read the activity sequence"));
    d->activitySeq = seq.value(0).toLongLong();
    seq.finish();

    if (options.backgroundCheckpoints) {
        WalCheckpointOptions checkpoints;
        checkpoints.databasePath = d->path;
        checkpoints.intervalMs = options.checkpointIntervalMs;
        checkpoints.walFrameCap = frameCap;
        checkpoints.busyTimeoutMs = options.busyTimeoutMs;
        d->checkpointer = std::make_unique<WalCheckpointer>(checkpoints);
        if (StoreResult<void> started = d->checkpointer->start(); !started)
            return started.failure();
    }

    return std::unique_ptr<SqliteChatStore>(new SqliteChatStore(std::move(d)));
}

StoreResult<void> SqliteChatStore::Impl::quickCheck()
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(20)")))
        return failure(q, QStringLiteral("the database %1 is damaged").arg(path));
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    q.finish();
    if (problems == QStringList{QStringLiteral("ok")})
        return {};
    return StoreFailure{
        StoreError::Corrupt,
        QStringLiteral("the database %1 is damaged (quick_check: %2)").arg(path, problems.join(QStringLiteral("; ")))};
}

QString SqliteChatStore::databasePath() const
{
    return d->path;
}

int SqliteChatStore::schemaVersion() const
{
    return d->schemaVersion;
}

WalCheckpointer *SqliteChatStore::checkpointer() const
{
    return d->checkpointer.get();
}

bool SqliteChatStore::readyForDeferrableWrite(std::function<void()> resume)
{
    return !d->checkpointer || d->checkpointer->readyForDeferrableWrite(std::move(resume));
}

// ---------------------------------------------------------------- users

StoreResult<StoredUser> SqliteChatStore::createUser(const NewUser &user)
{
    const QString id = newId();
    const QDateTime now = contract::nowUtc();
    QSqlQuery &q = d->st.insertUser;
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":email"), sql::text(user.email.toLower()));
    q.bindValue(QStringLiteral(":name"), sql::text(user.fullName));
    q.bindValue(QStringLiteral(":key"), sql::text(user.fullName.toCaseFolded()));
    q.bindValue(QStringLiteral(":role"), sql::text(user.role));
    q.bindValue(QStringLiteral(":hash"), sql::text(user.passwordHash));
    q.bindValue(QStringLiteral(":picture"), sql::nullable(user.profilePicture));
    q.bindValue(QStringLiteral(":at"), sql::toMs(now));
    if (!d->exec(q)) {
        StoreFailure f = d->failure(q, QStringLiteral("cannot create the user"));
        if (f.code == StoreError::Conflict)
            f.message = QStringLiteral("the email is already registered");
        return f;
    }
    q.finish();
    StoredUser stored;
    stored.profile = contract::UserProfile{id, user.fullName, user.role, user.email.toLower(), user.profilePicture};
    stored.passwordHash = user.passwordHash;
    stored.createdAt = now;
    return stored;
}

StoreResult<StoredUser> SqliteChatStore::ensureAdmin(const NewUser &admin)
{
    StoreResult<StoredUser> existing = userByEmail(admin.email);
    if (existing.error() == StoreError::NotFound) {
        NewUser user = admin;
        user.role = QStringLiteral("admin");
        return createUser(user);
    }
    if (!existing)
        return existing;
    d->senderProfiles.clear(); // the role changes
    QSqlQuery &q = d->st.promoteAdmin;
    q.bindValue(QStringLiteral(":hash"), sql::text(admin.passwordHash));
    q.bindValue(QStringLiteral(":id"), existing->profile.id);
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot promote the user to admin"));
    q.finish();
    return userById(existing->profile.id);
}

StoreResult<StoredUser> SqliteChatStore::userByEmail(const QString &email)
{
    QSqlQuery &q = d->st.userByEmail;
    q.bindValue(QStringLiteral(":email"), sql::text(email.toLower()));
    return d->readUser(q, QStringLiteral("with that email"));
}

StoreResult<StoredUser> SqliteChatStore::userById(const QString &id)
{
    QSqlQuery &q = d->st.userById;
    q.bindValue(0, sql::text(id));
    return d->readUser(q, QStringLiteral("with that id"));
}

StoreResult<StoredUser> SqliteChatStore::changePassword(const QString &userId, const QString &passwordHash)
{
    QSqlQuery &q = d->st.changePassword;
    q.bindValue(QStringLiteral(":hash"), sql::text(passwordHash));
    q.bindValue(QStringLiteral(":id"), sql::text(userId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot change the password"));
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed != 1)
        return StoreFailure{StoreError::NotFound, QStringLiteral("no user with that id")};
    return userById(userId);
}

StoreResult<StoredUser> SqliteChatStore::deleteUser(const QString &userId)
{
    QSqlQuery &q = d->st.deleteUser;
    q.bindValue(QStringLiteral(":name"), DeletedUserName);
    q.bindValue(QStringLiteral(":key"), DeletedUserName.toCaseFolded());
    q.bindValue(QStringLiteral(":at"), sql::toMs(contract::nowUtc()));
    q.bindValue(QStringLiteral(":id"), sql::text(userId));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot delete the user"));
    const int changed = q.numRowsAffected();
    q.finish();
    if (changed != 1)
        return StoreFailure{StoreError::NotFound, QStringLiteral("no user with that id")};
    d->senderProfiles.remove(userId); // the name and picture change
    return userById(userId);
}

StoreResult<void> SqliteChatStore::revokeToken(const QString &userId, const QString &tokenKey, qint64 expiresAtSeconds)
{
    QSqlQuery &prune = d->st.pruneRevoked;
    prune.bindValue(QStringLiteral(":now"), QDateTime::currentSecsSinceEpoch());
    if (!d->exec(prune))
        return d->failure(prune, QStringLiteral("cannot forget expired revocations"));
    prune.finish();
    QSqlQuery &q = d->st.revokeToken;
    q.bindValue(QStringLiteral(":user"), sql::text(userId));
    q.bindValue(QStringLiteral(":key"), sql::text(tokenKey));
    q.bindValue(QStringLiteral(":exp"), expiresAtSeconds);
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot revoke the token"));
    q.finish();
    return {};
}

StoreResult<bool> SqliteChatStore::isTokenRevoked(const QString &userId, const QString &tokenKey)
{
    QSqlQuery &q = d->st.isRevoked;
    q.bindValue(QStringLiteral(":user"), sql::text(userId));
    q.bindValue(QStringLiteral(":key"), sql::text(tokenKey));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot read revoked tokens"));
    const bool revoked = q.next();
    q.finish();
    return revoked;
}

StoreResult<QList<contract::UserProfile>> SqliteChatStore::listUsers(const std::optional<QString> &role,
                                                                     const QString &nameQuery, int limit)
{
    if (limit < 1)
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("limit must be at least 1")};
    QSqlQuery &q = d->st.listUsers;
    q.bindValue(QStringLiteral(":role"), sql::nullable(role));
    q.bindValue(QStringLiteral(":query"), sql::text(nameQuery.toCaseFolded()));
    q.bindValue(QStringLiteral(":limit"), limit);
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot list users"));
    QList<contract::UserProfile> users;
    while (q.next()) {
        users.append(contract::UserProfile{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                           std::nullopt, sql::optionalText(q.value(3))});
    }
    q.finish();
    return users;
}

// ---------------------------------------------------------------- jobs

StoreResult<Job> SqliteChatStore::createJob(const QString &clientId, const QString &title)
{
    Job job{newId(), clientId, title, contract::nowUtc()};
    QSqlQuery &q = d->st.insertJob;
    q.bindValue(QStringLiteral(":id"), job.id);
    q.bindValue(QStringLiteral(":client"), sql::text(clientId));
    q.bindValue(QStringLiteral(":title"), sql::text(title));
    q.bindValue(QStringLiteral(":at"), sql::toMs(job.createdAt));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot create the job"));
    q.finish();
    return job;
}

StoreResult<Job> SqliteChatStore::jobById(const QString &id)
{
    QSqlQuery &q = d->st.jobById;
    q.bindValue(QStringLiteral(":id"), sql::text(id));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot read the job"));
    if (!q.next()) {
        q.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no job with that id")};
    }
    Job job{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), sql::fromMs(q.value(3).toLongLong())};
    q.finish();
    return job;
}

// ---------------------------------------------------------------- uploads

StoreResult<Upload> SqliteChatStore::recordUpload(const QString &ownerId, const QString &fileName, const QString &mime,
                                                  qint64 size, const QString &originalName)
{
    if (fileName.isEmpty() || size < 0)
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("an upload needs a file name and a size")};
    Upload u{newId(),
             ownerId,
             fileName,
             mime,
             size,
             contract::nowUtc(),
             originalName.isEmpty() ? QStringLiteral("file") : originalName};
    QSqlQuery &q = d->st.insertUpload;
    q.bindValue(QStringLiteral(":id"), u.id);
    q.bindValue(QStringLiteral(":owner"), sql::text(ownerId));
    q.bindValue(QStringLiteral(":name"), sql::text(fileName));
    q.bindValue(QStringLiteral(":mime"), sql::text(mime));
    q.bindValue(QStringLiteral(":size"), size);
    q.bindValue(QStringLiteral(":at"), sql::toMs(u.createdAt));
    q.bindValue(QStringLiteral(":original"), sql::text(u.originalName));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot record the upload"));
    q.finish();
    return u;
}

StoreResult<Upload> SqliteChatStore::uploadByFileName(const QString &fileName)
{
    QSqlQuery &q = d->st.uploadByName;
    q.bindValue(QStringLiteral(":name"), sql::text(fileName));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot read the upload"));
    if (!q.next()) {
        q.finish();
        return StoreFailure{StoreError::NotFound, QStringLiteral("no upload with that name")};
    }
    Upload u{q.value(0).toString(), q.value(1).toString(),   q.value(2).toString(),
             q.value(3).toString(), q.value(4).toLongLong(), sql::fromMs(q.value(5).toLongLong()),
             q.value(6).toString()};
    q.finish();
    return u;
}

StoreResult<UploadUsage> SqliteChatStore::uploadUsage(const QString &ownerId, const QDateTime &since)
{
    QSqlQuery &q = d->st.uploadUsage;
    q.bindValue(QStringLiteral(":owner"), sql::text(ownerId));
    q.bindValue(QStringLiteral(":owner2"), sql::text(ownerId));
    q.bindValue(QStringLiteral(":since"), sql::toMs(since));
    if (!d->exec(q) || !q.next())
        return d->failure(q, QStringLiteral("cannot read the upload usage"));
    UploadUsage usage;
    usage.countSince = q.value(0).toLongLong();
    usage.bytesSince = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        usage.oldestSince = sql::fromMs(q.value(2).toLongLong());
    usage.totalBytes = q.value(3).toLongLong();
    q.finish();
    return usage;
}

// ---------------------------------------------------------------- metrics

StoreResult<StoreCounts> SqliteChatStore::counts()
{
    QSqlQuery &q = d->st.counts;
    if (!d->exec(q) || !q.next())
        return d->failure(q, QStringLiteral("cannot count rows"));
    StoreCounts c;
    c.users = q.value(0).toLongLong();
    c.chats = q.value(1).toLongLong();
    c.activeChats = q.value(2).toLongLong();
    c.messages = q.value(3).toLongLong();
    c.uploads = q.value(4).toLongLong();
    q.finish();
    return c;
}

} // namespace craftchat::storage
