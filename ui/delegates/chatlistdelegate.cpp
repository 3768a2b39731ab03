#include "ui/delegates/chatlistdelegate.h"

#include "ui/models/chatlistmodel.h"
#include "ui/net/imagecache.h"
#include "ui/util/avatar.h"
#include "ui/util/relativetime.h"
#include "ui/util/theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace craftchat::ui {

namespace {
constexpr int Padding = 10;
constexpr int AvatarSize = 46;
constexpr int RowHeight = 70;

QFont badgeFont(QFont font)
{
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.8);
    return font;
}

QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}
} // namespace

ChatListDelegate::ChatListDelegate(ImageCache *images, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_images(images)
{}

QString ChatListDelegate::roleLabel(const QString &role)
{
    if (role == QLatin1String("craftsman"))
        return tr("Craftsman");
    if (role == QLatin1String("client"))
        return tr("Client");
    if (role == QLatin1String("admin"))
        return tr("Administrator");
    return role;
}

QSize ChatListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int textHeight = option.fontMetrics.height() * 3 + 8;
    return {240, qMax(RowHeight, textHeight + 2 * Padding - 8)};
}

QRect ChatListDelegate::badgeRect(const QRect &itemRect, Qt::LayoutDirection direction, int unread, const QFont &font)
{
    if (unread <= 0)
        return {};
    const QFontMetrics fm(badgeFont(font));
    const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
    const int h = fm.height() + 4;
    const int w = qMax(h, fm.horizontalAdvance(text) + 12);
    const QRect logical(itemRect.right() - Padding - w + 1, itemRect.bottom() - Padding - h - 2, w, h);
    return QStyle::visualRect(direction, itemRect, logical);
}

ChatListDelegate::Row ChatListDelegate::rowOf(const QModelIndex &index)
{
    Row row;
    row.chatId = index.data(ChatListModel::ChatIdRole).toString();
    row.peerId = index.data(ChatListModel::PeerIdRole).toString();
    row.name = index.data(ChatListModel::PeerNameRole).toString();
    row.role = index.data(ChatListModel::PeerRoleRole).toString();
    row.job = index.data(ChatListModel::JobTitleRole).toString();
    row.picture = index.data(ChatListModel::PeerPictureRole).toString();
    row.unread = index.data(ChatListModel::UnreadRole).toInt();
    row.typing = index.data(ChatListModel::TypingRole).toBool();
    row.when = index.data(ChatListModel::LastActivityRole).toDateTime();
    row.preview = index.data(ChatListModel::PreviewRole).toString();
    return row;
}

void ChatListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Row row = rowOf(index);
    const QRect r = opt.rect;
    const QFontMetrics fm(opt.font);
    // Three lines of text beside the avatar, in logical (left-to-right) coordinates.
    Lines lines;
    lines.left = r.left() + Padding + AvatarSize + 12;
    lines.right = r.right() - Padding;
    lines.height = fm.height();
    lines.top = r.top() + (r.height() - 3 * lines.height - 4) / 2;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setLayoutDirection(opt.direction);
    paintBackground(painter, opt);
    paintAvatar(painter, opt, row);
    const int timeWidth = paintTime(painter, opt, row, lines);
    paintTitles(painter, opt, row, lines, timeWidth);
    const QRect badge = badgeRect(r, opt.direction, row.unread, opt.font);
    paintBadge(painter, opt, badge, row.unread);
    paintPreview(painter, opt, row, lines, badge.isEmpty() ? 0 : badge.width() + 8);
    painter->restore();
}

void ChatListDelegate::paintBackground(QPainter *painter, const QStyleOptionViewItem &opt)
{
    const QPalette &pal = opt.palette;
    if (opt.state & QStyle::State_Selected)
        painter->fillRect(opt.rect, theme::isDark(pal) ? QColor(0x2c, 0x3e, 0x57) : QColor(0xdc, 0xe8, 0xf8));
    else if (opt.state & QStyle::State_MouseOver)
        painter->fillRect(opt.rect, pal.color(QPalette::AlternateBase));
    if (opt.state & QStyle::State_HasFocus && opt.widget && opt.widget->hasFocus()) {
        painter->setPen(QPen(theme::accent(pal), 1.5));
        painter->drawRect(QRectF(opt.rect).adjusted(1, 1, -1, -1));
    }
}

