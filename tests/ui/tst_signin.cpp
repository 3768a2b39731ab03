// The app's flow against a real server: connect, register and sign in through the start
// window (validation and the server's errors shown in place), sign out, resume after restart.
#include "ui/controller/appcontroller.h"
#include "ui/net/chatsession.h"
#include "ui/util/language.h"
#include "ui/util/resources.h"
#include "ui/util/tokenstore.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/startwindow.h"

#include "tests/support/testserver.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace craftchat;
using namespace craftchat::ui;

namespace {
constexpr int Timeout = 20000;
}

class TestSignIn : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("CRAFTCHAT_NO_KEYCHAIN", "1");
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CraftChatTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_signin"));
        QSettings().clear();
        QFile::remove(TokenStore::defaultFallbackPath());
        initResources();
    }

    void registerSignOutSignInResume()
    {
        testsupport::TestServer server;
        QVERIFY(server.start());
        const testsupport::TestUser taken = server.registerUser(QStringLiteral("client"));

        auto app = std::make_unique<AppController>(nullptr);
        app->start();
        StartWindow *start = app->startWindow();
        QVERIFY(start);
        QVERIFY(!start->hostButton()->isEnabled()); // no host in this build of the flow

        // Connect: a bad address is refused in place, a good one leads to the sign-in page.
        start->addressEdit()->clear();
        QTest::keyClicks(start->addressEdit(), QStringLiteral("ftp://nowhere"));
        QTest::keyClick(start->addressEdit(), Qt::Key_Return);
        QVERIFY(start->server().isEmpty());
        start->addressEdit()->clear();
        QTest::keyClicks(start->addressEdit(), QStringLiteral("127.0.0.1:%1").arg(server.port()));
        QTest::keyClick(start->addressEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(start->server().port(), int(server.port()), Timeout);

        // Register: field validation, then the server's 409 next to the email field.
        start->tabs()->setCurrentIndex(1);
        QTest::keyClick(start->registerName(), Qt::Key_Return);
        QVERIFY(!start->registerEmailError()->isHidden());
        QTest::keyClicks(start->registerName(), QStringLiteral("Rita Register"));
        QTest::keyClicks(start->registerEmail(), taken.email);
        QTest::keyClicks(start->registerPassword(), QStringLiteral("password123"));
        QTest::mouseClick(start->registerCraftsman(), Qt::LeftButton);
        QTest::keyClick(start->registerPassword(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(start->registerEmailError()->text(),
                                  QStringLiteral("An account with this email already exists."), Timeout);
        start->registerEmail()->clear();
        QTest::keyClicks(start->registerEmail(), QStringLiteral("rita@example.test"));
        QTest::keyClick(start->registerPassword(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() != nullptr, Timeout);
        QCOMPARE(app->chatController()->session()->me().role, QStringLiteral("craftsman"));
        QCOMPARE(app->chatController()->session()->me().fullName, QStringLiteral("Rita Register"));
        QTRY_COMPARE_WITH_TIMEOUT(app->chatController()->session()->state(), ChatSession::ConnectionState::Connected,
                                  Timeout);

        // Restart: the saved session resumes without signing in.
        app.reset();
        app = std::make_unique<AppController>(nullptr);
        app->start();
        QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() != nullptr, Timeout);
        QCOMPARE(app->chatController()->session()->me().fullName, QStringLiteral("Rita Register"));

        // Sign out forgets the token; signing in again needs the password.
        emit app->mainWindow()->signOutRequested();
        QTRY_VERIFY(app->mainWindow() == nullptr);
        start = app->startWindow();
        QVERIFY(start && start->isVisible());
        QCOMPARE(start->loginEmail()->text(), QStringLiteral("rita@example.test"));
        QTest::keyClicks(start->loginPassword(), QStringLiteral("wrong-password"));
        QTest::keyClick(start->loginPassword(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(start->loginError()->text(), QStringLiteral("Wrong email or password."), Timeout);
        start->loginPassword()->clear();
        QTest::keyClicks(start->loginPassword(), QStringLiteral("password123"));
        QTest::keyClick(start->loginPassword(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() != nullptr, Timeout);
        QFile tokenFile(TokenStore::defaultFallbackPath());
        QCOMPARE(tokenFile.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        // The server is remembered among the recent ones, newest first.
        QCOMPARE(StartWindow::recentServers().value(0), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        app.reset();
    }

    // Too many failed sign-ins: the form says when to try again (from Retry-After), not the
    // server's English message, and a correct password does not get through meanwhile.
    void throttledSignInSaysWhenToTryAgain()
    {
        testsupport::TestServer server;
        server.config().loginFailuresPerAccount = 2;
        server.config().loginFailureWindow = std::chrono::seconds(600);
        QVERIFY(server.start());
        const testsupport::TestUser user = server.registerUser(QStringLiteral("client"));
        QSettings().clear(); // no saved session from an earlier test
        QFile::remove(TokenStore::defaultFallbackPath());

        auto app = std::make_unique<AppController>(nullptr);
        app->start();
        StartWindow *start = app->startWindow();
        QVERIFY(start);
        start->addressEdit()->clear();
        QTest::keyClicks(start->addressEdit(), QStringLiteral("127.0.0.1:%1").arg(server.port()));
        QTest::keyClick(start->addressEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(start->server().port(), int(server.port()), Timeout);
        start->loginEmail()->clear();
        QTest::keyClicks(start->loginEmail(), user.email);
        const auto attempt = [&](const QString &password) {
            start->loginError()->clear();
            start->loginPassword()->clear();
            QTest::keyClicks(start->loginPassword(), password);
            QTest::keyClick(start->loginPassword(), Qt::Key_Return);
        };
        for (int i = 0; i < 2; ++i) {
            attempt(QStringLiteral("wrong-password"));
            QTRY_COMPARE_WITH_TIMEOUT(start->loginError()->text(), QStringLiteral("Wrong email or password."), Timeout);
        }
        attempt(user.password);
        QTRY_COMPARE_WITH_TIMEOUT(start->loginError()->text(),
                                  QStringLiteral("Too many failed sign-ins. Try again in 10 min."), Timeout);
        QVERIFY(app->mainWindow() == nullptr);
        app.reset();
    }

    void languageSwitchesWhileSignedIn()
    {
        testsupport::TestServer server;
        QVERIFY(server.start());
        const testsupport::TestUser carl
            = server.registerUser(QStringLiteral("craftsman"), QStringLiteral("Carl Craft"));
        QSettings().clear(); // no saved session: start at the start window
        QFile::remove(TokenStore::defaultFallbackPath());
        Language language;
        language.apply(QStringLiteral("en"));
        auto app = std::make_unique<AppController>(nullptr, &language);
        app->start();
        StartWindow *start = app->startWindow();
        QVERIFY(start);
        start->addressEdit()->clear();
        QTest::keyClicks(start->addressEdit(), QStringLiteral("127.0.0.1:%1").arg(server.port()));
        QTest::keyClick(start->addressEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(start->server().port(), int(server.port()), Timeout);
        start->tabs()->setCurrentIndex(0);
        start->loginEmail()->setText(carl.email);
        QTest::keyClicks(start->loginPassword(), carl.password);
        QTest::keyClick(start->loginPassword(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(app->mainWindow() != nullptr, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(app->chatController()->session()->state(), ChatSession::ConnectionState::Connected,
                                  Timeout);
        QPointer<MainWindow> before = app->mainWindow();
        before->conversation()->composer()->setText(QStringLiteral("Half-written"));
        QCOMPARE(before->menuBar()->actions().at(1)->text(), QStringLiteral("&Account"));

        // German at once: a new window in the new language, the draft and session kept.
        language.apply(QStringLiteral("de"));
        app->rebuildMainWindow();
        QTRY_VERIFY(before.isNull());
        QVERIFY(app->mainWindow() && app->mainWindow()->isVisible());
        QCOMPARE(app->mainWindow()->menuBar()->actions().at(1)->text(), QStringLiteral("&Konto"));
        QCOMPARE(app->mainWindow()->conversation()->composer()->text(), QStringLiteral("Half-written"));
        QCOMPARE(app->chatController()->session()->state(), ChatSession::ConnectionState::Connected);
        // Arabic lays the window out right to left.
        language.apply(QStringLiteral("ar"));
        app->rebuildMainWindow();
        QCOMPARE(app->mainWindow()->layoutDirection(), Qt::RightToLeft);
        language.apply(QStringLiteral("en"));
        app.reset();
    }
};

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
