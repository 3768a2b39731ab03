#include "ui/widgets/conversationview.h"

#include "ui/delegates/messagedelegate.h"
#include "ui/models/messagemodel.h"
#include "ui/util/theme.h"

#include <QApplication>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>

namespace craftchat::ui {

ConversationView::ConversationView(ImageCache *images, QWidget *parent)
    : QListView(parent), m_delegate(new MessageDelegate(this, images, this)),
      m_jump(new QToolButton(this))
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

    m_jump->setText(tr("New messages ↓"));
    m_jump->setAccessibleName(tr("Jump to new messages"));
    m_jump->setCursor(Qt::PointingHandCursor);
    m_jump->setStyleSheet(QStringLiteral(
        "QToolButton { background: palette(highlight); color: palette(highlighted-text);"
        " border-radius: 14px; padding: 5px 14px; font-weight: bold; }"));
    m_jump->hide();
    connect(m_jump, &QToolButton::clicked, this, &ConversationView::scrollToBottomNow);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (isAtBottom())
            m_jump->hide();
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
            [this](const QModelIndex &, int first, int) { rowsAboutToBeInserted(first); });
    connect(newModel, &QAbstractItemModel::rowsInserted, this, &ConversationView::rowsInserted);
    connect(newModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_wasAtBottom = true; });
    connect(newModel, &QAbstractItemModel::modelReset, this, [this] {
        m_jump->hide();
        QTimer::singleShot(0, this, &ConversationView::scrollToBottomNow);
    });
}

bool ConversationView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 8;
}

bool ConversationView::jumpButtonVisible() const { return m_jump->isVisible(); }

void ConversationView::scrollToBottomNow()
{
    m_wasAtBottom = true;
    scrollToBottom();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_jump->hide();
}

void ConversationView::rowsAboutToBeInserted(int first)
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

void ConversationView::rowsInserted(const QModelIndex &, int first, int last)
{
    if (m_anchor.isValid()) {
        executeDelayedItemsLayout();
        restoreAnchor();
        m_anchor = QPersistentModelIndex();
        return;
    }
    // Own messages always bring the view down; others only when the user was at the bottom.
    bool own = false;
    for (int row = first; row <= last; ++row)
        own = own || model()->index(row, 0).data(MessageModel::IsOwnRole).toBool();
    if (m_wasAtBottom || own) {
        QTimer::singleShot(0, this, &ConversationView::scrollToBottomNow);
    } else {
        m_jump->show();
        m_jump->raise();
        placeJumpButton();
    }
}

void ConversationView::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const auto state = MessageModel::State(index.data(MessageModel::StateRole).toInt());
    if (state == MessageModel::State::Failed) {
        emit retryRequested(index.data(MessageModel::ClientIdRole).toString());
        return;
    }
    if (index.data(MessageModel::TypeRole).toString() == QLatin1String("image"))
        emit imageActivated(index.data(MessageModel::ContentRole).toString());
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
}

void ConversationView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_End && (event->modifiers() & Qt::ControlModifier)) {
        scrollToBottomNow();
        return;
    }
    QListView::keyPressEvent(event);
}

} // namespace craftchat::ui
