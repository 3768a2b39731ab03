#include "bench/attackbench/noiseimage.h"

#include <QRandomGenerator>
#include <QtEndian>
#include <array>
#include <cmath>

namespace craftchat::bench {

namespace {

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 c = 0xffffffffu;
    for (const char byte : data)
        c = table[(c ^ quint8(byte)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

QByteArray be32(quint32 value)
{
    QByteArray out(4, '\0');
    qToBigEndian(value, out.data());
    return out;
}

QByteArray chunk(const QByteArray &type, const QByteArray &data)
{
    const QByteArray typed = type + data;
    return be32(quint32(data.size())) + typed + be32(crc32(typed));
}

} // namespace

QByteArray noisePng(qint64 minBytes)
{
    const int side = int(std::ceil(std::sqrt(double(minBytes) / 3.0)));
    QByteArray raw;
    raw.reserve(qsizetype(side) * (1 + 3 * side));
    QRandomGenerator rng(4711);
    for (int y = 0; y < side; ++y) {
        raw.append('\0'); // filter: none
        for (int x = 0; x < 3 * side; ++x)
            raw.append(char(rng.bounded(256)));
    }
    // qCompress: 4-byte length, then a zlib stream (what IDAT holds)
    const QByteArray zlib = qCompress(raw, 1).mid(4);
    QByteArray ihdr = be32(quint32(side)) + be32(quint32(side));
    ihdr += QByteArray::fromRawData("\x08\x02\x00\x00\x00", 5); // 8 bit, RGB, deflate, no filter, no interlace
    return QByteArray::fromRawData("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", zlib)
           + chunk("IEND", {});
}

} // namespace craftchat::bench
