#include "common/contract/jsonfields.h"

#include "common/contract/timestamp.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace craftchat::contract::json {

bool readString(const QJsonObject &o, const QString &key, QString &out, bool nonEmpty)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return false;
    QString s = v.toString();
    if (nonEmpty && s.isEmpty())
        return false;
    out = std::move(s);
    return true;
}

bool readOptionalString(const QJsonObject &o, const QString &key, std::optional<QString> &out, bool nonEmpty)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out.reset();
        return true;
    }
    QString s;
    if (!readString(o, key, s, nonEmpty))
        return false;
    out = std::move(s);
    return true;
}

bool readBool(const QJsonObject &o, const QString &key, bool &out)
{
    const QJsonValue v = o.value(key);
    if (!v.isBool())
        return false;
    out = v.toBool();
    return true;
}

bool readInt(const QJsonObject &o, const QString &key, int &out, int minimum)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < minimum || d > double(std::numeric_limits<int>::max()))
        return false;
    out = int(d);
    return true;
}

bool readInt64(const QJsonObject &o, const QString &key, qint64 &out, qint64 minimum)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    constexpr double maxExact = 9007199254740991.0; // 2^53 - 1
    if (!std::isfinite(d) || std::floor(d) != d || d < double(minimum) || d > maxExact)
        return false;
    out = qint64(d);
    return true;
}

bool readTimestamp(const QJsonObject &o, const QString &key, QDateTime &out)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return false;
    const std::optional<QDateTime> t = parseIsoTimestamp(v.toString());
    if (!t)
        return false;
    out = *t;
    return true;
}

bool readOptionalTimestamp(const QJsonObject &o, const QString &key, std::optional<QDateTime> &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out.reset();
        return true;
    }
    QDateTime t;
    if (!readTimestamp(o, key, t))
        return false;
    out = t;
    return true;
}

bool readStringList(const QJsonObject &o, const QString &key, QStringList &out, bool nonEmpty)
{
    const QJsonValue v = o.value(key);
    if (!v.isArray())
        return false;
    QStringList list;
    const QJsonArray a = v.toArray();
    list.reserve(a.size());
    for (const QJsonValue &item : a) {
        if (!item.isString() || (nonEmpty && item.toString().isEmpty()))
            return false;
        list.append(item.toString());
    }
    out = std::move(list);
    return true;
}

} // namespace craftchat::contract::json
