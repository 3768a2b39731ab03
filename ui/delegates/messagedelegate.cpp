#include "ui/delegates/messagedelegate.h"

#include "ui/models/messagemodel.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/net/pdfpreviews.h"
#include "ui/util/relativetime.h"
#include "ui/util/textmatch.h"
#include "ui/util/theme.h"

#include <QAbstractItemView>
#include <QFileInfo>
#include <QMimeDatabase>
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
bool isFile(const QModelIndex &index)
{
    return index.data(MessageModel::TypeRole).toString() == QLatin1String("file");
}
bool isDeleted(const QModelIndex &index)
{
    return index.data(MessageModel::DeletedRole).toBool();
}
bool isPdf(const QModelIndex &index)
{
    return isFile(index)
           && (index.data(MessageModel::AttachmentTypeRole).toString() == QLatin1String("application/pdf")
               || index.data(MessageModel::AttachmentNameRole)
                      .toString()
                      .endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive));
}
constexpr int QuoteBar = 3;
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
    QString time = clockTime(index.data(MessageModel::TimestampRole).toDateTime());
    if (index.data(MessageModel::EditedRole).toBool())
        time = tr("edited") + QStringLiteral(" · ") + time;
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
    if (!index.data(MessageModel::ReplyToIdRole).toString().isEmpty() && !isDeleted(index)) {
        const int w = qMin(maxInner, qMax(160, sfm.horizontalAdvance(quoteText(index)) + 2 * 8 + QuoteBar));
        l.quote = QRect(BubblePadH, innerY, w, 2 * sfm.height() + 8);
        innerW = qMax(innerW, w);
        innerY += l.quote.height() + 4;
    }
    QSize content;
    if (isDeleted(index)) {
        QFont italic = option.font;
        italic.setItalic(true);
        content = QSize(QFontMetrics(italic).horizontalAdvance(tr("Message deleted")) + 4, fm.height());
    } else if (isImage(index)) {
        content = ThumbnailSize.boundedTo(QSize(maxInner, maxInner));
    } else if (isFile(index)) {
        const int w = qMin(maxInner, 280);
        if (isPdf(index)) {
            l.preview = QRect(BubblePadH, innerY, w, PdfPreviewSize.height());
            innerY += l.preview.height() + 4;
        }
        content = QSize(w, FileCardHeight);
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
    l.quote.translate(x, y);
    l.preview.translate(x, y);
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
    if (index.data(MessageModel::HighlightRole).toBool()) {
        // The message a jump led to: outlined and tinted for a moment.
        QColor tint = theme::accent(option.palette);
        tint.setAlphaF(0.22);
        painter->setPen(QPen(theme::accent(option.palette), 2));
        painter->setBrush(tint);
        painter->drawRoundedRect(QRectF(visual(l.bubble)).adjusted(1, 1, -1, -1), Radius, Radius);
    }
    if (!l.sender.isEmpty())
        paintSender(painter, option, visual(l.sender), index);
    if (!l.quote.isEmpty())
        paintQuote(painter, option, visual(l.quote), index, own);
    if (isDeleted(index))
        paintTombstone(painter, option, visual(l.content), own);
    else if (isImage(index))
        paintPhoto(painter, option, visual(l.content), index);
    else if (isFile(index)) {
        if (!l.preview.isEmpty())
            paintPdfPreview(painter, option, visual(l.preview), index);
        paintFileCard(painter, option, visual(l.content), index, own);
    } else
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
    const QString content = index.data(MessageModel::ContentRole).toString();
    QTextLayout text(content, option.font);
    if (!m_query.isEmpty()) {
        // Matches of the find bar, marked as in a text editor's search.
        QList<QTextLayout::FormatRange> formats;
        for (const textmatch::Range &r : textmatch::matches(content, m_query)) {
            QTextLayout::FormatRange f;
            f.start = r.start;
            f.length = r.length;
            f.format.setBackground(QColor(0xff, 0xd5, 0x4f));
            f.format.setForeground(QColor(0x20, 0x20, 0x20));
            formats.append(f);
        }
        text.setFormats(formats);
    }
    layoutText(text, rect.width() + 1);
    painter->setPen(own ? theme::ownBubbleText(pal) : theme::otherBubbleText(pal));
    // Lines are laid out left-to-right inside the content box; the box itself is mirrored.
    text.draw(painter, rect.topLeft());
}

QString MessageDelegate::quoteText(const QModelIndex &index)
{
    const QString type = index.data(MessageModel::ReplyToTypeRole).toString();
    const QString text = index.data(MessageModel::ReplyToTextRole).toString().simplified();
    if (type == QLatin1String("deleted") || (text.isEmpty() && !type.isEmpty()))
        return tr("Message deleted");
    if (type == QLatin1String("image"))
        return tr("Photo");
    if (type.isEmpty() && text.isEmpty())
        return tr("Earlier message");
    return text;
}

