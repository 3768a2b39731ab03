#include "ui/util/photoupload.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

namespace craftchat::ui {

QString PhotoUpload::check(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return tr("%1 cannot be read.").arg(info.fileName());
    if (info.size() > MaxSourceBytes)
        return tr("%1 is too large to send.").arg(info.fileName());
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    if (!reader.canRead())
        return tr("%1 is not a photo. CraftChat sends photos (JPEG, PNG, WebP).").arg(info.fileName());
    return {};
}

PhotoUpload::Prepared PhotoUpload::prepare(const QString &path, qint64 maxBytes, int maxEdge)
{
    Prepared result;
    QFile file(path);
    if (file.size() > MaxSourceBytes || !file.open(QIODevice::ReadOnly)) {
        result.error = tr("The photo to send can no longer be read.");
        return result;
    }
    QImageReader reader(&file);
    reader.setDecideFormatFromContent(true);
    reader.setAutoTransform(true);
    const QSize original = reader.size();
    // The server takes PNG, JPEG and WebP as they are; anything else Qt reads is converted.
    const QByteArray format = reader.format().toLower();
    const bool sendable = format == "png" || format == "jpeg" || format == "jpg" || format == "webp";
    const bool fits = sendable && file.size() <= maxBytes && original.isValid()
                      && qMax(original.width(), original.height()) <= maxEdge;
    if (fits) {
        file.seek(0);
        result.bytes = file.readAll();
        result.size = original;
        return result;
    }
    QImage image = reader.read();
    if (image.isNull()) {
        result.error = tr("The file is not a photo CraftChat can read.");
        return result;
    }
    if (qMax(image.width(), image.height()) > maxEdge)
        image = image.scaled(maxEdge, maxEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (image.hasAlphaChannel())
        image = image.convertToFormat(QImage::Format_RGB32); // JPEG has no transparency
    // Lower the quality step by step in the rare case a picture still does not fit.
    for (int quality = JpegQuality; quality >= 40; quality -= 15) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(quality);
        if (!writer.write(image))
            break;
        if (bytes.size() <= maxBytes) {
            result.bytes = std::move(bytes);
            result.size = image.size();
            result.scaled = image.size() != original;
            return result;
        }
    }
    result.error = tr("The photo is too large to send, even scaled down.");
    return result;
}

} // namespace craftchat::ui
