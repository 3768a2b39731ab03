// How one log record becomes one line of text: plain text or a JSON object per line.
//
//   text: 2026-11-26T10:15:30.123Z INFO  craftchat.socket: client connected
//   json: {"category":"craftchat.socket","level":"info","msg":"client connected","ts":"2026-11-26T10:15:30.123Z"}
//
// Both forms are single lines: newlines inside a message are escaped. Secrets are removed
// before formatting (see redactSecrets).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace craftchat::logging {

enum class LogFormat {
    Text,
    Json
};
enum class LogLevel {
    Debug,
    Info,
    Warning,
    Error
};

// "text" / "json" (case-insensitive); anything else is nullopt.
std::optional<LogFormat> parseLogFormat(const QString &text);
// "debug", "info", "warning" (or "warn"), "error" (case-insensitive); anything else is nullopt.
std::optional<LogLevel> parseLogLevel(const QString &text);
QString logFormatName(LogFormat format);
QString logLevelName(LogLevel level);

// The level name written into a record: debug, info, warning, error, fatal.
QString messageTypeName(QtMsgType type);

// Replaces every occurrence of each non-empty secret, and anything shaped like a JWT
// (three base64url parts, the first starting with "eyJ"), by "[redacted]".
QString redactSecrets(const QString &message, const QStringList &secrets);

// One complete line, '\n' included. `message` is written as given (redact it first).
QByteArray formatLogLine(LogFormat format, QtMsgType type, const QString &category, const QString &message,
                         const QDateTime &time);

} // namespace craftchat::logging
