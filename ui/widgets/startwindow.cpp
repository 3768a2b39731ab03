#include "ui/widgets/startwindow.h"

#include "common/chat/contract.h"
#include "ui/net/serverhost.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace craftchat::ui {

namespace contract = craftchat::contract;

namespace {
QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QWidget *fieldWithError(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}
} // namespace

StartWindow::StartWindow(ServerHost *host, QWidget *parent)
    : QWidget(parent), m_host(host), m_api(new ApiClient(this)), m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("startWindow"));
    setWindowTitle(tr("CraftChat"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/craftchat.svg")));
    m_pages->addWidget(buildServerPage());
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

    if (m_host) {
        connect(m_host, &ServerHost::started, this, &StartWindow::hostStarted);
        connect(m_host, &ServerHost::failed, this, [this](const QString &error) {
            setBusy(false);
            showServerPage(tr("The server could not start: %1").arg(error));
        });
    }
}

QWidget *StartWindow::buildServerPage()
{
    auto *page = new QWidget(this);
    auto *intro = new QLabel(tr("Connect to a server"), page);
    QFont bold = intro->font();
    bold.setBold(true);
    intro->setFont(bold);
    m_address = new QLineEdit(page);
    m_address->setObjectName(QStringLiteral("serverAddress"));
    m_address->setPlaceholderText(tr("Server address, e.g. http://192.168.1.20:3001"));
    m_address->setAccessibleName(tr("Server address"));
    m_address->setText(QSettings().value(QStringLiteral("connection/lastServer"),
                                         QStringLiteral("http://localhost:3001")).toString());
    auto *addressLabel = new QLabel(tr("&Address"), page);
    addressLabel->setBuddy(m_address);
    m_connect = new QPushButton(tr("Connect"), page);
    m_connect->setDefault(true);
    m_serverError = errorLabel(page);

    auto *orLabel = new QLabel(tr("or"), page);
    orLabel->setAlignment(Qt::AlignCenter);
    orLabel->setEnabled(false);
    m_hostButton = new QPushButton(QIcon(QStringLiteral(":/icons/server.svg")), tr("Host a server on this computer"), page);
    m_hostButton->setObjectName(QStringLiteral("hostButton"));
    auto *hostText = new QLabel(tr("Runs the chat server inside this app. Other computers on your "
                                   "network connect to the address shown after it starts."), page);
    hostText->setWordWrap(true);
    hostText->setEnabled(false);
    if (!m_host || !m_host->isAvailable()) {
        m_hostButton->setEnabled(false);
        m_hostButton->setToolTip(tr("This build of CraftChat cannot host a server."));
    }

    auto *row = new QHBoxLayout;
    row->addWidget(m_address, 1);
    row->addWidget(m_connect);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(addressLabel);
    layout->addLayout(row);
    layout->addWidget(m_serverError);
    layout->addSpacing(16);
    layout->addWidget(orLabel);
    layout->addSpacing(8);
    layout->addWidget(m_hostButton);
    layout->addWidget(hostText);
    layout->addStretch(1);

    connect(m_connect, &QPushButton::clicked, this, &StartWindow::connectToServer);
    connect(m_address, &QLineEdit::returnPressed, this, &StartWindow::connectToServer);
    connect(m_hostButton, &QPushButton::clicked, this, &StartWindow::hostServer);
    return page;
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

    m_tabs = new QTabWidget(page);
    m_tabs->addTab(buildSignInTab(), tr("Sign in"));
    m_tabs->addTab(buildRegisterTab(), tr("Create account"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_serverLabel, 1);
    top->addWidget(change);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_hostInfo);
    layout->addWidget(m_tabs, 1);
    return page;
}

QWidget *StartWindow::buildSignInTab()
{
    auto *tab = new QWidget(this);
    m_loginEmail = new QLineEdit(tab);
    m_loginEmail->setObjectName(QStringLiteral("loginEmail"));
    m_loginEmail->setAccessibleName(tr("Email"));
    m_loginEmail->setText(QSettings().value(QStringLiteral("connection/lastEmail")).toString());
    m_loginPassword = new QLineEdit(tab);
    m_loginPassword->setObjectName(QStringLiteral("loginPassword"));
    m_loginPassword->setEchoMode(QLineEdit::Password);
    m_loginPassword->setAccessibleName(tr("Password"));
    m_loginEmailError = errorLabel(tab);
    m_loginError = errorLabel(tab);
    m_signIn = new QPushButton(tr("Sign in"), tab);
    m_signIn->setDefault(true);
    auto *form = new QFormLayout(tab);
    form->addRow(tr("&Email"), fieldWithError(m_loginEmail, m_loginEmailError, tab));
    form->addRow(tr("&Password"), m_loginPassword);
    form->addRow(m_loginError);
    form->addRow(m_signIn);
    for (QLineEdit *edit : {m_loginEmail, m_loginPassword})
        connect(edit, &QLineEdit::returnPressed, this, &StartWindow::signIn);
    connect(m_signIn, &QPushButton::clicked, this, &StartWindow::signIn);
    return tab;
}

QWidget *StartWindow::buildRegisterTab()
{
    auto *tab = new QWidget(this);
    m_regName = new QLineEdit(tab);
    m_regName->setObjectName(QStringLiteral("registerName"));
    m_regName->setAccessibleName(tr("Full name"));
    m_regName->setMaxLength(100);
    m_regEmail = new QLineEdit(tab);
    m_regEmail->setObjectName(QStringLiteral("registerEmail"));
    m_regEmail->setAccessibleName(tr("Email"));
    m_regPassword = new QLineEdit(tab);
    m_regPassword->setObjectName(QStringLiteral("registerPassword"));
    m_regPassword->setEchoMode(QLineEdit::Password);
    m_regPassword->setAccessibleName(tr("Password"));
    m_regPassword->setPlaceholderText(tr("At least %n characters", nullptr, contract::MinPasswordLength));
    m_regNameError = errorLabel(tab);
    m_regEmailError = errorLabel(tab);
    m_regPasswordError = errorLabel(tab);
    m_regError = errorLabel(tab);
    m_roleBox = new QWidget(tab);
    m_roleClient = new QRadioButton(tr("I need work done (client)"), m_roleBox);
    m_roleCraftsman = new QRadioButton(tr("I offer work (craftsman)"), m_roleBox);
    m_roleClient->setChecked(true);
    auto *roles = new QVBoxLayout(m_roleBox);
    roles->setContentsMargins(0, 0, 0, 0);
    roles->addWidget(m_roleClient);
    roles->addWidget(m_roleCraftsman);
    m_register = new QPushButton(tr("Create account"), tab);
    auto *form = new QFormLayout(tab);
    form->addRow(tr("&Full name"), fieldWithError(m_regName, m_regNameError, tab));
    form->addRow(tr("E&mail"), fieldWithError(m_regEmail, m_regEmailError, tab));
    form->addRow(tr("Pass&word"), fieldWithError(m_regPassword, m_regPasswordError, tab));
    form->addRow(tr("Role"), m_roleBox);
    form->addRow(m_regError);
    form->addRow(m_register);
    for (QLineEdit *edit : {m_regName, m_regEmail, m_regPassword})
        connect(edit, &QLineEdit::returnPressed, this, &StartWindow::registerAccount);
    connect(m_register, &QPushButton::clicked, this, &StartWindow::registerAccount);
    return tab;
}

bool StartWindow::isPlausibleEmail(const QString &email)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return email.size() <= 254 && pattern.match(email).hasMatch();
}

