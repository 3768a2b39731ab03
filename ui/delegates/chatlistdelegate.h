// Paints one chat of the chat list: avatar, name, role and job, preview (or "typing…"),
// relative time and the unread badge; bold when there are unread messages.
#pragma once

#include <QDateTime>
#include <QPointer>
#include <QStyledItemDelegate>

namespace craftchat::ui {

class ImageCache;

class ChatListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ChatListDelegate(ImageCache *images = nullptr, QObject *parent = nullptr);

    // A fixed "now" for relative times (screenshots, tests); invalid = the real clock.
    void setNow(const QDateTime &now) { m_now = now; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the badge for `unread` goes inside an item rect (empty when unread == 0).
    static QRect badgeRect(const QRect &itemRect, Qt::LayoutDirection direction, int unread,
                           const QFont &font);
    static QString roleLabel(const QString &role);

private:
    QPointer<ImageCache> m_images;
    QDateTime m_now;
};

} // namespace craftchat::ui
