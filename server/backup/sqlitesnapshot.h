// SQLite through its C API for the backup layer: the online copy of a live database and the
// checks of a copy (integrity, counts, the uploads it names).
#pragma once

#include "server/backup/backuperror.h"
#include "server/backup/backupmanifest.h"

#include <QString>
#include <QStringList>

namespace craftchat::backup {

// Copies the database at `source` into the new file `target` as of one commit (one backup
// step in one read transaction), then makes the copy a rollback-journal database.
BackupResult<void> snapshotDatabase(const QString &source, const QString &target);

struct DatabaseFacts
{
    int schemaVersion = 0;
    BackupCounts counts;
    QStringList uploadFileNames;
};

// PRAGMA integrity_check (Invalid unless "ok"), then the facts of a self-contained copy.
BackupResult<DatabaseFacts> checkDatabase(const QString &path);

} // namespace craftchat::backup
