#include "ui/widgets/conversationpane.h"

#include "ui/controller/chatcontroller.h"
#include "ui/delegates/chatlistdelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/util/avatar.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/imageviewer.h"
#include "ui/widgets/noticebar.h"

#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace craftchat::ui {

ConversationPane::ConversationPane(ChatController *controller, ImageCache *images, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_images(images)
    , m_connectionBar(new NoticeBar(this))
    , m_notice(new NoticeBar(this))
    , m_connectionTick(new QTimer(this))
    , m_avatar(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_typing(new QLabel(this))
    , m_view(new ConversationView(images, this))
    , m_composer(new Composer(this))
{
    setObjectName(QStringLiteral("conversationPane"));
    auto *header = new QFrame(this);
    header->setObjectName(QStringLiteral("conversationHeader"));
    header->setFrameShape(QFrame::NoFrame);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Chat partner"));
    m_subtitle->setEnabled(false);
    m_typing->setObjectName(QStringLiteral("typingLabel"));
    m_typing->setAccessibleName(tr("Typing indicator"));
    QFont italic = m_typing->font();
    italic.setItalic(true);
    m_typing->setFont(italic);
    m_typing->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_typing->hide();

    m_connectionBar->setObjectName(QStringLiteral("connectionBar"));
    m_notice->setObjectName(QStringLiteral("noticeBar"));

    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    titles->addWidget(m_typing);
    auto *headerRow = new QHBoxLayout(header);
    headerRow->setContentsMargins(14, 8, 14, 8);
    headerRow->setSpacing(10);
    headerRow->addWidget(m_avatar, 0, Qt::AlignVCenter);
    headerRow->addLayout(titles, 1);
    // Every line starts next to the avatar, whatever the direction of its own text (a Latin
    // name in an Arabic window would otherwise sit on the far side).
    const Qt::Alignment leading = (layoutDirection() == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft)
                                  | Qt::AlignAbsolute | Qt::AlignVCenter;
    for (QLabel *label : {m_title, m_subtitle, m_typing})
        label->setAlignment(leading);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    auto *line2 = new QFrame(this);
    line2->setFrameShape(QFrame::HLine);
    line2->setFrameShadow(QFrame::Sunken);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(line);
    layout->addWidget(m_connectionBar);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);
    layout->addWidget(line2);
    layout->addWidget(m_composer);

    m_view->setModel(controller->messages());
    setFocusProxy(m_composer->editor());

    connect(m_composer, &Composer::sendRequested, controller, &ChatController::sendText);
    connect(m_composer, &Composer::typingStarted, controller, &ChatController::typingStarted);
    connect(m_composer, &Composer::typingStopped, controller, &ChatController::typingStopped);
    connect(m_composer, &Composer::attachRequested, this, &ConversationPane::attachImage);
    connect(m_view, &ConversationView::olderHistoryWanted, controller, &ChatController::loadOlder);
    connect(m_view, &ConversationView::unsentMessageMenuRequested, this, [this](const QString &cmid, const QPoint &at) {
        QMenu *menu = unsentMessageMenu(cmid, at);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(at);
    });
    connect(m_view, &ConversationView::newestMessageShown, controller, &ChatController::newestMessageShown);
    connect(controller, &ChatController::attachmentRefused, this,
            [this](const QString &reason) { m_notice->showNotice(NoticeBar::Kind::Error, reason); });
    connect(controller, &ChatController::openChatChanged, m_notice, &QWidget::hide);

    // While the connection is down the conversation says so, with a way to try again now.
    m_connectionTick->setInterval(1000);
    connect(m_connectionTick, &QTimer::timeout, this, &ConversationPane::refreshConnectionBar);
    connect(controller->session(), &ChatSession::connectionStateChanged, this, &ConversationPane::refreshConnectionBar);
    connect(controller->session(), &ChatSession::reconnectScheduled, this, &ConversationPane::refreshConnectionBar);
    connect(m_connectionBar, &NoticeBar::actionTriggered, controller->session(), &ChatSession::reconnectNow);
    refreshConnectionBar();
    refreshHeader();
    connect(m_view, &ConversationView::imageActivated, this, &ConversationPane::showImage);
    connect(controller, &ChatController::typingTextChanged, this, [this](const QString &text) {
        m_typing->setText(text);
        m_typing->setVisible(!text.isEmpty());
        m_subtitle->setVisible(text.isEmpty());
    });
    // A first page that does not fill the view cannot be scrolled up: fetch more at once.
    connect(controller, &ChatController::historyLoaded, this, [this](int added) {
        QTimer::singleShot(0, this, [this, added] {
            if (added > 0 && m_view->verticalScrollBar()->maximum() == 0)
                m_controller->loadOlder();
        });
    });
    connect(controller, &ChatController::openChatChanged, this, [this] {
        m_composer->setText(QString());
        refreshHeader();
    });
    connect(controller->chats(), &QAbstractItemModel::dataChanged, this, &ConversationPane::refreshHeader);
    connect(controller->chats(), &QAbstractItemModel::modelReset, this, &ConversationPane::refreshHeader);
    connect(controller->chats(), &QAbstractItemModel::rowsInserted, this, &ConversationPane::refreshHeader);
    if (images)
        connect(images, &ImageCache::imageReady, m_view->viewport(), qOverload<>(&QWidget::update));
}

void ConversationPane::refreshHeader()
{
    const ChatListModel *chats = m_controller->chats();
    const auto *chat = chats->chat(m_controller->openChatId());
    if (!chat) {
        m_title->clear();
        m_subtitle->clear();
        m_avatar->clear();
        return;
    }
    const contract::UserProfile peer = chats->peerOf(*chat);
    m_title->setText(peer.fullName);
    QString subtitle = ChatListDelegate::roleLabel(peer.role);
    if (chat->job)
        subtitle += QStringLiteral(" · ") + chat->job->title;
    m_subtitle->setText(subtitle);
    const QPixmap picture = peer.profilePicture && m_images ? m_images->image(*peer.profilePicture) : QPixmap();
    m_avatar->setPixmap(renderAvatar(peer.id, peer.fullName, picture, 40, devicePixelRatioF()));
}

void ConversationPane::attachImage()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Send a photo"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Photos (*.png *.jpg *.jpeg *.webp)") + QStringLiteral(";;") + tr("All files (*)"));
    if (!path.isEmpty()) {
        m_notice->hide();
        m_controller->sendImageFile(path);
    }
}

