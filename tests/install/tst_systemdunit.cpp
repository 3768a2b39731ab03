// The systemd unit of craftchat-server as `cmake --install` writes it: a dedicated user that
// systemd-sysusers creates, the data directory, restart on failure, reload by SIGHUP (the TLS
// certificate is read again), and the certbot deploy hook beside it.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestSystemdUnit : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void installsTheFiles_data();
    void installsTheFiles();
    void serviceSettings_data();
    void serviceSettings();
    void serviceUserMatchesSysusersEntry();
    void deployHookIsValidShell();

private:
    // "Key=value" lines of the [Service] section (a key may repeat).
    QMultiHash<QString, QString> serviceSection() const;
    QTemporaryDir m_prefix;
};

void TestSystemdUnit::initTestCase()
{
    QVERIFY(m_prefix.isValid());
    QProcess install;
    install.start(QStringLiteral(CRAFTCHAT_CMAKE),
                  {QStringLiteral("-DCMAKE_INSTALL_PREFIX=") + m_prefix.path(), QStringLiteral("-P"),
                   QStringLiteral(CRAFTCHAT_SYSTEMD_INSTALL_SCRIPT)});
    QVERIFY(install.waitForFinished(60000));
    QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
}

void TestSystemdUnit::installsTheFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("executable");
    QTest::newRow("unit") << QStringLiteral("lib/systemd/system/craftchat-server.service") << false;
    QTest::newRow("sysusers") << QStringLiteral("lib/sysusers.d/craftchat.conf") << false;
    QTest::newRow("deploy hook") << QStringLiteral("share/craftchat/certbot-deploy-hook.sh") << true;
}

void TestSystemdUnit::installsTheFiles()
{
    QFETCH(QString, path);
    QFETCH(bool, executable);
    const QFileInfo info(m_prefix.filePath(path));
    QVERIFY2(info.isFile(), qPrintable(info.filePath()));
    QVERIFY(info.size() > 0);
    QCOMPARE(info.isExecutable(), executable);
}

QMultiHash<QString, QString> TestSystemdUnit::serviceSection() const
{
    QFile file(m_prefix.filePath(QStringLiteral("lib/systemd/system/craftchat-server.service")));
    QMultiHash<QString, QString> entries;
    if (!file.open(QIODevice::ReadOnly))
        return entries;
    QString section;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            section = line;
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (section == QLatin1String("[Service]") && equals > 0)
            entries.insert(line.left(equals), line.mid(equals + 1));
    }
    return entries;
}

void TestSystemdUnit::serviceSettings_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("own user") << QStringLiteral("User") << QStringLiteral("craftchat");
    QTest::newRow("own group") << QStringLiteral("Group") << QStringLiteral("craftchat");
    QTest::newRow("data directory") << QStringLiteral("StateDirectory") << QStringLiteral("craftchat");
    QTest::newRow("private data") << QStringLiteral("StateDirectoryMode") << QStringLiteral("0700");
    QTest::newRow("data dir given to the server")
        << QStringLiteral("Environment")
        << QStringLiteral("CRAFTCHAT_HOST=0.0.0.0 CRAFTCHAT_DATA_DIR=/var/lib/craftchat");
    QTest::newRow("settings file") << QStringLiteral("EnvironmentFile")
                                   << QStringLiteral("-/etc/craftchat/craftchat-server.env");
    QTest::newRow("the installed server")
        << QStringLiteral("ExecStart") << QStringLiteral(CRAFTCHAT_SERVER_INSTALL_PATH);
    QTest::newRow("reload is SIGHUP") << QStringLiteral("ExecReload") << QStringLiteral("/bin/kill -HUP $MAINPID");
    QTest::newRow("restart on failure") << QStringLiteral("Restart") << QStringLiteral("on-failure");
    QTest::newRow("no new privileges") << QStringLiteral("NoNewPrivileges") << QStringLiteral("yes");
}

void TestSystemdUnit::serviceSettings()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    const auto entries = serviceSection();
    QCOMPARE(entries.values(key), QStringList{value});
}

void TestSystemdUnit::serviceUserMatchesSysusersEntry()
{
    QFile file(m_prefix.filePath(QStringLiteral("lib/sysusers.d/craftchat.conf")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList userLines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("u "))
            userLines += QString::fromUtf8(line);
    }
    QCOMPARE(userLines.size(), 1);
    // u <name> <id> "<gecos>" <home>: the service's user, its home the service's data directory
    QVERIFY(userLines.first().startsWith(QStringLiteral("u craftchat - ")));
    QVERIFY(userLines.first().endsWith(QStringLiteral(" /var/lib/craftchat")));
}

void TestSystemdUnit::deployHookIsValidShell()
{
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-n"), m_prefix.filePath(QStringLiteral("share/craftchat/certbot-deploy-hook.sh"))});
    QVERIFY(shell.waitForFinished(10000));
    QCOMPARE(shell.exitCode(), 0);
    // Outside certbot (no RENEWED_LINEAGE) it refuses instead of copying nothing.
    QProcess run;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("RENEWED_LINEAGE"));
    run.setProcessEnvironment(environment);
    run.start(QStringLiteral("/bin/sh"), {m_prefix.filePath(QStringLiteral("share/craftchat/certbot-deploy-hook.sh"))});
    QVERIFY(run.waitForFinished(10000));
    QVERIFY(run.exitCode() != 0);
    QVERIFY(run.readAllStandardError().contains("deploy-hook"));
}

QTEST_MAIN(TestSystemdUnit)
#include "tst_systemdunit.moc"
