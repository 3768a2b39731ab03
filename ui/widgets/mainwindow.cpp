#include "ui/widgets/mainwindow.h"

#include "common/contract/contract.h"
#include "ui/controller/chatcontroller.h"
#include "ui/delegates/chatlistdelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/util/avatar.h"
#include "ui/widgets/chatlistpanel.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/connectionindicator.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/newchatdialog.h"
#include "ui/widgets/notifier.h"
#include "ui/widgets/servermonitorwindow.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace craftchat::ui {

namespace contract = craftchat::contract;

MainWindow::MainWindow(ChatController *controller, ImageCache *images, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_images(images)
    , m_list(new ChatListPanel(controller->chats(), images, controller->session()->me().role == contract::RoleClient,
                               this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_pane(new ConversationPane(controller, images, this))
    , m_connection(new ConnectionIndicator(controller->session(), this))
    , m_hostNote(new QLabel(this))
    , m_notifier(new Notifier(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/craftchat.svg")));

    // Who is signed in, above the list.
    const contract::UserProfile &me = controller->session()->me();
    auto *profile = new QWidget(this);
    auto *avatar = new QLabel(profile);
    avatar->setPixmap(renderAvatar(me.id, me.fullName, QPixmap(), 32, devicePixelRatioF()));
    auto *name = new QLabel(QStringLiteral("<b>%1</b><br><small>%2</small>")
                                .arg(me.fullName.toHtmlEscaped(), ChatListDelegate::roleLabel(me.role).toHtmlEscaped()),
                            profile);
    name->setAccessibleName(tr("Signed in as %1").arg(me.fullName));
    auto *profileRow = new QHBoxLayout(profile);
    profileRow->setContentsMargins(12, 8, 4, 0);
    profileRow->addWidget(avatar);
    profileRow->addWidget(name, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addWidget(profile);
    leftLayout->addWidget(m_list, 1);
    left->setMinimumWidth(260);

    m_placeholder->setText(me.role == contract::RoleClient ? tr("Select a chat, or start a new one with Ctrl+N.")
                                                           : tr("Select a chat to start messaging."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    m_placeholder->setWordWrap(true);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_pane);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({320, 680});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    // Permanent widgets: a status message (a notification, a problem) never hides them.
    statusBar()->addPermanentWidget(m_hostNote);
    statusBar()->addPermanentWidget(m_connection);
    m_hostNote->hide();

    buildMenus();
    resize(1040, 700);

    connect(m_list, &ChatListPanel::chatActivated, this, &MainWindow::openChat);
    connect(m_list, &ChatListPanel::newChatRequested, this, &MainWindow::showNewChatDialog);
    connect(m_list, &ChatListPanel::messageSearchRequested, this, [this](const QString &query) {
        m_controller->searchMessages(
            query, QString(), contract::DefaultSearchLimit,
            [list = QPointer<ChatListPanel>(m_list), query](const QList<contract::SearchHit> &hits, const QString &) {
                if (list)
                    list->setMessageHits(query, hits);
            });
    });
    connect(m_list, &ChatListPanel::messageHitActivated, this,
            [this](const QString &chatId, const QString &messageId) { m_controller->openChatAt(chatId, messageId); });
    connect(m_list->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                // Moving through the list with the keyboard opens chats as in other messengers.
                if (current.isValid() && m_list->view()->hasFocus())
                    openChat(current.data(ChatListModel::ChatIdRole).toString());
            });
    auto showOpenChat = [this](const QString &chatId) {
        m_stack->setCurrentWidget(chatId.isEmpty() ? static_cast<QWidget *>(m_placeholder) : m_pane);
        m_list->selectChat(chatId);
    };
    connect(controller, &ChatController::openChatChanged, this, showOpenChat);
    // A window built while a chat is open (a language switch) shows that chat.
    showOpenChat(controller->openChatId());
    connect(controller->chats(), &ChatListModel::unreadTotalChanged, this, [this](int total) {
        m_notifier->setUnreadTotal(total);
        updateTitle();
    });
    connect(controller, &ChatController::notify, m_notifier, &Notifier::show);
    connect(m_notifier, &Notifier::shown, this, [this](const QString &, const QString &title, const QString &body) {
        QApplication::alert(this); // flashes the task bar entry of an inactive window
        if (!QSystemTrayIcon::isSystemTrayAvailable())
            statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, body.simplified()), 8000);
    });
    connect(controller, &ChatController::problem, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_notifier, &Notifier::chatRequested, this, [this](const QString &chatId) {
        showNormal();
        raise();
        activateWindow();
        openChat(chatId);
    });
    connect(m_notifier, &Notifier::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    if (images)
        connect(images, &ImageCache::imageReady, m_list->view()->viewport(), qOverload<>(&QWidget::update));
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    const bool isClient = m_controller->session()->me().role == contract::RoleClient;
    const bool isAdmin = m_controller->session()->me().role == contract::RoleAdmin;

    QMenu *file = menuBar()->addMenu(tr("&Chat"));
    m_newChatAction = file->addAction(QIcon(QStringLiteral(":/icons/new-chat.svg")), tr("&New chat…"), this,
                                      &MainWindow::showNewChatDialog);
    m_newChatAction->setShortcut(QKeySequence::New);
    m_newChatAction->setEnabled(isClient);
    QAction *find = file->addAction(QIcon(QStringLiteral(":/icons/search.svg")), tr("&Find chat"), m_list,
                                    &ChatListPanel::focusFilter);
    find->setShortcut(QKeySequence(tr("Ctrl+K")));
    QAction *focusComposer = file->addAction(tr("&Write message"), this, [this] {
        if (!m_controller->openChatId().isEmpty())
            m_pane->composer()->focusEditor();
    });
    focusComposer->setShortcut(QKeySequence(tr("Ctrl+L")));
    QAction *focusList
        = file->addAction(tr("Go to chat &list"), this, [this] { m_list->view()->setFocus(Qt::ShortcutFocusReason); });
    focusList->setShortcut(QKeySequence(tr("Ctrl+1")));
    QAction *closeChat = file->addAction(tr("&Close chat"), m_controller, &ChatController::closeChat);
    closeChat->setShortcut(QKeySequence(tr("Ctrl+W")));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    m_monitorAction = account->addAction(QIcon(QStringLiteral(":/icons/monitor.svg")), tr("Server &monitor"), this,
                                         &MainWindow::showServerMonitor);
    m_monitorAction->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    m_monitorAction->setVisible(isAdmin);
    m_hostAction = account->addAction(QIcon(QStringLiteral(":/icons/server.svg")), tr("&Hosted server…"), this,
                                      &MainWindow::hostPanelRequested);
    m_hostAction->setShortcut(QKeySequence(tr("Ctrl+Shift+H")));
    m_hostAction->setVisible(false); // only while this app hosts the server
    QAction *settings = account->addAction(QIcon(QStringLiteral(":/icons/settings.svg")), tr("&Settings…"), this,
                                           &MainWindow::settingsRequested);
    settings->setShortcut(QKeySequence(tr("Ctrl+,")));
    account->addSeparator();
    account->addAction(QIcon(QStringLiteral(":/icons/sign-out.svg")), tr("Sign &out"), this,
                       &MainWindow::signOutRequested);

    auto *trayMenu = new QMenu(this);
    trayMenu->addAction(tr("Show CraftChat"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    trayMenu->addAction(quit);
    m_notifier->setMenu(trayMenu);
}

void MainWindow::setHostNote(const QString &text)
{
    m_hostNote->setText(text);
    m_hostNote->setVisible(!text.isEmpty());
    m_hostAction->setVisible(!text.isEmpty());
}

void MainWindow::setServerMonitorAvailable(bool available)
{
    m_monitorAction->setVisible(available);
}

void MainWindow::openChat(const QString &chatId)
{
    m_controller->openChat(chatId);
    if (!chatId.isEmpty() && !m_list->view()->hasFocus())
        m_pane->composer()->focusEditor();
}

void MainWindow::showNewChatDialog()
{
    if (m_controller->session()->me().role != contract::RoleClient)
        return;
    if (m_newChat) {
        m_newChat->raise();
        m_newChat->activateWindow();
        return;
    }
    m_newChat = new NewChatDialog(m_controller->session()->api(), this);
    m_newChat->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_newChat, &NewChatDialog::createRequested, m_controller, &ChatController::createChat);
    connect(m_controller, &ChatController::chatCreated, m_newChat, &QDialog::accept);
    connect(m_controller, &ChatController::chatCreationFailed, m_newChat, &NewChatDialog::showError);
    m_newChat->show();
}

void MainWindow::showServerMonitor()
{
    if (m_controller->session()->me().role != contract::RoleAdmin) {
        emit serverMonitorRequested(); // the host's monitor: the app signs in as its administrator
        return;
    }
    if (!m_monitor) {
        m_monitor = new ServerMonitorWindow(m_controller->session()->api(), this);
        m_monitor->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_monitor->show();
    m_monitor->raise();
}

void MainWindow::updateTitle()
{
    const int total = m_controller->chats()->unreadTotal();
    setWindowTitle(total > 0 ? tr("CraftChat (%1)").arg(total) : tr("CraftChat"));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange)
        m_controller->setWindowActive(isActiveWindow());
}

} // namespace craftchat::ui
