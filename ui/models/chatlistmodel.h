// The signed-in user's chats, newest activity first, with per-chat unread counts and a "typing"
// flag; fed from GET /api/messages/chats and kept live from chat-updated.
#pragma once

#include "common/contract/chatdetails.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QSet>

namespace craftchat::ui {

class ChatListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int unreadTotal READ unreadTotal NOTIFY unreadTotalChanged)
public:
    enum Role {
        ChatIdRole = Qt::UserRole + 1,
        PeerIdRole, // the other participant's id
        PeerNameRole,
        PeerRoleRole,    // "client" / "craftsman" / "admin"
        PeerPictureRole, // profile picture URL or ""
        JobTitleRole,
        PreviewRole,      // last message, "You: ..." for own, "Photo" for images
        LastActivityRole, // QDateTime (UTC)
        UnreadRole,       // int
        TypingRole,       // bool: the other side is typing
        SearchTextRole,   // what the filter box matches
    };

    explicit ChatListModel(QObject *parent = nullptr);

    void setCurrentUserId(const QString &userId);
    QString currentUserId() const { return m_userId; }

    void setChats(const QList<contract::ChatDetails> &chats);
    // Inserts or replaces one chat (chat-updated) and moves it to its place in the order.
    void upsertChat(const contract::ChatDetails &chat);
    // Sets the current user's unread count of a chat to 0 at once (before the server confirms).
    void clearUnread(const QString &chatId);
    void setTyping(const QString &chatId, bool typing);
    void clear();

    int rowOfChat(const QString &chatId) const;
    const contract::ChatDetails *chat(const QString &chatId) const;
    // The participant that is not the current user (or the first one).
    contract::UserProfile peerOf(const contract::ChatDetails &chat) const;
    int unreadTotal() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Strictly "newer activity first" (ties broken by id, for a stable order).
    static bool isBefore(const contract::ChatDetails &a, const QDateTime &aSeen, const contract::ChatDetails &b,
                         const QDateTime &bSeen);

signals:
    void unreadTotalChanged(int total);

private:
    struct Entry
    {
        contract::ChatDetails chat;
        QDateTime firstSeen; // the order of chats that have no message yet
    };
    QDateTime activityOf(const Entry &e) const;
    // A list that left the server before a newer chat-updated arrived must not undo it: a
    // refresh never takes a chat's last message (and its unread counts) back in time.
    static contract::ChatDetails mergeNewer(const contract::ChatDetails &known, const contract::ChatDetails &incoming);
    int insertionRow(const Entry &e) const;
    void emitTotalIfChanged();
    QString previewOf(const contract::ChatDetails &chat) const;

    QList<Entry> m_entries;
    QSet<QString> m_typing;
    QString m_userId;
    int m_lastTotal = 0;
};

} // namespace craftchat::ui
