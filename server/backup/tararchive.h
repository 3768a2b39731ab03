// A minimal POSIX ustar archive: what a backup file is. Regular files only, names of at most
// 100 bytes, sizes up to 8 GiB in octal and beyond that in GNU's base-256 form. Any tar
// (`tar -tvf`, 7-Zip, the file manager) lists and extracts it.
//
// Layout: per file a 512-byte header (name, mode 0600, size, mtime, checksum, "ustar\0" "00"),
// the data, zero padding to a multiple of 512; then two zero blocks.
#pragma once

#include "server/backup/backuperror.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

class QIODevice;

namespace craftchat::backup {

class TarWriter
{
public:
    explicit TarWriter(QIODevice *out)
        : m_out(out)
    {}

    // Copies `size` bytes of `in` as the entry `name`; returns their SHA-256 (hex).
    BackupResult<QByteArray> addFile(const QString &name, QIODevice &in, qint64 size, const QDateTime &mtime);
    BackupResult<QByteArray> addData(const QString &name, const QByteArray &data, const QDateTime &mtime);
    // The two zero blocks that end the archive.
    BackupResult<void> finish();

private:
    BackupResult<void> writeHeader(const QString &name, qint64 size, const QDateTime &mtime);
    BackupResult<void> pad(qint64 size);

    QIODevice *m_out;
};

struct TarEntry
{
    QString name;
    qint64 size = 0;
};

class TarReader
{
public:
    explicit TarReader(QIODevice *in)
        : m_in(in)
    {}

    // The next entry's header, or nullopt at the end of the archive. Refuses anything but a
    // regular file with a valid header checksum.
    BackupResult<std::optional<TarEntry>> next();
    // The current entry's data, streamed into `out` (at most `limit` bytes at once in memory);
    // returns its SHA-256 (hex). Must be called once per entry before next().
    BackupResult<QByteArray> readData(QIODevice &out);

private:
    QIODevice *m_in;
    qint64 m_remaining = 0;
    bool m_dataRead = true;
};

} // namespace craftchat::backup
