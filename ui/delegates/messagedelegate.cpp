#include "ui/delegates/messagedelegate.h"

#include "ui/models/messagemodel.h"
#include "ui/net/imagecache.h"
#include "ui/util/relativetime.h"
#include "ui/util/theme.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace craftchat::ui {

namespace {
constexpr int SidePadding = 14;
constexpr int BubblePadH = 11;
constexpr int BubblePadV = 7;
constexpr int Radius = 12;
constexpr int TickWidth = 20;

// Lays the text out for `width`; returns the size it needs.
QSizeF layoutText(QTextLayout &layout, int width)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(layout.text().isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    qreal widest = 0;
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        widest = qMax(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return {widest, height};
}

QFont smallFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.8);
    return font;
}

bool isOwn(const QModelIndex &index)
{
    return index.data(MessageModel::IsOwnRole).toBool();
}
MessageModel::State stateOf(const QModelIndex &index)
{
    return MessageModel::State(index.data(MessageModel::StateRole).toInt());
}
bool isImage(const QModelIndex &index)
{
    return index.data(MessageModel::TypeRole).toString() == QLatin1String("image");
}
} // namespace

MessageDelegate::MessageDelegate(QAbstractItemView *view, ImageCache *images, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_view(view)
    , m_images(images)
{}

int MessageDelegate::availableWidth(const QStyleOptionViewItem &option) const
{
    if (m_view)
        return m_view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 600;
}

QString MessageDelegate::footerText(const QModelIndex &index) const
{
    const QString time = clockTime(index.data(MessageModel::TimestampRole).toDateTime());
    if (stateOf(index) == MessageModel::State::Failed)
        return tr("Not sent") + QStringLiteral(" · ") + time;
    return time;
}

QString MessageDelegate::statusText(const QModelIndex &index)
{
    if (stateOf(index) != MessageModel::State::Failed)
        return {};
    QString reason = index.data(MessageModel::ErrorRole).toString();
    if (reason.isEmpty())
        reason = tr("The server did not take the message.");
    const QString hint = index.data(MessageModel::RetryableRole).toBool() ? tr("Click to retry or delete it.")
                                                                          : tr("Click to delete it.");
    return reason + QLatin1Char('\n') + hint;
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index,
                                                int width) const
{
    Layout l;
    const QFontMetrics fm(option.font);
    const QFontMetrics sfm(smallFont(option.font));
    const bool own = isOwn(index);
    int y = index.data(MessageModel::FirstInGroupRole).toBool() ? 6 : 1;
    if (index.data(MessageModel::DaySeparatorRole).toBool()) {
        l.separatorHeight = sfm.height() + 12;
        y += l.separatorHeight + 8;
    }
    const int maxBubble = qMax(160, qMin(560, int(width * 0.72)));
    const int maxInner = maxBubble - 2 * BubblePadH;

    int innerW = 0;
    int innerY = BubblePadV;
    if (!own && index.data(MessageModel::FirstInGroupRole).toBool()) {
        QFont bold = option.font;
        bold.setBold(true);
        const int w = qMin(
            maxInner,
            QFontMetrics(smallFont(bold)).horizontalAdvance(index.data(MessageModel::SenderNameRole).toString()) + 6);
        l.sender = QRect(BubblePadH, innerY, w, sfm.height());
        innerW = qMax(innerW, w);
        innerY += sfm.height() + 2;
    }
    QSize content;
    if (isImage(index)) {
        content = ThumbnailSize.boundedTo(QSize(maxInner, maxInner));
    } else {
        QTextLayout text(index.data(MessageModel::ContentRole).toString(), option.font);
        const QSizeF s = layoutText(text, maxInner);
        content = QSize(int(std::ceil(s.width())), int(std::ceil(s.height())));
    }
    l.content = QRect(BubblePadH, innerY, content.width(), content.height());
    innerW = qMax(innerW, content.width());
    innerY += content.height() + 3;

    if (const QString status = statusText(index); !status.isEmpty()) {
        QTextLayout text(status, smallFont(option.font));
        const QSizeF s = layoutText(text, maxInner);
        l.status = QRect(BubblePadH, innerY, int(std::ceil(s.width())), int(std::ceil(s.height())));
        innerW = qMax(innerW, l.status.width());
        innerY += l.status.height() + 3;
    }

    const int footerW = sfm.horizontalAdvance(footerText(index)) + (own ? TickWidth : 0);
    innerW = qMin(maxInner, qMax(innerW, footerW));
    l.footer = QRect(BubblePadH + innerW - footerW, innerY, footerW, sfm.height());
    innerY += sfm.height() + BubblePadV;

    const int bubbleW = innerW + 2 * BubblePadH;
    const int x = own ? width - SidePadding - bubbleW : SidePadding;
    l.bubble = QRect(x, y, bubbleW, innerY);
    l.sender.translate(x, y);
    l.content.translate(x, y);
    l.status.translate(x, y);
    l.footer.translate(x, y);
    l.height = y + innerY + 2;
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = availableWidth(option);
    return {width, layout(option, index, width).height};
}

QRect MessageDelegate::bubbleRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index, option.rect.width());
    return QStyle::visualRect(option.direction, option.rect, l.bubble.translated(option.rect.topLeft()));
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QRect r = option.rect;
    const Layout l = layout(option, index, r.width());
    auto visual = [&](const QRect &logical) {
        return QStyle::visualRect(option.direction, r, logical.translated(r.topLeft()));
    };
    const bool own = isOwn(index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->setLayoutDirection(option.direction);
    if (l.separatorHeight > 0)
        paintDaySeparator(painter, option, index, l.separatorHeight);
    paintBubble(painter, option, visual(l.bubble), own, stateOf(index) == MessageModel::State::Pending);
    if (!l.sender.isEmpty())
        paintSender(painter, option, visual(l.sender), index);
    if (isImage(index))
        paintPhoto(painter, option, visual(l.content), index);
    else
        paintText(painter, option, visual(l.content), index, own);
    if (!l.status.isEmpty())
        paintStatus(painter, option, visual(l.status), index);
    paintFooter(painter, option, visual(l.footer), index, own);
    painter->restore();
}

