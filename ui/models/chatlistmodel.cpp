#include "ui/models/chatlistmodel.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"

namespace craftchat::ui {

using contract::ChatDetails;

ChatListModel::ChatListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void ChatListModel::setCurrentUserId(const QString &userId)
{
    beginResetModel();
    m_userId = userId;
    endResetModel();
    emitTotalIfChanged();
}

QDateTime ChatListModel::activityOf(const Entry &e) const
{
    return e.chat.lastMessageAt.value_or(e.firstSeen);
}

bool ChatListModel::isBefore(const ChatDetails &a, const QDateTime &aSeen, const ChatDetails &b, const QDateTime &bSeen)
{
    const QDateTime ta = a.lastMessageAt.value_or(aSeen);
    const QDateTime tb = b.lastMessageAt.value_or(bSeen);
    if (ta != tb)
        return ta > tb;
    return a.id < b.id;
}

int ChatListModel::insertionRow(const Entry &e) const
{
    int row = 0;
    while (row < m_entries.size() && isBefore(m_entries[row].chat, m_entries[row].firstSeen, e.chat, e.firstSeen))
        ++row;
    return row;
}

ChatDetails ChatListModel::mergeNewer(const ChatDetails &known, const ChatDetails &incoming)
{
    if (!known.lastMessageAt || (incoming.lastMessageAt && *incoming.lastMessageAt >= *known.lastMessageAt))
        return incoming;
    ChatDetails merged = incoming;
    merged.lastMessage = known.lastMessage;
    merged.lastMessageAt = known.lastMessageAt;
    merged.lastMessageSenderId = known.lastMessageSenderId;
    merged.unreadCount = known.unreadCount;
    return merged;
}

void ChatListModel::setChats(const QList<ChatDetails> &chats)
{
    beginResetModel();
    QHash<QString, ChatDetails> known;
    for (const Entry &e : std::as_const(m_entries))
        known.insert(e.chat.id, e.chat);
    m_entries.clear();
    // The server's list is newest first; chats without messages keep that order.
    const QDateTime now = contract::nowUtc();
    for (qsizetype i = 0; i < chats.size(); ++i) {
        const auto old = known.constFind(chats[i].id);
        Entry e{old == known.constEnd() ? chats[i] : mergeNewer(*old, chats[i]), now.addMSecs(-i)};
        m_entries.insert(insertionRow(e), e);
    }
    endResetModel();
    emitTotalIfChanged();
}

void ChatListModel::upsertChat(const ChatDetails &chat)
{
    const int existing = rowOfChat(chat.id);
    if (existing < 0) {
        const Entry e{chat, contract::nowUtc()};
        const int row = insertionRow(e);
        beginInsertRows({}, row, row);
        m_entries.insert(row, e);
        endInsertRows();
        emitTotalIfChanged();
        return;
    }
    // A move (not remove + insert) keeps the view's current item and selection on this chat.
    const Entry e{chat, m_entries[existing].firstSeen};
    m_entries.removeAt(existing);
    const int to = insertionRow(e);
    m_entries.insert(existing, e);
    if (to != existing) {
        beginMoveRows({}, existing, existing, {}, to > existing ? to + 1 : to);
        m_entries.move(existing, to);
        endMoveRows();
    }
    emit dataChanged(index(to), index(to));
    emitTotalIfChanged();
}

void ChatListModel::clearUnread(const QString &chatId)
{
    const int row = rowOfChat(chatId);
    if (row < 0 || m_entries[row].chat.unreadCount.value(m_userId) == 0)
        return;
    m_entries[row].chat.unreadCount[m_userId] = 0;
    emit dataChanged(index(row), index(row), {UnreadRole});
    emitTotalIfChanged();
}

void ChatListModel::setTyping(const QString &chatId, bool typing)
{
    if (typing == m_typing.contains(chatId))
        return;
    if (typing)
        m_typing.insert(chatId);
    else
        m_typing.remove(chatId);
    const int row = rowOfChat(chatId);
    if (row >= 0)
        emit dataChanged(index(row), index(row), {TypingRole, PreviewRole});
}

void ChatListModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_typing.clear();
    endResetModel();
    emitTotalIfChanged();
}

int ChatListModel::rowOfChat(const QString &chatId) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].chat.id == chatId)
            return int(i);
    return -1;
}

const ChatDetails *ChatListModel::chat(const QString &chatId) const
{
    const int row = rowOfChat(chatId);
    return row < 0 ? nullptr : &m_entries[row].chat;
}

contract::UserProfile ChatListModel::peerOf(const ChatDetails &c) const
{
    for (const auto &p : c.participants)
        if (p.id != m_userId)
            return p;
    return c.participants.isEmpty() ? contract::UserProfile{} : c.participants.first();
}

int ChatListModel::unreadTotal() const
{
    int total = 0;
    for (const auto &e : m_entries)
        total += qMax(0, e.chat.unreadCount.value(m_userId));
    return total;
}

void ChatListModel::emitTotalIfChanged()
{
    const int total = unreadTotal();
    if (total != m_lastTotal) {
        m_lastTotal = total;
        emit unreadTotalChanged(total);
    }
}

int ChatListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QString ChatListModel::previewOf(const ChatDetails &c) const
{
    if (!c.lastMessage)
        return tr("No messages yet");
    QString text = *c.lastMessage;
    if (text.startsWith(QLatin1String("/uploads/")))
        text = tr("Photo");
    text = text.simplified();
    if (c.lastMessageSenderId && *c.lastMessageSenderId == m_userId) {
        // The message in its own direction run (first strong isolate ... pop directional
        // isolate), so that "You:" in Arabic before an English text stays in order.
        return tr("You: %1").arg(QChar(0x2068) + text + QChar(0x2069));
    }
    return text;
}

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[index.row()];
    const contract::UserProfile peer = peerOf(e.chat);
    switch (role) {
    case Qt::DisplayRole:
    case PeerNameRole:
        return peer.fullName;
    case Qt::AccessibleTextRole: {
        const int unread = e.chat.unreadCount.value(m_userId);
        QString text = peer.fullName;
        if (e.chat.job)
            text += QStringLiteral(", ") + e.chat.job->title;
        if (unread > 0)
            text += QStringLiteral(", ") + tr("%n unread", nullptr, unread);
        return text + QStringLiteral(", ") + previewOf(e.chat);
    }
    case ChatIdRole:
        return e.chat.id;
    case PeerIdRole:
        return peer.id;
    case PeerRoleRole:
        return peer.role;
    case PeerPictureRole:
        return peer.profilePicture.value_or(QString());
    case JobTitleRole:
        return e.chat.job ? e.chat.job->title : QString();
    case PreviewRole:
        return previewOf(e.chat);
    case LastActivityRole:
        return activityOf(e);
    case UnreadRole:
        return qMax(0, e.chat.unreadCount.value(m_userId));
    case TypingRole:
        return m_typing.contains(e.chat.id);
    case SearchTextRole:
        return peer.fullName + QLatin1Char(' ') + (e.chat.job ? e.chat.job->title : QString());
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ChatIdRole, "chatId");
    names.insert(PeerNameRole, "peerName");
    names.insert(UnreadRole, "unread");
    names.insert(TypingRole, "typing");
    return names;
}

} // namespace craftchat::ui
