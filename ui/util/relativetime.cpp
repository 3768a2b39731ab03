#include "util/relativetime.h"

#include <QCoreApplication>
#include <QLocale>

namespace craftchat::ui {

namespace {
QString trc(const char *text) { return QCoreApplication::translate("RelativeTime", text); }
}

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const qint64 secs = when.secsTo(now);
    if (secs < 60)
        return trc("now");
    if (secs < 3600)
        return QCoreApplication::translate("RelativeTime", "%n min", nullptr, int(secs / 60));
    const QDate day = when.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day == today)
        return clockTime(when);
    if (day.daysTo(today) == 1)
        return trc("Yesterday");
    if (day.daysTo(today) < 7)
        return QLocale().dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(day, QLocale::ShortFormat);
}

QString dayLabel(const QDate &day, const QDate &today)
{
    if (day == today)
        return trc("Today");
    if (day.daysTo(today) == 1)
        return trc("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

QString clockTime(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
}

QDateTime parseTimestamp(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(iso, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace craftchat::ui
