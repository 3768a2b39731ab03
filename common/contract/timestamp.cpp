#include "common/contract/timestamp.h"

#include <QRegularExpression>

namespace craftchat::contract {

namespace {

// Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar
// (the well-known "civil from days" arithmetic on 400-year eras).
void civilFromDays(qint64 days, qint64 &year, int &month, int &day)
{
    days += 719468; // days from 0000-03-01 to 1970-01-01
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
    day = int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    month = int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

char *writeDigits(char *out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

QString isoTimestamp(const QDateTime &t)
{
    // Written by hand: QDateTime::toString() with a format parses the format on every call
    // and goes through the calendar and locale code (about 1 % of the server's CPU on the
    // message path, three timestamps per message). Same output for years 1-9999.
    if (!t.isValid())
        return QString();
    constexpr qint64 MsPerDay = 86'400'000;
    const qint64 ms = t.toMSecsSinceEpoch();
    qint64 days = ms / MsPerDay;
    qint64 msOfDay = ms % MsPerDay;
    if (msOfDay < 0) {
        msOfDay += MsPerDay;
        --days;
    }
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, year, month, day);
    if (year < 1 || year > 9999) // Qt's calendar has no year 0 and writes other widths there
        return t.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));

    char text[24]; // yyyy-MM-ddTHH:mm:ss.zzzZ
    char *p = writeDigits(text, year, 4);
    *p++ = '-';
    p = writeDigits(p, month, 2);
    *p++ = '-';
    p = writeDigits(p, day, 2);
    *p++ = 'T';
    p = writeDigits(p, msOfDay / 3'600'000, 2);
    *p++ = ':';
    p = writeDigits(p, msOfDay / 60'000 % 60, 2);
    *p++ = ':';
    p = writeDigits(p, msOfDay / 1000 % 60, 2);
    *p++ = '.';
    p = writeDigits(p, msOfDay % 1000, 3);
    *p++ = 'Z';
    return QString::fromLatin1(text, int(p - text));
}

std::optional<QDateTime> parseIsoTimestamp(const QString &text)
{
    static const QRegularExpression shape(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$"));
    if (text.size() > 40 || !shape.match(text).hasMatch())
        return std::nullopt;
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toUTC();
}

QDateTime nowUtc()
{
    return QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
}

} // namespace craftchat::contract
