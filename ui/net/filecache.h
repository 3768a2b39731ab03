// Files of file messages on this computer: downloaded once into a cache folder (one folder per
// upload, the file under its own name), with progress and cancel, so that they can be opened
// with the system's viewer or saved elsewhere. Only uploads of the chat server are fetched.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkReply;

namespace craftchat::ui {

class ApiClient;

class FileCache : public QObject
{
    Q_OBJECT
public:
    // dir: where files are kept ("" = <CacheLocation>/files).
    explicit FileCache(ApiClient *api, const QString &dir = {}, QObject *parent = nullptr);

    QString dir() const { return m_dir; }
    // Where the upload `url` (a "/uploads/..." path) is kept under `name`; "" for a URL that
    // is not an upload of the chat server.
    QString localPath(const QString &url, const QString &name) const;
    bool isCached(const QString &url, const QString &name) const;
    bool isDownloading(const QString &url) const { return m_downloads.contains(url); }
    // Downloads it unless it is cached (finished() follows at once then). expectedSize bounds
    // what is accepted (-1: the server's upload limit).
    void fetch(const QString &url, const QString &name, qint64 expectedSize = -1);
    void cancel(const QString &url);
    // A file name that is safe as the last part of a path ("file" when nothing is left).
    static QString safeName(const QString &name);

signals:
    void progress(const QString &url, qint64 received, qint64 total);
    // error is "" on success; a cancelled download reports cancelled = true.
    void finished(const QString &url, const QString &localPath, const QString &error, bool cancelled);

private:
    ApiClient *m_api;
    QString m_dir;
    QHash<QString, QPointer<QNetworkReply>> m_downloads;
};

} // namespace craftchat::ui
