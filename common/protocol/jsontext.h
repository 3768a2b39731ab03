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

namespace craftchat::protocol::json {

void appendValue(QByteArray &out, const QJsonValue &value);
void appendObject(QByteArray &out, const QJsonObject &object);
void appendArray(QByteArray &out, const QJsonArray &array);
// A string literal with its quotes.
void appendString(QByteArray &out, QStringView text);
void appendString(QByteArray &out, QLatin1StringView text);

// Any value's compact text (QJsonDocument itself only takes arrays and objects).
QByteArray toText(const QJsonValue &value);

// Writes an object field by field, straight from C++ values (no QJsonObject is built).
// Fields must come in the order a QJsonObject keeps them, by key (as QString compares
// ASCII: "_id" < "chatId" < "content"), so the text is what toText() of the equivalent
// QJsonObject gives; debug builds check the order.
class ObjectWriter
{
public:
    explicit ObjectWriter(QByteArray &out)
        : m_out(out)
    {
        m_out.append('{');
    }
    ObjectWriter &field(QLatin1StringView key, QStringView value);
    ObjectWriter &field(QLatin1StringView key, const QString &value) { return field(key, QStringView(value)); }
    ObjectWriter &field(QLatin1StringView key, bool value);
    ObjectWriter &field(QLatin1StringView key, int value);
    ObjectWriter &field(QLatin1StringView key, qint64 value);
    // Starts a field whose value the caller appends to out() next.
    ObjectWriter &key(QLatin1StringView key);
    QByteArray &out() { return m_out; }
    void end() { m_out.append('}'); }

private:
    QByteArray &m_out;
    QLatin1StringView m_lastKey;
    bool m_first = true;
};

} // namespace craftchat::protocol::json