QUrl StartWindow::normalizeServerAddress(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("http://"));
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    if (url.port() < 0 && url.scheme() == QLatin1String("http"))
        url.setPort(3001);
    url.setPath(QString());
    return url;
}

void StartWindow::showServerPage(const QString &message)
{
    m_pages->setCurrentIndex(0);
    showError(m_serverError, message);
    m_address->setFocus();
}

void StartWindow::showAuthPage(const QUrl &server)
{
    m_server = server;
    m_api->setBaseUrl(server);
    m_serverLabel->setText(tr("Server: %1").arg(server.toString().toHtmlEscaped()));
    m_pages->setCurrentIndex(1);
    showHostInfo();
    // The first account of a hosted server is its administrator.
    m_creatingAdmin = m_host && m_host->isRunning() && m_host->localUrl() == server
        && m_host->needsAdmin();
    m_tabs->setTabEnabled(0, !m_creatingAdmin);
    m_tabs->setTabText(1, m_creatingAdmin ? tr("Create the admin account") : tr("Create account"));
    m_roleBox->setEnabled(!m_creatingAdmin);
    if (m_creatingAdmin) {
        m_tabs->setCurrentIndex(1);
        m_regName->setFocus();
    } else {
        (m_loginEmail->text().isEmpty() ? m_loginEmail : m_loginPassword)->setFocus();
    }
}

