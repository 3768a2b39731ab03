#include "server/api/imagesniffer.h"

namespace craftchat::api {

ImageKind sniffImage(const QByteArray &bytes)
{
    static const QByteArray png("\x89PNG\r\n\x1a\n", 8);
    if (bytes.startsWith(png))
        return ImageKind::Png;
    if (bytes.size() >= 3 && quint8(bytes[0]) == 0xFF && quint8(bytes[1]) == 0xD8
        && quint8(bytes[2]) == 0xFF)
        return ImageKind::Jpeg;
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP")
        return ImageKind::Webp;
    return ImageKind::None;
}

QString imageExtension(ImageKind kind)
{
    switch (kind) {
    case ImageKind::Png: return QStringLiteral("png");
    case ImageKind::Jpeg: return QStringLiteral("jpg");
    case ImageKind::Webp: return QStringLiteral("webp");
    case ImageKind::None: break;
    }
    return {};
}

QByteArray imageContentType(const QString &extension)
{
    if (extension == QLatin1String("png"))
        return "image/png";
    if (extension == QLatin1String("jpg"))
        return "image/jpeg";
    if (extension == QLatin1String("webp"))
        return "image/webp";
    return {};
}

} // namespace craftchat::api