void ChatListDelegate::paintAvatar(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row) const
{
    const QRect r = opt.rect;
    const QRect logical(r.left() + Padding, r.top() + (r.height() - AvatarSize) / 2, AvatarSize, AvatarSize);
    const QPixmap pic = m_images && !row.picture.isEmpty() ? m_images->image(row.picture) : QPixmap();
    painter->drawPixmap(QStyle::visualRect(opt.direction, r, logical),
                        renderAvatar(row.peerId.isEmpty() ? row.chatId : row.peerId, row.name, pic, AvatarSize,
                                     painter->device()->devicePixelRatioF()));
}

int ChatListDelegate::paintTime(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row,
                                const Lines &lines) const
{
    const QFont small = smallFont(opt.font);
    const QString time = relativeTime(row.when, m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
    const int width = QFontMetrics(small).horizontalAdvance(time);
    painter->setFont(small);
    painter->setPen(row.unread > 0 ? theme::accent(opt.palette) : theme::mutedText(opt.palette));
    const QRect logical(lines.right - width + 1, lines.top, width, lines.height);
    painter->drawText(QStyle::visualRect(opt.direction, opt.rect, logical), Qt::AlignLeft | Qt::AlignVCenter, time);
    return width;
}

void ChatListDelegate::paintTitles(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row,
                                   const Lines &lines, int timeWidth)
{
    const QPalette &pal = opt.palette;
    QFont nameFont = opt.font;
    nameFont.setBold(true);
    painter->setFont(nameFont);
    painter->setPen(pal.color(QPalette::Text));
    const QRect nameRect(lines.left, lines.top, lines.right - lines.left - timeWidth - 8, lines.height);
    painter->drawText(QStyle::visualRect(opt.direction, opt.rect, nameRect), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(row.name, Qt::ElideRight, nameRect.width()));

    QString subtitle = roleLabel(row.role);
    if (!row.job.isEmpty())
        subtitle += QStringLiteral(" · ") + row.job;
    const QFont small = smallFont(opt.font);
    painter->setFont(small);
    painter->setPen(theme::mutedText(pal));
    const QRect subRect(lines.left, lines.top + lines.height + 2, lines.right - lines.left, lines.height);
    painter->drawText(QStyle::visualRect(opt.direction, opt.rect, subRect), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(subtitle, Qt::ElideRight, subRect.width()));
}

void ChatListDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &opt, const QRect &badge, int unread)
{
    if (badge.isEmpty())
        return;
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme::badge(opt.palette));
    painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    painter->setFont(badgeFont(opt.font));
    painter->setPen(theme::badgeText(opt.palette));
    painter->drawText(badge, Qt::AlignCenter, unread > 99 ? QStringLiteral("99+") : QString::number(unread));
}

void ChatListDelegate::paintPreview(QPainter *painter, const QStyleOptionViewItem &opt, const Row &row,
                                    const Lines &lines, int badgeSpace) const
{
    const QPalette &pal = opt.palette;
    QFont font = opt.font;
    font.setBold(row.unread > 0 && !row.typing);
    font.setItalic(row.typing);
    painter->setFont(font);
    painter->setPen(row.typing ? theme::accent(pal)
                               : (row.unread > 0 ? pal.color(QPalette::Text) : theme::mutedText(pal)));
    const QRect rect(lines.left, lines.top + 2 * lines.height + 4, lines.right - lines.left - badgeSpace, lines.height);
    const QString shown = row.typing ? tr("typing…") : row.preview;
    painter->drawText(QStyle::visualRect(opt.direction, opt.rect, rect), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(shown, Qt::ElideRight, rect.width()));
}

} // namespace craftchat::ui
