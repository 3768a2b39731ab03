#include "ui/widgets/conversationpane.h"

#include "common/contract/contract.h"
#include "ui/controller/chatcontroller.h"
#include "ui/delegates/chatlistdelegate.h"
#include "ui/delegates/messagedelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/net/chatsession.h"
#include "ui/net/filecache.h"
#include "ui/net/imagecache.h"
#include "ui/net/pdfpreviews.h"
#include "ui/util/avatar.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/findbar.h"
#include "ui/widgets/imageviewer.h"
#include "ui/widgets/noticebar.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
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
    , m_find(new FindBar(this))
    , m_files(new FileCache(controller->session()->api(), {}, this))
    , m_pdfs(new PdfPreviews(m_files, this))
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
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
    layout->addWidget(m_find);
    layout->addWidget(m_view, 1);
    layout->addWidget(line2);
    layout->addWidget(m_composer);

    m_view->setModel(controller->messages());
    setFocusProxy(m_composer->editor());

    connect(m_composer, &Composer::sendRequested, controller, &ChatController::sendText);
    connect(m_composer, &Composer::typingStarted, controller, &ChatController::typingStarted);
    connect(m_composer, &Composer::typingStopped, controller, &ChatController::typingStopped);
    connect(m_composer, &Composer::attachRequested, this, &ConversationPane::attachFile);
    connect(m_composer, &Composer::filesPasted, this, [this](const QStringList &paths) {
        sendFiles(paths);
        // A pasted picture was written to a temporary file; the outbox has its own copy now.
        for (const QString &path : paths)
            if (QFileInfo(path).fileName().startsWith(QLatin1String("craftchat-paste-")))
                QFile::remove(path);
    });
    connect(m_composer, &Composer::editLastRequested, this, [this] { m_controller->startEdit(); });
    connect(m_composer, &Composer::bannerCancelled, this, [this] {
        if (!m_controller->editing().isEmpty()) {
            m_controller->cancelEdit();
            m_composer->setText(QString());
        } else {
            m_controller->cancelReply();
        }
    });
    connect(controller, &ChatController::replyChanged, this, [this](const QString &id) {
        if (id.isEmpty()) {
            if (m_controller->editing().isEmpty())
                m_composer->hideBanner();
            return;
        }
        const QModelIndex index = m_controller->messages()->index(m_controller->messages()->rowOfId(id), 0);
        QString text = index.data(MessageModel::ContentRole).toString();
        const QString type = index.data(MessageModel::TypeRole).toString();
        if (type == contract::MessageTypeImage)
            text = tr("Photo");
        else if (type == contract::MessageTypeFile)
            text = index.data(MessageModel::AttachmentNameRole).toString();
        const QString sender = index.data(MessageModel::IsOwnRole).toBool()
                                   ? tr("yourself")
                                   : index.data(MessageModel::SenderNameRole).toString();
        m_composer->showReply(sender, text);
    });
    connect(controller, &ChatController::editingChanged, this, [this](const QString &id, const QString &text) {
        if (id.isEmpty()) {
            if (m_controller->replyingTo().isEmpty())
                m_composer->hideBanner();
            return;
        }
        m_composer->showEditing(text);
    });
    connect(controller, &ChatController::scrollToMessage, m_view, &ConversationView::scrollToMessage);
    connect(controller, &ChatController::jumpFailed, this,
            [this] { m_notice->showNotice(NoticeBar::Kind::Warning, tr("That message is no longer in this chat.")); });
    connect(m_view, &ConversationView::quoteActivated, controller, &ChatController::jumpTo);
    connect(m_view, &ConversationView::replyRequested, controller, &ChatController::replyTo);
    connect(m_view, &ConversationView::fileActivated, this, &ConversationPane::fileActivated);
    connect(m_view, &ConversationView::messageMenuRequested, this, [this](const QModelIndex &index, const QPoint &at) {
        QMenu *menu = messageMenu(index);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(at);
    });

    // Files: the first page of a PDF once rendered, progress of downloads, opening them.
    m_view->messageDelegate()->setPdfPreviews(m_pdfs);
    connect(m_pdfs, &PdfPreviews::previewReady, m_view->viewport(), qOverload<>(&QWidget::update));
    connect(m_files, &FileCache::progress, this, [this](const QString &url, qint64 received, qint64 total) {
        const QString id = m_downloadMessage.value(url);
        if (!id.isEmpty() && total > 0)
            m_controller->messages()->setTransfer(id, double(received) / double(total));
    });
    connect(m_files, &FileCache::finished, this,
            [this](const QString &url, const QString &path, const QString &error, bool cancelled) {
                const QString id = m_downloadMessage.take(url);
                if (!id.isEmpty())
                    m_controller->messages()->setTransfer(id, -1);
                const auto then = m_afterDownload.take(url);
                if (then.isEmpty())
                    return;
                if (path.isEmpty()) {
                    if (!cancelled)
                        m_notice->showNotice(NoticeBar::Kind::Error, error);
                    return;
                }
                for (const auto &f : then)
                    f(path);
            });

    // Drop files anywhere on the conversation to send them.
    setAcceptDrops(true);
    m_view->viewport()->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);

    // Ctrl+F: find in this chat.
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_find, &FindBar::open);
    connect(m_find, &FindBar::queryChanged, this, &ConversationPane::runFind);
    connect(m_find, &FindBar::nextRequested, this, [this] { showHit(m_hitIndex + 1); });
    connect(m_find, &FindBar::previousRequested, this, [this] { showHit(m_hitIndex - 1); });
    connect(m_find, &FindBar::closed, this, [this] {
        ++m_findGeneration;
        m_hits.clear();
        m_hitIndex = -1;
        m_view->setSearchQuery(QString());
        m_composer->focusEditor();
    });
    connect(controller, &ChatController::openChatChanged, this, [this] {
        if (m_find->isVisible()) {
            m_find->field()->clear();
            m_find->hide();
            emit m_find->closed();
        }
    });
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

