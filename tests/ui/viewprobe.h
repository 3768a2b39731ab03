// What a person sees in an item view, for the UI tests: whether a row lies inside the visible
// part of the viewport, and how many of its pixels the delegate painted (differ from the
// viewport's background). Tests of models prove the models; these prove the screen.
#pragma once

#include <QAbstractItemView>
#include <QImage>
#include <QScrollBar>
#include <QWidget>

namespace viewprobe {

// The row's rectangle inside the viewport, or an empty one when it is outside or not laid out.
inline QRect visibleRect(QAbstractItemView *view, const QModelIndex &index)
{
    if (!index.isValid() || !view->isVisible())
        return {};
    const QRect rect = view->visualRect(index);
    if (!rect.isValid())
        return {};
    return rect.intersected(view->viewport()->rect());
}

inline bool rowOnScreen(QAbstractItemView *view, const QModelIndex &index)
{
    return !visibleRect(view, index).isEmpty();
}

// Pixels of the row's visible part that are not the background: what the delegate drew.
inline int paintedPixels(QAbstractItemView *view, const QModelIndex &index)
{
    const QRect rect = visibleRect(view, index);
    if (rect.isEmpty())
        return 0;
    const QImage image = view->viewport()->grab(rect).toImage();
    const QColor background = view->viewport()->palette().color(view->viewport()->backgroundRole());
    int painted = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            painted += image.pixelColor(x, y).rgb() != background.rgb();
    return painted;
}

// The last row whose `role` equals `value`, or an invalid index.
inline QModelIndex findRow(const QAbstractItemModel *model, int role, const QVariant &value)
{
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(role) == value)
            return index;
    }
    return {};
}

// Shown and painted: on screen, and at least `minPixels` pixels drawn.
inline bool rowShown(QAbstractItemView *view, const QModelIndex &index, int minPixels = 200)
{
    return rowOnScreen(view, index) && paintedPixels(view, index) >= minPixels;
}

} // namespace viewprobe
