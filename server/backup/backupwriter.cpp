#include "server/backup/backupwriter.h"

#include "server/backup/sqlitesnapshot.h"
#include "server/backup/tararchive.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <fcntl.h>
#include <unistd.h>

namespace craftchat::backup {

namespace {

BackupFailure ioFailure(const QString &what)
{
    return BackupFailure{BackupError::Io, what};
}

bool syncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Removes a file when it goes out of scope unless released.
class TemporaryPath
{
public:
    explicit TemporaryPath(QString path)
        : m_path(std::move(path))
    {}
    ~TemporaryPath()
    {
        if (!m_path.isEmpty())
            QFile::remove(m_path);
    }
    TemporaryPath(const TemporaryPath &) = delete;
    TemporaryPath &operator=(const TemporaryPath &) = delete;
    const QString &path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    QString m_path;
};

QString randomSuffix()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16);
}

} // namespace

QString backupFileName(const QDateTime &at)
{
    return QStringLiteral("craftchat-backup-%1.tar").arg(at.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
}

bool isBackupFileName(const QString &name)
{
    static const QRegularExpression shape(QStringLiteral("^craftchat-backup-\\d{8}-\\d{6}-\\d{3}(-\\d+)?\\.tar$"));
    return shape.match(name).hasMatch();
}

BackupResult<BackupInfo> writeBackup(const BackupSource &source, const QString &folder)
{
    QElapsedTimer clock;
    clock.start();
    if (!QFileInfo(source.databasePath).isFile())
        return ioFailure(QStringLiteral("there is no database at %1").arg(source.databasePath));
    if (!QDir().mkpath(folder))
        return ioFailure(QStringLiteral("cannot create the backup folder %1").arg(folder));

    // 1. The snapshot, next to the database.
    const QFileInfo database(source.databasePath);
    TemporaryPath snapshot(
        database.absoluteDir().filePath(QStringLiteral(".backup-snapshot-%1.sqlite").arg(randomSuffix())));
    TemporaryPath snapshotJournal(snapshot.path() + QStringLiteral("-journal"));
    if (BackupResult<void> copied = snapshotDatabase(source.databasePath, snapshot.path()); !copied)
        return copied.failure();
    BackupResult<DatabaseFacts> facts = checkDatabase(snapshot.path());
    if (!facts) {
        return BackupFailure{facts.error() == BackupError::Invalid ? BackupError::Database : facts.error(),
                             QStringLiteral("the database is not backed up: ") + facts.errorMessage()};
    }

    // 2. and 3. The archive.
    const QDateTime createdAt = QDateTime::currentDateTimeUtc();
    // Names sort by time (the retention relies on it); a name taken within the same
    // millisecond gets a suffix.
    QString name = backupFileName(createdAt);
    for (int n = 1; QFileInfo::exists(QDir(folder).filePath(name)); ++n)
        name = backupFileName(createdAt).replace(QLatin1String(".tar"), QStringLiteral("-%1.tar").arg(n));
    const QString finalPath = QDir(folder).absoluteFilePath(name);
    TemporaryPath part(QDir(folder).absoluteFilePath(QStringLiteral(".%1.%2.part").arg(name, randomSuffix())));
    QFile out(part.path());
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return ioFailure(QStringLiteral("cannot write %1: %2").arg(part.path(), out.errorString()));
    TarWriter tar(&out);
    BackupManifest manifest;
    manifest.createdAt = createdAt;
    manifest.serverVersion = source.serverVersion;
    manifest.schemaVersion = facts->schemaVersion;
    manifest.counts = facts->counts;

    const auto add = [&](const QString &entry, const QString &path) -> BackupResult<void> {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly))
            return ioFailure(QStringLiteral("cannot read %1: %2").arg(path, in.errorString()));
        const qint64 size = in.size();
        BackupResult<QByteArray> sha = tar.addFile(entry, in, size, QFileInfo(in).lastModified());
        if (!sha)
            return sha.failure();
        manifest.files.append(ManifestFile{entry, size, *sha});
        return {};
    };
    if (BackupResult<void> added = add(DatabaseEntryName, snapshot.path()); !added)
        return added.failure();
    const QDir uploads(source.uploadsDir);
    for (const QString &file : std::as_const(facts->uploadFileNames)) {
        const QString entry = UploadsEntryPrefix + file;
        if (!isAllowedEntryName(entry))
            return BackupFailure{BackupError::Database,
                                 QStringLiteral("an upload has an unexpected name: %1").arg(file)};
        if (!QFileInfo::exists(uploads.filePath(file))) {
            manifest.missingUploads.append(file);
            continue;
        }
        if (BackupResult<void> added = add(entry, uploads.filePath(file)); !added)
            return added.failure();
    }
    if (BackupResult<QByteArray> written = tar.addData(ManifestName, manifest.toJson(), createdAt); !written)
        return written.failure();
    if (BackupResult<void> finished = tar.finish(); !finished)
        return finished.failure();
    if (!out.flush() || ::fsync(out.handle()) != 0)
        return ioFailure(QStringLiteral("cannot write %1 to the disk").arg(part.path()));
    const qint64 size = out.size();
    out.close();
    if (!QFile::rename(part.path(), finalPath))
        return ioFailure(QStringLiteral("cannot rename %1 to %2").arg(part.path(), finalPath));
    part.release();
    syncPath(folder, true);

    BackupInfo info;
    info.file = finalPath;
    info.sizeBytes = size;
    info.createdAt = createdAt;
    info.counts = facts->counts;
    info.durationMs = clock.elapsed();
    info.missingUploads = manifest.missingUploads;
    return info;
}

} // namespace craftchat::backup
