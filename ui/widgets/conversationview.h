// The message list of the open chat: keeps to the bottom when new messages arrive if the user
// was there, otherwise offers a "new messages" button; asks for older history at the top.
#pragma once

#include <QListView>
#include <QPersistentModelIndex>

class QToolButton;

namespace craftchat::ui {

class MessageDelegate;
class ImageCache;

class ConversationView : public QListView
{
    Q_OBJECT
public:
    explicit ConversationView(ImageCache *images, QWidget *parent = nullptr);

    MessageDelegate *messageDelegate() const { return m_delegate; }
    void setModel(QAbstractItemModel *model) override;
    bool isAtBottom() const;
    bool jumpButtonVisible() const;
    void scrollToBottomNow();

signals:
    void olderHistoryWanted();
    void imageActivated(const QString &url);
    void retryRequested(const QString &clientMessageId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rowsAboutToBeInserted(int first);
    void rowsInserted(const QModelIndex &parent, int first, int last);
    void activate(const QModelIndex &index);
    void placeJumpButton();
    void applyBackground();

    MessageDelegate *m_delegate;
    QToolButton *m_jump;
    void restoreAnchor();

    bool m_wasAtBottom = true;
    QPersistentModelIndex m_anchor; // the top visible message while older ones are inserted
    int m_anchorOffset = 0;
};

} // namespace craftchat::ui
