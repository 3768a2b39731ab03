#include "server/api/imagemetadata.h"

#include <QByteArray>
#include <QIODevice>
#include <QtEndian>

#include <algorithm>

namespace craftchat::api {

namespace {

constexpr qint64 CopyPieceBytes = 64 * 1024;

bool readExactly(QIODevice &in, char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const qint64 n = in.read(data + done, size - done);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

bool writeAll(QIODevice &out, const char *data, qint64 size)
{
    return out.write(data, size) == size;
}

// Copies (or, with out == nullptr, skips) exactly `size` bytes in bounded pieces.
bool pass(QIODevice &in, QIODevice *out, qint64 size)
{
    char buffer[CopyPieceBytes];
    while (size > 0) {
        const qint64 piece = std::min(size, CopyPieceBytes);
        if (!readExactly(in, buffer, piece))
            return false;
        if (out && !writeAll(*out, buffer, piece))
            return false;
        size -= piece;
    }
    return true;
}

bool copyRest(QIODevice &in, QIODevice &out)
{
    char buffer[CopyPieceBytes];
    for (;;) {
        const qint64 n = in.read(buffer, CopyPieceBytes);
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        if (!writeAll(out, buffer, n))
            return false;
    }
}

const QString Truncated = QStringLiteral("the image is truncated or malformed");
const QString WriteFailed = QStringLiteral("writing the cleaned image failed");

} // namespace

StripResult stripJpegMetadata(QIODevice &in, QIODevice &out)
{
    unsigned char soi[2];
    if (!readExactly(in, reinterpret_cast<char *>(soi), 2) || soi[0] != 0xFF || soi[1] != 0xD8)
        return QStringLiteral("not a JPEG file");
    if (!writeAll(out, "\xFF\xD8", 2))
        return WriteFailed;
    for (;;) {
        unsigned char byte = 0;
        if (!readExactly(in, reinterpret_cast<char *>(&byte), 1) || byte != 0xFF)
            return Truncated;
        unsigned char marker = 0xFF;
        while (marker == 0xFF) { // fill bytes before a marker
            if (!readExactly(in, reinterpret_cast<char *>(&marker), 1))
                return Truncated;
        }
        if (marker == 0x00)
            return Truncated;
        const char markerBytes[2] = {char(0xFF), char(marker)};
        if (marker == 0xD9) // EOI without image data
            return writeAll(out, markerBytes, 2) ? StripResult() : StripResult(WriteFailed);
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
            if (!writeAll(out, markerBytes, 2))
                return WriteFailed;
            continue;
        }
        unsigned char lengthBytes[2];
        if (!readExactly(in, reinterpret_cast<char *>(lengthBytes), 2))
            return Truncated;
        const qint64 length = qFromBigEndian<quint16>(lengthBytes);
        if (length < 2)
            return Truncated;
        const bool drop = marker == 0xE1 /* APP1: Exif, XMP */ || marker == 0xED /* APP13: IPTC */
                          || marker == 0xFE /* COM */;
        if (drop) {
            if (!pass(in, nullptr, length - 2))
                return Truncated;
            continue;
        }
        if (!writeAll(out, markerBytes, 2) || !writeAll(out, reinterpret_cast<const char *>(lengthBytes), 2))
            return WriteFailed;
        if (!pass(in, &out, length - 2))
            return Truncated;
        if (marker == 0xDA) { // start of scan: the image data and whatever follows stay as they are
            return copyRest(in, out) ? StripResult() : StripResult(WriteFailed);
        }
    }
}

StripResult stripPngMetadata(QIODevice &in, QIODevice &out)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    char head[8];
    if (!readExactly(in, head, 8) || QByteArray(head, 8) != signature)
        return QStringLiteral("not a PNG file");
    if (!writeAll(out, head, 8))
        return WriteFailed;
    for (;;) {
        char chunkHead[8];
        if (!readExactly(in, chunkHead, 8))
            return Truncated;
        const quint32 length = qFromBigEndian<quint32>(chunkHead);
        if (length > 0x7FFFFFFFu)
            return Truncated;
        const QByteArray type(chunkHead + 4, 4);
        for (char c : type) {
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
                return Truncated;
        }
        const bool drop = type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME";
        if (drop) {
            if (!pass(in, nullptr, qint64(length) + 4))
                return Truncated;
            continue;
        }
        if (!writeAll(out, chunkHead, 8))
            return WriteFailed;
        if (!pass(in, &out, qint64(length) + 4))
            return Truncated;
        if (type == "IEND")
            return {};
    }
}

StripResult stripWebpMetadata(QIODevice &in, QIODevice &out)
{
    char header[12];
    if (!readExactly(in, header, 12) || QByteArrayView(header, 4) != "RIFF" || QByteArrayView(header + 8, 4) != "WEBP")
        return QStringLiteral("not a WebP file");
    const qint64 riffSize = qFromLittleEndian<quint32>(header + 4);
    if (riffSize < 4 || riffSize % 2 != 0)
        return Truncated;
    const qint64 outStart = out.pos();
    if (!writeAll(out, header, 12))
        return WriteFailed;
    qint64 left = riffSize - 4; // bytes of chunks after "WEBP"
    qint64 written = 4;
    bool first = true;
    while (left > 0) {
        char chunkHead[8];
        if (left < 8 || !readExactly(in, chunkHead, 8))
            return Truncated;
        const QByteArrayView fourcc(chunkHead, 4);
        const qint64 size = qFromLittleEndian<quint32>(chunkHead + 4);
        const qint64 padded = size + (size & 1);
        if (padded > left - 8)
            return Truncated;
        left -= 8 + padded;
        if (fourcc == "EXIF" || fourcc == "XMP ") {
            if (!pass(in, nullptr, padded))
                return Truncated;
            first = false;
            continue;
        }
        if (!writeAll(out, chunkHead, 8))
            return WriteFailed;
        if (first && fourcc == "VP8X") {
            // Flags (first byte): ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02.
            if (size != 10)
                return Truncated;
            char data[10];
            if (!readExactly(in, data, 10))
                return Truncated;
            data[0] = char(quint8(data[0]) & ~0x0Cu);
            if (!writeAll(out, data, 10))
                return WriteFailed;
        } else if (!pass(in, &out, padded)) {
            return Truncated;
        }
        first = false;
        written += 8 + padded;
    }
    // The RIFF size, and VP8X no longer announcing what was dropped.
    const qint64 end = out.pos();
    char sizeBytes[4];
    qToLittleEndian<quint32>(quint32(written), sizeBytes);
    if (!out.seek(outStart + 4) || !writeAll(out, sizeBytes, 4))
        return WriteFailed;
    if (!out.seek(end))
        return WriteFailed;
    return {};
}

} // namespace craftchat::api
