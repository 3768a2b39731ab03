// Writes one backup file of a data directory, online: the server may keep running and
// committing on the same database meanwhile.
//
// 1. Snapshot: a connection of its own opens the database (WAL: readers never block the
//    writer and see one committed state) and copies it with SQLite's online backup API in one
//    step, i.e. inside one read transaction: a consistent database as of one commit, never a
//    half-written one. The copy goes to a temporary file next to the database (fast local
//    disk, so the read transaction is short) and is switched to journal_mode=DELETE, so it is a
//    single self-contained file. PRAGMA integrity_check runs on the copy; a damaged database
//    is not backed up.
// 2. The rows are counted in the copy, and the uploads it names are added from the uploads
//    folder (an upload's file is in place before its row commits, so every one is there;
//    files of uploads committed after the snapshot are left for the next backup).
// 3. Archive: a ustar file (tararchive.h) craftchat.sqlite, uploads/..., manifest.json
//    (backupmanifest.h), written as <name>.part, fsynced, renamed into place, the folder
//    fsynced: a backup file is either complete or absent.
#pragma once

#include "server/backup/backuperror.h"
#include "server/backup/backupmanifest.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace craftchat::backup {

struct BackupSource
{
    QString databasePath; // <dataDir>/craftchat.sqlite
    QString uploadsDir;   // <dataDir>/uploads
    QString serverVersion;
};

struct BackupInfo
{
    QString file; // absolute path of the backup file written
    qint64 sizeBytes = 0;
    QDateTime createdAt;
    BackupCounts counts;
    qint64 durationMs = 0;
    QStringList missingUploads; // named by the database, file gone (see BackupManifest)
};

// "craftchat-backup-20261207-215000-123.tar" (UTC, with milliseconds); the scheduler's retention knows its backups
// by this shape.
QString backupFileName(const QDateTime &at);
bool isBackupFileName(const QString &name);

// Writes a backup of `source` into `folder` (created when missing). Blocking: run it on a
// thread of its own in a server.
BackupResult<BackupInfo> writeBackup(const BackupSource &source, const QString &folder);

} // namespace craftchat::backup
