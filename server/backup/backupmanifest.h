// manifest.json, the last entry of a backup file: what the backup holds (row counts, every
// file with its size and SHA-256), read back by the restore to verify each byte.
//
// {"format":"craftchat-backup","formatVersion":1,"createdAt":"2026-12-07T21:50:00.000Z",
//  "serverVersion":"0.1.0","schemaVersion":6,
//  "counts":{"users":12,"chats":30,"messages":4210,"uploads":17},
//  "files":[{"path":"craftchat.sqlite","size":1048576,"sha256":"9f8..."},
//           {"path":"uploads/3f9c...pdf","size":48213,"sha256":"..."}]}
#pragma once

#include "server/backup/backuperror.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace craftchat::backup {

inline const QString ManifestName = QStringLiteral("manifest.json");
inline const QString DatabaseEntryName = QStringLiteral("craftchat.sqlite");
inline const QString UploadsEntryPrefix = QStringLiteral("uploads/");

struct BackupCounts
{
    qint64 users = 0;
    qint64 chats = 0;
    qint64 messages = 0;
    qint64 uploads = 0;

    friend bool operator==(const BackupCounts &, const BackupCounts &) = default;
};

struct ManifestFile
{
    QString path;
    qint64 size = 0;
    QByteArray sha256; // lower-case hex
};

struct BackupManifest
{
    static constexpr int FormatVersion = 1;

    QDateTime createdAt;
    QString serverVersion;
    int schemaVersion = 0;
    BackupCounts counts;
    QList<ManifestFile> files;
    // Uploads the database names whose file was already gone from the uploads folder when
    // the backup was written (deleted by hand): listed, so the restore knows they are absent.
    QStringList missingUploads;

    QByteArray toJson() const;
    static BackupResult<BackupManifest> fromJson(const QByteArray &json);
};

// True for the names a backup may hold: the database, the manifest, and uploads/<name> with a
// plain file name (letters, digits, '.', '_', '-'; not starting with '.').
bool isAllowedEntryName(const QString &name);

} // namespace craftchat::backup
