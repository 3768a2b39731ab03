#include "server/api/uploadsapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"
#include "server/api/imagesniffer.h"

#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace craftchat::api {

using logging::lcHttp;

namespace {

// 128 random bits as 32 lower-case hex digits.
QString randomName()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

} // namespace

void UploadsApi::install(ApiRouter &router)
{
    router.add("POST", QStringLiteral("/api/uploads"), [this](const ApiCall &c) { upload(c); });
    router.add("GET", QStringLiteral("/uploads/:name"), [this](const ApiCall &c) { serve(c); });
}

void UploadsApi::upload(const ApiCall &call)
{
    const auto user = authenticate(m_ctx, call);
    if (!user)
        return;
    const QByteArray &bytes = call.request().body;
    if (bytes.size() > m_ctx.maxUploadBytes)
        return call.error(413, code::PayloadTooLarge,
                          QStringLiteral("Images are limited to %1 bytes").arg(m_ctx.maxUploadBytes));
    const ImageKind kind = sniffImage(bytes);
    if (kind == ImageKind::None)
        return call.error(415, code::UnsupportedMediaType,
                          QStringLiteral("Body must be a PNG, JPEG or WebP image"));

    const QString extension = imageExtension(kind);
    const QString fileName = randomName() + QLatin1Char('.') + extension;
    QFile file(QDir(m_ctx.uploadDir).filePath(fileName));
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || file.write(bytes) != bytes.size()
        || !file.flush()) {
        qCWarning(lcHttp).noquote() << "storing an upload failed:" << file.errorString();
        file.remove();
        return call.error(500, code::Internal, QStringLiteral("Could not store the image"));
    }
    file.close();
    const auto recorded = m_ctx.store->recordUpload(user->id, fileName,
                                                    QString::fromLatin1(imageContentType(extension)),
                                                    bytes.size());
    if (!recorded)
        qCWarning(lcHttp).noquote() << "recording upload" << fileName << "failed:" << recorded.errorMessage();
    qCInfo(lcHttp).noquote() << "upload stored" << fileName << "bytes" << bytes.size() << "by" << user->id;
    call.json(201, QJsonObject{{QStringLiteral("url"), QString(QStringLiteral("/uploads/") + fileName)}});
}

void UploadsApi::serve(const ApiCall &call)
{
    static const QRegularExpression valid(QStringLiteral("^[0-9a-f]{32}\\.(png|jpg|webp)$"));
    const QString name = call.param(QStringLiteral("name"));
    const QRegularExpressionMatch match = valid.match(name);
    if (!match.hasMatch())
        return call.error(404, code::NotFound, QStringLiteral("Not found"));
    QFile file(QDir(m_ctx.uploadDir).filePath(name));
    if (!file.open(QIODevice::ReadOnly))
        return call.error(404, code::NotFound, QStringLiteral("Not found"));
    http::HttpResponse response;
    response.status = 200;
    response.body = file.readAll();
    response.setHeader("content-type", imageContentType(match.captured(1)));
    response.setHeader("x-content-type-options", "nosniff");
    response.setHeader("cache-control", "public, max-age=604800, immutable");
    call.respond(response);
}

} // namespace craftchat::api