void MessageDelegate::paintDaySeparator(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                                        int height) const
{
    const QRect r = option.rect;
    const QPalette &pal = option.palette;
    const QDateTime ts = index.data(MessageModel::TimestampRole).toDateTime();
    const QString label = dayLabel(ts.toLocalTime().date(), m_today.isValid() ? m_today : QDate::currentDate());
    const QFont small = smallFont(option.font);
    const int w = QFontMetrics(small).horizontalAdvance(label) + 24;
    const QRect pill(r.left() + (r.width() - w) / 2, r.top() + 8, w, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme::isDark(pal) ? QColor(0x2b, 0x30, 0x37) : QColor(0xd5, 0xdc, 0xe5));
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setFont(small);
    painter->setPen(theme::mutedText(pal));
    painter->drawText(pill, Qt::AlignCenter, label);
}

void MessageDelegate::paintBubble(QPainter *painter, const QStyleOptionViewItem &option, const QRect &bubble, bool own,
                                  bool pending) const
{
    const QPalette &pal = option.palette;
    painter->setPen(Qt::NoPen);
    QColor fill = own ? theme::ownBubble(pal) : theme::otherBubble(pal);
    if (pending)
        fill.setAlphaF(0.75);
    painter->setBrush(fill);
    painter->drawRoundedRect(bubble, Radius, Radius);
    if (option.state & QStyle::State_HasFocus && m_view && m_view->hasFocus()) {
        painter->setPen(QPen(theme::accent(pal), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(bubble).adjusted(0.75, 0.75, -0.75, -0.75), Radius, Radius);
    }
}

void MessageDelegate::paintSender(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                  const QModelIndex &index) const
{
    QFont bold = smallFont(option.font);
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(theme::accent(option.palette));
    // Leading-aligned in either direction: the rectangle is mirrored already.
    painter->drawText(rect, Qt::AlignLeading | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(index.data(MessageModel::SenderNameRole).toString(), Qt::ElideRight,
                                                    rect.width()));
}

void MessageDelegate::paintPhoto(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                 const QModelIndex &index) const
{
    const QPalette &pal = option.palette;
    const QString url = index.data(MessageModel::ContentRole).toString();
    const QPixmap image = m_images ? m_images->image(url) : QPixmap();
    QPainterPath clip;
    clip.addRoundedRect(rect, 8, 8);
    painter->save();
    painter->setClipPath(clip);
    painter->fillRect(rect, theme::isDark(pal) ? QColor(0x20, 0x24, 0x2a) : QColor(0xe4, 0xe8, 0xee));
    if (!image.isNull()) {
        const QSize scaled = image.size().scaled(rect.size(), Qt::KeepAspectRatioByExpanding);
        const QRect target(rect.center() - QPoint(scaled.width() / 2, scaled.height() / 2), scaled);
        painter->drawPixmap(target, image);
    } else {
        painter->setPen(theme::mutedText(pal));
        painter->setFont(smallFont(option.font));
        painter->drawText(rect.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, photoPlaceholder(url));
    }
    painter->restore();
}

QString MessageDelegate::photoPlaceholder(const QString &url) const
{
    if (!m_images || m_images->hasFailed(url))
        return tr("Photo unavailable");
    if (m_images->isExternal(url) && !m_images->isExternalAllowed(url))
        return tr("Load image from %1").arg(m_images->externalHost(url));
    return tr("Loading photo…");
}

void MessageDelegate::paintText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                const QModelIndex &index, bool own) const
{
    const QPalette &pal = option.palette;
    QTextLayout text(index.data(MessageModel::ContentRole).toString(), option.font);
    layoutText(text, rect.width() + 1);
    painter->setPen(own ? theme::ownBubbleText(pal) : theme::otherBubbleText(pal));
    // Lines are laid out left-to-right inside the content box; the box itself is mirrored.
    text.draw(painter, rect.topLeft());
}

