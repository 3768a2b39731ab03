// Paints a message search hit: the chat's title and the date on the first line, the excerpt
// with the searched words marked on the second.
#pragma once

#include <QStyledItemDelegate>

namespace craftchat::ui {

class SearchHitDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace craftchat::ui
