#include "ui/controller/appcontroller.h"

#include "ui/controller/chatcontroller.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/net/serverhost.h"
#include "ui/net/tokenrenewer.h"
#include "ui/util/language.h"
#include "ui/util/theme.h"
#include "ui/util/tokenstore.h"
#include "ui/widgets/certificatedialogs.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/hostpanel.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/newchatdialog.h"
#include "ui/widgets/servermonitorwindow.h"
#include "ui/widgets/settingsdialog.h"
#include "ui/widgets/startwindow.h"

#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTimer>

namespace craftchat::ui {

namespace {
const QString LastServerKey = QStringLiteral("session/server");
const QString LastUserKey = QStringLiteral("session/user");
const QString HostModeKey = QStringLiteral("connection/hostMode");
} // namespace

AppController::AppController(ServerHost *host, Language *language, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_language(language)
    , m_tokens(new TokenStore(TokenStore::defaultFallbackPath(),
                              qEnvironmentVariableIsSet("CRAFTCHAT_NO_KEYCHAIN") ? TokenStore::Backend::FileOnly
                                                                                 : TokenStore::Backend::Auto,
                              this))
{
    if (m_host) {
        connect(m_host, &ServerHost::started, this, &AppController::updateHostNote);
        connect(m_host, &ServerHost::stopped, this, &AppController::updateHostNote);
    }
}

AppController::~AppController()
{
    shutdown();
    delete m_main;
    delete m_start;
}

QString AppController::accountKey(const QUrl &server, const QString &userId)
{
    const QString base = server.adjusted(QUrl::StripTrailingSlash).toString();
    return userId.isEmpty() ? base : base + QLatin1Char('#') + userId;
}

void AppController::start()
{
    QSettings settings;
    const QUrl server(settings.value(LastServerKey).toString());
    const bool hostMode = settings.value(HostModeKey, false).toBool();
    if (hostMode && m_host && m_host->isAvailable()) {
        auto *once = new QObject(this);
        connect(m_host, &ServerHost::started, once, [this, once](const QUrl &url) {
            once->deleteLater();
            resume(url);
        });
        connect(m_host, &ServerHost::failed, once, [this, once](const QString &error) {
            once->deleteLater();
            showStart({}, tr("The server could not start: %1").arg(error));
        });
        m_host->start();
        return;
    }
    if (!server.isValid() || server.isEmpty())
        return showStart({}, {});
    resume(server);
}

void AppController::resume(const QUrl &server)
{
    m_tokens->load(accountKey(server), [this, server](const QString &token) {
        if (token.isEmpty())
            return showStart(server, {});
        auto *api = new ApiClient(this);
        api->setBaseUrl(server);
        api->setToken(token);
        api->me([this, api, server, token](const ApiResult &r, const contract::UserProfile &me) {
            api->deleteLater();
            if (r.ok())
                return enterMain(server, token, me);
            if (r.status == 401) {
                m_tokens->forget(accountKey(server));
                return showStart(server, tr("Your session has expired. Please sign in again."));
            }
            // A certificate refused by the trust rule: the start window asks or warns when the
            // user connects (never silently offline with an untrusted server).
            if (r.errorCode.startsWith(QLatin1String("TLS_")))
                return showStart({}, r.errorMessage);
            // The server is away: work offline with the last known profile; the session
            // reconnects by itself and the outbox waits.
            const auto cached = contract::UserProfile::fromJson(
                QJsonDocument::fromJson(QSettings().value(LastUserKey).toByteArray()).object());
            if (cached && !cached->id.isEmpty())
                return enterMain(server, token, *cached);
            showStart({}, r.errorMessage);
        });
    });
}

void AppController::showStart(const QUrl &server, const QString &message)
{
    if (!m_start) {
        m_start = new StartWindow(m_host);
        m_start->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_start, &StartWindow::signedIn, this, [this](const QUrl &url, const AuthResult &auth) {
            m_tokens->save(accountKey(url), auth.token);
            enterMain(url, auth.token, auth.user);
        });
    }
    if (server.isValid() && !server.isEmpty()) {
        m_start->showAuthPage(server);
        if (!message.isEmpty())
            m_start->showServerPage(message);
    } else {
        m_start->showServerPage(message);
    }
    m_start->show();
    m_start->raise();
}

void AppController::enterMain(const QUrl &server, const QString &token, const contract::UserProfile &me)
{
    QSettings settings;
    settings.setValue(LastServerKey, server.toString());
    settings.setValue(LastUserKey, QJsonDocument(me.withoutEmail().toJson()).toJson(QJsonDocument::Compact));

    m_session = new ChatSession(this);
    // The session knows its user before the controller and window are made from it; its
    // events only arrive once the event loop runs again.
    m_session->start(server, token, me);
    auto *outbox = new Outbox(Outbox::defaultPath(accountKey(server, me.id)));
    outbox->load();
    m_controller = new ChatController(m_session, outbox, this);
    m_controller->setNotificationsMuted(settings.value(SettingsDialog::muteKey(), false).toBool());
    m_images = new ImageCache(m_session->api(), this);
    m_main = createMainWindow();
    connect(m_session, &ChatSession::tlsRefused, this, &AppController::showTlsRefusal);
    connect(m_session, &ChatSession::authenticationFailed, this,
            [this] { signOut(tr("The server did not accept your session. Please sign in again.")); });
    // The token is renewed before it expires and kept for the next start.
    auto *renewer = new TokenRenewer(m_session, m_session);
    connect(renewer, &TokenRenewer::renewed, this,
            [this, server](const QString &renewed) { m_tokens->save(accountKey(server), renewed); });
    connect(renewer, &TokenRenewer::refused, this,
            [this] { signOut(tr("Your session has ended. Please sign in again.")); });
    updateHostNote();
    m_main->show();
    if (m_start)
        m_start->close();
}

MainWindow *AppController::createMainWindow()
{
    auto *window = new MainWindow(m_controller, m_images);
    window->setAttribute(Qt::WA_DeleteOnClose);
    connect(window, &MainWindow::signOutRequested, this, &AppController::requestSignOut);
    connect(window, &MainWindow::settingsRequested, this, &AppController::showSettings);
    connect(window, &MainWindow::hostPanelRequested, this, &AppController::showHostPanel);
    connect(window, &MainWindow::serverMonitorRequested, this, &AppController::showHostMonitor);
    return window;
}

void AppController::rebuildMainWindow()
{
    if (!m_main || !m_controller)
        return;
    MainWindow *old = m_main;
    const QByteArray geometry = old->saveGeometry();
    const QString draft = old->conversation()->composer()->text();
    const bool visible = old->isVisible();
    m_main = createMainWindow();
    m_main->restoreGeometry(geometry);
    m_main->conversation()->composer()->setText(draft);
    updateHostNote();
    if (visible)
        m_main->show();
    // Not close(): the old window must not count as the last one closed.
    disconnect(old, nullptr, this, nullptr);
    old->hide();
    old->deleteLater();
}

void AppController::requestSignOut()
{
    Outbox *outbox = m_controller ? m_controller->outbox() : nullptr;
    if (!outbox || outbox->size() == 0)
        return signOut({}, true);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Sign out"),
                                tr("Messages not sent yet: %n. If you sign out now, they are deleted from "
                                   "this computer.",
                                   nullptr, outbox->size()),
                                QMessageBox::NoButton, m_main);
    box->setObjectName(QStringLiteral("signOutConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *discard = box->addButton(tr("Sign out and delete them"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, discard] {
        if (box->clickedButton() == discard)
            signOut({}, true);
    });
    box->open();
}

