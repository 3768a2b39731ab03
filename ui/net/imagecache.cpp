#include "ui/net/imagecache.h"

#include "common/contract/contract.h"
#include "ui/net/apiclient.h"
#include "ui/util/photoupload.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QThreadPool>

namespace craftchat::ui {

ImageCache::ImageCache(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_cache.setMaxCost(128 * 1024 * 1024); // bytes of decoded pixels
}

void ImageCache::insert(const QString &pathOrUrl, const QPixmap &pixmap)
{
    if (pixmap.isNull())
        return;
    m_cache.insert(pathOrUrl, new QPixmap(pixmap), int(qMin<qint64>(pixmap.width() * pixmap.height() * 4, INT_MAX)));
    emit imageReady(pathOrUrl);
}

QPixmap ImageCache::image(const QString &pathOrUrl)
{
    if (pathOrUrl.isEmpty())
        return {};
    if (const QPixmap *p = m_cache.object(pathOrUrl))
        return *p;
    if (m_loading.contains(pathOrUrl) || m_failed.contains(pathOrUrl))
        return {};
    if (pathOrUrl.startsWith(QLatin1String("file:"))) {
        loadLocal(pathOrUrl);
        return {};
    }
    const QUrl url = m_api->resolve(pathOrUrl);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    if (isExternal(pathOrUrl) && !m_allowedExternal.contains(pathOrUrl))
        return {};
    m_loading.insert(pathOrUrl);
    QNetworkReply *reply = m_api->network()->get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > contract::DefaultUploadLimitBytes * 2)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, pathOrUrl] {
        reply->deleteLater();
        m_loading.remove(pathOrUrl);
        QImage image;
        if (reply->error() == QNetworkReply::NoError)
            image.loadFromData(reply->readAll());
        loaded(pathOrUrl, std::move(image));
    });
    return {};
}

bool ImageCache::isExternal(const QString &pathOrUrl) const
{
    if (pathOrUrl.startsWith(QLatin1String("file:")))
        return false;
    const QUrl url = m_api->resolve(pathOrUrl);
    const QUrl server = m_api->baseUrl();
    const auto port = [](const QUrl &u) { return u.port(u.scheme() == QLatin1String("https") ? 443 : 80); };
    return url.scheme() != server.scheme() || url.host().compare(server.host(), Qt::CaseInsensitive) != 0
           || port(url) != port(server);
}

QString ImageCache::externalHost(const QString &pathOrUrl) const
{
    return m_api->resolve(pathOrUrl).host();
}

void ImageCache::allowExternal(const QString &pathOrUrl)
{
    m_allowedExternal.insert(pathOrUrl);
    m_failed.remove(pathOrUrl);
    image(pathOrUrl);
}

void ImageCache::loadLocal(const QString &fileUrl)
{
    const QString file = QUrl(fileUrl).toLocalFile();
    if (file.isEmpty() || QFileInfo(file).size() > PhotoUpload::MaxSourceBytes) {
        m_failed.insert(fileUrl);
        return;
    }
    m_loading.insert(fileUrl);
    QThreadPool::globalInstance()->start([self = QPointer<ImageCache>(this), fileUrl, file] {
        // A queued phone photo may be large: decode it straight to preview size.
        QImageReader reader(file);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (size.isValid() && (size.width() > 2048 || size.height() > 2048))
            reader.setScaledSize(size.scaled(2048, 2048, Qt::KeepAspectRatio));
        const QImage image = reader.read();
        // Back on the GUI thread (the application object lives there), where self is checked.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, fileUrl, image]() mutable {
                if (self)
                    self->loaded(fileUrl, std::move(image));
            },
            Qt::QueuedConnection);
    });
}

void ImageCache::loaded(const QString &pathOrUrl, QImage image)
{
    m_loading.remove(pathOrUrl);
    if (image.isNull()) {
        m_failed.insert(pathOrUrl);
        emit imageReady(pathOrUrl);
        return;
    }
    if (image.width() > 2048 || image.height() > 2048)
        image = image.scaled(2048, 2048, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    insert(pathOrUrl, QPixmap::fromImage(image));
}

} // namespace craftchat::ui
