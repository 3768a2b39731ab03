#include "ui/net/pdfpreviews.h"

#include "ui/net/filecache.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPdfDocument>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

namespace craftchat::ui {

PdfPreviews::PdfPreviews(FileCache *files, QObject *parent)
    : QObject(parent)
    , m_files(files)
{
    m_images.setMaxCost(64 * 1024 * 1024); // bytes of rendered pages
    connect(files, &FileCache::finished, this, [this](const QString &url, const QString &path, const QString &, bool) {
        if (!m_pending.contains(url))
            return;
        if (path.isEmpty()) {
            qWarning("PdfPreviews: a PDF could not be downloaded for its preview");
            m_pending.remove(url);
            m_failed.insert(url);
            emit previewReady(url);
            return;
        }
        render(url, path);
    });
}

QImage PdfPreviews::preview(const QString &url, const QString &name, qint64 size)
{
    if (url.isEmpty())
        return {};
    if (const QImage *image = m_images.object(url))
        return *image;
    if (m_pending.contains(url) || m_failed.contains(url))
        return {};
    m_pending.insert(url);
    if (url.startsWith(QLatin1String("file:")))
        render(url, QUrl(url).toLocalFile());
    else
        m_files->fetch(url, name, size);
    return {};
}

void PdfPreviews::render(const QString &url, const QString &path)
{
    QThreadPool::globalInstance()->start([self = QPointer<PdfPreviews>(this), url, path] {
        QImage image = renderFirstPage(path);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, url, image = std::move(image)] {
                if (!self)
                    return;
                self->m_pending.remove(url);
                if (image.isNull())
                    self->m_failed.insert(url);
                else
                    self->m_images.insert(url, new QImage(image), int(qMin<qint64>(image.sizeInBytes(), INT_MAX)));
                emit self->previewReady(url);
            },
            Qt::QueuedConnection);
    });
}

QImage PdfPreviews::renderFirstPage(const QString &path, int width)
{
    QPdfDocument document;
    if (document.load(path) != QPdfDocument::Error::None || document.pageCount() < 1)
        return {};
    const QSizeF points = document.pagePointSize(0);
    if (points.isEmpty())
        return {};
    const int height = qBound(1, int(width * points.height() / points.width()), width * 4);
    QImage page = document.render(0, QSize(width, height));
    if (page.isNull())
        return {};
    // Pages are transparent where nothing is drawn: put them on paper.
    QImage paper(page.size(), QImage::Format_RGB32);
    paper.fill(Qt::white);
    {
        QPainter p(&paper);
        p.drawImage(0, 0, page);
    }
    return paper;
}

} // namespace craftchat::ui
