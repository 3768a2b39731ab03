// The main window: chat list on one side, the open conversation on the other, the connection
// state in the status bar, menus with a shortcut for every action, tray and notifications.
#pragma once

#include "ui/widgets/newchatdialog.h"
#include "ui/widgets/servermonitorwindow.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QStackedWidget;

namespace craftchat::ui {

class ChatController;
class ChatListPanel;
class ConnectionIndicator;
class ConversationPane;
class ImageCache;
class NewChatDialog;
class Notifier;
class ServerMonitorWindow;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ChatController *controller, ImageCache *images, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatController *controller() const { return m_controller; }
    ChatListPanel *chatList() const { return m_list; }
    ConversationPane *conversation() const { return m_pane; }
    Notifier *notifier() const { return m_notifier; }
    ConnectionIndicator *connectionIndicator() const { return m_connection; }
    NewChatDialog *newChatDialog() const { return m_newChat; }
    QAction *newChatAction() const { return m_newChatAction; }
    // Adds a permanent note to the status bar (e.g. "Hosting on …") and shows the menu entry
    // of the hosted server only while this app hosts one ("" = not hosting).
    void setHostNote(const QString &text);
    QAction *hostPanelAction() const { return m_hostAction; }
    QAction *serverMonitorAction() const { return m_monitorAction; }
    // The menu entry that opens the server monitor (for admins, and for the host).
    void setServerMonitorAvailable(bool available);

signals:
    void signOutRequested();
    void settingsRequested();
    void hostPanelRequested();

public slots:
    void openChat(const QString &chatId);
    void showNewChatDialog();
    void showServerMonitor();

signals:
    // The host's monitor uses the host's own administrator session, not the user's.
    void serverMonitorRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void updateTitle();

    ChatController *m_controller;
    ImageCache *m_images;
    ChatListPanel *m_list;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    ConversationPane *m_pane;
    ConnectionIndicator *m_connection;
    QLabel *m_hostNote;
    Notifier *m_notifier;
    QAction *m_newChatAction = nullptr;
    QAction *m_hostAction = nullptr;
    QAction *m_monitorAction = nullptr;
    QPointer<NewChatDialog> m_newChat;
    QPointer<ServerMonitorWindow> m_monitor;
};

} // namespace craftchat::ui
