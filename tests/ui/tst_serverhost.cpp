// Host mode: the app's EmbeddedServerHost runs a real ChatServer in its own thread; the first
// start creates the admin, who can sign in and read the server monitor; stop and restart work.
#include "app/embeddedserverhost.h"

#include "ui/models/socketdebugmodel.h"
#include "ui/net/apiclient.h"
#include "ui/util/resources.h"
#include "ui/widgets/startwindow.h"

#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>

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

    void startWindowHostsAndCreatesTheAdmin()
    {
        QTemporaryDir dir;
        app::EmbeddedServerHost host(dir.path(), 0);
        ui::StartWindow start(&host);
        start.show();
        QSignalSpy signedIn(&start, &ui::StartWindow::signedIn);
        QVERIFY(start.hostButton()->isEnabled());
        QTest::mouseClick(start.hostButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(host.isRunning(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(start.server(), host.localUrl(), 20000);
        // First start: only the admin account can be made, and sign-in is off.
        QCOMPARE(start.tabs()->currentIndex(), 1);
        QVERIFY(!start.tabs()->isTabEnabled(0));
        QCOMPARE(start.tabs()->tabText(1), QStringLiteral("Create the admin account"));
        QTest::keyClicks(start.registerName(), QStringLiteral("Owner Admin"));
        QTest::keyClicks(start.registerEmail(), QStringLiteral("owner@host.test"));
        QTest::keyClicks(start.registerPassword(), QStringLiteral("ownerpass123"));
        QTest::keyClick(start.registerPassword(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, 30000);
        const auto auth = signedIn.first().at(1).value<ui::AuthResult>();
        QCOMPARE(auth.user.role, QStringLiteral("admin"));
        QCOMPARE(auth.user.fullName, QStringLiteral("Owner Admin"));
        QVERIFY(!auth.token.isEmpty());
        QVERIFY(!host.needsAdmin());
        QVERIFY(start.tabs()->isTabEnabled(0));
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
        QVERIFY(host.needsAdmin());

        bool done = false;
        bool ok = false;
        host.createAdmin(QStringLiteral("Host Admin"), QStringLiteral("admin@host.test"),
                         QStringLiteral("adminpass123"), [&](bool success, const QString &) {
                             done = true;
                             ok = success;
                         });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(ok);
        QVERIFY(!host.needsAdmin());

        // The admin signs in and reads the socket-debug data of the server monitor.
        ui::ApiClient api;
        api.setBaseUrl(url);
        ui::AuthResult auth;
        done = false;
        api.login(QStringLiteral("admin@host.test"), QStringLiteral("adminpass123"),
                  [&](const ui::ApiResult &r, const ui::AuthResult &a) {
                      done = true;
                      QVERIFY2(r.ok(), qPrintable(r.errorMessage));
                      auth = a;
                  });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(auth.user.role, QStringLiteral("admin"));
        QCOMPARE(auth.user.fullName, QStringLiteral("Host Admin"));
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

        // Restart over the same data: the admin is still there.
        host.start();
        QVERIFY(started.wait(20000));
        QVERIFY(host.isRunning());
        QVERIFY(!host.needsAdmin());
        api.setBaseUrl(host.localUrl());
        done = false;
        api.login(QStringLiteral("admin@host.test"), QStringLiteral("adminpass123"),
                  [&](const ui::ApiResult &r, const ui::AuthResult &) {
                      done = true;
                      QVERIFY2(r.ok(), qPrintable(r.errorMessage));
                  });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    }
};

QTEST_MAIN(TestServerHost)
#include "tst_serverhost.moc"
