// What an upload is (contract section 9): its kind from the content (PNG, JPEG, WebP, GIF,
// PDF), else from the name's extension among common document types, else
// application/octet-stream; the name it was sent with, cleaned; how it is served.
#pragma once

#include <QByteArray>
#include <QString>

namespace craftchat::api {

enum class UploadKind {
    Other,
    Png,
    Jpeg,
    Webp,
    Gif,
    Pdf
};

// From the first bytes of the file (16 are enough).
UploadKind sniffUpload(const QByteArray &head);
bool isImage(UploadKind kind);
// "png", "jpeg", "webp", "gif": the QImageReader format that must decode it.
QByteArray imageFormat(UploadKind kind);

struct UploadType
{
    QString mimeType;  // e.g. "image/png", "application/pdf", "application/octet-stream"
    QString extension; // of the stored name, without the dot: "png", "docx", ... or "bin"
};
UploadType uploadType(UploadKind kind, const QString &originalName);

// X-File-Name (percent-encoded UTF-8) as stored: its last path segment, control characters
// removed, at most 255 bytes of UTF-8 (cut at a character boundary); "file" when that leaves
// nothing (or the header is absent).
QString cleanUploadName(const QByteArray &headerValue);

// attachment; filename*=UTF-8''<percent-encoded name>
QByteArray attachmentDisposition(const QString &name);

} // namespace craftchat::api
