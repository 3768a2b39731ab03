// Log lines: JSON and text forms, level names, secret redaction, the installed handler.
#include "server/logging/logcategories.h"
#include "server/logging/logformat.h"
#include "server/logging/loghandler.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QtTest>

#include <cstdio>
#include <unistd.h>

using namespace craftchat::logging;

namespace {

const QDateTime FixedTime = QDateTime(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC);

} // namespace

class TestLogFormat : public QObject
{
    Q_OBJECT
private slots:
    void jsonLine()
    {
        const QByteArray line = formatLogLine(LogFormat::Json, QtWarningMsg, QStringLiteral("craftchat.socket"),
                                              QStringLiteral("bad \"packet\"\nfrom 127.0.0.1"), FixedTime);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject expected{
            {QStringLiteral("ts"), QStringLiteral("2026-11-26T10:15:30.123Z")},
            {QStringLiteral("level"), QStringLiteral("warning")},
            {QStringLiteral("category"), QStringLiteral("craftchat.socket")},
            {QStringLiteral("msg"), QStringLiteral("bad \"packet\"\nfrom 127.0.0.1")},
        };
        QCOMPARE(document.object(), expected);
    }

    void jsonTimestampIsUtc()
    {
        const QDateTime local = FixedTime.toOffsetFromUtc(2 * 3600);
        const QByteArray line
            = formatLogLine(LogFormat::Json, QtInfoMsg, QStringLiteral("c"), QStringLiteral("m"), local);
        QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("ts")).toString(),
                 QStringLiteral("2026-11-26T10:15:30.123Z"));
    }

    void textLine()
    {
        const QByteArray line = formatLogLine(LogFormat::Text, QtCriticalMsg, QStringLiteral("craftchat.db"),
                                              QStringLiteral("disk full\r\nretry\x01"), FixedTime);
        QCOMPARE(line, QByteArray("2026-11-26T10:15:30.123Z ERROR   craftchat.db: disk full\\r\\nretry\\x01\n"));
    }

    void levelNames_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("name");
        QTest::newRow("debug") << int(QtDebugMsg) << "debug";
        QTest::newRow("info") << int(QtInfoMsg) << "info";
        QTest::newRow("warning") << int(QtWarningMsg) << "warning";
        QTest::newRow("critical") << int(QtCriticalMsg) << "error";
        QTest::newRow("fatal") << int(QtFatalMsg) << "fatal";
    }

    void levelNames()
    {
        QFETCH(int, type);
        QFETCH(QString, name);
        const QByteArray line
            = formatLogLine(LogFormat::Json, QtMsgType(type), QStringLiteral("c"), QStringLiteral("m"), FixedTime);
        QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("level")).toString(), name);
    }

    void parseNames()
    {
        QCOMPARE(parseLogFormat(QStringLiteral("JSON")), std::optional(LogFormat::Json));
        QCOMPARE(parseLogFormat(QStringLiteral("text")), std::optional(LogFormat::Text));
        QVERIFY(!parseLogFormat(QStringLiteral("yaml")));
        QCOMPARE(parseLogLevel(QStringLiteral("warn")), std::optional(LogLevel::Warning));
        QCOMPARE(parseLogLevel(QStringLiteral("Error")), std::optional(LogLevel::Error));
        QVERIFY(!parseLogLevel(QStringLiteral("trace")));
    }

    void redaction()
    {
        const QString jwt
            = QStringLiteral("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOiJ1MSJ9.c2lnbmF0dXJlLWJ5dGVz");
        const QString message = QStringLiteral("auth header Bearer %1, secret=topsecret-value, ok").arg(jwt);
        QCOMPARE(redactSecrets(message, {QStringLiteral("topsecret-value"), QString()}),
                 QStringLiteral("auth header Bearer [redacted], secret=[redacted], ok"));
        QCOMPARE(redactSecrets(QStringLiteral("plain text. nothing.here"), {}),
                 QStringLiteral("plain text. nothing.here"));
    }

    void installedHandlerWritesRedactedJsonLinesToStderr()
    {
        QTemporaryFile capture;
        QVERIFY(capture.open());
        std::fflush(stderr);
        const int savedStderr = ::dup(STDERR_FILENO);
        QVERIFY(savedStderr >= 0);
        QCOMPARE(::dup2(capture.handle(), STDERR_FILENO), STDERR_FILENO);

        installLogHandler(LogSettings{LogFormat::Json, LogLevel::Warning, {QStringLiteral("the-jwt-secret")}});
        addLogSecret(QStringLiteral("late-metrics-token"));
        const bool infoEnabled = lcSocket().isInfoEnabled();
        const bool warningEnabled = lcSocket().isWarningEnabled();
        qCWarning(lcSocket, "secret is the-jwt-secret and late-metrics-token");
        qCCritical(lcDb, "database closed");
        qInstallMessageHandler(nullptr);
        QLoggingCategory::setFilterRules(QString());

        std::fflush(stderr);
        QCOMPARE(::dup2(savedStderr, STDERR_FILENO), STDERR_FILENO);
        ::close(savedStderr);

        QVERIFY(!infoEnabled);
        QVERIFY(warningEnabled);
        capture.seek(0);
        const QList<QByteArray> lines = capture.readAll().split('\n');
        QCOMPARE(lines.size(), 3); // two records and the empty rest after the last '\n'
        QVERIFY(lines[2].isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(first.value(QStringLiteral("category")).toString(), QStringLiteral("craftchat.socket"));
        QCOMPARE(first.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        QCOMPARE(first.value(QStringLiteral("msg")).toString(), QStringLiteral("secret is [redacted] and [redacted]"));
        QVERIFY(first.value(QStringLiteral("ts")).toString().endsWith(QLatin1Char('Z')));
        const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(second.value(QStringLiteral("category")).toString(), QStringLiteral("craftchat.db"));
        QCOMPARE(second.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        QCOMPARE(second.value(QStringLiteral("msg")).toString(), QStringLiteral("database closed"));
    }

    void filterRules()
    {
        QCOMPARE(filterRulesForLevel(LogLevel::Info), QStringLiteral("*.debug=false"));
        QCOMPARE(filterRulesForLevel(LogLevel::Error), QStringLiteral("*.debug=false\n*.info=false\n*.warning=false"));
        QCOMPARE(filterRulesForLevel(LogLevel::Debug), QStringLiteral("craftchat.*.debug=true"));
    }
};

QTEST_MAIN(TestLogFormat)
#include "tst_logformat.moc"
