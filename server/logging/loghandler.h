// The process-wide Qt message handler of the server: every qDebug/qCInfo/... becomes one
// line on stderr, in text or JSON form, with secrets redacted. Thread-safe.
#pragma once

#include "server/logging/logformat.h"

#include <QString>
#include <QStringList>

namespace craftchat::logging {

struct LogSettings
{
    LogFormat format = LogFormat::Text;
    LogLevel level = LogLevel::Info;
    QStringList secrets; // exact strings never to be written (JWT secret, metrics token, ...)
};

// Applies the level as category filter rules (QT_LOGGING_RULES still wins) and installs the
// handler. May be called again to change the settings.
void installLogHandler(const LogSettings &settings);

// Adds one more string to redact (e.g. a secret generated after start-up). Empty is ignored.
void addLogSecret(const QString &secret);

// The filter rules that give `level` and above for craftchat.* (and Qt's own categories).
QString filterRulesForLevel(LogLevel level);

} // namespace craftchat::logging
