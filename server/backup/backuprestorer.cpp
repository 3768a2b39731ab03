#include "server/backup/backuprestorer.h"

#include "server/backup/sqlitesnapshot.h"
#include "server/backup/tararchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>

#include <fcntl.h>
#include <unistd.h>

namespace craftchat::backup {

namespace {

BackupFailure invalid(const QString &what)
{
    return BackupFailure{BackupError::Invalid, what};
}

struct Extracted
{
    qint64 size = 0;
    QByteArray sha256;
};

// Extracts `file` into `staging` (which exists and is empty) and verifies it there.
BackupResult<BackupManifest> extractAndVerify(const QString &file, const QString &staging)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return BackupFailure{BackupError::Io, QStringLiteral("cannot read %1: %2").arg(file, in.errorString())};
    TarReader tar(&in);
    QHash<QString, Extracted> extracted;
    std::optional<BackupManifest> manifest;
    const QDir dir(staging);
    if (!dir.mkpath(QStringLiteral("uploads")))
        return BackupFailure{BackupError::Io,
                             QStringLiteral("cannot create %1").arg(dir.filePath(QStringLiteral("uploads")))};
    // Private like the server's own data directory (0700 folders, 0600 files).
    constexpr QFile::Permissions PrivateDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    QFile::setPermissions(staging, PrivateDir);
    QFile::setPermissions(dir.filePath(QStringLiteral("uploads")), PrivateDir);
    for (;;) {
        BackupResult<std::optional<TarEntry>> entry = tar.next();
        if (!entry)
            return entry.failure();
        if (!entry->has_value())
            break;
        const TarEntry current = **entry;
        if (manifest)
            return invalid(QStringLiteral("%1 comes after the manifest, which must be last").arg(current.name));
        if (!isAllowedEntryName(current.name))
            return invalid(QStringLiteral("the backup holds an unexpected file: %1").arg(current.name));
        if (extracted.contains(current.name))
            return invalid(QStringLiteral("the backup holds %1 twice").arg(current.name));
        if (current.name == ManifestName) {
            if (current.size > 64 * 1024 * 1024)
                return invalid(QStringLiteral("the manifest is implausibly large"));
            QFile target(dir.filePath(ManifestName));
            if (!target.open(QIODevice::WriteOnly))
                return BackupFailure{BackupError::Io, QStringLiteral("cannot write %1").arg(target.fileName())};
            BackupResult<QByteArray> read = tar.readData(target);
            if (!read)
                return read.failure();
            target.close();
            if (!target.open(QIODevice::ReadOnly))
                return BackupFailure{BackupError::Io, QStringLiteral("cannot read %1").arg(target.fileName())};
            BackupResult<BackupManifest> parsed = BackupManifest::fromJson(target.readAll());
            if (!parsed)
                return parsed.failure();
            manifest = *parsed;
            continue;
        }
        QFile target(dir.filePath(current.name));
        if (!target.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner))
            return BackupFailure{BackupError::Io,
                                 QStringLiteral("cannot write %1: %2").arg(target.fileName(), target.errorString())};
        BackupResult<QByteArray> sha = tar.readData(target);
        if (!sha)
            return sha.failure();
        if (!target.flush() || ::fsync(target.handle()) != 0)
            return BackupFailure{BackupError::Io, QStringLiteral("cannot write %1 to the disk").arg(target.fileName())};
        extracted.insert(current.name, Extracted{current.size, *sha});
    }
    if (!manifest)
        return invalid(QStringLiteral("the backup has no manifest (incomplete file?)"));

    // Every byte as the manifest says, nothing missing, nothing extra.
    QSet<QString> listed;
    for (const ManifestFile &entry : std::as_const(manifest->files)) {
        listed.insert(entry.path);
        const auto found = extracted.constFind(entry.path);
        if (found == extracted.constEnd())
            return invalid(QStringLiteral("%1 is listed in the manifest but not in the backup").arg(entry.path));
        if (found->size != entry.size || found->sha256 != entry.sha256)
            return invalid(
                QStringLiteral("the checksum of %1 does not match the manifest (the file is damaged)").arg(entry.path));
    }
    for (auto it = extracted.constBegin(); it != extracted.constEnd(); ++it) {
        if (!listed.contains(it.key()))
            return invalid(QStringLiteral("%1 is in the backup but not in its manifest").arg(it.key()));
    }
    if (!extracted.contains(DatabaseEntryName))
        return invalid(QStringLiteral("the backup holds no database"));

