// craftchat-server as a process: configuration errors exit 2 with a message on stderr,
// --help documents the variables, and a running server announces its URL and shuts down
// cleanly (exit 0) on SIGTERM and SIGINT.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

class TestServerMain : public QObject
{
    Q_OBJECT
private:
    static QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(QLatin1String("CRAFTCHAT_")))
                env.remove(name);
        }
        return env;
    }

    struct Outcome
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Outcome run(const QStringList &arguments, const QProcessEnvironment &env = cleanEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.setStandardInputFile(QProcess::nullDevice());
        process.start(QStringLiteral(CRAFTCHAT_SERVER_EXE), arguments);
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

private slots:
    // The command-line backup and restore: a backup of a data directory, restored into an
    // empty one; a damaged copy and a non-empty target are refused with exit code 1.
    void backupAndRestoreFromTheCommandLine()
    {
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString dataDir = work.filePath(QStringLiteral("data"));
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("CRAFTCHAT_DATA_DIR"), dataDir);
        env.insert(QStringLiteral("CRAFTCHAT_ADMIN_PASSWORD"), QStringLiteral("admin-pass-123"));
        env.insert(QStringLiteral("CRAFTCHAT_PASSWORD_HASH"), QStringLiteral("minimum"));
        QCOMPARE(run({QStringLiteral("--create-admin"), QStringLiteral("root@example.test")}, env).exitCode, 0);
        const Outcome backup = run({QStringLiteral("--backup"), work.filePath(QStringLiteral("usb"))}, env);
        QVERIFY2(backup.exitCode == 0, backup.err.constData());
        QVERIFY(backup.out.startsWith("Backup written: "));
        QVERIFY(backup.out.contains("1 users, 0 chats, 0 messages, 0 uploads"));
        const QStringList files = QDir(work.filePath(QStringLiteral("usb"))).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        const QString file = work.filePath(QStringLiteral("usb/") + files.first());

        const Outcome occupied = run({QStringLiteral("--restore"), file}, env);
        QCOMPARE(occupied.exitCode, 1);
        QVERIFY2(occupied.err.contains("is not empty"), occupied.err.constData());

        const QString damaged = work.filePath(QStringLiteral("damaged.tar"));
        QVERIFY(QFile::copy(file, damaged));
        QFile::setPermissions(damaged, QFile::ReadOwner | QFile::WriteOwner);
        {
            QFile f(damaged);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(4000));
            f.write("xxxx");
        }
        const Outcome refused = run(
            {QStringLiteral("--data-dir"), work.filePath(QStringLiteral("new1")), QStringLiteral("--restore"), damaged},
            cleanEnvironment());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("was NOT restored") && refused.err.contains("checksum"), refused.err.constData());
        QVERIFY(QDir(work.filePath(QStringLiteral("new1")))
                    .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                    .isEmpty());

        const Outcome restored = run(
            {QStringLiteral("--data-dir"), work.filePath(QStringLiteral("new2")), QStringLiteral("--restore"), file},
            cleanEnvironment());
        QVERIFY2(restored.exitCode == 0, restored.err.constData());
        QVERIFY(restored.out.contains("1 users, 0 chats, 0 messages, 0 uploads; every file verified"));
        QVERIFY(QFileInfo(work.filePath(QStringLiteral("new2/craftchat.sqlite"))).isFile());
    }

    void helpNamesEveryVariable()
    {
        const Outcome result = run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        for (const char *variable : {"CRAFTCHAT_PORT",
                                     "CRAFTCHAT_HOST",
                                     "CRAFTCHAT_DATA_DIR",
                                     "CRAFTCHAT_JWT_SECRET",
                                     "CRAFTCHAT_JWT_SECRET_FILE",
                                     "CRAFTCHAT_JWT_LIFETIME",
                                     "CRAFTCHAT_PASSWORD_HASH",
                                     "CRAFTCHAT_CORS_ORIGINS",
                                     "CRAFTCHAT_RATE_LIMIT_PER_MIN",
                                     "CRAFTCHAT_MAX_SOCKETS_PER_USER",
                                     "CRAFTCHAT_PING_INTERVAL_MS",
                                     "CRAFTCHAT_PING_TIMEOUT_MS",
                                     "CRAFTCHAT_MAX_PAYLOAD",
                                     "CRAFTCHAT_MAX_UPLOAD_BYTES",
                                     "CRAFTCHAT_EDIT_WINDOW_SECONDS",
                                     "CRAFTCHAT_METRICS_TOKEN",
                                     "CRAFTCHAT_LOG_FORMAT",
                                     "CRAFTCHAT_LOG_LEVEL",
                                     "CRAFTCHAT_CREATE_ADMIN",
                                     "CRAFTCHAT_ADMIN_NAME",
                                     "CRAFTCHAT_ADMIN_PASSWORD"})
            QVERIFY2(result.out.contains(variable), variable);
    }

    void configurationErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("bad port") << QStringList{"--port", "abc"} << QString() << QString()
                                  << QByteArray("craftchat-server: Invalid value for --port \"abc\"");
        QTest::newRow("bad limit in environment")
            << QStringList() << "CRAFTCHAT_MAX_SOCKETS_PER_USER"
            << "many" << QByteArray("Invalid value for CRAFTCHAT_MAX_SOCKETS_PER_USER");
        QTest::newRow("unknown option") << QStringList{"--colour"} << QString() << QString()
                                        << QByteArray("Unknown option 'colour'");
        QTest::newRow("admin without password")
            << QStringList{"--create-admin", "root@example.test"} << QString() << QString()
            << QByteArray("set CRAFTCHAT_ADMIN_PASSWORD or run --create-admin on a terminal");
        QTest::newRow("admin password too short")
            << QStringList{"--create-admin", "root@example.test"} << "CRAFTCHAT_ADMIN_PASSWORD"
            << "short" << QByteArray("at least 8 characters");
    }

    void configurationErrorsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        QProcessEnvironment env = cleanEnvironment();
        if (!variable.isEmpty())
            env.insert(variable, value);
        const Outcome result = run(arguments, env);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), result.err.constData());
        QVERIFY(result.out.isEmpty());
    }

    void createdAdminCanLogIn()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("CRAFTCHAT_DATA_DIR"), dataDir.path());
        env.insert(QStringLiteral("CRAFTCHAT_ADMIN_PASSWORD"), QStringLiteral("admin-pass-123"));
        const Outcome created = run({QStringLiteral("--create-admin"), QStringLiteral("Root@Example.test"),
                                     QStringLiteral("--admin-name"), QStringLiteral("Root Admin")},
                                    env);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QCOMPARE(created.out, QByteArray("Admin Root@Example.test is ready\n"));
        QVERIFY(!created.err.contains("admin-pass-123"));
        // The generated secret is kept private.
        QCOMPARE(QFileInfo(dataDir.filePath(QStringLiteral("jwt-secret"))).permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        env.remove(QStringLiteral("CRAFTCHAT_ADMIN_PASSWORD"));
        QProcess server;
        server.setProcessEnvironment(env);
        server.start(QStringLiteral(CRAFTCHAT_SERVER_EXE), {QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(server.waitForStarted(30000));
        QByteArray out;
        const QRegularExpression announced(QStringLiteral("listening on (http://\\S+)\n"));
        QTRY_VERIFY_WITH_TIMEOUT(
            (out += server.readAllStandardOutput(),
             announced.match(QString::fromUtf8(out)).hasMatch() || server.state() == QProcess::NotRunning),
            30000);
        if (server.state() == QProcess::NotRunning)
            QFAIL(server.readAllStandardError().constData());
        const QUrl base(announced.match(QString::fromUtf8(out)).captured(1));

        QNetworkAccessManager network;
        QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/api/auth/login"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply
            = network.post(request, QByteArray(R"({"email":"root@example.test","password":"admin-pass-123"})"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitCode(), 0);

        QCOMPARE(status, 200);
        const QJsonObject user = body.value(QStringLiteral("user")).toObject();
        QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
        QCOMPARE(user.value(QStringLiteral("fullName")).toString(), QStringLiteral("Root Admin"));
        QCOMPARE(body.value(QStringLiteral("token")).toString().count(QLatin1Char('.')), 2);
    }

    // --create-invitation prints a code (alone on stdout) that registers one craftsman on a
    // server in invite mode.
    void createdInvitationRegistersOnce()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("CRAFTCHAT_DATA_DIR"), dataDir.path());
        const Outcome created = run({QStringLiteral("--create-invitation"), QStringLiteral("craftsman"),
                                     QStringLiteral("--invitation-hours"), QStringLiteral("2")},
                                    env);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QVERIFY2(
            QRegularExpression(QStringLiteral("^[A-Z2-7]{26}\n$")).match(QString::fromLatin1(created.out)).hasMatch(),
            created.out.constData());
        QVERIFY2(created.err.contains("craftsman"), created.err.constData());
        const QByteArray code = created.out.trimmed();

        env.insert(QStringLiteral("CRAFTCHAT_REGISTRATION"), QStringLiteral("invite"));
        env.insert(QStringLiteral("CRAFTCHAT_PASSWORD_HASH"), QStringLiteral("minimum"));
        QProcess server;
        server.setProcessEnvironment(env);
        server.start(QStringLiteral(CRAFTCHAT_SERVER_EXE), {QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(server.waitForStarted(30000));
        QByteArray out;
        const QRegularExpression announced(QStringLiteral("listening on (http://\\S+)\n"));
        QTRY_VERIFY_WITH_TIMEOUT(
            (out += server.readAllStandardOutput(),
             announced.match(QString::fromUtf8(out)).hasMatch() || server.state() == QProcess::NotRunning),
            30000);
        if (server.state() == QProcess::NotRunning)
            QFAIL(server.readAllStandardError().constData());
        const QUrl base(announced.match(QString::fromUtf8(out)).captured(1));

        QNetworkAccessManager network;
        const auto registerWithCode = [&](const QByteArray &email) {
            QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/api/auth/register"))));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            QNetworkReply *reply = network.post(
                request, R"({"fullName":"Piet","email":")" + email
                             + R"(","password":"password-1234","role":"craftsman","inviteCode":")" + code + R"("})");
            if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000))
                return 0;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        const int first = registerWithCode("piet@example.test");
        const int second = registerWithCode("paul@example.test");
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(first, 201);
        QCOMPARE(second, 403);
    }

    void startsAndStopsOnSignal_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void startsAndStopsOnSignal()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        QProcess process;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("CRAFTCHAT_DATA_DIR"), dataDir.path());
        env.insert(QStringLiteral("CRAFTCHAT_JWT_SECRET"), QStringLiteral("tst-servermain-secret-0123456789abcdef"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CRAFTCHAT_SERVER_EXE), {QStringLiteral("--port"), QStringLiteral("0"),
                                                             QStringLiteral("--log-format"), QStringLiteral("json")});
        QVERIFY(process.waitForStarted(30000));

        QByteArray out;
        const QRegularExpression announced(
            QStringLiteral("^CraftChat server listening on http://127\\.0\\.0\\.1:(\\d+)\\n"));
        QTRY_VERIFY_WITH_TIMEOUT(
            (out += process.readAllStandardOutput(),
             announced.match(QString::fromUtf8(out)).hasMatch() || process.state() == QProcess::NotRunning),
            30000);
        if (process.state() == QProcess::NotRunning)
            QFAIL(process.readAllStandardError().constData());
        const quint16 port = announced.match(QString::fromUtf8(out)).captured(1).toUShort();
        QVERIFY(port > 0);
        QVERIFY(!dataDir.path().isEmpty());

        QCOMPARE(::kill(pid_t(process.processId()), signalNumber), 0);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);

        // Every stderr line is a JSON log record, and the secret is in none of them.
        const QByteArray err = process.readAllStandardError();
        QVERIFY(!err.contains("tst-servermain-secret"));
        bool sawShutdown = false;
        for (const QByteArray &line : err.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject record = QJsonDocument::fromJson(line).object();
            QVERIFY2(record.contains(QStringLiteral("ts")) && record.contains(QStringLiteral("level"))
                         && record.contains(QStringLiteral("category")) && record.contains(QStringLiteral("msg")),
                     line.constData());
            if (record.value(QStringLiteral("msg")).toString()
                == QStringLiteral("Signal %1 received, shutting down").arg(signalNumber))
                sawShutdown = true;
        }
        QVERIFY(sawShutdown);
    }
};

QTEST_MAIN(TestServerMain)
#include "tst_servermain.moc"
