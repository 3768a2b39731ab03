// The messages of the open chat, oldest first: stored ones from the paged history API and
// new-message, plus the outbox's pending/failed ones at the end. Merging never duplicates.
#pragma once

#include "common/contract/message.h"
#include "common/contract/messagechanges.h"

#include <QAbstractListModel>
#include <QHash>
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
        TypeRole, // "text" / "image" / "file" / "deleted"
        ContentRole,
        TimestampRole,      // QDateTime (UTC)
        StateRole,          // State (int)
        DaySeparatorRole,   // bool: first message of a local day
        FirstInGroupRole,   // bool: first of a run from the same sender
        ErrorRole,          // why sending failed
        RetryableRole,      // bool: a failed message a retry may still send
        AttachmentNameRole, // file and uploaded image messages: the file's name
        AttachmentSizeRole, // qint64 bytes (-1 when unknown)
        AttachmentTypeRole, // MIME type
        HasAttachmentRole,  // bool
        ReplyToIdRole,      // the answered message's id ("" when none)
        ReplyToSenderRole,  // its sender's name ("You" for own)
        ReplyToTextRole,    // its text, a file's name, "" once deleted
        ReplyToTypeRole,    // its messageType
        EditedRole,         // bool: edited after it was sent
        DeletedRole,        // bool: a tombstone ("Message deleted")
        HighlightRole,      // bool: the message a jump led to, for a moment
        TransferRole,       // double 0..1 while uploading or downloading, else -1
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

    // Stored messages newer than what is shown (a catch-up page, oldest first): appended in
    // order, or, for one already present, its edit or deletion applied. Returns how many new.
    int mergeNewer(const QList<contract::Message> &page);
    // The stored state of messages already shown (edited or deleted while away).
    void refreshStored(const contract::Message &message);
    // message-updated / message-deleted.
    void applyEdit(const contract::MessageUpdated &update);
    void applyDeletion(const contract::MessageDeleted &deletion);

    // The outbox's entries for this chat.
    void addPending(const QString &clientMessageId, const QString &type, const QString &content,
                    const QDateTime &createdAt, const contract::UserProfile &me);
    // The same with everything else an unsent message shows (a file's details, the reply).
    void addPending(const contract::Message &message);
    // Progress of an upload or download of the row's file (-1: none).
    void setTransfer(const QString &idOrClientId, double fraction);
    // Highlights one message (the target of a jump) until clearHighlight().
    void setHighlighted(const QString &messageId);
    void clearHighlight() { setHighlighted(QString()); }
    QString highlighted() const { return m_highlight; }
    // Names for the quotes of replies (id -> full name); the own id reads "You".
    void setParticipantNames(const QHash<QString, QString> &names) { m_names = names; }
    // The stored message at `row` (pending ones have an empty id).
    const contract::Message &messageAt(int row) const { return m_items.at(row).message; }
    // The newest own text message that is stored and not deleted ("" when none).
    QString lastOwnTextId() const;
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
    void rowChanged(int row);
    // Quotes of other rows that show `messageId` follow its new text (or its deletion).
    void refreshQuotesOf(const QString &messageId, const QString &content, const QString &type);
    QString nameOf(const QString &userId) const;

    QList<Item> m_items;
    QSet<QString> m_ids; // ids of the stored rows: membership without a scan
    QHash<QString, double> m_transfers;
    QHash<QString, QString> m_names;
    QString m_highlight;
    QString m_chatId;
    QString m_userId;
    bool m_hasMore = true;
};

} // namespace craftchat::ui
