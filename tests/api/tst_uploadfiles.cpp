// Unit tests of what the server does with an uploaded file's bytes and name: the kind and
// MIME type (contract section 9), the cleaned X-File-Name and its Content-Disposition, and the
// metadata filters for JPEG, PNG and WebP (built here: images written with QImageWriter, then
// metadata inserted; the filter must remove exactly that and keep every other byte), with
// truncated and malformed inputs that must be refused without a crash.
#include "server/api/imagemetadata.h"
#include "server/api/uploadfile.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QTest>
#include <QtEndian>

using namespace craftchat::api;

namespace {

QByteArray be16(int v)
{
    QByteArray b(2, '\0');
    qToBigEndian<quint16>(quint16(v), b.data());
    return b;
}

QByteArray be32(quint32 v)
{
    QByteArray b(4, '\0');
    qToBigEndian<quint32>(v, b.data());
    return b;
}

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian<quint32>(v, b.data());
    return b;
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    return be32(quint32(data.size())) + type + data + be32(crc32(type + data));
}

QByteArray jpegSegment(quint8 marker, const QByteArray &payload)
{
    return QByteArray(1, char(0xFF)) + char(marker) + be16(int(payload.size()) + 2) + payload;
}

QImage testImage()
{
    QImage image(24, 16, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb(x * 10, y * 15, (x * y) % 256));
    return image;
}

QByteArray encode(const QByteArray &format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(testImage()))
        qWarning("writing %s failed: %s", format.constData(), qPrintable(writer.errorString()));
    return bytes;
}

using Filter = StripResult (*)(QIODevice &, QIODevice &);

std::optional<QByteArray> strip(Filter filter, const QByteArray &input)
{
    QByteArray in = input;
    QBuffer source(&in);
    source.open(QIODevice::ReadOnly);
    QByteArray out;
    QBuffer sink(&out);
    sink.open(QIODevice::ReadWrite);
    const StripResult result = filter(source, sink);
    if (!result)
        return std::nullopt;
    return out;
}

const QByteArray GpsLike = QByteArray("GPSLatitude=52.5200N;GPSLongitude=13.4050E;Owner=Clara");

// A WebP in the extended format: VP8X (flags), the image chunk, then EXIF and XMP.
QByteArray webpExtended(quint8 flags, bool withMetadata, const QByteArray &imageChunk)
{
    QByteArray vp8x = "VP8X" + le32(10) + char(flags) + QByteArray(3, '\0') + QByteArray("\x17\x00\x00\x0f\x00\x00", 6);
    QByteArray chunks = vp8x + imageChunk;
    if (withMetadata) {
        chunks += "EXIF" + le32(quint32(GpsLike.size())) + GpsLike
                  + (GpsLike.size() % 2 ? QByteArray(1, '\0') : QByteArray());
        const QByteArray xmp("<x:xmpmeta>GPS</x:xmpmeta>");
        chunks += "XMP " + le32(quint32(xmp.size())) + xmp + (xmp.size() % 2 ? QByteArray(1, '\0') : QByteArray());
    }
    return "RIFF" + le32(quint32(4 + chunks.size())) + "WEBP" + chunks;
}

const QByteArray Vp8lChunk = "VP8L" + le32(5) + QByteArray("\x2f\x01\x02\x03\x04", 5) + QByteArray(1, '\0');

} // namespace

