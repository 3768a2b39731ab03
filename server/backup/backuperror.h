// The backup layer's errors and its instantiation of the project's Result type.
#pragma once

#include "common/core/result.h"

#include <QString>

namespace craftchat::backup {

enum class BackupError {
    None,
    Io,            // a file or folder cannot be read or written (disk full, no permission, ...)
    Database,      // SQLite refused the snapshot (busy for too long, the database is damaged)
    Invalid,       // a backup file that does not verify: format, checksum, manifest, integrity
    NotEmpty,      // a restore into a data directory that already holds something
    Busy,          // a backup is already running
    NotConfigured, // no folder to write scheduled / requested backups into
};

QString backupErrorName(BackupError error);

using BackupFailure = Error<BackupError>;
template <typename T>
using BackupResult = Result<T, BackupFailure>;

} // namespace craftchat::backup