void AppController::signOut(const QString &message, bool discardOutbox)
{
    const QUrl server = m_session ? m_session->serverUrl() : QUrl();
    if (m_session) {
        if (discardOutbox) {
            // Signing out on purpose: the server revokes the token too (best effort; the
            // client deletes itself once answered).
            auto *api = new ApiClient(this);
            api->setBaseUrl(server);
            api->setToken(m_session->api()->token());
            api->logout([api](const ApiResult &, bool) { api->deleteLater(); });
        }
        m_session->stop();
        m_tokens->forget(accountKey(server));
    }
    // Signing out on purpose leaves nothing of the account behind; a refused session keeps
    // the unsent messages for when the same account signs in again.
    if (discardOutbox && m_controller)
        m_controller->outbox()->discardAll();
    QSettings().remove(LastUserKey);
    if (m_main) {
        m_main->close();
        m_main = nullptr;
    }
    delete m_controller;
    delete m_images;
    delete m_session;
    showStart(server, message);
}

void AppController::shutdown()
{
    if (m_session)
        m_session->stop();
    if (m_host && m_host->isRunning())
        m_host->stop();
}

void AppController::openInvitation(const QString &text)
{
    const auto invitation = Invitation::parse(text);
    showStart({}, invitation ? QString()
                             : tr("The invitation could not be read. Copy it again from the host's "
                                  "screen."));
    if (invitation)
        m_start->openInvitation(*invitation);
}

