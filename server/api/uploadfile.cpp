#include "server/api/uploadfile.h"

#include <QFileInfo>
#include <QUrl>

#include <algorithm>

namespace craftchat::api {

UploadKind sniffUpload(const QByteArray &head)
{
    if (head.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)))
        return UploadKind::Png;
    if (head.size() >= 3 && quint8(head[0]) == 0xFF && quint8(head[1]) == 0xD8 && quint8(head[2]) == 0xFF)
        return UploadKind::Jpeg;
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP")
        return UploadKind::Webp;
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return UploadKind::Gif;
    if (head.startsWith("%PDF-"))
        return UploadKind::Pdf;
    return UploadKind::Other;
}

bool isImage(UploadKind kind)
{
    return kind == UploadKind::Png || kind == UploadKind::Jpeg || kind == UploadKind::Webp || kind == UploadKind::Gif;
}

QByteArray imageFormat(UploadKind kind)
{
    switch (kind) {
    case UploadKind::Png:
        return "png";
    case UploadKind::Jpeg:
        return "jpeg";
    case UploadKind::Webp:
        return "webp";
    case UploadKind::Gif:
        return "gif";
    case UploadKind::Pdf:
    case UploadKind::Other:
        break;
    }
    return {};
}

UploadType uploadType(UploadKind kind, const QString &originalName)
{
    switch (kind) {
    case UploadKind::Png:
        return {QStringLiteral("image/png"), QStringLiteral("png")};
    case UploadKind::Jpeg:
        return {QStringLiteral("image/jpeg"), QStringLiteral("jpg")};
    case UploadKind::Webp:
        return {QStringLiteral("image/webp"), QStringLiteral("webp")};
    case UploadKind::Gif:
        return {QStringLiteral("image/gif"), QStringLiteral("gif")};
    case UploadKind::Pdf:
        return {QStringLiteral("application/pdf"), QStringLiteral("pdf")};
    case UploadKind::Other:
        break;
    }
    struct Known
    {
        const char *extension;
        const char *mime;
    };
    static const Known known[] = {
        {"doc", "application/msword"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xls", "application/vnd.ms-excel"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {"ppt", "application/vnd.ms-powerpoint"},
        {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"txt", "text/plain"},
        {"csv", "text/csv"},
        {"zip", "application/zip"},
    };
    const QString suffix = QFileInfo(originalName).suffix().toLower();
    for (const Known &k : known) {
        if (suffix == QLatin1String(k.extension))
            return {QString::fromLatin1(k.mime), suffix};
    }
    return {QStringLiteral("application/octet-stream"), QStringLiteral("bin")};
}

QString cleanUploadName(const QByteArray &headerValue)
{
    QString name = QUrl::fromPercentEncoding(headerValue.trimmed());
    // The last path segment, whichever separator the sender's system uses.
    const qsizetype slash = std::max(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        name = name.mid(slash + 1);
    QString clean;
    clean.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.category() == QChar::Other_Control || c == QChar::ReplacementCharacter)
            continue;
        clean.append(c);
    }
    clean = clean.trimmed();
    if (clean == QLatin1String(".") || clean == QLatin1String(".."))
        clean.clear();
    // At most 255 bytes of UTF-8, never half a character (nor half a surrogate pair). Every
    // UTF-16 unit is at least one byte, so a first cut at 255 units is safe.
    if (clean.size() > 255) {
        clean.truncate(255);
        if (clean.back().isHighSurrogate())
            clean.chop(1);
    }
    while (clean.toUtf8().size() > 255) {
        clean.chop(1);
        if (!clean.isEmpty() && clean.back().isHighSurrogate())
            clean.chop(1);
    }
    return clean.isEmpty() ? QStringLiteral("file") : clean;
}

QByteArray attachmentDisposition(const QString &name)
{
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    return "attachment; filename*=UTF-8''" + QUrl::toPercentEncoding(name, "!#$&+-.^_`|~");
}

} // namespace craftchat::api
