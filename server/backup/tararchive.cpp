#include "server/backup/tararchive.h"

#include <QCryptographicHash>
#include <QIODevice>

#include <cstring>

namespace craftchat::backup {

namespace {

constexpr int BlockBytes = 512;
constexpr qint64 ChunkBytes = 256 * 1024;
constexpr qint64 MaxOctalSize = (qint64(1) << 33) - 1; // 11 octal digits

BackupFailure ioFailure(const QString &what, const QIODevice *device)
{
    return BackupFailure{BackupError::Io, what + QStringLiteral(": ") + device->errorString()};
}

BackupFailure invalid(const QString &what)
{
    return BackupFailure{BackupError::Invalid, what};
}

void putOctal(char *field, int width, qint64 value)
{
    // width-1 digits and a NUL.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), size_t(width - 1));
    field[width - 1] = '\0';
}

unsigned headerChecksum(const unsigned char *block)
{
    unsigned sum = 0;
    for (int i = 0; i < BlockBytes; ++i)
        sum += (i >= 148 && i < 156) ? unsigned(' ') : block[i];
    return sum;
}

std::optional<qint64> parseOctal(const char *field, int width)
{
    qint64 value = 0;
    int i = 0;
    while (i < width && field[i] == ' ')
        ++i;
    bool any = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value > (qint64(1) << 60))
            return std::nullopt;
        value = value * 8 + (field[i] - '0');
        any = true;
    }
    for (; i < width; ++i) {
        if (field[i] != '\0' && field[i] != ' ')
            return std::nullopt;
    }
    return any ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<qint64> parseSize(const char *field)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(field);
    if (bytes[0] == 0x80) {
        // GNU base-256: the rest of the 12 bytes, big-endian.
        qint64 value = 0;
        for (int i = 1; i < 12; ++i) {
            if (value > (qint64(1) << 52))
                return std::nullopt;
            value = (value << 8) | bytes[i];
        }
        return value;
    }
    return parseOctal(field, 12);
}

} // namespace

BackupResult<void> TarWriter::writeHeader(const QString &name, qint64 size, const QDateTime &mtime)
{
    const QByteArray encoded = name.toUtf8();
    if (encoded.isEmpty() || encoded.size() > 99)
        return invalid(QStringLiteral("the name %1 does not fit a tar header").arg(name));
    char block[BlockBytes];
    std::memset(block, 0, sizeof block);
    std::memcpy(block, encoded.constData(), size_t(encoded.size()));
    putOctal(block + 100, 8, 0600);
    putOctal(block + 108, 8, 0);
    putOctal(block + 116, 8, 0);
    if (size <= MaxOctalSize) {
        putOctal(block + 124, 12, size);
    } else {
        auto *field = reinterpret_cast<unsigned char *>(block + 124);
        field[0] = 0x80;
        for (int i = 11; i >= 1; --i) {
            field[i] = static_cast<unsigned char>(size & 0xff);
            size >>= 8;
        }
    }
    putOctal(block + 136, 12, qMax<qint64>(0, mtime.toSecsSinceEpoch()));
    block[156] = '0';
    std::memcpy(block + 257, "ustar", 6); // with its NUL
    std::memcpy(block + 263, "00", 2);
    std::memcpy(block + 265, "craftchat", 9);
    std::memcpy(block + 297, "craftchat", 9);
    const unsigned sum = headerChecksum(reinterpret_cast<const unsigned char *>(block));
    putOctal(block + 148, 7, sum); // six digits, NUL ...
    block[155] = ' ';              // ... and a space, as tar writes it
    if (m_out->write(block, BlockBytes) != BlockBytes)
        return ioFailure(QStringLiteral("cannot write the backup"), m_out);
    return {};
}

BackupResult<void> TarWriter::pad(qint64 size)
{
    const int padding = int((BlockBytes - size % BlockBytes) % BlockBytes);
    if (padding > 0) {
        const QByteArray zeros(padding, '\0');
        if (m_out->write(zeros) != padding)
            return ioFailure(QStringLiteral("cannot write the backup"), m_out);
    }
    return {};
}

