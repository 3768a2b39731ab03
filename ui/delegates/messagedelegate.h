// Paints one message as a bubble (own ones on the trailing side) with the sender, time,
// ticks (pending, sent, read, failed), photo thumbnails and a day separator above the first
// message of a day.
#pragma once

#include <QDate>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTextLayout>

class QAbstractItemView;

namespace craftchat::ui {

class ImageCache;

class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    MessageDelegate(QAbstractItemView *view, ImageCache *images, QObject *parent = nullptr);

    void setToday(const QDate &today) { m_today = today; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The bubble's rectangle inside the item (what a click on a photo or a retry hits).
    QRect bubbleRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    static constexpr QSize ThumbnailSize{240, 180};

private:
    struct Layout
    {
        int separatorHeight = 0;
        QRect bubble; // logical (left-to-right) coordinates, relative to the item's top-left
        QRect sender;
        QRect content;
        QRect status; // failed messages: why, and what a click offers
        QRect footer;
        int height = 0;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
    QString footerText(const QModelIndex &index) const;
    static QString statusText(const QModelIndex &index);
    // What a photo shows while it has no picture: loading, unavailable, or "Load image from …".
    QString photoPlaceholder(const QString &url) const;
    int availableWidth(const QStyleOptionViewItem &option) const;

    // The parts of paint(), each in item coordinates already mirrored for the direction.
    void paintDaySeparator(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                           int height) const;
    void paintBubble(QPainter *painter, const QStyleOptionViewItem &option, const QRect &bubble, bool own,
                     bool pending) const;
    void paintSender(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                     const QModelIndex &index) const;
    void paintPhoto(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                    const QModelIndex &index) const;
    void paintText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, const QModelIndex &index,
                   bool own) const;
    void paintStatus(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                     const QModelIndex &index) const;
    void paintFooter(QPainter *painter, const QStyleOptionViewItem &option, const QRect &footer,
                     const QModelIndex &index, bool own) const;
    static void paintTicks(QPainter *painter, const QRectF &area, qreal size, int state, const QColor &colour,
                           const QColor &readColour, const QColor &failedColour);

    QPointer<QAbstractItemView> m_view;
    QPointer<ImageCache> m_images;
    QDate m_today;
};

} // namespace craftchat::ui
