#include "server/api/uploadsapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"
#include "server/api/diskfloor.h"
#include "server/api/imagemetadata.h"
#include "server/api/uploadfile.h"
#include "server/api/uploadsink.h"

#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace craftchat::api {

using logging::lcHttp;

namespace {

constexpr qint64 HourSeconds = 3600;

// 128 random bits as 32 lower-case hex digits.
QString randomName()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

http::HttpResponse tooMany(const QString &message, qint64 retryAfterSeconds)
{
    http::HttpResponse response = http::HttpResponse::error(429, message, code::RateLimit);
    response.setHeader("retry-after", QByteArray::number(std::max<qint64>(1, retryAfterSeconds)));
    return response;
}

// Content-Length of a head, 0 when absent (chunked: counted when the body is complete).
qint64 announcedLength(const http::HttpRequest &head)
{
    bool ok = false;
    const qint64 length = head.header("content-length").trimmed().toLongLong(&ok);
    return ok && length > 0 ? length : 0;
}

// Decodes the image completely: content that only starts like an image is refused.
std::optional<QString> checkDecodes(const QString &path, UploadKind kind)
{
    const QByteArray format = imageFormat(kind);
    if (!QImageReader::supportedImageFormats().contains(format))
        return QStringLiteral("This server cannot check %1 images").arg(QString::fromLatin1(format).toUpper());
    QImageReader reader(path, format);
    reader.setDecideFormatFromContent(false);
    const QImage image = reader.read();
    if (image.isNull())
        return QStringLiteral("The content is not a valid image");
    return std::nullopt;
}

// Copies the image without its metadata to a file next to it; the copy's path and size.
std::optional<std::pair<QString, qint64>> stripMetadata(const QString &path, UploadKind kind, QString &why)
{
    QFile in(path);
    QFile out(path + QStringLiteral(".clean"));
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::ReadWrite | QIODevice::Truncate)) {
        why = QStringLiteral("cannot open the image: ") + in.errorString() + QLatin1Char(' ') + out.errorString();
        return std::nullopt;
    }
    StripResult stripped;
    switch (kind) {
    case UploadKind::Jpeg:
        stripped = stripJpegMetadata(in, out);
        break;
    case UploadKind::Png:
        stripped = stripPngMetadata(in, out);
        break;
    case UploadKind::Webp:
        stripped = stripWebpMetadata(in, out);
        break;
    default: // GIF: comments only, no location; kept as sent
        out.close();
        out.remove();
        return std::make_pair(path, in.size());
    }
    const qint64 size = out.size();
    const bool flushed = out.flush();
    out.close();
    if (!stripped || !flushed) {
        why = stripped ? out.errorString() : stripped.failure();
        out.remove();
        return std::nullopt;
    }
    return std::make_pair(out.fileName(), size);
}

} // namespace

void UploadsApi::install(ApiRouter &router)
{
    router.add("POST", QStringLiteral("/api/uploads"), [this](const ApiCall &c) { upload(c); });
    router.add("GET", QStringLiteral("/uploads/:name"), [this](const ApiCall &c) { serve(c); });
}

std::optional<http::HttpResponse> UploadsApi::checkLimits(const QString &userId, qint64 bytes) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto usage = m_ctx.store->uploadUsage(userId, now.addSecs(-HourSeconds));
    if (!usage) {
        qCWarning(lcHttp).noquote() << "reading the upload usage failed:" << usage.errorMessage();
        return http::HttpResponse::error(500, QStringLiteral("Internal server error"), code::Internal);
    }
    const qint64 windowFreesIn
        = usage->oldestSince.isValid() ? now.secsTo(usage->oldestSince.addSecs(HourSeconds)) + 1 : HourSeconds;
    if (usage->countSince + 1 > m_ctx.maxUploadsPerHour)
        return tooMany(QStringLiteral("At most %1 uploads per hour").arg(m_ctx.maxUploadsPerHour), windowFreesIn);
    if (usage->bytesSince + bytes > m_ctx.maxUploadBytesPerHour)
        return tooMany(QStringLiteral("At most %1 upload bytes per hour").arg(m_ctx.maxUploadBytesPerHour),
                       windowFreesIn);
    if (usage->totalBytes + bytes > m_ctx.uploadQuotaBytes)
        return tooMany(QStringLiteral("Upload quota of %1 bytes reached").arg(m_ctx.uploadQuotaBytes), HourSeconds);
    return std::nullopt;
}

std::optional<http::HttpResponse> UploadsApi::checkHead(const http::HttpRequest &head) const
{
    const auto user = authenticateRequest(m_ctx, head);
    if (!user)
        return http::HttpResponse::error(401, QStringLiteral("Authentication required"), code::Unauthorized);
    if (m_ctx.diskFloor && m_ctx.diskFloor->isLow())
        return http::HttpResponse::error(507, QStringLiteral("The server is low on disk space; uploads are paused"),
                                         code::DiskLow);
    return checkLimits(user->id, announcedLength(head));
}

std::shared_ptr<http::HttpBodySink> UploadsApi::bodySink(const http::HttpRequest &) const
{
    auto sink = std::make_shared<UploadSink>(m_ctx.uploadDir);
    if (!sink->isOpen()) {
        qCWarning(lcHttp).noquote() << "cannot create a temporary upload file in" << m_ctx.uploadDir;
        return nullptr; // the body stays in memory (bounded by the limit) and the upload fails below
    }
    return sink;
}

