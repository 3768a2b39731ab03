// Host mode: the app's EmbeddedServerHost runs a real ChatServer in its own thread; the first
// start creates the app's own administrator account (the person hosting signs up as a client
// or craftsman), with which the app reads the server monitor; stop and restart work.
#include "app/embeddedserverhost.h"
#include "app/hostcertificate.h"

#include "common/tls/certificatefactory.h"
#include "common/tls/fingerprint.h"
#include "ui/net/truststore.h"

#include "ui/models/socketdebugmodel.h"
#include "ui/net/apiclient.h"
#include "ui/util/resources.h"
#include "ui/widgets/hostpanel.h"
#include "ui/widgets/startwindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QHostAddress>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <sys/resource.h>
#include <sys/stat.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;

class TestServerHost : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ui::initResources();
    }

    void startWindowHostsAndTheHostChoosesTheirRole_data()
    {
        QTest::addColumn<bool>("craftsman");
        QTest::addColumn<QString>("role");
        QTest::newRow("craftsman") << true << QStringLiteral("craftsman");
        QTest::newRow("client") << false << QStringLiteral("client");
    }

    void startWindowHostsAndTheHostChoosesTheirRole()
    {
        QFETCH(bool, craftsman);
        QFETCH(QString, role);
        QTemporaryDir dir;
        app::EmbeddedServerHost host(dir.path(), 0);
        ui::StartWindow start(&host);
        start.show();
        QSignalSpy signedIn(&start, &ui::StartWindow::signedIn);
        QVERIFY(start.hostButton()->isEnabled());
        QTest::mouseClick(start.hostButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(host.isRunning(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(start.server(), host.localUrl(), 20000);
        // First start: the ordinary sign-up, with the role free to choose; signing in works too.
        QCOMPARE(start.tabs()->currentIndex(), 1);
        QVERIFY(start.tabs()->isTabEnabled(0));
        QCOMPARE(start.tabs()->tabText(1), QStringLiteral("Create account"));
        QVERIFY(start.registerCraftsman()->isEnabled());
        QTest::keyClicks(start.registerName(), QStringLiteral("Erik Electrician"));
        QTest::keyClicks(start.registerEmail(), QStringLiteral("erik@host.test"));
        QTest::keyClicks(start.registerPassword(), QStringLiteral("erikpass123"));
        if (craftsman)
            QTest::mouseClick(start.registerCraftsman(), Qt::LeftButton);
        QTest::keyClick(start.registerPassword(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, 30000);
        const auto auth = signedIn.first().at(1).value<ui::AuthResult>();
        QCOMPARE(auth.user.role, role);
        QCOMPARE(auth.user.fullName, QStringLiteral("Erik Electrician"));
        QVERIFY(!auth.token.isEmpty());
        // The administrator exists anyway, kept by the app, owner-only on disk.
        const auto admin = host.administrator();
        QVERIFY(admin.has_value());
        QCOMPARE(admin->email, QStringLiteral("host-admin@craftchat.invalid"));
        QVERIFY(admin->password.size() >= 40);
        const QFileInfo file(dir.filePath(QStringLiteral("host-admin.json")));
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    }

    void hostRaisesTheOpenFileLimit()
    {
        rlimit limit{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
        if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max <= 256)
            QSKIP("the hard open-file limit of this machine is too low to lower the soft one below it");
        const rlim_t hard = limit.rlim_max;
        limit.rlim_cur = 256; // a desktop session's low default
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
        QTemporaryDir dir;
        app::EmbeddedServerHost host(dir.path(), 0);
        QSignalSpy started(&host, &ui::ServerHost::started);
        host.start();
        QVERIFY(started.wait(20000));
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
        QVERIFY(limit.rlim_cur >= hard); // up to the hard limit (further where the hard one could be raised)
        host.stop();
    }

    // Host mode's own certificate: made at the first start (names and addresses of this
    // computer), the private key owner-only (0600) from its creation, reused later.
    void hostCertificateIsMadeOnceKeptPrivateAndReused()
    {
        QTemporaryDir dir;
        const auto first = app::HostCertificate::ensure(dir.path());
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QVERIFY(first->created);
        QCOMPARE(first->certificateFile, dir.filePath(QStringLiteral("host-certificate.pem")));
        QCOMPARE(first->keyFile, dir.filePath(QStringLiteral("host-key.pem")));
        struct stat keyStat = {};
        QCOMPARE(::stat(QFile::encodeName(first->keyFile).constData(), &keyStat), 0);
        QCOMPARE(keyStat.st_mode & 0777, mode_t(0600));
        QVERIFY(!QFile::exists(first->keyFile + QStringLiteral(".new")));
        const auto names = first->certificate.subjectAlternativeNames();
        QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        QVERIFY(first->certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(365));
        // Every non-loopback address of this computer is in it, as other computers use them.
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol)
                QVERIFY2(names.values(QSsl::IpAddressEntry).contains(address.toString()),
                         qPrintable(address.toString()));
        }

        const auto second = app::HostCertificate::ensure(dir.path());
        QVERIFY(second.ok());
        QVERIFY(!second->created);
        QCOMPARE(second->certificate, first->certificate);
    }

    void hostCertificateIsMadeAnewWhenUnusable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content"); // empty: the file is deleted
        QTest::newRow("certificate missing") << "host-certificate.pem" << QByteArray();
        QTest::newRow("key missing") << "host-key.pem" << QByteArray();
        QTest::newRow("certificate unreadable") << "host-certificate.pem" << QByteArray("not a certificate");
        QTest::newRow("key unreadable") << "host-key.pem" << QByteArray("-----BEGIN PRIVATE KEY-----\nxx\n");
    }

    void hostCertificateIsMadeAnewWhenUnusable()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const auto first = app::HostCertificate::ensure(dir.path());
        QVERIFY(first.ok());
        QFile damaged(dir.filePath(file));
        if (content.isEmpty()) {
            QVERIFY(damaged.remove());
        } else {
            QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
            damaged.write(content);
            damaged.close();
        }
        const auto again = app::HostCertificate::ensure(dir.path());
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QVERIFY(again->created);
        QVERIFY(again->certificate != first->certificate);
        struct stat keyStat = {};
        QCOMPARE(::stat(QFile::encodeName(again->keyFile).constData(), &keyStat), 0);
        QCOMPARE(keyStat.st_mode & 0777, mode_t(0600));
    }

    void hostCertificateIsMadeAnewBeforeItExpires()
    {
        QTemporaryDir dir;
        tls::CertificateRequest request;
        request.commonName = QStringLiteral("old host");
        request.validDays = 1; // expires within a day: made anew now, not during a chat
        const auto old = tls::createSelfSigned(request);
        QVERIFY(old.ok());
        QFile cert(app::HostCertificate::certificatePath(dir.path()));
        QFile key(app::HostCertificate::keyPath(dir.path()));
        QVERIFY(cert.open(QIODevice::WriteOnly) && key.open(QIODevice::WriteOnly));
        cert.write(old->certificatePem);
        key.write(old->keyPem);
        cert.close();
        key.close();
        const auto again = app::HostCertificate::ensure(dir.path());
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QVERIFY(again->created);
        QVERIFY(again->certificate != QSslCertificate(old->certificatePem, QSsl::Pem));
        QVERIFY(again->certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(365));
    }

    // The embedded server is started with the certificate, and the app trusts it by pin for
    // its own https://127.0.0.1:<port>.
    void hostServesItsOwnCertificate()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(ui::TrustStore::group());
        QTemporaryDir dir;
        app::EmbeddedServerHost host(dir.path(), 0);
        QSignalSpy started(&host, &ui::ServerHost::started);
        host.start();
        QVERIFY(started.wait(20000));
        QVERIFY(QFile::exists(app::HostCertificate::certificatePath(dir.path())));
        QVERIFY(QFile::exists(app::HostCertificate::keyPath(dir.path())));
        QCOMPARE(host.localUrl().scheme(), QStringLiteral("https"));
        const QList<QSslCertificate> onDisk
            = QSslCertificate::fromPath(app::HostCertificate::certificatePath(dir.path()));
        QCOMPARE(onDisk.size(), 1);
        QCOMPARE(host.certificate(), onDisk.first());
        QCOMPARE(ui::TrustStore().pin(QStringLiteral("127.0.0.1"), host.localUrl().port()),
                 tls::sha256Fingerprint(onDisk.first()));
        QVERIFY(host.networkUrls().isEmpty() || host.networkUrls().first().startsWith(QLatin1String("https://")));
        ui::ApiClient api;
        api.setBaseUrl(host.localUrl());
        bool done = false;
        api.health([&](const ui::ApiResult &r, bool healthy) {
            done = true;
            QVERIFY2(healthy, qPrintable(r.errorMessage));
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        host.stop();
    }

    void hostsCreatesAdminStopsAndRestarts()
    {
        QTemporaryDir dir;
        app::EmbeddedServerHost host(dir.path(), 0);
        QSignalSpy started(&host, &ui::ServerHost::started);
        QSignalSpy stopped(&host, &ui::ServerHost::stopped);
        QVERIFY(host.isAvailable());
        QVERIFY(!host.isRunning());
        host.start();
        QVERIFY(started.wait(20000));
        QVERIFY(host.isRunning());
        const QUrl url = host.localUrl();
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(url.port() > 0);
        QCOMPARE(started.first().first().toUrl(), url);
        QCOMPARE(host.dataDirectory(), dir.path());
        const auto admin = host.administrator();
        QVERIFY(admin.has_value());

        // The app's administrator signs in and reads the socket-debug data of the monitor.
        ui::ApiClient api;
        api.setBaseUrl(url);
        ui::AuthResult auth;
        bool done = false;
        api.login(admin->email, admin->password, [&](const ui::ApiResult &r, const ui::AuthResult &a) {
            done = true;
            QVERIFY2(r.ok(), qPrintable(r.errorMessage));
            auth = a;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(auth.user.role, QStringLiteral("admin"));
        QCOMPARE(auth.user.fullName, QStringLiteral("Server administrator"));
        api.setToken(auth.token);
        ui::SocketDebugModel monitor;
        done = false;
        api.socketDebug([&](const ui::ApiResult &r, const QJsonObject &o) {
            done = true;
            QVERIFY2(r.ok(), qPrintable(r.errorMessage));
            QVERIFY(monitor.setSnapshot(o));
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QCOMPARE(monitor.totalConnections(), 0);
        QCOMPARE(monitor.rowCount(), 0);

        host.stop();
        QCOMPARE(stopped.size(), 1);
        QVERIFY(!host.isRunning());
        done = false;
        api.health([&](const ui::ApiResult &, bool healthy) {
            done = true;
            QVERIFY(!healthy);
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);

        // Restart over the same data: the same administrator, not a new one.
        host.start();
        QVERIFY(started.wait(20000));
        QVERIFY(host.isRunning());
        QCOMPARE(host.administrator()->password, admin->password);
        api.setBaseUrl(host.localUrl());
        done = false;
        api.login(admin->email, admin->password, [&](const ui::ApiResult &r, const ui::AuthResult &) {
            done = true;
            QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    }

    // Host mode backs up into the chosen folder (which then takes the daily backups), and a
    // stopped host restores a backup: the old data folder is kept aside, the server starts on
    // the restored data.
    void hostBacksUpAndRestores()
    {
        QTemporaryDir dir;
        QTemporaryDir backups;
        const QString dataDir = QDir(dir.path()).filePath(QStringLiteral("server"));
        app::EmbeddedServerHost host(dataDir, 0);
        QSignalSpy started(&host, &ui::ServerHost::started);
        QSignalSpy backedUp(&host, &ui::ServerHost::backupFinished);
        QSignalSpy restored(&host, &ui::ServerHost::restoreFinished);
        host.start();
        QVERIFY(started.wait(20000));
        QVERIFY(!host.backupState().running);
        host.backUpNow(backups.path());
        QTRY_COMPARE_WITH_TIMEOUT(backedUp.size(), 1, 60000);
        QVERIFY2(backedUp.first().at(0).toBool(), qPrintable(backedUp.first().at(1).toString()));
        const QString file = backedUp.first().at(1).toString();
        QCOMPARE(QFileInfo(file).absolutePath(), QDir(backups.path()).absolutePath());
        ui::ServerHost::BackupState state = host.backupState();
        QCOMPARE(state.folder, backups.path());
        QCOMPARE(state.lastBackupFile, file);
        QVERIFY(qAbs(state.lastBackupAt.secsTo(QDateTime::currentDateTimeUtc())) < 600);

        // Refused while running.
        host.restoreFrom(file);
        QCOMPARE(restored.size(), 1);
        QCOMPARE(restored.first().at(0).toBool(), false);
        host.stop();
        host.restoreFrom(file);
        QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 2, 60000);
        QVERIFY2(restored.last().at(0).toBool(), qPrintable(restored.last().at(1).toString()));
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("server.before-restore-*")}, QDir::Dirs);
        QCOMPARE(aside.size(), 1);
        QVERIFY(QFileInfo::exists(QDir(dir.path()).filePath(aside.first() + QStringLiteral("/host-admin.json"))));
        host.start();
        QVERIFY(started.wait(20000));
        QVERIFY(host.isRunning());
        QVERIFY(host.administrator().has_value());
        host.stop();

        // A damaged backup is refused and the data folder stays as it was.
        QFile damaged(file);
        QVERIFY(damaged.open(QIODevice::ReadWrite));
        QVERIFY(damaged.seek(3000));
        damaged.write("damage");
        damaged.close();
        host.restoreFrom(file);
        QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 3, 60000);
        QCOMPARE(restored.last().at(0).toBool(), false);
        // Which check catches it depends on what lies at that offset (a tar header or a file's
        // bytes, by the order of the members): tst_backup checks each kind of damage.
        QVERIFY(!restored.last().at(1).toString().isEmpty());
        QVERIFY(QFileInfo::exists(QDir(dataDir).filePath(QStringLiteral("craftchat.sqlite"))));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("server.before-restore-*")}, QDir::Dirs).size(), 1);
    }

    void backupAgeAndWarning()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        bool stale = false;
        QVERIFY(ui::HostPanel::backupText({}, now, &stale).startsWith(QLatin1String("No backup yet")));
        QVERIFY(stale);
        QVERIFY(
            ui::HostPanel::backupText(now.addSecs(-3 * 3600), now, &stale).contains(QLatin1String("3 hour(s) ago"))
            || ui::HostPanel::backupText(now.addSecs(-3 * 3600), now, &stale).contains(QLatin1String("3 hours ago")));
        QVERIFY(!stale);
        QVERIFY(ui::HostPanel::backupText(now.addDays(-1), now, &stale).startsWith(QLatin1String("Last backup:")));
        QVERIFY(!stale);
        QVERIFY(ui::HostPanel::backupText(now.addDays(-3), now, &stale).startsWith(QLatin1String("Warning:")));
        QVERIFY(stale);
    }
};

QTEST_MAIN(TestServerHost)
#include "tst_serverhost.moc"