void MessageDelegate::paintQuote(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                 const QModelIndex &index, bool own) const
{
    const QPalette &pal = option.palette;
    QColor fill = theme::accent(pal);
    fill.setAlphaF(own ? 0.16 : 0.10);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(rect, 6, 6);
    const bool rtl = option.direction == Qt::RightToLeft;
    const QRect bar = rtl ? QRect(rect.right() - QuoteBar + 1, rect.top(), QuoteBar, rect.height())
                          : QRect(rect.left(), rect.top(), QuoteBar, rect.height());
    painter->setBrush(theme::accent(pal));
    painter->drawRoundedRect(bar, 1.5, 1.5);
    const QRect inner = rect.adjusted(QuoteBar + 7, 4, -7, -4);
    const QFont small = smallFont(option.font);
    QFont bold = small;
    bold.setBold(true);
    const int lineH = QFontMetrics(small).height();
    painter->setFont(bold);
    painter->setPen(theme::accent(pal));
    QString who = index.data(MessageModel::ReplyToSenderRole).toString();
    if (who.isEmpty())
        who = tr("Reply");
    painter->drawText(QRect(inner.left(), inner.top(), inner.width(), lineH), Qt::AlignLeading | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(who, Qt::ElideRight, inner.width()));
    painter->setFont(small);
    painter->setPen(own ? theme::ownBubbleText(pal) : theme::otherBubbleText(pal));
    const QString text = quoteText(index);
    painter->drawText(QRect(inner.left(), inner.top() + lineH, inner.width(), lineH),
                      Qt::AlignLeading | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(text, Qt::ElideRight, inner.width()));
}

QString MessageDelegate::fileBadge(const QString &name, const QString &mimeType)
{
    QString suffix = QFileInfo(name).suffix().toUpper();
    if (mimeType == QLatin1String("application/pdf"))
        suffix = QStringLiteral("PDF");
    if (suffix.isEmpty() || suffix.size() > 4)
        suffix = QStringLiteral("FILE");
    return suffix;
}

QString MessageDelegate::fileDetails(const QModelIndex &index)
{
    const qint64 size = index.data(MessageModel::AttachmentSizeRole).toLongLong();
    const QString mime = index.data(MessageModel::AttachmentTypeRole).toString();
    const QString name = index.data(MessageModel::AttachmentNameRole).toString();
    static const QMimeDatabase mimes;
    QString type;
    if (!mime.isEmpty() && mime != QLatin1String("application/octet-stream"))
        type = mimes.mimeTypeForName(mime).comment();
    if (type.isEmpty())
        type = tr("%1 file").arg(fileBadge(name, mime));
    return size >= 0 ? formatFileSize(size) + QStringLiteral(" · ") + type : type;
}

void MessageDelegate::paintFileCard(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                    const QModelIndex &index, bool own) const
{
    const QPalette &pal = option.palette;
    const QString name = index.data(MessageModel::AttachmentNameRole).toString();
    const QString mime = index.data(MessageModel::AttachmentTypeRole).toString();
    const double transfer = index.data(MessageModel::TransferRole).toDouble();
    const bool rtl = option.direction == Qt::RightToLeft;
    // The icon: a coloured page with the file's kind on it; a cross while it is on its way.
    const QRect icon
        = rtl ? QRect(rect.right() - 36 + 1, rect.top() + 5, 36, 36) : QRect(rect.left(), rect.top() + 5, 36, 36);
    const QString badge = fileBadge(name, mime);
    QColor colour = theme::accent(pal);
    if (badge == QLatin1String("PDF"))
        colour = QColor(0xd3, 0x2f, 0x2f);
    else if (badge.startsWith(QLatin1String("XLS")) || badge == QLatin1String("ODS") || badge == QLatin1String("CSV"))
        colour = QColor(0x2e, 0x7d, 0x32);
    else if (badge.startsWith(QLatin1String("DOC")) || badge == QLatin1String("ODT") || badge == QLatin1String("TXT"))
        colour = QColor(0x15, 0x65, 0xc0);
    else if (badge.startsWith(QLatin1String("PPT")))
        colour = QColor(0xe6, 0x51, 0x00);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(icon, 7, 7);
    painter->setPen(Qt::white);
    QFont badgeFont = smallFont(option.font);
    badgeFont.setBold(true);
    if (transfer >= 0) {
        QPen pen(Qt::white, 2);
        pen.setCapStyle(Qt::RoundCap);
        painter->setPen(pen);
        const QPointF c = QRectF(icon).center();
        painter->drawLine(c + QPointF(-6, -6), c + QPointF(6, 6));
        painter->drawLine(c + QPointF(6, -6), c + QPointF(-6, 6));
    } else {
        badgeFont.setPointSizeF(badgeFont.pointSizeF() * (badge.size() > 3 ? 0.8 : 0.95));
        painter->setFont(badgeFont);
        painter->drawText(icon, Qt::AlignCenter, badge);
    }
    const QRect text = rtl ? rect.adjusted(0, 2, -44, -2) : rect.adjusted(44, 2, 0, -2);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    painter->setFont(bold);
    painter->setPen(own ? theme::ownBubbleText(pal) : theme::otherBubbleText(pal));
    painter->drawText(QRect(text.left(), text.top(), text.width(), bfm.height()), Qt::AlignLeading | Qt::AlignVCenter,
                      bfm.elidedText(name, Qt::ElideMiddle, text.width()));
    const QFont small = smallFont(option.font);
    painter->setFont(small);
    painter->setPen(theme::mutedText(pal));
    const int y2 = text.top() + bfm.height() + 2;
    QString details = fileDetails(index);
    if (transfer >= 0)
        details = tr("%1 % · click to cancel").arg(int(transfer * 100));
    painter->drawText(QRect(text.left(), y2, text.width(), QFontMetrics(small).height()),
                      Qt::AlignLeading | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(details, Qt::ElideRight, text.width()));
    if (transfer >= 0) {
        const QRect track(text.left(), rect.bottom() - 3, text.width(), 3);
        QColor back = theme::mutedText(pal);
        back.setAlphaF(0.3);
        painter->setPen(Qt::NoPen);
        painter->setBrush(back);
        painter->drawRoundedRect(track, 1.5, 1.5);
        painter->setBrush(theme::accent(pal));
        const int done = int(track.width() * transfer);
        painter->drawRoundedRect(rtl ? QRect(track.right() - done + 1, track.top(), done, track.height())
                                     : QRect(track.left(), track.top(), done, track.height()),
                                 1.5, 1.5);
    }
}

