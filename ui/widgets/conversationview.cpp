#include "ui/widgets/conversationview.h"

#include "ui/delegates/messagedelegate.h"
#include "ui/models/messagemodel.h"
#include "ui/net/imagecache.h"
#include "ui/net/pdfpreviews.h"
#include "ui/util/theme.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>

namespace craftchat::ui {

namespace {
bool isUnsentOwn(const QModelIndex &index)
{
    const auto state = MessageModel::State(index.data(MessageModel::StateRole).toInt());
    return index.data(MessageModel::IsOwnRole).toBool()
           && (state == MessageModel::State::Failed || state == MessageModel::State::Pending)
           && !index.data(MessageModel::ClientIdRole).toString().isEmpty();
}
} // namespace

ConversationView::ConversationView(ImageCache *images, QWidget *parent)
    : QListView(parent)
    , m_images(images)
    , m_delegate(new MessageDelegate(this, images, this))
    , m_jump(new QToolButton(this))
{
    setObjectName(QStringLiteral("conversation"));
    setAccessibleName(tr("Messages"));
    setItemDelegate(m_delegate);
    setSelectionMode(QAbstractItemView::NoSelection);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    verticalScrollBar()->setSingleStep(24);
    applyBackground();

    m_jump->setObjectName(QStringLiteral("jumpToNewest"));
    m_jump->setCursor(Qt::PointingHandCursor);
    m_jump->setStyleSheet(
        QStringLiteral("QToolButton { background: palette(highlight); color: palette(highlighted-text);"
                       " border-radius: 14px; padding: 5px 14px; font-weight: bold; }"));
    m_jump->hide();
    connect(m_jump, &QToolButton::clicked, this, &ConversationView::scrollToBottomNow);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (isAtBottom()) {
            m_unseen = 0;
            m_jump->hide();
        }
        if (value == verticalScrollBar()->minimum() && model() && model()->rowCount() > 0)
            emit olderHistoryWanted();
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_anchor.isValid())
            restoreAnchor();
        else if (m_wasAtBottom)
            verticalScrollBar()->setValue(max);
    });
    connect(this, &QListView::clicked, this, &ConversationView::activate);
    connect(this, &QListView::activated, this, &ConversationView::activate);
}

void ConversationView::setModel(QAbstractItemModel *newModel)
{
    if (model())
        disconnect(model(), nullptr, this, nullptr);
    QListView::setModel(newModel);
    if (!newModel)
        return;
    connect(newModel, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int) { beforeRowsInserted(first); });
    connect(newModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_wasAtBottom = true; });
    connect(newModel, &QAbstractItemModel::modelReset, this, [this] {
        m_unseen = 0;
        m_reportedNewest.clear();
        m_jump->hide();
        QTimer::singleShot(0, this, &ConversationView::scrollToBottomNow);
    });
}

bool ConversationView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 8;
}

bool ConversationView::jumpButtonVisible() const
{
    return m_jump->isVisible();
}

void ConversationView::scrollToBottomNow()
{
    m_wasAtBottom = true;
    executeDelayedItemsLayout();
    scrollToBottom();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_unseen = 0;
    m_jump->hide();
}

void ConversationView::beforeRowsInserted(int first)
{
    m_wasAtBottom = isAtBottom();
    if (first == 0 && model()->rowCount() > 0 && !m_wasAtBottom) {
        // Older history comes in above: keep the message at the top of the view in place.
        m_anchor = indexAt(QPoint(1, 1));
        m_anchorOffset = visualRect(m_anchor).top();
    }
}

void ConversationView::restoreAnchor()
{
    if (!m_anchor.isValid())
        return;
    const int delta = visualRect(m_anchor).top() - m_anchorOffset;
    if (delta != 0)
        verticalScrollBar()->setValue(verticalScrollBar()->value() + delta);
}

void ConversationView::rowsInserted(const QModelIndex &parent, int first, int last)
{
    QListView::rowsInserted(parent, first, last);
    if (parent.isValid())
        return;
    if (m_anchor.isValid()) {
        executeDelayedItemsLayout();
        restoreAnchor();
        m_anchor = QPersistentModelIndex();
        return;
    }
    // Own messages always bring the view down; others only when the user was at the bottom.
    bool own = false;
    int fromOthers = 0;
    for (int row = first; row <= last; ++row) {
        const bool isOwn = model()->index(row, 0).data(MessageModel::IsOwnRole).toBool();
        own = own || isOwn;
        fromOthers += isOwn ? 0 : 1;
    }
    if (m_wasAtBottom || own) {
        scrollToBottomNow();
        // Once more after the delegate's sizes have settled (a photo, a long text).
        QTimer::singleShot(0, this, [this] {
            if (m_wasAtBottom)
                scrollToBottomNow();
        });
    } else if (fromOthers > 0) {
        m_unseen += fromOthers;
        updateJumpButton();
    }
}

void ConversationView::rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    m_wasAtBottom = isAtBottom();
    QListView::rowsAboutToBeRemoved(parent, first, last);
}

void ConversationView::updateJumpButton()
{
    m_jump->setText(m_unseen > 0 ? tr("%n new ↓", nullptr, m_unseen) : tr("New messages ↓"));
    m_jump->setAccessibleName(tr("Jump to the newest messages (%n unread)", nullptr, m_unseen));
    m_jump->show();
    m_jump->raise();
    placeJumpButton();
}

