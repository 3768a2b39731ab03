// Downloads images (avatars, photo messages) once and keeps them in memory; views repaint
// when imageReady() arrives.
#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;

namespace craftchat::ui {

class ApiClient;

class ImageCache : public QObject
{
    Q_OBJECT
public:
    explicit ImageCache(ApiClient *api, QObject *parent = nullptr);

    // The image if loaded; otherwise starts loading it and returns a null pixmap. A file: URL
    // (a queued photo's local copy) is read from disk on a worker thread. An image on another
    // host than the chat server is never loaded by itself (its owner would learn who reads the
    // chat, and a link into the reader's own network would be fetched from inside it): only
    // once allowExternal() was called for it, after the user asked.
    QPixmap image(const QString &pathOrUrl);
    // True for an http(s) URL whose host and port are not the chat server's.
    bool isExternal(const QString &pathOrUrl) const;
    // The host an external image comes from, as the user should read it ("example.com").
    QString externalHost(const QString &pathOrUrl) const;
    bool isExternalAllowed(const QString &pathOrUrl) const { return m_allowedExternal.contains(pathOrUrl); }
    // The user asked to see this external image: load it (imageReady follows).
    void allowExternal(const QString &pathOrUrl);
    bool isLoading(const QString &pathOrUrl) const { return m_loading.contains(pathOrUrl); }
    // True when the image could not be loaded (not an image, gone, refused): no use waiting.
    bool hasFailed(const QString &pathOrUrl) const { return m_failed.contains(pathOrUrl); }
    // Puts an image in the cache directly (e.g. one the user just uploaded).
    void insert(const QString &pathOrUrl, const QPixmap &pixmap);

signals:
    // The image is loaded, or failed to load (hasFailed): views repaint.
    void imageReady(const QString &pathOrUrl);

private:
    void loadLocal(const QString &fileUrl);
    void loaded(const QString &pathOrUrl, QImage image);

    ApiClient *m_api;
    QCache<QString, QPixmap> m_cache;
    QSet<QString> m_loading;
    QSet<QString> m_failed;
    QSet<QString> m_allowedExternal;
};

} // namespace craftchat::ui
