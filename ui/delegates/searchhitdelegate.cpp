#include "ui/delegates/searchhitdelegate.h"

#include "ui/models/searchresultmodel.h"
#include "ui/util/relativetime.h"
#include "ui/util/textmatch.h"
#include "ui/util/theme.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

namespace craftchat::ui {

namespace {
constexpr int Pad = 8;
}

QSize SearchHitDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return {200, 2 * fm.height() + 2 * Pad + 2};
}

void SearchHitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, pal.highlight());
    else if (option.state & QStyle::State_MouseOver)
        painter->fillRect(option.rect, pal.alternateBase());
    const QRect r = option.rect.adjusted(Pad + 4, Pad, -Pad - 4, -Pad);
    const QFontMetrics fm(option.font);
    QFont bold = option.font;
    bold.setBold(true);
    const QString time
        = relativeTime(index.data(SearchResultModel::TimestampRole).toDateTime(), QDateTime::currentDateTimeUtc());
    const int timeW = fm.horizontalAdvance(time) + 6;
    const bool rtl = option.direction == Qt::RightToLeft;
    QRect titleRect(r.left(), r.top(), r.width() - timeW, fm.height());
    QRect timeRect(r.right() - timeW + 1, r.top(), timeW, fm.height());
    if (rtl) {
        titleRect = QStyle::visualRect(Qt::RightToLeft, r, titleRect);
        timeRect = QStyle::visualRect(Qt::RightToLeft, r, timeRect);
    }
    painter->setFont(bold);
    painter->setPen(selected ? pal.highlightedText().color() : pal.text().color());
    painter->drawText(titleRect, Qt::AlignLeading | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(index.data(SearchResultModel::ChatTitleRole).toString(),
                                                    Qt::ElideRight, titleRect.width()));
    painter->setFont(option.font);
    painter->setPen(selected ? pal.highlightedText().color() : theme::mutedText(pal));
    painter->drawText(timeRect, Qt::AlignTrailing | Qt::AlignVCenter, time);

    // The excerpt, elided, with the words of the search on a marker colour.
    const QString snippet
        = fm.elidedText(index.data(SearchResultModel::SnippetRole).toString(), Qt::ElideRight, r.width());
    QTextLayout layout(snippet, option.font);
    QList<QTextLayout::FormatRange> formats;
    for (const textmatch::Range &m : textmatch::matches(snippet, index.data(SearchResultModel::QueryRole).toString())) {
        QTextLayout::FormatRange f;
        f.start = m.start;
        f.length = m.length;
        f.format.setBackground(QColor(0xff, 0xd5, 0x4f));
        f.format.setForeground(QColor(0x20, 0x20, 0x20));
        formats.append(f);
    }
    layout.setFormats(formats);
    QTextOption textOption;
    textOption.setTextDirection(snippet.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    const bool alignRight = rtl || snippet.isRightToLeft();
    textOption.setAlignment((alignRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignAbsolute);
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLineWidth(r.width());
    layout.endLayout();
    painter->setPen(selected ? pal.highlightedText().color() : pal.text().color());
    layout.draw(painter, QPointF(r.left(), r.top() + fm.height() + 2));
    painter->restore();
}

} // namespace craftchat::ui
