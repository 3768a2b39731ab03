// Verifies a backup file and restores it into an empty data directory.
//
// Everything is checked before anything is put in place: the archive's headers, only the
// names a backup may hold (no paths elsewhere), the manifest last, every file's size and
// SHA-256 against the manifest and no file missing or extra, PRAGMA integrity_check of the
// database, its schema version and row counts against the manifest, and every upload it names
// present. The files are extracted into a hidden folder inside the data directory and only
// moved into place when all of that holds; on any failure that folder is removed and the data
// directory is left as it was.
#pragma once

#include "server/backup/backuperror.h"
#include "server/backup/backupmanifest.h"

#include <QString>

namespace craftchat::backup {

struct RestoreTarget
{
    QString dataDir;
    QString databaseFileName = DatabaseEntryName; // in dataDir
    QString uploadsDirName = QStringLiteral("uploads");
};

// Checks `file` completely (into a temporary folder that is removed again) and returns its
// manifest, or why it does not verify (BackupError::Invalid, or Io).
BackupResult<BackupManifest> verifyBackup(const QString &file);

// NotEmpty when target.dataDir exists and holds anything; Invalid when the file does not
// verify; Io when a file cannot be written.
BackupResult<BackupManifest> restoreBackup(const QString &file, const RestoreTarget &target);

} // namespace craftchat::backup
