#include "ui/util/qrcode.h"

#include <qrencode.h>

namespace craftchat::ui::qrcode {

Matrix encode(const QByteArray &utf8)
{
    Matrix matrix;
    QRcode *code = QRcode_encodeData(int(utf8.size()), reinterpret_cast<const unsigned char *>(utf8.constData()), 0,
                                     QR_ECLEVEL_M);
    if (!code)
        return matrix;
    matrix.size = code->width;
    matrix.modules.reserve(code->width * code->width);
    for (int i = 0; i < code->width * code->width; ++i)
        matrix.modules.append((code->data[i] & 1) != 0); // bit 0: dark module
    QRcode_free(code);
    return matrix;
}

QImage render(const Matrix &matrix, int moduleSize)
{
    if (matrix.isNull() || moduleSize < 1)
        return {};
    const int side = (matrix.size + 2 * QuietZoneModules) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    const QRgb black = qRgb(0, 0, 0);
    for (int y = 0; y < matrix.size; ++y) {
        for (int x = 0; x < matrix.size; ++x) {
            if (!matrix.dark(x, y))
                continue;
            const int left = (x + QuietZoneModules) * moduleSize;
            const int top = (y + QuietZoneModules) * moduleSize;
            for (int dy = 0; dy < moduleSize; ++dy) {
                auto *line = reinterpret_cast<QRgb *>(image.scanLine(top + dy));
                std::fill(line + left, line + left + moduleSize, black);
            }
        }
    }
    return image;
}

} // namespace craftchat::ui::qrcode
