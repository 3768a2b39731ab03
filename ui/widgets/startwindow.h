// First run: connect to a server (address remembered) or host one on this computer, then sign
// in or register, with field validation and the server's errors shown next to the fields.
#pragma once

#include "ui/net/apiclient.h"

#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTabWidget;

namespace craftchat::ui {

class ServerHost;

class StartWindow : public QWidget
{
    Q_OBJECT
public:
    explicit StartWindow(ServerHost *host, QWidget *parent = nullptr);

    // Shows the server page (or the sign-in page of `server` when given).
    void showServerPage(const QString &message = {});
    void showAuthPage(const QUrl &server);
    QUrl server() const { return m_server; }

    // For tests and keyboard users alike.
    QLineEdit *addressEdit() const { return m_address; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *hostButton() const { return m_hostButton; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *loginEmail() const { return m_loginEmail; }
    QLineEdit *loginPassword() const { return m_loginPassword; }
    QPushButton *signInButton() const { return m_signIn; }
    QLineEdit *registerName() const { return m_regName; }
    QLineEdit *registerEmail() const { return m_regEmail; }
    QLineEdit *registerPassword() const { return m_regPassword; }
    QRadioButton *registerCraftsman() const { return m_roleCraftsman; }
    QPushButton *registerButton() const { return m_register; }
    QLabel *loginError() const { return m_loginError; }
    QLabel *registerEmailError() const { return m_regEmailError; }

    static bool isPlausibleEmail(const QString &email);
    static QUrl normalizeServerAddress(const QString &text);

signals:
    void signedIn(const QUrl &server, const craftchat::ui::AuthResult &auth);

private:
    QWidget *buildServerPage();
    QWidget *buildAuthPage();
    QWidget *buildSignInTab();
    QWidget *buildRegisterTab();
    void connectToServer();
    void hostServer();
    void hostStarted(const QUrl &url);
    void signIn();
    void registerAccount();
    void setBusy(bool busy);
    void showHostInfo();

    QPointer<ServerHost> m_host;
    ApiClient *m_api;
    QUrl m_server;
    bool m_creatingAdmin = false;

    QStackedWidget *m_pages;
    QLineEdit *m_address;
    QPushButton *m_connect;
    QPushButton *m_hostButton;
    QLabel *m_serverError;

    QLabel *m_serverLabel;
    QLabel *m_hostInfo;
    QTabWidget *m_tabs;
    QLineEdit *m_loginEmail;
    QLineEdit *m_loginPassword;
    QLabel *m_loginEmailError;
    QLabel *m_loginError;
    QPushButton *m_signIn;
    QLineEdit *m_regName;
    QLineEdit *m_regEmail;
    QLineEdit *m_regPassword;
    QLabel *m_regNameError;
    QLabel *m_regEmailError;
    QLabel *m_regPasswordError;
    QLabel *m_regError;
    QWidget *m_roleBox;
    QRadioButton *m_roleClient;
    QRadioButton *m_roleCraftsman;
    QPushButton *m_register;
};

} // namespace craftchat::ui
