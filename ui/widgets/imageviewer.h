// Shows a photo message full size (scaled down to fit the screen); Esc closes it.
#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;

namespace craftchat::ui {

class ImageCache;

class ImageViewer : public QDialog
{
    Q_OBJECT
public:
    ImageViewer(ImageCache *images, const QString &url, QWidget *parent = nullptr);

private:
    void refresh();

    QPointer<ImageCache> m_images;
    QString m_url;
    QLabel *m_label;
};

} // namespace craftchat::ui