BackupResult<QByteArray> TarWriter::addFile(const QString &name, QIODevice &in, qint64 size, const QDateTime &mtime)
{
    if (BackupResult<void> header = writeHeader(name, size, mtime); !header)
        return header.failure();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 left = size;
    QByteArray buffer;
    while (left > 0) {
        buffer = in.read(qMin(left, ChunkBytes));
        if (buffer.isEmpty())
            return ioFailure(QStringLiteral("cannot read %1 (it changed while it was copied?)").arg(name), &in);
        hash.addData(buffer);
        if (m_out->write(buffer) != buffer.size())
            return ioFailure(QStringLiteral("cannot write the backup"), m_out);
        left -= buffer.size();
    }
    if (BackupResult<void> padded = pad(size); !padded)
        return padded.failure();
    return hash.result().toHex();
}

BackupResult<QByteArray> TarWriter::addData(const QString &name, const QByteArray &data, const QDateTime &mtime)
{
    if (BackupResult<void> header = writeHeader(name, data.size(), mtime); !header)
        return header.failure();
    if (m_out->write(data) != data.size())
        return ioFailure(QStringLiteral("cannot write the backup"), m_out);
    if (BackupResult<void> padded = pad(data.size()); !padded)
        return padded.failure();
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

BackupResult<void> TarWriter::finish()
{
    const QByteArray zeros(2 * BlockBytes, '\0');
    if (m_out->write(zeros) != zeros.size())
        return ioFailure(QStringLiteral("cannot write the backup"), m_out);
    return {};
}

BackupResult<std::optional<TarEntry>> TarReader::next()
{
    if (!m_dataRead)
        return invalid(QStringLiteral("internal: an entry's data was skipped"));
    char block[BlockBytes];
    const qint64 got = m_in->read(block, BlockBytes);
    if (got != BlockBytes)
        return invalid(QStringLiteral("the file ends in the middle (truncated?)"));
    bool zero = true;
    for (char c : block) {
        if (c != '\0') {
            zero = false;
            break;
        }
    }
    if (zero)
        return std::optional<TarEntry>();
    const auto expected = parseOctal(block + 148, 8);
    if (!expected || unsigned(*expected) != headerChecksum(reinterpret_cast<const unsigned char *>(block)))
        return invalid(QStringLiteral("a header's checksum does not match (the file is damaged)"));
    if (std::memcmp(block + 257, "ustar", 5) != 0)
        return invalid(QStringLiteral("not a backup archive (no ustar header)"));
    if (block[156] != '0' && block[156] != '\0')
        return invalid(QStringLiteral("the archive holds something other than plain files"));
    if (block[345] != '\0')
        return invalid(QStringLiteral("the archive uses long names, which a backup never does"));
    const char *end = static_cast<const char *>(std::memchr(block, '\0', 100));
    const QString name = QString::fromUtf8(block, end ? int(end - block) : 100);
    const auto size = parseSize(block + 124);
    if (!size)
        return invalid(QStringLiteral("the size of %1 is unreadable").arg(name));
    m_remaining = *size;
    m_dataRead = false;
    return std::optional<TarEntry>(TarEntry{name, *size});
}

BackupResult<QByteArray> TarReader::readData(QIODevice &out)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const qint64 size = m_remaining;
    QByteArray buffer;
    while (m_remaining > 0) {
        buffer = m_in->read(qMin(m_remaining, ChunkBytes));
        if (buffer.isEmpty())
            return invalid(QStringLiteral("the file ends in the middle (truncated?)"));
        hash.addData(buffer);
        if (out.write(buffer) != buffer.size())
            return ioFailure(QStringLiteral("cannot write a restored file"), &out);
        m_remaining -= buffer.size();
    }
    const qint64 padding = (BlockBytes - size % BlockBytes) % BlockBytes;
    if (padding > 0 && m_in->read(padding).size() != padding)
        return invalid(QStringLiteral("the file ends in the middle (truncated?)"));
    m_dataRead = true;
    return hash.result().toHex();
}

} // namespace craftchat::backup
