#include "ui/widgets/startwindow.h"

#include "common/contract/contract.h"

#include "ui/net/serverhost.h"
#include "ui/widgets/certificatedialogs.h"
#include "ui/widgets/registerform.h"
#include "ui/widgets/serverpage.h"
#include "ui/widgets/signinform.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace craftchat::ui {

const QString StartWindow::LastEmailKey = QStringLiteral("connection/lastEmail");

namespace {
const QString HostModeKey = QStringLiteral("connection/hostMode");
} // namespace

StartWindow::StartWindow(ServerHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_api(new ApiClient(this))
    , m_pages(new QStackedWidget(this))
    , m_serverPage(new ServerPage(host && host->isAvailable(), this))
{
    setObjectName(QStringLiteral("startWindow"));
    setWindowTitle(tr("CraftChat"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/craftchat.svg")));
    m_pages->addWidget(m_serverPage);
    m_pages->addWidget(buildAuthPage());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/craftchat.svg")).pixmap(64, 64));
    logo->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("Welcome to CraftChat"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(logo);
    layout->addWidget(title);
    layout->addSpacing(12);
    layout->addWidget(m_pages, 1);
    resize(460, 540);

    connect(m_serverPage, &ServerPage::connectRequested, this, &StartWindow::connectToServer);
    connect(m_serverPage, &ServerPage::hostRequested, this, &StartWindow::hostServer);
    connect(m_serverPage, &ServerPage::invitationOpened, this, &StartWindow::openInvitation);
    connect(m_signIn, &SignInForm::submitted, this, &StartWindow::signIn);
    connect(m_register, &RegisterForm::submitted, this, &StartWindow::registerAccount);
    if (m_host) {
        connect(m_host, &ServerHost::started, this, &StartWindow::hostStarted);
        connect(m_host, &ServerHost::failed, this, [this](const QString &error) {
            setBusy(false);
            showServerPage(tr("The server could not start: %1").arg(error));
        });
    }
}

QWidget *StartWindow::buildAuthPage()
{
    auto *page = new QWidget(this);
    m_serverLabel = new QLabel(page);
    m_serverLabel->setWordWrap(true);
    auto *change = new QPushButton(QIcon(QStringLiteral(":/icons/back.svg")), tr("Change server"), page);
    change->setFlat(true);
    connect(change, &QPushButton::clicked, this, [this] { showServerPage(); });
    m_hostInfo = new QLabel(page);
    m_hostInfo->setWordWrap(true);
    m_hostInfo->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_hostInfo->setFrameShape(QFrame::StyledPanel);
    m_hostInfo->setMargin(8);
    m_hostInfo->hide();

    m_signIn = new SignInForm(page);
    m_register = new RegisterForm(page);
    m_tabs = new QTabWidget(page);
    m_tabs->addTab(m_signIn, tr("Sign in"));
    m_tabs->addTab(m_register, tr("Create account"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_serverLabel, 1);
    top->addWidget(change);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_hostInfo);
    layout->addWidget(m_tabs, 1);
    return page;
}

QLineEdit *StartWindow::addressEdit() const
{
    return m_serverPage->addressEdit();
}
QComboBox *StartWindow::recentServersBox() const
{
    return m_serverPage->recentServersBox();
}
QPushButton *StartWindow::connectButton() const
{
    return m_serverPage->connectButton();
}
QPushButton *StartWindow::hostButton() const
{
    return m_serverPage->hostButton();
}
QLineEdit *StartWindow::loginEmail() const
{
    return m_signIn->emailEdit();
}
QLineEdit *StartWindow::loginPassword() const
{
    return m_signIn->passwordEdit();
}
QPushButton *StartWindow::signInButton() const
{
    return m_signIn->submitButton();
}
QLabel *StartWindow::loginError() const
{
    return m_signIn->errorLabel();
}
QLineEdit *StartWindow::registerName() const
{
    return m_register->nameEdit();
}
QLineEdit *StartWindow::registerEmail() const
{
    return m_register->emailEdit();
}
QLineEdit *StartWindow::registerPassword() const
{
    return m_register->passwordEdit();
}
QRadioButton *StartWindow::registerCraftsman() const
{
    return m_register->craftsmanButton();
}
QPushButton *StartWindow::registerButton() const
{
    return m_register->submitButton();
}
QLabel *StartWindow::registerEmailError() const
{
    return m_register->emailErrorLabel();
}
QLineEdit *StartWindow::registerInviteCode() const
{
    return m_register->inviteCodeEdit();
}
QLabel *StartWindow::registerInviteCodeError() const
{
    return m_register->inviteCodeErrorLabel();
}
QLabel *StartWindow::serverError() const
{
    return m_serverPage->errorLabel();
}

void StartWindow::openInvitation(const Invitation &invitation)
{
    // The invitation came from the host's screen: its fingerprint is the one to trust.
    TrustStore().setPin(invitation.server.host(), invitation.server.port(443), invitation.sha256);
    m_register->setInviteCode(invitation.code);
    m_serverPage->addressEdit()->setText(invitation.server.toString());
    m_pages->setCurrentIndex(0);
    connectToServer(invitation.server);
}

QUrl StartWindow::normalizeServerAddress(const QString &text)
{
    return ServerPage::normalizeServerAddress(text);
}

QStringList StartWindow::recentServers()
{
    return ServerPage::recentServers();
}

void StartWindow::showServerPage(const QString &message)
{
    m_pages->setCurrentIndex(0);
    m_serverPage->showError(message);
    m_serverPage->addressEdit()->setFocus();
}

void StartWindow::showAuthPage(const QUrl &server)
{
    m_server = server;
    m_api->setBaseUrl(server);
    m_serverLabel->setText(tr("Server: %1").arg(server.toString().toHtmlEscaped()));
    m_pages->setCurrentIndex(1);
    showHostInfo();
    m_register->setRegistrationMode(QStringLiteral("open"));
    m_api->registrationMode(
        [this, guard = QPointer<StartWindow>(this), server](const ApiResult &r, const QString &mode) {
            if (guard && r.ok() && m_server == server)
                m_register->setRegistrationMode(mode);
        });
    // Hosting a new server: the host makes their own account, as a client or craftsman (the
    // server's administration runs through the app's own administrator account).
    const bool newHost = m_host && m_host->isRunning() && m_host->localUrl() == server && m_host->isNew();
    if (newHost || !m_register->inviteCodeEdit()->text().isEmpty()) {
        m_tabs->setCurrentIndex(1);
        m_register->nameEdit()->setFocus();
    } else {
        m_signIn->focusFirstEmpty();
    }
}

void StartWindow::setBusy(bool busy)
{
    m_serverPage->setBusy(busy);
    m_signIn->submitButton()->setEnabled(!busy);
    m_register->submitButton()->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void StartWindow::connectToServer(const QUrl &url)
{
    setBusy(true);
    m_api->setBaseUrl(url);
    m_api->health([this, url, guard = QPointer<StartWindow>(this)](const ApiResult &r, bool ok) {
        if (!guard)
            return;
        setBusy(false);
        if (r.errorCode.startsWith(QLatin1String("TLS_")))
            return handleTlsProblem(url, r);
        if (!ok) {
            m_serverPage->showError(
                r.status == 0 ? r.errorMessage : tr("%1 does not look like a CraftChat server.").arg(url.toString()));
            return;
        }
        m_serverPage->rememberServer(url);
        QSettings().setValue(HostModeKey, false);
        showAuthPage(url);
    });
}

void StartWindow::handleTlsProblem(const QUrl &url, const ApiResult &result)
{
    m_serverPage->showError(result.errorMessage);
    if (result.tls.kind == TlsProblem::Kind::Unknown) {
        auto *question = new CertificateQuestion(result.tls, this);
        question->setAttribute(Qt::WA_DeleteOnClose);
        connect(question, &QDialog::accepted, this, [this, url] {
            m_serverPage->showError({});
            connectToServer(url);
        });
        question->open();
    } else if (result.tls.kind == TlsProblem::Kind::Changed) {
        auto *warning = new CertificateChangedWarning(result.tls, this);
        warning->setAttribute(Qt::WA_DeleteOnClose);
        warning->open();
    }
}

void StartWindow::hostServer()
{
    if (!m_host)
        return;
    if (m_host->isRunning())
        return hostStarted(m_host->localUrl());
    setBusy(true);
    m_serverPage->showError(tr("Starting the server…"));
    m_host->start();
}

void StartWindow::hostStarted(const QUrl &url)
{
    setBusy(false);
    m_serverPage->showError({});
    QSettings().setValue(HostModeKey, true);
    showAuthPage(url);
}

void StartWindow::showHostInfo()
{
    if (!m_host || !m_host->isRunning() || m_host->localUrl() != m_server) {
        m_hostInfo->hide();
        return;
    }
    QStringList urls = m_host->networkUrls();
    if (urls.isEmpty())
        urls.append(tr("(no network connection)"));
    QStringList escaped;
    for (const QString &url : std::as_const(urls))
        escaped.append(url.toHtmlEscaped());
    m_hostInfo->setText(tr("This computer is hosting the server. Other computers connect to:").toHtmlEscaped()
                        + QStringLiteral("<br><b>") + escaped.join(QStringLiteral("<br>")) + QStringLiteral("</b>"));
    m_hostInfo->show();
}

QString StartWindow::signInError(const ApiResult &result)
{
    if (result.status == 401)
        return tr("Wrong email or password.");
    if (result.errorCode == contract::code::LoginThrottled) {
        // Whole minutes, rounded up: "in 1 minute" rather than "in 0 minutes" for 30 s.
        const int minutes = std::max(1, (result.retryAfterSeconds + 59) / 60);
        return tr("Too many failed sign-ins. Try again in %n min.", nullptr, minutes);
    }
    return result.errorMessage;
}

void StartWindow::signIn(const QString &email, const QString &password)
{
    setBusy(true);
    m_api->login(email, password,
                 [this, email, guard = QPointer<StartWindow>(this)](const ApiResult &r, const AuthResult &auth) {
                     if (!guard)
                         return;
                     setBusy(false);
                     if (!r.ok()) {
                         m_signIn->showError(signInError(r));
                         return;
                     }
                     m_signIn->passwordEdit()->clear();
                     finishSignIn(email, auth);
                 });
}

void StartWindow::registerAccount(const QString &name, const QString &email, const QString &password,
                                  const QString &role, const QString &inviteCode)
{
    setBusy(true);
    m_api->registerUser(name, email, password, role, inviteCode,
                        [this, email, guard = QPointer<StartWindow>(this)](const ApiResult &r, const AuthResult &auth) {
                            if (!guard)
                                return;
                            setBusy(false);
                            if (!r.ok()) {
                                if (r.status == 409)
                                    m_register->showEmailTaken();
                                else if (r.status != 403 || !m_register->showRefusal(r.errorCode))
                                    m_register->showError(r.errorMessage);
                                return;
                            }
                            m_register->passwordEdit()->clear();
                            m_register->setInviteCode({}); // used up
                            finishSignIn(email, auth);
                        });
}

void StartWindow::finishSignIn(const QString &email, const AuthResult &auth)
{
    QSettings().setValue(LastEmailKey, email);
    m_signIn->emailEdit()->setText(email);
    emit signedIn(m_server, auth);
}

} // namespace craftchat::ui
