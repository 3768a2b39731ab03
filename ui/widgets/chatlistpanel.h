// The left side of the main window: the filter box (Ctrl+K), the chat list and "New chat".
#pragma once

#include "common/contract/searchhit.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;
class QTimer;

namespace craftchat::ui {

class ChatListModel;
class ChatListDelegate;
class ImageCache;
class SearchResultModel;

class ChatListPanel : public QWidget
{
    Q_OBJECT
public:
    ChatListPanel(ChatListModel *model, ImageCache *images, bool canCreateChats, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QPushButton *newChatButton() const { return m_newChat; }
    ChatListDelegate *delegate() const { return m_delegate; }
    void selectChat(const QString &chatId);
    void focusFilter();
    QLabel *emptyLabel() const { return m_empty; }
    // The "Messages" section below the chats while searching.
    QListView *messageHitsView() const { return m_hitsView; }
    QLabel *messageHitsHeader() const { return m_hitsHeader; }
    SearchResultModel *messageHits() const { return m_hits; }
    // The answer to messageSearchRequested (ignored when the field has changed since).
    void setMessageHits(const QString &query, const QList<contract::SearchHit> &hits);

signals:
    void chatActivated(const QString &chatId);
    void newChatRequested();
    // The search field has words worth searching messages for (after a short pause).
    void messageSearchRequested(const QString &query);
    // A message hit was chosen: open its chat at it.
    void messageHitActivated(const QString &chatId, const QString &messageId);

private:
    void updateEmptyText();

    ChatListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QListView *m_view;
    ChatListDelegate *m_delegate;
    QPushButton *m_newChat;
    QLabel *m_empty;
    QLabel *m_hitsHeader;
    QListView *m_hitsView;
    SearchResultModel *m_hits;
    QTimer *m_searchDelay;
    QString m_selected;
};

} // namespace craftchat::ui
