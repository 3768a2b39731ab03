// craftchat-server (the executable) over TLS: the start-up refuses unusable certificate
// files, and SIGHUP swaps the certificate: new connections see the new one (compared by
// fingerprint), a WSS connection opened before stays up, and a broken file on the next SIGHUP
// is logged while the certificate in use stays.
#include "tests/tls/testpki.h"

#include "common/tls/fingerprint.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <csignal>

using namespace craftchat;

namespace {

QProcessEnvironment serverEnvironment(const QString &dataDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("CRAFTCHAT_")))
            env.remove(name);
    }
    env.insert(QStringLiteral("CRAFTCHAT_DATA_DIR"), dataDir);
    env.insert(QStringLiteral("CRAFTCHAT_JWT_SECRET"), QStringLiteral("reload-test-secret-0123456789-0123456789"));
    env.insert(QStringLiteral("CRAFTCHAT_PASSWORD_HASH"), QStringLiteral("minimum"));
    env.insert(QStringLiteral("CRAFTCHAT_PING_INTERVAL_MS"), QStringLiteral("200"));
    env.insert(QStringLiteral("CRAFTCHAT_PING_TIMEOUT_MS"), QStringLiteral("5000"));
    return env;
}

bool copyInto(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

// The sha256 of the certificate a new TLS connection to port is shown.
QByteArray presentedFingerprint(quint16 port, const QList<QSslCertificate> &trusted)
{
    QSslSocket socket;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(trusted);
    socket.setSslConfiguration(configuration);
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    if (!encrypted.wait(10000))
        return {};
    return tls::sha256Fingerprint(socket.peerCertificate());
}

} // namespace

class TstTlsReload : public QObject
{
    Q_OBJECT
private slots:
    void unusableFilesStopTheStart_data();
    void unusableFilesStopTheStart();
    void sighupSwapsTheCertificate();
};

void TstTlsReload::unusableFilesStopTheStart_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("certificate without key")
        << QStringList{"--tls-cert", "cert.pem"} << 2 << QStringLiteral("--tls-cert and --tls-key");
    QTest::newRow("missing files") << QStringList{"--tls-cert", "nothing.pem", "--tls-key", "key.pem"} << 1
                                   << QStringLiteral("cannot read the TLS certificate file");
    QTest::newRow("key of another certificate") << QStringList{"--tls-cert", "cert.pem", "--tls-key", "otherkey.pem"}
                                                << 1 << QStringLiteral("does not belong to the first certificate");
}

void TstTlsReload::unusableFilesStopTheStart()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const auto pki = testsupport::makeTestPki();
    const auto other = testsupport::makeTestPki(QStringLiteral("other"));
    QVERIFY(pki && other);
    QVERIFY(testsupport::writeTestPki(*pki, dir.path()));
    QVERIFY(testsupport::writeTestPki(*other, dir.path(), QStringLiteral("other")));
    for (QString &argument : arguments) {
        if (argument.endsWith(QLatin1String(".pem")))
            argument = dir.filePath(argument);
    }
    QProcess server;
    server.setProcessEnvironment(serverEnvironment(dir.filePath(QStringLiteral("data"))));
    server.start(QStringLiteral(CRAFTCHAT_SERVER_EXE), QStringList{"--port", "0"} + arguments);
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), exitCode);
    const QString err = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY(!err.contains(QLatin1String("PRIVATE KEY")));
}