QMenu *ConversationPane::unsentMessageMenu(const QString &clientMessageId, const QPoint &globalPos)
{
    Q_UNUSED(globalPos);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("unsentMessageMenu"));
    QAction *retry = menu->addAction(tr("&Retry sending"), m_controller,
                                     [this, clientMessageId] { m_controller->retry(clientMessageId); });
    retry->setObjectName(QStringLiteral("retry"));
    retry->setEnabled(m_controller->canRetry(clientMessageId));
    QAction *discard = menu->addAction(tr("&Delete"), m_controller,
                                       [this, clientMessageId] { m_controller->discardUnsent(clientMessageId); });
    discard->setObjectName(QStringLiteral("delete"));
    discard->setEnabled(m_controller->canDiscard(clientMessageId));
    return menu;
}

void ConversationPane::refreshConnectionBar()
{
    const ChatSession *session = m_controller->session();
    const auto state = session ? session->state() : ChatSession::ConnectionState::Connected;
    const bool down = state == ChatSession::ConnectionState::Reconnecting
                      || (state == ChatSession::ConnectionState::Offline && session->isStarted());
    if (!down) {
        m_connectionBar->hide();
        m_connectionTick->stop();
        return;
    }
    const int seconds = session->secondsUntilReconnect();
    QString text = tr("You are offline. Messages you write are sent when the connection is back.");
    if (seconds > 0)
        text += QLatin1Char(' ') + tr("Next attempt in %n s.", nullptr, seconds);
    else if (state == ChatSession::ConnectionState::Reconnecting)
        text += QLatin1Char(' ') + tr("Connecting…");
    if (m_connectionBar->isVisible())
        m_connectionBar->setText(text);
    else
        m_connectionBar->showNotice(NoticeBar::Kind::Warning, text, tr("Retry now"), false);
    m_connectionTick->start();
}

void ConversationPane::showImage(const QString &url)
{
    auto *viewer = new ImageViewer(m_images, url, window());
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
}

} // namespace craftchat::ui
