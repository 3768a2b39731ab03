// First run: the server page (connect to a server, or host one on this computer), then the
// account page (sign in or create an account) for that server. Talks to the server's HTTP API;
// the forms check their fields themselves.
#pragma once

#include "ui/net/apiclient.h"
#include "ui/net/invitation.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTabWidget;

namespace craftchat::ui {

class RegisterForm;
class ServerHost;
class ServerPage;
class SignInForm;

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
    QLineEdit *addressEdit() const;
    QComboBox *recentServersBox() const;
    QPushButton *connectButton() const;
    QPushButton *hostButton() const;
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *loginEmail() const;
    QLineEdit *loginPassword() const;
    QPushButton *signInButton() const;
    QLineEdit *registerName() const;
    QLineEdit *registerEmail() const;
    QLineEdit *registerPassword() const;
    QRadioButton *registerCraftsman() const;
    QPushButton *registerButton() const;
    QLabel *loginError() const;
    QLabel *registerEmailError() const;

    QLineEdit *registerInviteCode() const;
    QLabel *registerInviteCodeError() const;
    RegisterForm *registerForm() const { return m_register; }
    QLabel *serverError() const;

    // Opens an invitation: trusts its certificate (pins it, without asking), connects to its
    // server and fills its invitation code into the sign-up form.
    void openInvitation(const Invitation &invitation);

    static QUrl normalizeServerAddress(const QString &text);
    // The addresses connected to before, newest first.
    static QStringList recentServers();
    static const QString LastEmailKey;

signals:
    void signedIn(const QUrl &server, const craftchat::ui::AuthResult &auth);

private:
    QWidget *buildAuthPage();
    void connectToServer(const QUrl &url);
    void hostServer();
    void hostStarted(const QUrl &url);
    void signIn(const QString &email, const QString &password);
    // What the sign-in form says when the server refused the sign-in.
    static QString signInError(const ApiResult &result);
    void registerAccount(const QString &name, const QString &email, const QString &password, const QString &role,
                         const QString &inviteCode);
    // A TLS refusal of `url`: asks (and connects again once trusted) or warns.
    void handleTlsProblem(const QUrl &url, const ApiResult &result);
    void finishSignIn(const QString &email, const AuthResult &auth);
    void setBusy(bool busy);
    void showHostInfo();

    QPointer<ServerHost> m_host;
    ApiClient *m_api;
    QUrl m_server;

    QStackedWidget *m_pages;
    ServerPage *m_serverPage;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_hostInfo = nullptr;
    QTabWidget *m_tabs = nullptr;
    SignInForm *m_signIn = nullptr;
    RegisterForm *m_register = nullptr;
};

} // namespace craftchat::ui