void MessageDelegate::paintPdfPreview(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                      const QModelIndex &index) const
{
    const QPalette &pal = option.palette;
    const QString url = index.data(MessageModel::ContentRole).toString();
    const QImage page = m_pdfs ? m_pdfs->preview(url, index.data(MessageModel::AttachmentNameRole).toString(),
                                                 index.data(MessageModel::AttachmentSizeRole).toLongLong())
                               : QImage();
    QPainterPath clip;
    clip.addRoundedRect(rect, 8, 8);
    painter->save();
    painter->setClipPath(clip);
    painter->fillRect(rect, theme::isDark(pal) ? QColor(0x20, 0x24, 0x2a) : QColor(0xe4, 0xe8, 0xee));
    if (!page.isNull()) {
        // The top of the first page, across the card's width: the letterhead and the title.
        const QSize scaled = page.size().scaled(rect.width(), INT_MAX, Qt::KeepAspectRatio);
        painter->drawImage(QRect(rect.topLeft(), scaled), page);
    } else {
        painter->setPen(theme::mutedText(pal));
        painter->setFont(smallFont(option.font));
        const bool failed = !m_pdfs || m_pdfs->hasFailed(url);
        painter->drawText(rect.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                          failed ? tr("No preview") : tr("Loading preview…"));
    }
    painter->restore();
}

void MessageDelegate::paintTombstone(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                                     bool own) const
{
    QFont italic = option.font;
    italic.setItalic(true);
    painter->setFont(italic);
    QColor colour = own ? theme::ownBubbleText(option.palette) : theme::otherBubbleText(option.palette);
    colour.setAlphaF(0.6);
    painter->setPen(colour);
    painter->drawText(rect, Qt::AlignLeading | Qt::AlignVCenter, tr("Message deleted"));
}

MessageDelegate::Part MessageDelegate::hitTest(const QStyleOptionViewItem &option, const QModelIndex &index,
                                               const QPoint &pos) const
{
    for (Part part : {Part::Quote, Part::Photo, Part::File})
        if (partRect(option, index, part).contains(pos))
            return part;
    return Part::None;
}

QRect MessageDelegate::partRect(const QStyleOptionViewItem &option, const QModelIndex &index, Part part) const
{
    const Layout l = layout(option, index, option.rect.width());
    QRect logical;
    switch (part) {
    case Part::Quote:
        logical = l.quote;
        break;
    case Part::Photo:
        logical = isImage(index) && !isDeleted(index) ? l.content : QRect();
        break;
    case Part::File:
        logical = isFile(index) && !isDeleted(index) ? (l.preview.isEmpty() ? l.content : l.preview.united(l.content))
                                                     : QRect();
        break;
    case Part::None:
        break;
    }
    if (logical.isEmpty())
        return {};
    return QStyle::visualRect(option.direction, option.rect, logical.translated(option.rect.topLeft()));
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