    // The database itself.
    BackupResult<DatabaseFacts> facts = checkDatabase(dir.filePath(DatabaseEntryName));
    if (!facts)
        return invalid(QStringLiteral("the database in the backup is not usable: ") + facts.errorMessage());
    if (facts->schemaVersion != manifest->schemaVersion)
        return invalid(QStringLiteral("the database has schema version %1, the manifest says %2")
                           .arg(facts->schemaVersion)
                           .arg(manifest->schemaVersion));
    if (!(facts->counts == manifest->counts)) {
        return invalid(
            QStringLiteral("the database holds %1 users, %2 chats, %3 messages, %4 uploads; the manifest says "
                           "%5, %6, %7, %8")
                .arg(facts->counts.users)
                .arg(facts->counts.chats)
                .arg(facts->counts.messages)
                .arg(facts->counts.uploads)
                .arg(manifest->counts.users)
                .arg(manifest->counts.chats)
                .arg(manifest->counts.messages)
                .arg(manifest->counts.uploads));
    }
    const QSet<QString> missing(manifest->missingUploads.cbegin(), manifest->missingUploads.cend());
    for (const QString &name : std::as_const(facts->uploadFileNames)) {
        if (!extracted.contains(UploadsEntryPrefix + name) && !missing.contains(name))
            return invalid(
                QStringLiteral("the upload %1 is named by the database but missing from the backup").arg(name));
    }
    QFile::remove(dir.filePath(ManifestName));
    return *manifest;
}

QString stagingPath(const QString &parent)
{
    return QDir(parent).filePath(QStringLiteral(".restore-%1").arg(QRandomGenerator::system()->generate64(), 0, 16));
}

void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

BackupResult<BackupManifest> verifyBackup(const QString &file)
{
    const QString staging = stagingPath(QDir::tempPath());
    if (!QDir().mkpath(staging))
        return BackupFailure{BackupError::Io, QStringLiteral("cannot create %1").arg(staging)};
    BackupResult<BackupManifest> result = extractAndVerify(file, staging);
    QDir(staging).removeRecursively();
    return result;
}

BackupResult<BackupManifest> restoreBackup(const QString &file, const RestoreTarget &target)
{
    if (!QFileInfo(file).isFile())
        return BackupFailure{BackupError::Io, QStringLiteral("there is no backup file %1").arg(file)};
    QDir dataDir(target.dataDir);
    if (dataDir.exists()) {
        if (!dataDir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot).isEmpty()) {
            return BackupFailure{BackupError::NotEmpty,
                                 QStringLiteral("the data directory %1 is not empty; a backup is only restored into an "
                                                "empty or new directory (move the old one aside first)")
                                     .arg(target.dataDir)};
        }
    } else if (!QDir().mkpath(target.dataDir)) {
        return BackupFailure{BackupError::Io,
                             QStringLiteral("cannot create the data directory %1").arg(target.dataDir)};
    }
    QFile::setPermissions(target.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString staging = stagingPath(target.dataDir);
    if (!QDir().mkpath(staging))
        return BackupFailure{BackupError::Io, QStringLiteral("cannot create %1").arg(staging)};
    BackupResult<BackupManifest> verified = extractAndVerify(file, staging);
    if (!verified) {
        QDir(staging).removeRecursively();
        return verified;
    }
    const QDir from(staging);
    const bool moved
        = QFile::rename(from.filePath(DatabaseEntryName), dataDir.filePath(target.databaseFileName))
          && QFile::rename(from.filePath(QStringLiteral("uploads")), dataDir.filePath(target.uploadsDirName));
    QDir(staging).removeRecursively();
    if (!moved) {
        QFile::remove(dataDir.filePath(target.databaseFileName));
        QDir(dataDir.filePath(target.uploadsDirName)).removeRecursively();
        return BackupFailure{BackupError::Io,
                             QStringLiteral("cannot move the restored files into %1").arg(target.dataDir)};
    }
    syncDirectory(target.dataDir);
    return verified;
}

} // namespace craftchat::backup