void UploadsApi::upload(const ApiCall &call)
{
    const auto user = authenticate(m_ctx, call);
    if (!user)
        return;
    const auto sink = std::dynamic_pointer_cast<UploadSink>(call.request().bodySink);
    if (!sink) {
        if (call.request().bodyBytes == 0)
            return call.error(400, code::InvalidInput, QStringLiteral("The upload is empty"));
        return call.error(500, code::Internal, QStringLiteral("Could not store the file"));
    }
    if (!sink->finish()) {
        qCWarning(lcHttp).noquote() << "storing an upload failed:" << sink->temporaryPath();
        return call.error(500, code::Internal, QStringLiteral("Could not store the file"));
    }
    if (sink->size() > m_ctx.maxUploadBytes)
        return call.error(413, code::PayloadTooLarge,
                          QStringLiteral("Uploads are limited to %1 bytes").arg(m_ctx.maxUploadBytes));
    // A chunked body's size is known only now.
    if (auto refusal = checkLimits(user->id, sink->size()))
        return call.respond(*refusal);

    QByteArray head;
    {
        QFile file(sink->temporaryPath());
        if (file.open(QIODevice::ReadOnly))
            head = file.read(16);
    }
    const UploadKind kind = sniffUpload(head);
    const QString originalName = cleanUploadName(call.request().header("x-file-name"));
    if (isImage(kind)) {
        if (const auto problem = checkDecodes(sink->temporaryPath(), kind))
            return call.error(415, code::UnsupportedMediaType, *problem);
        QString why;
        const auto cleaned = stripMetadata(sink->temporaryPath(), kind, why);
        if (!cleaned) {
            qCInfo(lcHttp).noquote() << "upload refused: its metadata could not be removed:" << why;
            return call.error(415, code::UnsupportedMediaType, QStringLiteral("The image could not be processed"));
        }
        if (cleaned->first != sink->temporaryPath())
            sink->replaceWith(cleaned->first, cleaned->second);
    }
    const UploadType type = uploadType(kind, originalName);
    const QString fileName = randomName() + QLatin1Char('.') + type.extension;
    const QString finalPath = QDir(m_ctx.uploadDir).filePath(fileName);
    const qint64 size = sink->size();
    if (!sink->keep(finalPath)) {
        qCWarning(lcHttp).noquote() << "moving an upload into place failed:" << finalPath;
        return call.error(500, code::Internal, QStringLiteral("Could not store the file"));
    }
    const auto recorded = m_ctx.store->recordUpload(user->id, fileName, type.mimeType, size, originalName);
    if (!recorded) {
        qCWarning(lcHttp).noquote() << "recording upload" << fileName << "failed:" << recorded.errorMessage();
        QFile::remove(finalPath);
        return call.error(500, code::Internal, QStringLiteral("Could not store the file"));
    }
    qCInfo(lcHttp).noquote() << "upload stored" << fileName << "bytes" << size << "type" << type.mimeType << "by"
                             << user->id;
    call.json(201, QJsonObject{{QStringLiteral("url"), QString(QStringLiteral("/uploads/") + fileName)},
                               {QStringLiteral("name"), originalName},
                               {QStringLiteral("size"), size},
                               {QStringLiteral("mimeType"), type.mimeType}});
}

void UploadsApi::serve(const ApiCall &call)
{
    static const QRegularExpression valid(QStringLiteral("^[0-9a-f]{32}\\.([a-z0-9]{1,5})$"));
    const QString name = call.param(QStringLiteral("name"));
    const QRegularExpressionMatch match = valid.match(name);
    if (!match.hasMatch())
        return call.error(404, code::NotFound, QStringLiteral("Not found"));
    auto file = std::make_shared<QFile>(QDir(m_ctx.uploadDir).filePath(name));
    if (!file->open(QIODevice::ReadOnly))
        return call.error(404, code::NotFound, QStringLiteral("Not found"));

    // What the upload is: from its record; a file without one (stored before the table knew
    // every upload) from its extension, as an image or an anonymous attachment.
    QString mimeType;
    QString originalName = QStringLiteral("file");
    if (const auto record = m_ctx.store->uploadByFileName(name)) {
        mimeType = record->mime;
        originalName = record->originalName;
    } else {
        const QString extension = match.captured(1);
        const UploadKind kind = extension == QLatin1String("png")    ? UploadKind::Png
                                : extension == QLatin1String("jpg")  ? UploadKind::Jpeg
                                : extension == QLatin1String("webp") ? UploadKind::Webp
                                : extension == QLatin1String("gif")  ? UploadKind::Gif
                                                                     : UploadKind::Other;
        mimeType = uploadType(kind, QString()).mimeType;
    }
    const bool inlineImage = mimeType == QLatin1String("image/png") || mimeType == QLatin1String("image/jpeg")
                             || mimeType == QLatin1String("image/webp") || mimeType == QLatin1String("image/gif");

    http::HttpResponse response;
    response.status = 200;
    response.bodyStreamSize = file->size();
    response.bodyStream = std::move(file);
    response.setHeader("content-type", inlineImage ? mimeType.toLatin1() : QByteArray("application/octet-stream"));
    if (!inlineImage)
        response.setHeader("content-disposition", attachmentDisposition(originalName));
    response.setHeader("x-content-type-options", "nosniff");
    response.setHeader("content-security-policy", "default-src 'none'; sandbox");
    response.setHeader("cache-control", "public, max-age=604800, immutable");
    call.respond(response);
}

} // namespace craftchat::api
