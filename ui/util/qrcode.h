// QR codes with libqrencode (Debian's libqrencode4): the module matrix of a text and its
// picture, black modules on white with the quiet zone of four modules the standard asks for,
// so that a phone's camera finds it on any background.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>

namespace craftchat::ui::qrcode {

struct Matrix
{
    int size = 0;        // modules per side (21 for version 1, + 4 per version)
    QList<bool> modules; // row by row, true = dark
    bool isNull() const { return size == 0; }
    bool dark(int x, int y) const { return modules.at(y * size + x); }
};

constexpr int QuietZoneModules = 4;

// Error correction level M (15 %), 8-bit mode, the smallest version that fits; null when the
// text does not fit into a QR code at all.
Matrix encode(const QByteArray &utf8);
// moduleSize pixels per module, the quiet zone around it; a null image for a null matrix.
QImage render(const Matrix &matrix, int moduleSize);

} // namespace craftchat::ui::qrcode
