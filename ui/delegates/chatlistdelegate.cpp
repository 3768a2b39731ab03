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
} // namespace

ChatListDelegate::ChatListDelegate(ImageCache *images, QObject *parent)
    : QStyledItemDelegate(parent), m_images(images)
{
}

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

QRect ChatListDelegate::badgeRect(const QRect &itemRect, Qt::LayoutDirection direction, int unread,
                                  const QFont &font)
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

void ChatListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QPalette &pal = opt.palette;
    const QRect r = opt.rect;
    const Qt::LayoutDirection dir = opt.direction;
    auto visual = [&](const QRect &logical) { return QStyle::visualRect(dir, r, logical); };

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setLayoutDirection(dir);

    const bool selected = opt.state & QStyle::State_Selected;
    const bool hovered = opt.state & QStyle::State_MouseOver;
    if (selected)
        painter->fillRect(r, theme::isDark(pal) ? QColor(0x2c, 0x3e, 0x57) : QColor(0xdc, 0xe8, 0xf8));
    else if (hovered)
        painter->fillRect(r, pal.color(QPalette::AlternateBase));
    if (opt.state & QStyle::State_HasFocus && opt.widget && opt.widget->hasFocus()) {
        painter->setPen(QPen(theme::accent(pal), 1.5));
        painter->drawRect(QRectF(r).adjusted(1, 1, -1, -1));
    }

    const QString chatId = index.data(ChatListModel::ChatIdRole).toString();
    const QString peerId = index.data(ChatListModel::PeerIdRole).toString();
    const QString name = index.data(ChatListModel::PeerNameRole).toString();
    const QString role = index.data(ChatListModel::PeerRoleRole).toString();
    const QString job = index.data(ChatListModel::JobTitleRole).toString();
    const QString picture = index.data(ChatListModel::PeerPictureRole).toString();
    const int unread = index.data(ChatListModel::UnreadRole).toInt();
    const bool typing = index.data(ChatListModel::TypingRole).toBool();
    const QDateTime when = index.data(ChatListModel::LastActivityRole).toDateTime();
    const QString preview = index.data(ChatListModel::PreviewRole).toString();

    // Avatar
    const QRect avatarRect = visual(QRect(r.left() + Padding, r.top() + (r.height() - AvatarSize) / 2,
                                          AvatarSize, AvatarSize));
    const QPixmap pic = m_images && !picture.isEmpty() ? m_images->image(picture) : QPixmap();
    painter->drawPixmap(avatarRect, renderAvatar(peerId.isEmpty() ? chatId : peerId, name, pic,
                                                 AvatarSize, painter->device()->devicePixelRatioF()));

    const int textLeft = r.left() + Padding + AvatarSize + 12;
    const int textRight = r.right() - Padding;
    const QFontMetrics fm(opt.font);
    const int lineH = fm.height();
    const int top = r.top() + (r.height() - 3 * lineH - 4) / 2;

    // Time (top trailing)
    QFont smallFont = opt.font;
    smallFont.setPointSizeF(opt.font.pointSizeF() * 0.85);
    const QString time = relativeTime(when, m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc());
    const QFontMetrics sfm(smallFont);
    const int timeW = sfm.horizontalAdvance(time);
    painter->setFont(smallFont);
    painter->setPen(unread > 0 ? theme::accent(pal) : theme::mutedText(pal));
    painter->drawText(visual(QRect(textRight - timeW + 1, top, timeW, lineH)),
                      Qt::AlignLeft | Qt::AlignVCenter, time);

    // Name
    QFont nameFont = opt.font;
    nameFont.setBold(true);
    painter->setFont(nameFont);
    painter->setPen(pal.color(QPalette::Text));
    const QRect nameRect(textLeft, top, textRight - textLeft - timeW - 8, lineH);
    painter->drawText(visual(nameRect), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, nameRect.width()));

    // Role · job
    QString subtitle = roleLabel(role);
    if (!job.isEmpty())
        subtitle += QStringLiteral(" · ") + job;
    painter->setFont(smallFont);
    painter->setPen(theme::mutedText(pal));
    const QRect subRect(textLeft, top + lineH + 2, textRight - textLeft, lineH);
    painter->drawText(visual(subRect), Qt::AlignLeft | Qt::AlignVCenter,
                      sfm.elidedText(subtitle, Qt::ElideRight, subRect.width()));

    // Badge (bottom trailing)
    const QRect badge = badgeRect(r, dir, unread, opt.font);
    if (!badge.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(theme::badge(pal));
        painter->drawRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
        painter->setFont(badgeFont(opt.font));
        painter->setPen(theme::badgeText(pal));
        painter->drawText(badge, Qt::AlignCenter, unread > 99 ? QStringLiteral("99+") : QString::number(unread));
    }

    // Preview or typing
    QFont previewFont = opt.font;
    previewFont.setBold(unread > 0 && !typing);
    previewFont.setItalic(typing);
    painter->setFont(previewFont);
    painter->setPen(typing ? theme::accent(pal) : (unread > 0 ? pal.color(QPalette::Text) : theme::mutedText(pal)));
    const int badgeSpace = badge.isEmpty() ? 0 : badge.width() + 8;
    const QRect previewRect(textLeft, top + 2 * lineH + 4, textRight - textLeft - badgeSpace, lineH);
    const QString shown = typing ? tr("typing…") : preview;
    painter->drawText(visual(previewRect), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(previewFont).elidedText(shown, Qt::ElideRight, previewRect.width()));

    painter->restore();
}

} // namespace craftchat::ui
