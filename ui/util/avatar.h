// Avatars: a stable colour derived from an id and initials derived from a name.
#pragma once

#include <QColor>
#include <QPixmap>
#include <QString>

namespace craftchat::ui {

// The same id always gives the same colour; colours are picked from a palette that keeps white
// initials readable in light and dark themes.
QColor avatarColor(const QString &id);
// "Ada Lovelace" -> "AL", "plato" -> "P", "" -> "?".
QString initials(const QString &fullName);
// A round avatar of the given logical size: the picture when not null, else initials.
QPixmap renderAvatar(const QString &id, const QString &fullName, const QPixmap &picture, int size,
                     qreal devicePixelRatio);

} // namespace craftchat::ui
