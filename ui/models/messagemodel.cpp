#include "ui/models/messagemodel.h"

namespace craftchat::ui {

using contract::Message;

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void MessageModel::reset(const QString &chatId)
{
    beginResetModel();
    m_chatId = chatId;
    m_items.clear();
    m_hasMore = true;
    endResetModel();
}

MessageModel::State MessageModel::storedState(const Message &m) const
{
    if (m.sender.id == m_userId)
        return m.isRead ? State::Read : State::Sent;
    return State::Sent;
}

void MessageModel::setHistory(const QList<Message> &page)
{
    beginResetModel();
    QList<Item> pending;
    for (const Item &item : std::as_const(m_items))
        if (item.state == State::Pending || item.state == State::Failed)
            pending.append(item);
    m_items.clear();
    QSet<QString> seen;
    for (const Message &m : page) {
        if (m.chatId != m_chatId || seen.contains(m.id))
            continue;
        seen.insert(m.id);
        m_items.append({m, storedState(m), {}});
    }
    std::stable_sort(m_items.begin(), m_items.end(),
                     [](const Item &a, const Item &b) { return a.message.timestamp < b.message.timestamp; });
    // A pending message the server already stored is shown once, as stored.
    for (const Item &p : pending)
        if (rowOfClientId(p.message.clientMessageId.value_or(QString())) < 0)
            m_items.append(p);
    endResetModel();
}

int MessageModel::prependHistory(const QList<Message> &page)
{
    QList<Item> fresh;
    QSet<QString> seen;
    for (const Message &m : page) {
        if (m.chatId != m_chatId || seen.contains(m.id) || rowOfId(m.id) >= 0)
            continue;
        seen.insert(m.id);
        fresh.append({m, storedState(m), {}});
    }
    if (fresh.isEmpty())
        return 0;
    std::stable_sort(fresh.begin(), fresh.end(),
                     [](const Item &a, const Item &b) { return a.message.timestamp < b.message.timestamp; });
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    for (qsizetype i = fresh.size() - 1; i >= 0; --i)
        m_items.prepend(fresh[i]);
    endInsertRows();
    touchNeighbours(int(fresh.size()));
    return int(fresh.size());
}

int MessageModel::insertionRow(const QDateTime &t) const
{
    // After every stored message not newer than t, before pending ones.
    int row = int(m_items.size());
    while (row > 0) {
        const Item &prev = m_items[row - 1];
        const bool prevUnsent = prev.state == State::Pending || prev.state == State::Failed;
        if (!prevUnsent && prev.message.timestamp <= t)
            break;
        --row;
    }
    return row;
}

void MessageModel::addMessage(const Message &message)
{
    if (message.chatId != m_chatId || rowOfId(message.id) >= 0)
        return;
    if (message.clientMessageId) {
        const int row = rowOfClientId(*message.clientMessageId);
        if (row >= 0 && m_items[row].message.id.isEmpty()) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
        }
    }
    const int row = insertionRow(message.timestamp);
    beginInsertRows({}, row, row);
    m_items.insert(row, {message, storedState(message), {}});
    endInsertRows();
    touchNeighbours(row + 1);
}

void MessageModel::addPending(const QString &clientMessageId, const QString &type, const QString &content,
                              const QDateTime &createdAt, const contract::UserProfile &me)
{
    if (rowOfClientId(clientMessageId) >= 0)
        return;
    Message m;
    m.chatId = m_chatId;
    m.sender = me;
    m.messageType = type;
    m.content = content;
    m.timestamp = createdAt;
    m.clientMessageId = clientMessageId;
    const int row = int(m_items.size());
    beginInsertRows({}, row, row);
    m_items.append({m, State::Pending, {}});
    endInsertRows();
}

void MessageModel::setFailed(const QString &clientMessageId, const QString &error, bool retryable)
{
    const int row = rowOfClientId(clientMessageId);
    if (row < 0 || !m_items[row].message.id.isEmpty())
        return;
    m_items[row].state = State::Failed;
    m_items[row].error = error;
    m_items[row].retryable = retryable;
    emit dataChanged(index(row), index(row), {StateRole, ErrorRole, RetryableRole});
}

void MessageModel::setPendingAgain(const QString &clientMessageId)
{
    const int row = rowOfClientId(clientMessageId);
    if (row < 0 || m_items[row].state != State::Failed)
        return;
    m_items[row].state = State::Pending;
    m_items[row].error.clear();
    emit dataChanged(index(row), index(row), {StateRole, ErrorRole});
}

