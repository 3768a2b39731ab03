// The messages of the open chat, oldest first: stored ones from the paged history API and
// new-message, plus the outbox's pending/failed ones at the end. Merging never duplicates.
#pragma once

#include "common/contract/message.h"

#include <QAbstractListModel>
#include <QSet>

namespace craftchat::ui {

class MessageModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class State {
        Pending,
        Sent,
        Read,
        Failed
    };
    Q_ENUM(State)

    enum Role {
        IdRole = Qt::UserRole + 1, // server id ("" while pending)
        ClientIdRole,              // clientMessageId ("" when none)
        SenderIdRole,
        SenderNameRole,
        SenderPictureRole,
        IsOwnRole,
        TypeRole, // "text" / "image"
        ContentRole,
        TimestampRole,    // QDateTime (UTC)
        StateRole,        // State (int)
        DaySeparatorRole, // bool: first message of a local day
        FirstInGroupRole, // bool: first of a run from the same sender
        ErrorRole,        // why sending failed
        RetryableRole,    // bool: a failed message a retry may still send
    };

    explicit MessageModel(QObject *parent = nullptr);

    void setCurrentUserId(const QString &userId) { m_userId = userId; }
    QString chatId() const { return m_chatId; }
    // Starts over for another chat (empty until setHistory/append).
    void reset(const QString &chatId);

    // The newest page (replaces stored messages; pending ones stay).
    void setHistory(const QList<contract::Message> &page);
    // An older page (prepended; messages already present are skipped). Returns how many new.
    int prependHistory(const QList<contract::Message> &page);
    // new-message (or an ack): adds it, or replaces the pending message with its clientMessageId.
    void addMessage(const contract::Message &message);

    // The outbox's entries for this chat.
    void addPending(const QString &clientMessageId, const QString &type, const QString &content,
                    const QDateTime &createdAt, const contract::UserProfile &me);
    void setFailed(const QString &clientMessageId, const QString &error, bool retryable = true);
    void setPendingAgain(const QString &clientMessageId);
    // An unsent row's content changed (a queued photo was uploaded: its URL replaces the file).
    void setPendingContent(const QString &clientMessageId, const QString &content);
    // message-sent for a pending one whose new-message has not arrived (yet).
    void confirmSent(const QString &clientMessageId, const QString &messageId, const QDateTime &at);
    // message-read: the listed own messages (or all own ones when the list is empty) become read.
    void markReadByPeer(const QStringList &messageIds);

    // Drops an unsent row (the user gave it up).
    void removeUnsent(const QString &clientMessageId);

    QString oldestStoredId() const;
    QString newestStoredId() const;
    bool hasMoreHistory() const { return m_hasMore; }
    void setHasMoreHistory(bool more) { m_hasMore = more; }
    int rowOfId(const QString &id) const;
    int rowOfClientId(const QString &clientMessageId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Item
    {
        contract::Message message;
        State state = State::Sent;
        QString error;
        bool retryable = true;
    };
    State storedState(const contract::Message &m) const;
    int insertionRow(const QDateTime &t) const;
    void touchNeighbours(int row);

    QList<Item> m_items;
    QString m_chatId;
    QString m_userId;
    bool m_hasMore = true;
};

} // namespace craftchat::ui
