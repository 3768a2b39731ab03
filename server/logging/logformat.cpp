#include "server/logging/logformat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace craftchat::logging {

std::optional<LogFormat> parseLogFormat(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == QLatin1String("text"))
        return LogFormat::Text;
    if (name == QLatin1String("json"))
        return LogFormat::Json;
    return std::nullopt;
}

std::optional<LogLevel> parseLogLevel(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == QLatin1String("debug"))
        return LogLevel::Debug;
    if (name == QLatin1String("info"))
        return LogLevel::Info;
    if (name == QLatin1String("warning") || name == QLatin1String("warn"))
        return LogLevel::Warning;
    if (name == QLatin1String("error"))
        return LogLevel::Error;
    return std::nullopt;
}

QString logFormatName(LogFormat format)
{
    return format == LogFormat::Json ? QStringLiteral("json") : QStringLiteral("text");
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("debug");
    case LogLevel::Info:
        return QStringLiteral("info");
    case LogLevel::Warning:
        return QStringLiteral("warning");
    case LogLevel::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

QString messageTypeName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("error");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

QString redactSecrets(const QString &message, const QStringList &secrets)
{
    static const QRegularExpression jwtShape(QStringLiteral("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));
    const QString marker = QStringLiteral("[redacted]");
    QString out = message;
    for (const QString &secret : secrets) {
        if (!secret.isEmpty())
            out.replace(secret, marker);
    }
    out.replace(jwtShape, marker);
    return out;
}

namespace {

QString escapeControlCharacters(const QString &message)
{
    QString out;
    out.reserve(message.size());
    for (const QChar c : message) {
        if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString utcTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

} // namespace

QByteArray formatLogLine(LogFormat format, QtMsgType type, const QString &category, const QString &message,
                         const QDateTime &time)
{
    const QString timestamp = utcTimestamp(time);
    const QString level = messageTypeName(type);
    if (format == LogFormat::Json) {
        const QJsonObject record{
            {QStringLiteral("ts"), timestamp},
            {QStringLiteral("level"), level},
            {QStringLiteral("category"), category},
            {QStringLiteral("msg"), message},
        };
        // Compact JSON escapes newlines and control characters, so the record is one line.
        return QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
    }
    const QString line
        = QStringLiteral("%1 %2 %3: %4\n")
              .arg(timestamp, level.toUpper().leftJustified(7), category, escapeControlCharacters(message));
    return line.toUtf8();
}

} // namespace craftchat::logging
