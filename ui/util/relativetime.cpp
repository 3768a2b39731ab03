#include "ui/util/relativetime.h"

#include <QCoreApplication>
#include <QLocale>

namespace craftchat::ui {

namespace {
// Gives the functions below tr() in the "RelativeTime" context.
class RelativeTime
{
    Q_DECLARE_TR_FUNCTIONS(RelativeTime)
public:
    static QString minutes(int n) { return tr("%n min", nullptr, n); }
    static QString now() { return tr("now"); }
    static QString today() { return tr("Today"); }
    static QString yesterday() { return tr("Yesterday"); }
};
} // namespace

QString relativeTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const qint64 secs = when.secsTo(now);
    if (secs < 60)
        return RelativeTime::now();
    if (secs < 3600)
        return RelativeTime::minutes(int(secs / 60));
    const QDate day = when.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day == today)
        return clockTime(when);
    if (day.daysTo(today) == 1)
        return RelativeTime::yesterday();
    if (day.daysTo(today) < 7)
        return QLocale().dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(day, QLocale::ShortFormat);
}

QString dayLabel(const QDate &day, const QDate &today)
{
    if (day == today)
        return RelativeTime::today();
    if (day.daysTo(today) == 1)
        return RelativeTime::yesterday();
    return QLocale().toString(day, QLocale::LongFormat);
}

QString clockTime(const QDateTime &when)
{
    // Hours and minutes only, in the locale's order and digits.
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QLatin1String(":ss")).remove(QLatin1String(".ss"));
    return QLocale().toString(when.toLocalTime().time(), format);
}

QDateTime parseTimestamp(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(iso, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace craftchat::ui
