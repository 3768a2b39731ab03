#include "ui/net/filecache.h"

#include "common/contract/contract.h"
#include "ui/net/apiclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <memory>

namespace craftchat::ui {

FileCache::FileCache(ApiClient *api, const QString &dir, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_dir(dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/files")
                          : dir)
{}

QString FileCache::safeName(const QString &name)
{
    QString n = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    static const QRegularExpression unsafe(QStringLiteral("[\\x00-\\x1f\\x7f<>:\"|?*]"));
    n.remove(unsafe);
    n = n.trimmed();
    while (n.startsWith(QLatin1Char('.')))
        n.remove(0, 1);
    if (n.isEmpty())
        n = QStringLiteral("file");
    return n.left(200);
}

QString FileCache::localPath(const QString &url, const QString &name) const
{
    static const QRegularExpression upload(QStringLiteral("^/uploads/([A-Za-z0-9_.-]{1,200})$"));
    const auto match = upload.match(url);
    if (!match.hasMatch() || match.captured(1).startsWith(QLatin1Char('.')))
        return {};
    return m_dir + QLatin1Char('/') + match.captured(1) + QLatin1Char('/') + safeName(name);
}

bool FileCache::isCached(const QString &url, const QString &name) const
{
    const QString path = localPath(url, name);
    return !path.isEmpty() && QFileInfo(path).isFile();
}

void FileCache::fetch(const QString &url, const QString &name, qint64 expectedSize)
{
    const QString path = localPath(url, name);
    if (path.isEmpty()) {
        emit finished(url, {}, tr("This file is not on the chat server."), false);
        return;
    }
    if (QFileInfo(path).isFile()) {
        emit finished(url, path, {}, false);
        return;
    }
    if (m_downloads.contains(url))
        return;
    QDir().mkpath(QFileInfo(path).absolutePath());
    // A part file of its own: two sessions of this app (or two windows) may fetch the same file
    // into the same cache folder at once, and each must finish with a whole file.
    auto part = std::make_shared<QFile>(
        path + QStringLiteral(".part-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
    if (!part->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        emit finished(url, {}, tr("Cannot write to %1.").arg(QFileInfo(path).absolutePath()), false);
        return;
    }
    const qint64 bound = (expectedSize >= 0 ? expectedSize : contract::DefaultUploadLimitBytes * 4) + 64 * 1024;
    QNetworkReply *reply = m_api->network()->get(QNetworkRequest(m_api->resolve(url)));
    m_downloads.insert(url, reply);
    // Written as it arrives: a large file never sits in memory.
    connect(reply, &QNetworkReply::readyRead, this, [reply, part, bound] {
        part->write(reply->readAll());
        if (part->size() > bound)
            reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, url](qint64 received, qint64 total) { emit progress(url, received, total); });
    connect(reply, &QNetworkReply::finished, this, [this, reply, part, path, url, bound] {
        reply->deleteLater();
        const bool cancelled = !m_downloads.contains(url);
        m_downloads.remove(url);
        part->write(reply->readAll());
        const bool tooLarge = part->size() > bound;
        part->close();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (cancelled || reply->error() != QNetworkReply::NoError || status != 200 || tooLarge) {
            part->remove();
            QString error;
            if (cancelled)
                error = tr("Download cancelled.");
            else if (status == 404)
                error = tr("The file is no longer on the server.");
            else if (tooLarge)
                error = tr("The server sent more than the file's size.");
            else
                error = tr("The download failed (%1).").arg(reply->errorString());
            // Never the URL: an upload's name is what makes it private.
            qWarning("FileCache: a download failed: %s (status %d)", qPrintable(error), status);
            emit finished(url, {}, error, cancelled);
            return;
        }
        QFile::remove(path);
        if (!part->rename(path)) {
            part->remove();
            emit finished(url, {}, tr("Cannot write to %1.").arg(path), false);
            return;
        }
        emit finished(url, path, {}, false);
    });
}

void FileCache::cancel(const QString &url)
{
    const QPointer<QNetworkReply> reply = m_downloads.take(url);
    if (reply)
        reply->abort();
}

} // namespace craftchat::ui