class TestUploadFiles : public QObject
{
    Q_OBJECT

private slots:
    void names_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("name");
        QTest::newRow("absent") << QByteArray() << QStringLiteral("file");
        QTest::newRow("plain") << QByteArray("offer.pdf") << QStringLiteral("offer.pdf");
        QTest::newRow("percent-encoded UTF-8")
            << QByteArray("Angebot%20K%C3%BCche.pdf") << QStringLiteral("Angebot Küche.pdf");
        QTest::newRow("unix path") << QByteArray("..%2F..%2Fetc%2Fpasswd") << QStringLiteral("passwd");
        QTest::newRow("windows path") << QByteArray("C:%5CUsers%5Cclara%5Cplan.png") << QStringLiteral("plan.png");
        QTest::newRow("control characters") << QByteArray("a%0D%0Ab%00c%1B.txt") << QStringLiteral("abc.txt");
        QTest::newRow("only a slash") << QByteArray("%2F") << QStringLiteral("file");
        QTest::newRow("dot dot") << QByteArray("..") << QStringLiteral("file");
        QTest::newRow("long ascii") << QByteArray(300, 'a') << QString(255, QLatin1Char('a'));
        // 2-byte characters: 127 fit in 254 bytes, a 128th would make 256.
        QTest::newRow("long two-byte") << QByteArray("%C3%BC").repeated(200) << QString(127, QChar(0xFC));
        // 4-byte characters (surrogate pairs in UTF-16): 63 fit in 252 bytes, never half of one.
        QTest::newRow("long emoji") << QByteArray("%F0%9F%94%A7").repeated(100)
                                    << QString::fromUtf8(QByteArray("\xF0\x9F\x94\xA7").repeated(63));
    }

    void names()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, name);
        const QString cleaned = cleanUploadName(header);
        QCOMPARE(cleaned, name);
        QVERIFY(cleaned.toUtf8().size() <= 255);
    }

    void types_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("mime");
        QTest::addColumn<QString>("extension");
        QTest::newRow("png by content") << int(UploadKind::Png) << QStringLiteral("x.pdf")
                                        << QStringLiteral("image/png") << QStringLiteral("png");
        QTest::newRow("pdf by content") << int(UploadKind::Pdf) << QStringLiteral("x.png")
                                        << QStringLiteral("application/pdf") << QStringLiteral("pdf");
        QTest::newRow("gif") << int(UploadKind::Gif) << QString() << QStringLiteral("image/gif")
                             << QStringLiteral("gif");
        QTest::newRow("docx by name") << int(UploadKind::Other) << QStringLiteral("Offer.DOCX")
                                      << QStringLiteral(
                                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                                      << QStringLiteral("docx");
        QTest::newRow("csv") << int(UploadKind::Other) << QStringLiteral("list.csv") << QStringLiteral("text/csv")
                             << QStringLiteral("csv");
        QTest::newRow("zip") << int(UploadKind::Other) << QStringLiteral("a.zip") << QStringLiteral("application/zip")
                             << QStringLiteral("zip");
        QTest::newRow("html is nothing special") << int(UploadKind::Other) << QStringLiteral("page.html")
                                                 << QStringLiteral("application/octet-stream") << QStringLiteral("bin");
        QTest::newRow("svg neither") << int(UploadKind::Other) << QStringLiteral("x.svg")
                                     << QStringLiteral("application/octet-stream") << QStringLiteral("bin");
        QTest::newRow("no extension") << int(UploadKind::Other) << QStringLiteral("file")
                                      << QStringLiteral("application/octet-stream") << QStringLiteral("bin");
        QTest::newRow("png named but not png") << int(UploadKind::Other) << QStringLiteral("fake.png")
                                               << QStringLiteral("application/octet-stream") << QStringLiteral("bin");
    }

    void types()
    {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(QString, mime);
        QFETCH(QString, extension);
        const UploadType type = uploadType(UploadKind(kind), name);
        QCOMPARE(type.mimeType, mime);
        QCOMPARE(type.extension, extension);
    }

    void disposition()
    {
        QCOMPARE(attachmentDisposition(QStringLiteral("Angebot Küche \"v2\".pdf")),
                 QByteArray("attachment; filename*=UTF-8''Angebot%20K%C3%BCche%20%22v2%22.pdf"));
        QCOMPARE(attachmentDisposition(QStringLiteral("a;b\r\n.txt")),
                 QByteArray("attachment; filename*=UTF-8''a%3Bb%0D%0A.txt"));
    }

    void jpegMetadataRemoved()
    {
        const QByteArray original = encode("jpeg");
        QVERIFY(original.startsWith("\xFF\xD8"));
        // After SOI: an Exif APP1 with a GPS-like payload, an XMP APP1, an APP13 and a comment.
        QByteArray tagged
            = original.left(2) + jpegSegment(0xE1, QByteArray("Exif\0\0", 6) + GpsLike)
              + jpegSegment(0xE1, QByteArray("http://ns.adobe.com/xap/1.0/\0", 29) + "<x:xmpmeta>GPS</x:xmpmeta>")
              + jpegSegment(0xED, QByteArray("Photoshop 3.0\0", 14) + GpsLike) + jpegSegment(0xFE, "taken at home")
              + original.mid(2);
        QVERIFY(QImage::fromData(tagged, "jpeg").size() == testImage().size());
        const auto stripped = strip(stripJpegMetadata, tagged);
        QVERIFY(stripped);
        QCOMPARE(*stripped, original);
        QVERIFY(!stripped->contains("GPSLatitude"));
        QVERIFY(!stripped->contains("taken at home"));
        // The pixels are as sent (the file is the encoder's, byte for byte).
        QCOMPARE(QImage::fromData(*stripped, "jpeg"), QImage::fromData(original, "jpeg"));
    }

    void jpegWithoutMetadataUnchanged()
    {
        const QByteArray original = encode("jpeg");
        const auto stripped = strip(stripJpegMetadata, original);
        QVERIFY(stripped);
        QCOMPARE(*stripped, original);
    }

    void pngMetadataRemoved()
    {
        const QByteArray original = encode("png");
        QVERIFY(original.startsWith("\x89PNG"));
        // After IHDR (8 + 4 + 4 + 13 + 4 = 33 bytes): text chunks; before IEND: eXIf and tIME.
        const qsizetype afterIhdr = 33;
        const qsizetype iend = original.size() - 12;
        QCOMPARE(original.mid(iend + 4, 4), QByteArray("IEND"));
        const QByteArray tagged
            = original.left(afterIhdr) + pngChunk("tEXt", QByteArray("Location\0", 9) + GpsLike)
              + pngChunk("zTXt", QByteArray("Comment\0\0x", 10))
              + pngChunk("iTXt", QByteArray("XML:com.adobe.xmp\0\0\0\0\0", 23) + "<x:xmpmeta>GPS</x:xmpmeta>")
              + original.mid(afterIhdr, iend - afterIhdr) + pngChunk("eXIf", QByteArray("MM\0*", 4) + GpsLike)
              + pngChunk("tIME", QByteArray("\x07\xea\x0c\x07\x13\x00\x00", 7)) + original.mid(iend);
        QVERIFY(!QImage::fromData(tagged, "png").isNull());
        const auto stripped = strip(stripPngMetadata, tagged);
        QVERIFY(stripped);
        QCOMPARE(*stripped, original);
        // Bytes after IEND are not kept either.
        const auto trailing = strip(stripPngMetadata, original + "trailing GPS");
        QVERIFY(trailing);
        QCOMPARE(*trailing, original);
    }

    void webpMetadataRemoved()
    {
        // EXIF 0x08 and XMP 0x04 cleared, alpha 0x10 kept; chunks and RIFF size rewritten.
        const QByteArray tagged = webpExtended(0x10 | 0x08 | 0x04, true, Vp8lChunk);
        const QByteArray expected = webpExtended(0x10, false, Vp8lChunk);
        const auto stripped = strip(stripWebpMetadata, tagged);
        QVERIFY(stripped);
        QCOMPARE(*stripped, expected);
        QCOMPARE(qFromLittleEndian<quint32>(stripped->constData() + 4), quint32(stripped->size() - 8));

        // A simple WebP (no VP8X) has no metadata: copied as it is.
        const QByteArray simple = "RIFF" + le32(4 + quint32(Vp8lChunk.size())) + "WEBP" + Vp8lChunk;
        const auto same = strip(stripWebpMetadata, simple);
        QVERIFY(same);
        QCOMPARE(*same, simple);
    }

    void webpFromEncoder()
    {
        if (!QImageWriter::supportedImageFormats().contains("webp"))
            QFAIL("Qt's WebP plugin is missing (Debian: qt6-image-formats-plugins, see scripts/install-deps.sh)");
        const QByteArray simple = encode("webp");
        QVERIFY(simple.startsWith("RIFF"));
        const QByteArray imageChunk = simple.mid(12);
        const QByteArray tagged = webpExtended(0x08, true, imageChunk);
        const auto stripped = strip(stripWebpMetadata, tagged);
        QVERIFY(stripped);
        QCOMPARE(*stripped, webpExtended(0x00, false, imageChunk));
        QVERIFY(!stripped->contains("GPSLatitude"));
        QCOMPARE(QImage::fromData(*stripped, "webp").size(), testImage().size());
    }

    void truncatedAndMalformedAreRefused_data()
    {
        QTest::addColumn<int>("format"); // 0 JPEG, 1 PNG, 2 WebP
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("jpeg: not a jpeg") << 0 << QByteArray("GIF89a....");
        QTest::newRow("jpeg: only SOI") << 0 << QByteArray("\xFF\xD8", 2);
        QTest::newRow("jpeg: segment past the end")
            << 0 << (QByteArray("\xFF\xD8", 2) + jpegSegment(0xE0, "JFIF").left(6));
        QTest::newRow("jpeg: length below 2") << 0 << QByteArray("\xFF\xD8\xFF\xE0\x00\x01", 6);
        QTest::newRow("jpeg: garbage between segments") << 0 << QByteArray("\xFF\xD8\x12\x34", 4);
        QTest::newRow("png: bad signature") << 1 << QByteArray("\x89PNX\r\n\x1a\n", 8);
        QTest::newRow("png: no IEND") << 1
                                      << (QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", QByteArray(13, '\1')));
        QTest::newRow("png: huge length")
            << 1 << (QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(0xFFFFFFF0u) + "IDAT" + "xx");
        QTest::newRow("png: length past the end")
            << 1 << (QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(0x7FFFFFF0u) + "IDAT" + "xx");
        QTest::newRow("png: bad chunk type") << 1 << (QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("I\x01ND", ""));
        QTest::newRow("webp: not riff") << 2 << QByteArray("RIFX\4\0\0\0WEBP", 12);
        QTest::newRow("webp: riff size past the end") << 2 << ("RIFF" + le32(1000) + "WEBP" + Vp8lChunk);
        QTest::newRow("webp: chunk size past riff") << 2 << ("RIFF" + le32(4 + 8) + "WEBP" + "VP8L" + le32(0x7FFFFFFF));
        QTest::newRow("webp: odd riff size") << 2 << ("RIFF" + le32(5) + "WEBP" + "x");
        QTest::newRow("webp: short VP8X") << 2 << ("RIFF" + le32(4 + 8 + 4) + "WEBP" + "VP8X" + le32(4) + "abcd");
    }

    void truncatedAndMalformedAreRefused()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, input);
        const Filter filters[] = {stripJpegMetadata, stripPngMetadata, stripWebpMetadata};
        QVERIFY(!strip(filters[format], input));
    }

    void everyTruncationIsSafe()
    {
        // Every prefix of a tagged file: a clean refusal or (for JPEG, once the scan started)
        // a copy; never a crash, never metadata in the output.
        const QByteArray jpeg = encode("jpeg");
        const QByteArray taggedJpeg
            = jpeg.left(2) + jpegSegment(0xE1, QByteArray("Exif\0\0", 6) + GpsLike) + jpeg.mid(2);
        for (qsizetype n = 0; n < taggedJpeg.size(); ++n) {
            const auto out = strip(stripJpegMetadata, taggedJpeg.left(n));
            QVERIFY(!out || !out->contains("GPSLatitude"));
        }
        const QByteArray png = encode("png");
        const QByteArray taggedPng
            = png.left(33) + pngChunk("tEXt", QByteArray("Location\0", 9) + GpsLike) + png.mid(33);
        for (qsizetype n = 0; n < taggedPng.size(); ++n)
            QVERIFY2(!strip(stripPngMetadata, taggedPng.left(n)), qPrintable(QString::number(n)));
        const QByteArray webp = webpExtended(0x08, true, Vp8lChunk);
        for (qsizetype n = 0; n < webp.size(); ++n)
            QVERIFY2(!strip(stripWebpMetadata, webp.left(n)), qPrintable(QString::number(n)));
    }
};

QTEST_GUILESS_MAIN(TestUploadFiles)
#include "tst_uploadfiles.moc"