void StartWindow::setBusy(bool busy)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_connect, m_signIn, m_register})
        w->setEnabled(!busy);
    m_hostButton->setEnabled(!busy && m_host && m_host->isAvailable());
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void StartWindow::connectToServer()
{
    const QUrl url = normalizeServerAddress(m_address->text());
    if (url.isEmpty()) {
        showError(m_serverError, tr("Enter an address like http://192.168.1.20:3001."));
        return;
    }
    showError(m_serverError, {});
    setBusy(true);
    m_api->setBaseUrl(url);
    m_api->health([this, url, guard = QPointer<StartWindow>(this)](const ApiResult &r, bool ok) {
        if (!guard)
            return;
        setBusy(false);
        if (!ok) {
            showError(m_serverError, r.status == 0 ? r.errorMessage
                                                   : tr("%1 does not look like a CraftChat server.").arg(url.toString()));
            return;
        }
        QSettings().setValue(QStringLiteral("connection/lastServer"), url.toString());
        QSettings().setValue(QStringLiteral("connection/hostMode"), false);
        showAuthPage(url);
    });
}

void StartWindow::hostServer()
{
    if (!m_host)
        return;
    if (m_host->isRunning())
        return hostStarted(m_host->localUrl());
    setBusy(true);
    showError(m_serverError, tr("Starting the server…"));
    m_host->start();
}

void StartWindow::hostStarted(const QUrl &url)
{
    setBusy(false);
    showError(m_serverError, {});
    QSettings().setValue(QStringLiteral("connection/hostMode"), true);
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
                        + QStringLiteral("<br><b>") + escaped.join(QStringLiteral("<br>"))
                        + QStringLiteral("</b>"));
    m_hostInfo->show();
}

void StartWindow::signIn()
{
    const QString email = m_loginEmail->text().trimmed();
    showError(m_loginEmailError, isPlausibleEmail(email) ? QString() : tr("Enter a valid email address."));
    showError(m_loginError, m_loginPassword->text().isEmpty() ? tr("Enter your password.") : QString());
    if (!isPlausibleEmail(email) || m_loginPassword->text().isEmpty())
        return;
    setBusy(true);
    m_api->login(email, m_loginPassword->text(),
                 [this, email, guard = QPointer<StartWindow>(this)](const ApiResult &r, const AuthResult &auth) {
                     if (!guard)
                         return;
                     setBusy(false);
                     if (!r.ok()) {
                         showError(m_loginError, r.status == 401 ? tr("Wrong email or password.") : r.errorMessage);
                         m_loginPassword->selectAll();
                         m_loginPassword->setFocus();
                         return;
                     }
                     QSettings().setValue(QStringLiteral("connection/lastEmail"), email);
                     m_loginPassword->clear();
                     emit signedIn(m_server, auth);
                 });
}

void StartWindow::registerAccount()
{
    const QString name = m_regName->text().trimmed();
    const QString email = m_regEmail->text().trimmed();
    const QString password = m_regPassword->text();
    showError(m_regNameError, name.isEmpty() ? tr("Enter your full name.") : QString());
    showError(m_regEmailError, isPlausibleEmail(email) ? QString() : tr("Enter a valid email address."));
    showError(m_regPasswordError, password.size() < contract::MinPasswordLength
                                      ? tr("Use at least %n characters.", nullptr, contract::MinPasswordLength)
                                      : QString());
    showError(m_regError, {});
    if (name.isEmpty() || !isPlausibleEmail(email) || password.size() < contract::MinPasswordLength)
        return;
    setBusy(true);
    auto handle = [this, email, guard = QPointer<StartWindow>(this)](const ApiResult &r, const AuthResult &auth) {
        if (!guard)
            return;
        setBusy(false);
        if (!r.ok()) {
            if (r.status == 409)
                showError(m_regEmailError, tr("An account with this email already exists."));
            else
                showError(m_regError, r.errorMessage);
            return;
        }
        QSettings().setValue(QStringLiteral("connection/lastEmail"), email);
        m_regPassword->clear();
        emit signedIn(m_server, auth);
    };
    if (m_creatingAdmin && m_host) {
        m_host->createAdmin(name, email, password,
                             [this, email, password, handle, guard = QPointer<StartWindow>(this)](bool ok, const QString &error) {
                                 if (!guard)
                                     return;
                                 if (!ok) {
                                     setBusy(false);
                                     showError(m_regError, error);
                                     return;
                                 }
                                 m_creatingAdmin = false;
                                 m_tabs->setTabEnabled(0, true);
                                 m_tabs->setTabText(1, tr("Create account"));
                                 m_roleBox->setEnabled(true);
                                 m_api->login(email, password, handle);
                             });
        return;
    }
    const QString role = m_roleCraftsman->isChecked() ? contract::RoleCraftsman : contract::RoleClient;
    m_api->registerUser(name, email, password, role, handle);
}

} // namespace craftchat::ui
