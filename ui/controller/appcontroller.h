// The app's flow: resume a saved session or show the start window; sign in; the main window;
// sign out; host mode. Owns the windows and the session of the signed-in user.
#pragma once

#include "common/chat/userprofile.h"
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
class MainWindow;
class ServerHost;
class StartWindow;
class TokenStore;

class AppController : public QObject
{
    Q_OBJECT
public:
    // host may be null (no host mode in this build).
    explicit AppController(ServerHost *host, QObject *parent = nullptr);
    ~AppController() override;

    void start();
    void shutdown();

    StartWindow *startWindow() const { return m_start; }
    MainWindow *mainWindow() const { return m_main; }
    ChatController *chatController() const { return m_controller; }

    static QString accountKey(const QUrl &server, const QString &userId = {});

private:
    void resume(const QUrl &server);
    void enterMain(const QUrl &server, const QString &token, const chat::UserProfile &me);
    void signOut(const QString &message = {});
    void showStart(const QUrl &server, const QString &message);
    void showHostPanel();
    void showSettings();
    void updateHostNote();

    QPointer<ServerHost> m_host;
    TokenStore *m_tokens;
    QPointer<StartWindow> m_start;
    QPointer<MainWindow> m_main;
    QPointer<ChatSession> m_session;
    QPointer<ChatController> m_controller;
    QPointer<ImageCache> m_images;
};

} // namespace craftchat::ui
