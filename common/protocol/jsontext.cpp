#include "common/protocol/jsontext.h"

#include <QJsonDocument>

#include <cmath>

namespace craftchat::protocol::json {

namespace {

// Qt's writer for one value, through a one-element array ("[...]" stripped).
void appendThroughQt(QByteArray &out, const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    out.append(QByteArrayView(wrapped).sliced(1, wrapped.size() - 2));
}

char hexDigit(uint v)
{
    return char(v < 10 ? '0' + v : 'a' + v - 10);
}

// The escapes Qt's writer uses for ASCII (short forms, else \u00XX in lower-case hex).
template <typename Char>
bool appendAsciiEscaped(QByteArray &out, const Char *begin, const Char *end)
{
    // Size first: most strings need no escape at all.
    qsizetype extra = 0;
    for (const Char *p = begin; p != end; ++p) {
        const uint c = uint(p[0]);
        if (c >= 0x80)
            return false;
        if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t')
            extra += 1;
        else if (c < 0x20)
            extra += 5;
    }
    const qsizetype at = out.size();
    out.resize(at + (end - begin) + extra + 2);
    char *dst = out.data() + at;
    *dst++ = '"';
    for (const Char *p = begin; p != end; ++p) {
        const uint c = uint(p[0]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            *dst++ = char(c);
            continue;
        }
        *dst++ = '\\';
        switch (c) {
        case '"':
            *dst++ = '"';
            break;
        case '\\':
            *dst++ = '\\';
            break;
        case '\b':
            *dst++ = 'b';
            break;
        case '\f':
            *dst++ = 'f';
            break;
        case '\n':
            *dst++ = 'n';
            break;
        case '\r':
            *dst++ = 'r';
            break;
        case '\t':
            *dst++ = 't';
            break;
        default:
            *dst++ = 'u';
            *dst++ = '0';
            *dst++ = '0';
            *dst++ = hexDigit(c >> 4);
            *dst++ = hexDigit(c & 0xf);
            break;
        }
    }
    *dst = '"';
    return true;
}

void appendNumber(QByteArray &out, const QJsonValue &value)
{
    // Integral values below 2^53 come out the same whether stored as integer or double.
    const double d = value.toDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0 && !(d == 0 && std::signbit(d))) {
        const qint64 n = qint64(d);
        if (n >= 0 && n < 10) {
            out.append(char('0' + n));
            return;
        }
        out.append(QByteArray::number(n));
        return;
    }
    appendThroughQt(out, value);
}

} // namespace

void appendString(QByteArray &out, QStringView text)
{
    const char16_t *begin = text.utf16();
    if (!appendAsciiEscaped(out, begin, begin + text.size()))
        appendThroughQt(out, QJsonValue(text.toString()));
}

void appendString(QByteArray &out, QLatin1StringView text)
{
    const uchar *begin = reinterpret_cast<const uchar *>(text.data());
    if (!appendAsciiEscaped(out, begin, begin + text.size()))
        appendThroughQt(out, QJsonValue(QString(text)));
}

void appendObject(QByteArray &out, const QJsonObject &object)
{
    out.append('{');
    bool first = true;
    for (auto it = object.constBegin(), end = object.constEnd(); it != end; ++it) {
        if (!first)
            out.append(',');
        first = false;
        appendString(out, it.key());
        out.append(':');
        appendValue(out, it.value());
    }
    out.append('}');
}

void appendArray(QByteArray &out, const QJsonArray &array)
{
    out.append('[');
    bool first = true;
    for (const QJsonValue &value : array) {
        if (!first)
            out.append(',');
        first = false;
        appendValue(out, value);
    }
    out.append(']');
}

void appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        appendObject(out, value.toObject());
        return;
    case QJsonValue::Array:
        appendArray(out, value.toArray());
        return;
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Null:
        out.append("null");
        return;
    case QJsonValue::Double:
        appendNumber(out, value);
        return;
    case QJsonValue::Undefined:
        appendThroughQt(out, value);
        return;
    }
}

ObjectWriter &ObjectWriter::key(QLatin1StringView key)
{
    Q_ASSERT_X(m_first || m_lastKey < key, "json::ObjectWriter", "fields out of QJsonObject's order");
    m_lastKey = key;
    if (!m_first)
        m_out.append(',');
    m_first = false;
    appendString(m_out, key);
    m_out.append(':');
    return *this;
}

ObjectWriter &ObjectWriter::field(QLatin1StringView name, QStringView value)
{
    key(name);
    appendString(m_out, value);
    return *this;
}

ObjectWriter &ObjectWriter::field(QLatin1StringView name, bool value)
{
    key(name);
    m_out.append(value ? "true" : "false");
    return *this;
}

ObjectWriter &ObjectWriter::field(QLatin1StringView name, int value)
{
    key(name);
    m_out.append(QByteArray::number(value));
    return *this;
}

ObjectWriter &ObjectWriter::field(QLatin1StringView name, qint64 value)
{
    key(name);
    m_out.append(QByteArray::number(value));
    return *this;
}

QByteArray toText(const QJsonValue &value)
{
    QByteArray out;
    appendValue(out, value);
    return out;
}

} // namespace craftchat::protocol::json
