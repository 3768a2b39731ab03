#include "ui/widgets/chatlistpanel.h"

#include "ui/delegates/chatlistdelegate.h"
#include "ui/delegates/searchhitdelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/searchresultmodel.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QVBoxLayout>

namespace craftchat::ui {

ChatListPanel::ChatListPanel(ChatListModel *model, ImageCache *images, bool canCreateChats, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QListView(this))
    , m_delegate(new ChatListDelegate(images, this))
    , m_newChat(new QPushButton(this))
    , m_hitsHeader(new QLabel(this))
    , m_hitsView(new QListView(this))
    , m_hits(new SearchResultModel(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("chatListPanel"));
    m_proxy->setSourceModel(model);
    m_proxy->setFilterRole(ChatListModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("chatFilter"));
    m_filter->setPlaceholderText(tr("Search chats and messages (Ctrl+K)"));
    m_filter->setAccessibleName(tr("Search chats and messages"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon(QStringLiteral(":/icons/search.svg")), QLineEdit::LeadingPosition);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    // Enter in the filter box opens the first match.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_view->setFocus();
            m_view->setCurrentIndex(m_proxy->index(0, 0));
            emit chatActivated(m_proxy->index(0, 0).data(ChatListModel::ChatIdRole).toString());
        }
    });

    m_view->setObjectName(QStringLiteral("chatList"));
    m_view->setAccessibleName(tr("Chats"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(m_delegate);
    m_view->setMouseTracking(true);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_view, &QListView::activated, this,
            [this](const QModelIndex &index) { emit chatActivated(index.data(ChatListModel::ChatIdRole).toString()); });
    connect(m_view, &QListView::clicked, this,
            [this](const QModelIndex &index) { emit chatActivated(index.data(ChatListModel::ChatIdRole).toString()); });
    // Keep the open chat selected while the list reorders.
    auto reselect = [this] {
        if (!m_selected.isEmpty())
            selectChat(m_selected);
    };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, reselect);
    connect(m_proxy, &QAbstractItemModel::rowsMoved, this, reselect);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, reselect);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, reselect);

    m_newChat->setObjectName(QStringLiteral("newChatButton"));
    m_newChat->setText(tr("New chat"));
    m_newChat->setIcon(QIcon(QStringLiteral(":/icons/new-chat.svg")));
    m_newChat->setToolTip(tr("Start a chat with a craftsman (Ctrl+N)"));
    m_newChat->setAccessibleName(tr("New chat"));
    m_newChat->setVisible(canCreateChats);
    connect(m_newChat, &QPushButton::clicked, this, &ChatListPanel::newChatRequested);

    // Said in words when the list is empty: no chats at all, or none that match the search.
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("chatListEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_empty->setMargin(12);
    auto updateEmpty = [this] { updateEmptyText(); };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, updateEmpty);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, updateEmpty);
    connect(m_filter, &QLineEdit::textChanged, this, updateEmpty);

    // "Messages": what the search finds in the messages of every chat, below the chats.
    m_hitsHeader->setObjectName(QStringLiteral("messageHitsHeader"));
    m_hitsHeader->setText(tr("Messages"));
    QFont headerFont = m_hitsHeader->font();
    headerFont.setBold(true);
    m_hitsHeader->setFont(headerFont);
    m_hitsHeader->setEnabled(false);
    m_hitsView->setObjectName(QStringLiteral("messageHits"));
    m_hitsView->setAccessibleName(tr("Messages found"));
    m_hitsView->setModel(m_hits);
    m_hitsView->setItemDelegate(new SearchHitDelegate(m_hitsView));
    m_hitsView->setFrameShape(QFrame::NoFrame);
    m_hitsView->setMouseTracking(true);
    m_hitsView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_hitsView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_hitsHeader->hide();
    m_hitsView->hide();
    auto openHit = [this](const QModelIndex &index) {
        emit messageHitActivated(index.data(SearchResultModel::ChatIdRole).toString(),
                                 index.data(SearchResultModel::MessageIdRole).toString());
    };
    connect(m_hitsView, &QListView::clicked, this, openHit);
    connect(m_hitsView, &QListView::activated, this, openHit);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().size() < 2) {
            m_searchDelay->stop();
            m_hits->clear();
            m_hitsHeader->hide();
            m_hitsView->hide();
            return;
        }
        m_searchDelay->start();
    });
    connect(m_searchDelay, &QTimer::timeout, this, [this] { emit messageSearchRequested(m_filter->text().trimmed()); });

    auto *layout = new QVBoxLayout(this);
    // The same margin on both sides: layouts do not mirror margins for right-to-left.
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(m_filter);
    layout->addWidget(m_empty);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hitsHeader);
    layout->addWidget(m_hitsView, 1);
    // At its natural width, centred: stretched across the column, a right-to-left style puts
    // the icon and the label at opposite ends.
    layout->addWidget(m_newChat, 0, Qt::AlignHCenter);
    updateEmptyText();
}

void ChatListPanel::updateEmptyText()
{
    const QString search = m_filter->text().trimmed();
    if (m_model->rowCount() == 0)
        m_empty->setText(tr("No chats yet."));
    else if (m_proxy->rowCount() == 0)
        m_empty->setText(tr("No chat matches “%1”.").arg(search));
    m_empty->setVisible(m_proxy->rowCount() == 0);
    if (m_proxy->rowCount() > 0)
        m_view->show();
}

void ChatListPanel::setMessageHits(const QString &query, const QList<contract::SearchHit> &hits)
{
    if (query != m_filter->text().trimmed())
        return;
    m_hits->setHits(query, hits, [this](const QString &chatId) {
        const contract::ChatDetails *c = m_model->chat(chatId);
        return c ? m_model->peerOf(*c).fullName : QString();
    });
    const bool any = !hits.isEmpty();
    m_hitsHeader->setText(any ? tr("Messages") : tr("No messages match “%1”.").arg(query));
    m_hitsHeader->show();
    m_hitsView->setVisible(any);
    // The chat list gives its room to the messages when no chat matches.
    m_view->setVisible(m_proxy->rowCount() > 0 || !any);
}

void ChatListPanel::selectChat(const QString &chatId)
{
    m_selected = chatId;
    const int row = m_model->rowOfChat(chatId);
    if (row < 0) {
        m_view->clearSelection();
        return;
    }
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index.isValid() && m_view->currentIndex() != index)
        m_view->setCurrentIndex(index);
}

void ChatListPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

} // namespace craftchat::ui
