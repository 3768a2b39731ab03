#include "ui/controller/appcontroller.h"

#include "ui/controller/chatcontroller.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/net/serverhost.h"
#include "ui/util/theme.h"
#include "ui/util/tokenstore.h"
#include "ui/widgets/hostpanel.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/newchatdialog.h"
#include "ui/widgets/servermonitorwindow.h"
#include "ui/widgets/settingsdialog.h"
#include "ui/widgets/startwindow.h"

#include <QJsonDocument>
#include <QSettings>

namespace craftchat::ui {

namespace {
const QString LastServerKey = QStringLiteral("session/server");
const QString LastUserKey = QStringLiteral("session/user");
const QString HostModeKey = QStringLiteral("connection/hostMode");
} // namespace

AppController::AppController(ServerHost *host, QObject *parent)
    : QObject(parent), m_host(host),
      m_tokens(new TokenStore(TokenStore::defaultFallbackPath(),
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
        api->me([this, api, server, token](const ApiResult &r, const chat::UserProfile &me) {
            api->deleteLater();
            if (r.ok())
                return enterMain(server, token, me);
            if (r.status == 401) {
                m_tokens->forget(accountKey(server));
                return showStart(server, tr("Your session has expired. Please sign in again."));
            }
            // The server is away: work offline with the last known profile; the session
            // reconnects by itself and the outbox waits.
            const auto cached = chat::UserProfile::fromJson(
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

void AppController::enterMain(const QUrl &server, const QString &token, const chat::UserProfile &me)
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
    m_main = new MainWindow(m_controller, m_images);
    m_main->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_main, &MainWindow::signOutRequested, this, [this] { signOut(); });
    connect(m_main, &MainWindow::settingsRequested, this, &AppController::showSettings);
    connect(m_main, &MainWindow::hostPanelRequested, this, &AppController::showHostPanel);
    connect(m_session, &ChatSession::authenticationFailed, this, [this] {
        signOut(tr("The server did not accept your session. Please sign in again."));
    });
    updateHostNote();
    m_main->show();
    if (m_start)
        m_start->close();
}

void AppController::signOut(const QString &message)
{
    const QUrl server = m_session ? m_session->serverUrl() : QUrl();
    if (m_session) {
        m_session->stop();
        m_tokens->forget(accountKey(server));
    }
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

void AppController::showHostPanel()
{
    auto *panel = new HostPanel(m_host, m_main);
    panel->setAttribute(Qt::WA_DeleteOnClose);
    panel->show();
}

void AppController::showSettings()
{
    auto *dialog = new SettingsDialog(m_main);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::themeChanged, this, [](const QString &t) {
        theme::apply(t == QLatin1String("dark") ? theme::Mode::Dark
                     : t == QLatin1String("light") ? theme::Mode::Light : theme::Mode::System);
    });
    connect(dialog, &SettingsDialog::muteChanged, this, [this](bool muted) {
        if (m_controller)
            m_controller->setNotificationsMuted(muted);
    });
    dialog->show();
}

void AppController::updateHostNote()
{
    if (!m_main)
        return;
    if (m_host && m_host->isRunning()) {
        const QStringList urls = m_host->networkUrls();
        m_main->setHostNote(tr("Hosting: %1").arg(urls.isEmpty() ? m_host->localUrl().toString() : urls.first()));
    } else {
        m_main->setHostNote({});
    }
}

} // namespace craftchat::ui