void AppController::showTlsRefusal(const TlsProblem &problem)
{
    // Once per session and address: the socket keeps trying, the warning stays up once.
    if (!m_main || problem.kind != TlsProblem::Kind::Changed || m_main->findChild<CertificateChangedWarning *>())
        return;
    auto *warning = new CertificateChangedWarning(problem, m_main);
    warning->setAttribute(Qt::WA_DeleteOnClose);
    warning->open();
}

void AppController::showHostPanel()
{
    auto *panel = new HostPanel(m_host, m_main);
    panel->setAttribute(Qt::WA_DeleteOnClose);
    if (hostsThisSession())
        panel->setAccountToken(m_session->api()->token());
    panel->show();
}

void AppController::showSettings()
{
    auto *dialog = new SettingsDialog(m_main);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::themeChanged, this, [](const QString &t) {
        theme::apply(t == QLatin1String("dark")    ? theme::Mode::Dark
                     : t == QLatin1String("light") ? theme::Mode::Light
                                                   : theme::Mode::System);
    });
    connect(dialog, &SettingsDialog::muteChanged, this, [this](bool muted) {
        if (m_controller)
            m_controller->setNotificationsMuted(muted);
    });
    connect(dialog, &SettingsDialog::languageChanged, this, [this](const QString &code) {
        if (!m_language)
            return;
        m_language->apply(code);
        // After the dialog (a child of the window) has closed.
        QTimer::singleShot(0, this, &AppController::rebuildMainWindow);
    });
    dialog->show();
}

bool AppController::hostsThisSession() const
{
    return m_host && m_host->isRunning() && m_session && m_session->serverUrl() == m_host->localUrl();
}

void AppController::updateHostNote()
{
    if (!m_main)
        return;
    const bool hosting = hostsThisSession();
    if (hosting) {
        const QStringList urls = m_host->networkUrls();
        m_main->setHostNote(tr("Hosting: %1").arg(urls.isEmpty() ? m_host->localUrl().toString() : urls.first()));
    } else {
        m_main->setHostNote({});
    }
    const bool admin = m_session && m_session->me().role == QLatin1String("admin");
    m_main->setServerMonitorAvailable(admin || (hosting && m_host->administrator().has_value()));
}

void AppController::showHostMonitor()
{
    if (!m_main || !hostsThisSession())
        return;
    const auto admin = m_host->administrator();
    if (!admin)
        return;
    auto *api = new ApiClient;
    api->setBaseUrl(m_host->localUrl());
    auto *monitor = new ServerMonitorWindow(api, m_main);
    api->setParent(monitor);
    monitor->setAttribute(Qt::WA_DeleteOnClose);
    monitor->setObjectName(QStringLiteral("hostMonitor"));
    api->login(admin->email, admin->password,
               [api, monitor = QPointer<ServerMonitorWindow>(monitor)](const ApiResult &r, const AuthResult &auth) {
                   if (!monitor)
                       return;
                   if (!r.ok()) {
                       monitor->showProblem(
                           tr("The app could not sign in as the server's administrator: %1").arg(r.errorMessage));
                       return;
                   }
                   api->setToken(auth.token);
                   monitor->refresh();
               });
    monitor->show();
}

} // namespace craftchat::ui
