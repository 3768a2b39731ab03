// The message list of the open chat: keeps to the bottom when new messages arrive if the user
// was there, otherwise offers a "new messages" button that counts them; asks for older history
// at the top; tells when the newest message has been painted in an active window (the only
// moment it may count as read).
#pragma once

#include <QListView>
#include <QPersistentModelIndex>
#include <QPointer>

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
    QToolButton *jumpButton() const { return m_jump; }
    // Messages from others that arrived while the user was scrolled up and are not seen yet.
    int unseenCount() const { return m_unseen; }
    void scrollToBottomNow();
    // Brings a stored message into the middle of the view (a jump, a search result).
    bool scrollToMessage(const QString &messageId);
    // The find bar's words, highlighted in the bubbles ("" = none).
    void setSearchQuery(const QString &query);

signals:
    void olderHistoryWanted();
    void imageActivated(const QString &url);
    // The card of a file message was clicked (open it, or cancel its upload or download).
    void fileActivated(const QModelIndex &index);
    // The quote of a reply was clicked: show the answered message.
    void quoteActivated(const QString &messageId);
    // A stored message asked for its menu (right click, menu key).
    void messageMenuRequested(const QModelIndex &index, const QPoint &globalPos);
    // Ctrl+R on a message: answer it.
    void replyRequested(const QString &messageId);
    // A failed or pending own message was clicked or asked for its menu at a global position.
    void unsentMessageMenuRequested(const QString &clientMessageId, const QPoint &globalPos);
    // The newest message has been painted inside the viewport of the active window.
    void newestMessageShown();

protected:
    // Overrides QAbstractItemView's slots: the base lays the new rows out, then the view
    // decides whether to follow them to the bottom.
    void rowsInserted(const QModelIndex &parent, int first, int last) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void beforeRowsInserted(int first);
    void activate(const QModelIndex &index);
    void placeJumpButton();
    void updateJumpButton();
    void applyBackground();
    void restoreAnchor();
    void reportNewestShown();

    QPointer<ImageCache> m_images;
    MessageDelegate *m_delegate;
    QToolButton *m_jump;

    bool m_wasAtBottom = true;
    int m_unseen = 0;
    QPersistentModelIndex m_anchor; // the top visible message while older ones are inserted
    int m_anchorOffset = 0;
    QString m_reportedNewest;  // what newestMessageShown() was last emitted for
    QPoint m_clickPos{-1, -1}; // where the click being handled happened (viewport)
};

} // namespace craftchat::ui
