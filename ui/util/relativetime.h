// Short human times for lists ("now", "5 min", "14:03", "Yesterday", "Mon", "12.03.26") and
// day separators ("Today", "Yesterday", a date).
#pragma once

#include <QDateTime>
#include <QString>

namespace craftchat::ui {

QString relativeTime(const QDateTime &when, const QDateTime &now);
QString dayLabel(const QDate &day, const QDate &today);
// "14:03" in the local time zone and the user's locale.
QString clockTime(const QDateTime &when);
// Parses the contract's ISO 8601 UTC timestamps; invalid input gives an invalid QDateTime.
QDateTime parseTimestamp(const QString &iso);

} // namespace craftchat::ui
