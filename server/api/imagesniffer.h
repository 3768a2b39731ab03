// Recognises an uploaded image by its first bytes (never by name or Content-Type).
#pragma once

#include <QByteArray>
#include <QString>

namespace craftchat::api {

enum class ImageKind { None, Png, Jpeg, Webp };

ImageKind sniffImage(const QByteArray &bytes);
// "png", "jpg", "webp" (empty for None).
QString imageExtension(ImageKind kind);
// The Content-Type an extension is served with (empty when not an image extension).
QByteArray imageContentType(const QString &extension);

} // namespace craftchat::api
