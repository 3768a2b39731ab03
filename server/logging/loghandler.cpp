#include "server/logging/loghandler.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>

namespace craftchat::logging {

namespace {

struct HandlerState
{
    QMutex mutex;
    LogSettings settings;
};

HandlerState &state()
{
    static HandlerState instance;
    return instance;
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    HandlerState &s = state();
    QMutexLocker lock(&s.mutex);
    const QString category = context.category ? QString::fromUtf8(context.category) : QStringLiteral("default");
    const QByteArray line = formatLogLine(s.settings.format, type, category, redactSecrets(message, s.settings.secrets),
                                          QDateTime::currentDateTimeUtc());
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QString filterRulesForLevel(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return QStringLiteral("craftchat.*.debug=true");
    case LogLevel::Info:
        return QStringLiteral("*.debug=false");
    case LogLevel::Warning:
        return QStringLiteral("*.debug=false\n*.info=false");
    case LogLevel::Error:
        return QStringLiteral("*.debug=false\n*.info=false\n*.warning=false");
    }
    return QString();
}

void installLogHandler(const LogSettings &settings)
{
    {
        HandlerState &s = state();
        QMutexLocker lock(&s.mutex);
        s.settings = settings;
        s.settings.secrets.removeAll(QString());
    }
    QLoggingCategory::setFilterRules(filterRulesForLevel(settings.level));
    qInstallMessageHandler(handleMessage);
}

void addLogSecret(const QString &secret)
{
    if (secret.isEmpty())
        return;
    HandlerState &s = state();
    QMutexLocker lock(&s.mutex);
    if (!s.settings.secrets.contains(secret))
        s.settings.secrets.append(secret);
}

} // namespace craftchat::logging
