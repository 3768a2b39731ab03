// The left side of the main window: the filter box (Ctrl+K), the chat list and "New chat".
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace craftchat::ui {

class ChatListModel;
class ChatListDelegate;
class ImageCache;

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

signals:
    void chatActivated(const QString &chatId);
    void newChatRequested();

private:
    void updateEmptyText();

    ChatListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QListView *m_view;
    ChatListDelegate *m_delegate;
    QPushButton *m_newChat;
    QLabel *m_empty;
    QString m_selected;
};

} // namespace craftchat::ui
