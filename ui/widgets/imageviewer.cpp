#include "ui/widgets/imageviewer.h"

#include "ui/net/imagecache.h"

#include <QLabel>
#include <QScreen>
#include <QVBoxLayout>

namespace craftchat::ui {

ImageViewer::ImageViewer(ImageCache *images, const QString &url, QWidget *parent)
    : QDialog(parent)
    , m_images(images)
    , m_url(url)
    , m_label(new QLabel(this))
{
    setWindowTitle(tr("Photo"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setAccessibleName(tr("Photo"));
    m_label->setMinimumSize(200, 150);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    if (images)
        connect(images, &ImageCache::imageReady, this, [this](const QString &ready) {
            if (ready == m_url)
                refresh();
        });
    refresh();
}

void ImageViewer::refresh()
{
    const QPixmap image = m_images ? m_images->image(m_url) : QPixmap();
    if (image.isNull()) {
        m_label->setText(tr("Loading photo…"));
        return;
    }
    const QSize limit = (screen() ? screen()->availableSize() : QSize(1280, 800)) * 0.85;
    const QSize shown = image.size().boundedTo(limit).expandedTo(QSize(1, 1));
    m_label->setPixmap(image.scaled(shown * devicePixelRatioF(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    resize(m_label->pixmap().size() / devicePixelRatioF());
}

} // namespace craftchat::ui
