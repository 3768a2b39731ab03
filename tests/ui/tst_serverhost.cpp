// Host mode: the app's EmbeddedServerHost runs a real ChatServer in its own thread; the first
// start creates the app's own administrator account (the person hosting signs up as a client
// or craftsman), with which the app reads the server monitor; stop and restart work.
#include "app/embeddedserverhost.h"

#include "ui/models/socketdebugmodel.h"
#include "ui/net/apiclient.h"
#include "ui/util/resources.h"
#include "ui/widgets/startwindow.h"

#include <QFileInfo>

#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <sys/resource.h>

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
};

QTEST_MAIN(TestServerHost)
#include "tst_serverhost.moc"