void MessageModel::setPendingContent(const QString &clientMessageId, const QString &content)
{
    const int row = rowOfClientId(clientMessageId);
    if (row < 0 || !m_items[row].message.id.isEmpty() || m_items[row].message.content == content)
        return;
    m_items[row].message.content = content;
    emit dataChanged(index(row), index(row), {ContentRole});
}

void MessageModel::confirmSent(const QString &clientMessageId, const QString &messageId, const QDateTime &at)
{
    const int row = rowOfClientId(clientMessageId);
    if (row < 0 || !m_items[row].message.id.isEmpty() || rowOfId(messageId) >= 0)
        return;
    Message m = m_items[row].message;
    m.id = messageId;
    if (at.isValid())
        m.timestamp = at;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    const int to = insertionRow(m.timestamp);
    beginInsertRows({}, to, to);
    m_items.insert(to, {m, State::Sent, {}});
    endInsertRows();
    touchNeighbours(to + 1);
}

void MessageModel::markReadByPeer(const QStringList &messageIds)
{
    const QSet<QString> ids(messageIds.begin(), messageIds.end());
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        Item &item = m_items[i];
        if (item.state != State::Sent || item.message.sender.id != m_userId)
            continue;
        if (!ids.isEmpty() && !ids.contains(item.message.id))
            continue;
        item.state = State::Read;
        item.message.isRead = true;
        emit dataChanged(index(int(i)), index(int(i)), {StateRole});
    }
}

void MessageModel::removeUnsent(const QString &clientMessageId)
{
    const int row = rowOfClientId(clientMessageId);
    if (row < 0 || !m_items[row].message.id.isEmpty())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    touchNeighbours(row);
}

QString MessageModel::newestStoredId() const
{
    for (qsizetype i = m_items.size() - 1; i >= 0; --i)
        if (!m_items[i].message.id.isEmpty())
            return m_items[i].message.id;
    return {};
}

QString MessageModel::oldestStoredId() const
{
    for (const Item &item : m_items)
        if (!item.message.id.isEmpty())
            return item.message.id;
    return {};
}

int MessageModel::rowOfId(const QString &id) const
{
    if (id.isEmpty())
        return -1;
    for (qsizetype i = 0; i < m_items.size(); ++i)
        if (m_items[i].message.id == id)
            return int(i);
    return -1;
}

int MessageModel::rowOfClientId(const QString &clientMessageId) const
{
    if (clientMessageId.isEmpty())
        return -1;
    for (qsizetype i = 0; i < m_items.size(); ++i)
        if (m_items[i].message.clientMessageId.value_or(QString()) == clientMessageId)
            return int(i);
    return -1;
}

void MessageModel::touchNeighbours(int row)
{
    // Day separators and sender grouping depend on the previous row.
    if (row >= 0 && row < m_items.size())
        emit dataChanged(index(row), index(row), {DaySeparatorRole, FirstInGroupRole});
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Item &item = m_items[row];
    const Message &m = item.message;
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case Qt::AccessibleTextRole: {
        QString text = m.sender.fullName + QStringLiteral(": ")
                       + (m.messageType == QLatin1String("image") ? tr("Photo") : m.content);
        if (item.state == State::Pending)
            text += QStringLiteral(" (") + tr("sending") + QLatin1Char(')');
        else if (item.state == State::Failed)
            text += QStringLiteral(" (") + tr("not sent: %1").arg(item.error) + QLatin1Char(')');
        return text;
    }
    case IdRole:
        return m.id;
    case ClientIdRole:
        return m.clientMessageId.value_or(QString());
    case SenderIdRole:
        return m.sender.id;
    case SenderNameRole:
        return m.sender.fullName;
    case SenderPictureRole:
        return m.sender.profilePicture.value_or(QString());
    case IsOwnRole:
        return m.sender.id == m_userId;
    case TypeRole:
        return m.messageType;
    case TimestampRole:
        return m.timestamp;
    case StateRole:
        return int(item.state);
    case ErrorRole:
        return item.error;
    case RetryableRole:
        return item.state == State::Failed && item.retryable;
    case DaySeparatorRole:
        return row == 0 || m_items[row - 1].message.timestamp.toLocalTime().date() != m.timestamp.toLocalTime().date();
    case FirstInGroupRole:
        return row == 0 || m_items[row - 1].message.sender.id != m.sender.id
               || m_items[row - 1].message.timestamp.toLocalTime().date() != m.timestamp.toLocalTime().date();
    default:
        return {};
    }
}

} // namespace craftchat::ui