void TstTlsReload::sighupSwapsTheCertificate()
{
    QTemporaryDir dir;
    const auto first = testsupport::makeTestPki(QStringLiteral("first.localhost"));
    const auto second = testsupport::makeTestPki(QStringLiteral("second.localhost"));
    QVERIFY(first && second);
    const auto firstFiles = testsupport::writeTestPki(*first, dir.path(), QStringLiteral("first-"));
    const auto secondFiles = testsupport::writeTestPki(*second, dir.path(), QStringLiteral("second-"));
    QVERIFY(firstFiles && secondFiles);
    const QString certificate = dir.filePath(QStringLiteral("live-cert.pem"));
    const QString key = dir.filePath(QStringLiteral("live-key.pem"));
    QVERIFY(copyInto(firstFiles->certificate, certificate));
    QVERIFY(copyInto(firstFiles->key, key));

    QProcess server;
    QProcessEnvironment env = serverEnvironment(dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("CRAFTCHAT_TLS_CERT"), certificate);
    env.insert(QStringLiteral("CRAFTCHAT_TLS_KEY"), key);
    server.setProcessEnvironment(env);
    server.start(QStringLiteral(CRAFTCHAT_SERVER_EXE), {QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY(server.waitForStarted(30000));
    QByteArray out;
    QByteArray err;
    const auto collect = [&] {
        out += server.readAllStandardOutput();
        err += server.readAllStandardError();
    };
    const QRegularExpression announced(QStringLiteral("listening on https://127\\.0\\.0\\.1:(\\d+)\\n"));
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     collect();
                     return announced.match(QString::fromUtf8(out)).hasMatch()
                            || server.state() == QProcess::NotRunning;
                 },
                 30000),
             err.constData());
    QVERIFY2(server.state() == QProcess::Running, err.constData());
    const quint16 port = announced.match(QString::fromUtf8(out)).captured(1).toUShort();
    const QList<QSslCertificate> bothCas{first->caCertificate(), second->caCertificate()};
    const QByteArray firstFingerprint = tls::sha256Fingerprint(first->serverCertificate());
    const QByteArray secondFingerprint = tls::sha256Fingerprint(second->serverCertificate());
    QCOMPARE(presentedFingerprint(port, bothCas), firstFingerprint);

    // A WSS connection opened with the first certificate (Engine.IO: open packet, then pings).
    QWebSocket early;
    early.setSslConfiguration(first->clientConfiguration());
    QStringList messages;
    connect(&early, &QWebSocket::textMessageReceived, this, [&](const QString &message) {
        messages.append(message);
        if (message == QLatin1String("2"))
            early.sendTextMessage(QStringLiteral("3"));
    });
    early.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(port)));
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10000);
    QVERIFY(messages.constFirst().startsWith(QLatin1Char('0')));

    // Renewed files, SIGHUP: new connections get the second certificate.
    QVERIFY(copyInto(secondFiles->certificate, certificate));
    QVERIFY(copyInto(secondFiles->key, key));
    QCOMPARE(::kill(pid_t(server.processId()), SIGHUP), 0);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     collect();
                     return err.contains("TLS certificate reloaded");
                 },
                 10000),
             err.constData());
    QCOMPARE(presentedFingerprint(port, bothCas), secondFingerprint);
    // The early connection is still served (more pings arrive and are answered).
    const qsizetype seen = messages.size();
    QTRY_VERIFY_WITH_TIMEOUT(messages.size() >= seen + 2, 10000);
    QCOMPARE(early.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(early.sslConfiguration().peerCertificate().isNull()
                 || tls::sha256Fingerprint(early.sslConfiguration().peerCertificate()) == firstFingerprint,
             true);

    // A broken certificate file: logged, the second certificate stays.
    QFile broken(certificate);
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("-----BEGIN CERTIFICATE-----\ntruncated\n");
    broken.close();
    QCOMPARE(::kill(pid_t(server.processId()), SIGHUP), 0);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     collect();
                     return err.contains("TLS certificate NOT reloaded");
                 },
                 10000),
             err.constData());
    QVERIFY(!err.contains("PRIVATE KEY"));
    QCOMPARE(presentedFingerprint(port, bothCas), secondFingerprint);
    QCOMPARE(early.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.state(), QProcess::Running);

    server.terminate();
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitCode(), 0);
}

QTEST_MAIN(TstTlsReload)
#include "tst_tlsreload.moc"
