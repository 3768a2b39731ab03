// The app's flow: resume a saved session or show the start window; sign in; the main window;
// sign out; host mode. Owns the windows and the session of the signed-in user.
#pragma once

#include "common/contract/userprofile.h"
#include "ui/controller/chatcontroller.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/startwindow.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace craftchat::ui {

class ChatController;
class ChatSession;
class ImageCache;
class Language;
class MainWindow;
class ServerHost;
class StartWindow;
class TokenStore;

class AppController : public QObject
{
    Q_OBJECT
public:
    // host may be null (no host mode in this build); language null: no live switching.
    explicit AppController(ServerHost *host, Language *language = nullptr, QObject *parent = nullptr);
    ~AppController() override;

    void start();
    void shutdown();
    // A craftchat://join?... invitation (from the command line): the start window opens it.
    void openInvitation(const QString &text);

    StartWindow *startWindow() const { return m_start; }
    MainWindow *mainWindow() const { return m_main; }
    ChatController *chatController() const { return m_controller; }

    static QString accountKey(const QUrl &server, const QString &userId = {});

public slots:
    // Signing out on purpose: asks first when messages are still unsent (they are discarded).
    void requestSignOut();
    // The host's server monitor, signed in as the app's administrator of the hosted server.
    void showHostMonitor();
    // Builds the main window anew (in the language now installed), keeping its state.
    void rebuildMainWindow();

private:
    void resume(const QUrl &server);
    void enterMain(const QUrl &server, const QString &token, const contract::UserProfile &me);
    void signOut(const QString &message = {}, bool discardOutbox = false);
    MainWindow *createMainWindow();
    void showStart(const QUrl &server, const QString &message);
    void showHostPanel();
    void showTlsRefusal(const TlsProblem &problem);
    void showSettings();
    void updateHostNote();
    bool hostsThisSession() const;

    QPointer<ServerHost> m_host;
    QPointer<Language> m_language;
    TokenStore *m_tokens;
    QPointer<StartWindow> m_start;
    QPointer<MainWindow> m_main;
    QPointer<ChatSession> m_session;
    QPointer<ChatController> m_controller;
    QPointer<ImageCache> m_images;
};

} // namespace craftchat::ui