void MessageDelegate::paintStatus(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                  const QModelIndex &index) const
{
    QTextLayout text(statusText(index), smallFont(option.font));
    layoutText(text, rect.width() + 1);
    painter->setPen(theme::failed(option.palette));
    text.draw(painter, rect.topLeft());
}

void MessageDelegate::paintFooter(QPainter *painter, const QStyleOptionViewItem &option, const QRect &footer,
                                  const QModelIndex &index, bool own) const
{
    const QPalette &pal = option.palette;
    const Qt::LayoutDirection dir = option.direction;
    const MessageModel::State state = stateOf(index);
    painter->setFont(smallFont(option.font));
    const QColor muted
        = own ? (theme::isDark(pal) ? QColor(0xb8, 0xc8, 0xe0) : QColor(0x4a, 0x5e, 0x7a)) : theme::mutedText(pal);
    painter->setPen(state == MessageModel::State::Failed ? theme::failed(pal) : muted);
    const QRect timeRect = QStyle::visualRect(
        dir, footer, QRect(footer.left(), footer.top(), footer.width() - (own ? TickWidth : 0), footer.height()));
    painter->drawText(timeRect, Qt::AlignLeading | Qt::AlignVCenter, footerText(index));
    if (!own)
        return;
    const QRect tickArea = QStyle::visualRect(
        dir, footer, QRect(footer.right() - TickWidth + 4, footer.top(), TickWidth - 4, footer.height()));
    paintTicks(painter, QRectF(tickArea), footer.height() / 4.0, int(state), muted, theme::readTick(pal),
               theme::failed(pal));
}

void MessageDelegate::paintTicks(QPainter *painter, const QRectF &area, qreal s, int state, const QColor &colour,
                                 const QColor &readColour, const QColor &failedColour)
{
    const QPointF c = area.center();
    QPen pen(MessageModel::State(state) == MessageModel::State::Read ? readColour : colour, 1.4);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    auto tick = [&](qreal dx) {
        QPainterPath p;
        p.moveTo(c.x() - s * 1.1 + dx, c.y());
        p.lineTo(c.x() - s * 0.4 + dx, c.y() + s * 0.8);
        p.lineTo(c.x() + s * 1.0 + dx, c.y() - s * 0.9);
        painter->drawPath(p);
    };
    switch (MessageModel::State(state)) {
    case MessageModel::State::Pending: // a small clock
        painter->drawEllipse(c, s * 1.1, s * 1.1);
        painter->drawLine(c, c + QPointF(0, -s * 0.7));
        painter->drawLine(c, c + QPointF(s * 0.5, 0));
        break;
    case MessageModel::State::Sent:
        tick(0);
        break;
    case MessageModel::State::Read:
        tick(-s * 0.5);
        tick(s * 0.5);
        break;
    case MessageModel::State::Failed:
        painter->setPen(QPen(failedColour, 1.4));
        painter->drawEllipse(c, s * 1.1, s * 1.1);
        painter->drawLine(c + QPointF(0, -s * 0.6), c + QPointF(0, s * 0.15));
        painter->drawPoint(c + QPointF(0, s * 0.55));
        break;
    }
}

} // namespace craftchat::ui
