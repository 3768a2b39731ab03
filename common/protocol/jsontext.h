// Compact JSON text of Qt JSON values, byte for byte what QJsonDocument::toJson(Compact)
// writes, without QJsonDocument: Qt's writer costs about 35,000 instructions for a
// new-message payload (it goes through QCborValue and a QByteArray per value), this one a
// fraction of that. Values it does not write itself (non-integral numbers, strings with
// characters outside ASCII) go through Qt's writer, so the output stays Qt's.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringView>

namespace craftchat::json {

void appendValue(QByteArray &out, const QJsonValue &value);
void appendObject(QByteArray &out, const QJsonObject &object);
void appendArray(QByteArray &out, const QJsonArray &array);
// A string literal with its quotes.
void appendString(QByteArray &out, QStringView text);
void appendString(QByteArray &out, QLatin1StringView text);

// Any value's compact text (QJsonDocument itself only takes arrays and objects).
QByteArray toText(const QJsonValue &value);

} // namespace craftchat::json
