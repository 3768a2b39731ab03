// Strict readers for JSON object fields, shared by the payload types' fromJson().
// Each returns false when the field has the wrong type (or is missing where required).
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace craftchat::contract::json {

// A present string; with nonEmpty, "" is refused too.
bool readString(const QJsonObject &o, const QString &key, QString &out, bool nonEmpty = false);
// Absent or null leaves `out` empty; anything but a string is refused.
bool readOptionalString(const QJsonObject &o, const QString &key, std::optional<QString> &out, bool nonEmpty = false);
bool readBool(const QJsonObject &o, const QString &key, bool &out);
// A JSON number with no fractional part that fits in an int and is >= minimum.
bool readInt(const QJsonObject &o, const QString &key, int &out, int minimum = 0);
// The same for a 64-bit count (exact up to 2^53, as JSON numbers are).
bool readInt64(const QJsonObject &o, const QString &key, qint64 &out, qint64 minimum = 0);
// An ISO 8601 timestamp string (see timestamp.h).
bool readTimestamp(const QJsonObject &o, const QString &key, QDateTime &out);
bool readOptionalTimestamp(const QJsonObject &o, const QString &key, std::optional<QDateTime> &out);
// An array of strings (each non-empty when nonEmpty).
bool readStringList(const QJsonObject &o, const QString &key, QStringList &out, bool nonEmpty = false);

} // namespace craftchat::contract::json