void ConversationPane::attachFile()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Send files"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("All files (*)") + QStringLiteral(";;") + tr("Photos (*.png *.jpg *.jpeg *.webp *.gif)")
            + QStringLiteral(";;") + tr("Documents (*.pdf *.doc *.docx *.xls *.xlsx *.odt *.ods *.txt *.csv)"));
    sendFiles(paths);
}

void ConversationPane::sendFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    m_notice->hide();
    for (const QString &path : paths)
        m_controller->sendFile(path);
}

bool ConversationPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport()) {
        auto localFiles = [](const QMimeData *data) {
            QStringList files;
            if (data && data->hasUrls())
                for (const QUrl &url : data->urls())
                    if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
                        files << url.toLocalFile();
            return files;
        };
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (!localFiles(drag->mimeData()).isEmpty()) {
                drag->setDropAction(Qt::CopyAction);
                drag->accept();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            const QStringList files = localFiles(drop->mimeData());
            if (!files.isEmpty()) {
                drop->setDropAction(Qt::CopyAction);
                drop->accept();
                sendFiles(files);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

QMenu *ConversationPane::messageMenu(const QModelIndex &index)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("messageMenu"));
    const QString id = index.data(MessageModel::IdRole).toString();
    const QString type = index.data(MessageModel::TypeRole).toString();
    const bool deleted = index.data(MessageModel::DeletedRole).toBool();
    if (!deleted) {
        QAction *reply = menu->addAction(tr("&Reply"), this, [this, id] { m_controller->replyTo(id); });
        reply->setObjectName(QStringLiteral("reply"));
        reply->setShortcut(QKeySequence(tr("Ctrl+R")));
    }
    if (type == contract::MessageTypeText) {
        const QString text = index.data(MessageModel::ContentRole).toString();
        QAction *copy = menu->addAction(tr("&Copy text"), this, [text] { QApplication::clipboard()->setText(text); });
        copy->setObjectName(QStringLiteral("copy"));
    }
    if (type == contract::MessageTypeFile || type == contract::MessageTypeImage) {
        const QPersistentModelIndex keep(index);
        QAction *open = menu->addAction(tr("&Open"), this, [this, keep] {
            if (keep.isValid())
                openFile(keep);
        });
        open->setObjectName(QStringLiteral("open"));
        QAction *save = menu->addAction(tr("&Save as…"), this, [this, keep] {
            if (keep.isValid())
                saveFileAs(keep);
        });
        save->setObjectName(QStringLiteral("saveAs"));
    }
    if (m_controller->canEdit(id)) {
        QAction *edit = menu->addAction(tr("&Edit"), this, [this, id] { m_controller->startEdit(id); });
        edit->setObjectName(QStringLiteral("edit"));
    }
    if (m_controller->canDelete(id)) {
        menu->addSeparator();
        QAction *remove = menu->addAction(tr("&Delete for everyone…"), this, [this, id] { confirmDelete(id); });
        remove->setObjectName(QStringLiteral("deleteForEveryone"));
    }
    return menu;
}

QMessageBox *ConversationPane::confirmDelete(const QString &messageId)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete message"),
                                tr("Delete this message for everyone in the chat? This cannot be undone."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *remove = box->addButton(tr("Delete for everyone"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDelete"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, remove, messageId](QAbstractButton *button) {
        if (button == remove)
            m_controller->deleteMessage(messageId);
        box->close();
    });
    box->open();
    return box;
}

void ConversationPane::fileActivated(const QModelIndex &index)
{
    const QString id = index.data(MessageModel::IdRole).toString();
    const QString clientId = index.data(MessageModel::ClientIdRole).toString();
    if (id.isEmpty()) {
        // Not sent yet: a click cancels the upload (or opens the local copy when it waits).
        if (index.data(MessageModel::TransferRole).toDouble() >= 0) {
            m_controller->cancelUpload(clientId);
            return;
        }
        m_opener(QUrl(index.data(MessageModel::ContentRole).toString()));
        return;
    }
    const QString url = index.data(MessageModel::ContentRole).toString();
    if (m_files->isDownloading(url)) {
        m_afterDownload.remove(url);
        m_files->cancel(url);
        return;
    }
    openFile(index);
}

void ConversationPane::fetchFile(const QModelIndex &index, std::function<void(const QString &)> then)
{
    const QString url = index.data(MessageModel::ContentRole).toString();
    QString name = index.data(MessageModel::AttachmentNameRole).toString();
    if (name.isEmpty())
        name = QUrl(url).fileName();
    if (url.startsWith(QLatin1String("file:"))) {
        then(QUrl(url).toLocalFile());
        return;
    }
    m_afterDownload[url].append(std::move(then));
    m_downloadMessage.insert(url, index.data(MessageModel::IdRole).toString());
    const qint64 size = index.data(MessageModel::AttachmentSizeRole).toLongLong();
    m_files->fetch(url, name, size > 0 ? size : -1);
}

void ConversationPane::openFile(const QModelIndex &index)
{
    m_notice->hide();
    fetchFile(index, [this](const QString &path) {
        if (!m_opener(QUrl::fromLocalFile(path)))
            m_notice->showNotice(NoticeBar::Kind::Error,
                                 tr("No program is set up to open %1.").arg(QFileInfo(path).fileName()));
    });
}

void ConversationPane::saveFileAs(const QModelIndex &index)
{
    QString name = index.data(MessageModel::AttachmentNameRole).toString();
    if (name.isEmpty())
        name = QUrl(index.data(MessageModel::ContentRole).toString()).fileName();
    const QString target
        = QFileDialog::getSaveFileName(this, tr("Save as"),
                                       QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
                                           + QLatin1Char('/') + FileCache::safeName(name));
    if (!target.isEmpty())
        saveFileTo(index, target);
}

void ConversationPane::saveFileTo(const QModelIndex &index, const QString &target)
{
    fetchFile(index, [this, target](const QString &path) {
        QFile::remove(target);
        if (!QFile::copy(path, target))
            m_notice->showNotice(NoticeBar::Kind::Error, tr("Cannot save the file as %1.").arg(target));
        else
            m_notice->showNotice(NoticeBar::Kind::Warning, tr("Saved as %1.").arg(QFileInfo(target).fileName()));
    });
}

void ConversationPane::runFind(const QString &query)
{
    const quint64 generation = ++m_findGeneration;
    m_hits.clear();
    m_hitIndex = -1;
    m_view->setSearchQuery(query);
    if (query.isEmpty()) {
        m_find->setPosition(0, 0, false);
        return;
    }
    m_find->setPosition(0, 0, true);
    m_controller->searchMessages(query, m_controller->openChatId(), contract::MaxSearchLimit,
                                 [this, guard = QPointer<ConversationPane>(this),
                                  generation](const QList<contract::SearchHit> &hits, const QString &error) {
                                     if (!guard || generation != m_findGeneration)
                                         return;
                                     for (const contract::SearchHit &hit : hits)
                                         m_hits << hit.message.id;
                                     if (!error.isEmpty())
                                         m_notice->showNotice(NoticeBar::Kind::Error, error);
                                     if (m_hits.isEmpty())
                                         m_find->setPosition(0, 0, false);
                                     else
                                         showHit(0);
                                 });
}

void ConversationPane::showHit(int index)
{
    if (index < 0 || index >= m_hits.size())
        return;
    m_hitIndex = index;
    m_find->setPosition(index, int(m_hits.size()), false);
    m_controller->jumpTo(m_hits.at(index));
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
