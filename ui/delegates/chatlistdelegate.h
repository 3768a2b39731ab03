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

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Where the badge for `unread` goes inside an item rect (empty when unread == 0).
    static QRect badgeRect(const QRect &itemRect, Qt::LayoutDirection direction, int unread, const QFont &font);
    static QString roleLabel(const QString &role);

private:
    // What one row shows, read from the model once per paint.
    struct Row
    {
        QString chatId, peerId, name, role, job, picture, preview;
        int unread = 0;
        bool typing = false;
        QDateTime when;
    };
    // The three text lines beside the avatar, in logical (left-to-right) coordinates.
    struct Lines
    {
        int left = 0;
        int right = 0;
        int top = 0;
        int height = 0;
    };
    static Row rowOf(const QModelIndex &index);
    static void paintBackground(QPainter *painter, const QStyleOptionViewItem &opt);
    void paintAvatar(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row) const;
    // Returns the width the time took.
    int paintTime(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row, const Lines &lines) const;
    static void paintTitles(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row, const Lines &lines,
                            int timeWidth);
    static void paintBadge(QPainter *painter, const QStyleOptionViewItem &opt, const QRect &badge, int unread);
    void paintPreview(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row, const Lines &lines,
                      int badgeSpace) const;

    QPointer<ImageCache> m_images;
    QDateTime m_now;
};

} // namespace craftchat::ui
