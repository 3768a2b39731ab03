#include "tests/support/testimages.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>

namespace craftchat::testsupport {

QByteArray encodedTestImage(const char *format, int width, int height)
{
    if (qstrcmp(format, "gif") == 0) {
        // Qt reads GIF but has no writer: a 1x1 GIF89a, whatever size was asked.
        return QByteArray("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
                          "\x21\xf9\x04\x01\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00"
                          "\x00\x02\x02\x44\x01\x00\x3b",
                          43);
    }
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x * 7) % 256, (y * 11) % 256, ((x + y) * 5) % 256));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image))
        return {};
    return bytes;
}

} // namespace craftchat::testsupport