void ConversationView::mouseReleaseEvent(QMouseEvent *event)
{
    m_clickPos = event->position().toPoint();
    QListView::mouseReleaseEvent(event); // emits clicked(), handled by activate()
    m_clickPos = QPoint(-1, -1);
}

bool ConversationView::scrollToMessage(const QString &messageId)
{
    auto *messages = qobject_cast<MessageModel *>(model());
    const int row = messages ? messages->rowOfId(messageId) : -1;
    if (row < 0)
        return false;
    executeDelayedItemsLayout();
    const QModelIndex index = model()->index(row, 0);
    m_wasAtBottom = false;
    scrollTo(index, QAbstractItemView::PositionAtCenter);
    setCurrentIndex(index);
    viewport()->update();
    return true;
}

void ConversationView::setSearchQuery(const QString &query)
{
    m_delegate->setSearchQuery(query);
    viewport()->update();
}

void ConversationView::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (m_clickPos.x() >= 0) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = visualRect(index);
        switch (m_delegate->hitTest(option, index, m_clickPos)) {
        case MessageDelegate::Part::Quote:
            emit quoteActivated(index.data(MessageModel::ReplyToIdRole).toString());
            return;
        case MessageDelegate::Part::File:
            emit fileActivated(index);
            return;
        case MessageDelegate::Part::Photo:
        case MessageDelegate::Part::None:
            break;
        }
    } else if (index.data(MessageModel::TypeRole).toString() == QLatin1String("file")) {
        emit fileActivated(index); // Enter on a file message
        return;
    }
    if (isUnsentOwn(index)
        && MessageModel::State(index.data(MessageModel::StateRole).toInt()) == MessageModel::State::Failed) {
        emit unsentMessageMenuRequested(index.data(MessageModel::ClientIdRole).toString(),
                                        viewport()->mapToGlobal(visualRect(index).center()));
        return;
    }
    if (index.data(MessageModel::TypeRole).toString() == QLatin1String("file")
        && index.data(MessageModel::TransferRole).toDouble() >= 0) {
        emit fileActivated(index); // a click anywhere cancels an upload on its way
        return;
    }
    if (index.data(MessageModel::TypeRole).toString() == QLatin1String("image")) {
        const QString url = index.data(MessageModel::ContentRole).toString();
        // An image from another host loads only now, because the user asked for it.
        if (m_images && m_images->isExternal(url) && !m_images->isExternalAllowed(url)) {
            m_images->allowExternal(url);
            return;
        }
        emit imageActivated(url);
    }
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(viewport()->mapFromGlobal(event->globalPos()));
    if (index.isValid() && isUnsentOwn(index)) {
        emit unsentMessageMenuRequested(index.data(MessageModel::ClientIdRole).toString(), event->globalPos());
        event->accept();
        return;
    }
    if (index.isValid() && !index.data(MessageModel::IdRole).toString().isEmpty()) {
        setCurrentIndex(index);
        emit messageMenuRequested(index, event->globalPos());
        event->accept();
        return;
    }
    QListView::contextMenuEvent(event);
}

void ConversationView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    reportNewestShown();
}

void ConversationView::reportNewestShown()
{
    if (!model() || !isVisible() || !isActiveWindow())
        return;
    const int last = model()->rowCount() - 1;
    if (last < 0)
        return;
    const QModelIndex newest = model()->index(last, 0);
    const QRect rect = visualRect(newest);
    if (!rect.isValid() || !viewport()->rect().intersects(rect))
        return;
    const QString key = newest.data(MessageModel::IdRole).toString() + QLatin1Char('/')
                        + newest.data(MessageModel::ClientIdRole).toString() + QLatin1Char('/') + QString::number(last);
    if (key == m_reportedNewest)
        return;
    m_reportedNewest = key;
    // Not from inside the paint: whoever listens may send a packet or change a model.
    QTimer::singleShot(0, this, &ConversationView::newestMessageShown);
}

void ConversationView::placeJumpButton()
{
    m_jump->adjustSize();
    const QRect vp = viewport()->geometry();
    m_jump->move(vp.center().x() - m_jump->width() / 2, vp.bottom() - m_jump->height() - 12);
}

void ConversationView::resizeEvent(QResizeEvent *event)
{
    const bool atBottom = isAtBottom();
    QListView::resizeEvent(event);
    placeJumpButton();
    if (atBottom)
        QTimer::singleShot(0, this, &ConversationView::scrollToBottomNow);
}

void ConversationView::applyBackground()
{
    viewport()->setAutoFillBackground(true);
    QPalette pal = viewport()->palette();
    pal.setColor(QPalette::Base, theme::conversationBackground(QApplication::palette()));
    viewport()->setPalette(pal);
}

void ConversationView::changeEvent(QEvent *event)
{
    QListView::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange)
        applyBackground();
    if (event->type() == QEvent::ActivationChange) {
        // Becoming active shows what is on screen to the user: report it again after a paint.
        m_reportedNewest.clear();
        viewport()->update();
    }
}

void ConversationView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_End && (event->modifiers() & Qt::ControlModifier)) {
        scrollToBottomNow();
        return;
    }
    const QModelIndex current = currentIndex();
    if (current.isValid() && event->key() == Qt::Key_R && (event->modifiers() & Qt::ControlModifier)) {
        emit replyRequested(current.data(MessageModel::IdRole).toString());
        return;
    }
    if (current.isValid() && event->key() == Qt::Key_Menu) {
        emit messageMenuRequested(current, viewport()->mapToGlobal(visualRect(current).center()));
        return;
    }
    QListView::keyPressEvent(event);
}

} // namespace craftchat::ui
