// The first page of PDF files, rendered with Qt PDF on a worker thread: a PDF on the server is
// downloaded into the FileCache first, a queued one is read from the outbox's copy. Views
// repaint on previewReady().
#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>

namespace craftchat::ui {

class FileCache;

class PdfPreviews : public QObject
{
    Q_OBJECT
public:
    static constexpr int RenderWidth = 480; // pixels: twice the card's width, sharp on HiDPI

    explicit PdfPreviews(FileCache *files, QObject *parent = nullptr);

    // The first page of the PDF at `url` (a server upload, or a file: URL), or a null image
    // while it is on its way (previewReady follows) or when it cannot be rendered (hasFailed).
    QImage preview(const QString &url, const QString &name, qint64 size);
    bool hasFailed(const QString &url) const { return m_failed.contains(url); }
    // Renders the first page of a local PDF `width` pixels wide (blocking: a worker thread).
    static QImage renderFirstPage(const QString &path, int width = RenderWidth);

signals:
    void previewReady(const QString &url);

private:
    void render(const QString &url, const QString &path);

    FileCache *m_files;
    QCache<QString, QImage> m_images;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
};

} // namespace craftchat::ui
