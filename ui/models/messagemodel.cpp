#include "ui/models/messagemodel.h"

#include "common/contract/contract.h"

namespace craftchat::ui {

namespace contract = craftchat::contract;

using contract::Message;

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void MessageModel::reset(const QString &chatId)
{
    beginResetModel();
    m_chatId = chatId;
    m_items.clear();
    m_ids.clear();
    m_transfers.clear();
    m_highlight.clear();
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
    m_ids.clear();
    for (const Message &m : page) {
        if (m.chatId != m_chatId || m_ids.contains(m.id))
            continue;
        m_ids.insert(m.id);
        m_names.insert(m.sender.id, m.sender.fullName);
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
        if (m.chatId != m_chatId || seen.contains(m.id) || m_ids.contains(m.id)) {
            if (m.chatId == m_chatId && m_ids.contains(m.id))
                refreshStored(m);
            continue;
        }
        seen.insert(m.id);
        m_names.insert(m.sender.id, m.sender.fullName);
        fresh.append({m, storedState(m), {}});
    }
    if (fresh.isEmpty())
        return 0;
    m_ids.unite(seen);
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
    if (message.chatId != m_chatId || message.id.isEmpty())
        return;
    if (m_ids.contains(message.id))
        return refreshStored(message);
    m_names.insert(message.sender.id, message.sender.fullName);
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
    m_ids.insert(message.id);
    endInsertRows();
    touchNeighbours(row + 1);
}

int MessageModel::mergeNewer(const QList<Message> &page)
{
    int added = 0;
    for (const Message &m : page) {
        if (m.chatId != m_chatId || m.id.isEmpty())
            continue;
        if (m_ids.contains(m.id)) {
            refreshStored(m);
            continue;
        }
        addMessage(m);
        ++added;
    }
    return added;
}

void MessageModel::refreshStored(const Message &message)
{
    const int row = rowOfId(message.id);
    if (row < 0)
        return;
    Message &m = m_items[row].message;
    if (m.content == message.content && m.messageType == message.messageType && m.editedAt == message.editedAt
        && m.deletedAt == message.deletedAt && m.replyTo == message.replyTo && m.attachment == message.attachment)
        return;
    const bool wasRead = m.isRead;
    const std::optional<QString> clientId = m.clientMessageId;
    m = message;
    m.isRead = m.isRead || wasRead;
    if (!m.clientMessageId)
        m.clientMessageId = clientId;
    m_items[row].state = storedState(m);
    rowChanged(row);
    refreshQuotesOf(m.id,
                    m.isDeleted()
                        ? QString()
                        : (m.attachment && m.messageType == contract::MessageTypeFile ? m.attachment->name : m.content),
                    m.messageType);
}

void MessageModel::applyEdit(const contract::MessageUpdated &update)
{
    if (update.chatId != m_chatId)
        return;
    const int row = rowOfId(update.messageId);
    if (row < 0)
        return;
    Message &m = m_items[row].message;
    if (m.isDeleted())
        return;
    m.content = update.content;
    m.editedAt = update.editedAt;
    rowChanged(row);
    refreshQuotesOf(m.id, m.content, m.messageType);
}

void MessageModel::applyDeletion(const contract::MessageDeleted &deletion)
{
    if (deletion.chatId != m_chatId)
        return;
    const int row = rowOfId(deletion.messageId);
    if (row < 0)
        return;
    Message &m = m_items[row].message;
    m.messageType = contract::MessageTypeDeleted;
    m.content.clear();
    m.attachment.reset();
    m.deletedAt = deletion.deletedAt;
    m_transfers.remove(m.id);
    rowChanged(row);
    refreshQuotesOf(m.id, QString(), contract::MessageTypeDeleted);
}

void MessageModel::refreshQuotesOf(const QString &messageId, const QString &content, const QString &type)
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        auto &reply = m_items[i].message.replyTo;
        if (!reply || reply->id != messageId || (reply->content == content && reply->messageType == type))
            continue;
        reply->content = content;
        reply->messageType = type;
        emit dataChanged(index(int(i)), index(int(i)), {ReplyToTextRole, ReplyToTypeRole});
    }
}

void MessageModel::rowChanged(int row)
{
    emit dataChanged(index(row), index(row));
}

void MessageModel::setTransfer(const QString &idOrClientId, double fraction)
{
    int row = rowOfId(idOrClientId);
    if (row < 0)
        row = rowOfClientId(idOrClientId);
    if (fraction < 0)
        m_transfers.remove(idOrClientId);
    else
        m_transfers.insert(idOrClientId, qBound(0.0, fraction, 1.0));
    if (row >= 0)
        emit dataChanged(index(row), index(row), {TransferRole});
}

void MessageModel::setHighlighted(const QString &messageId)
{
    if (messageId == m_highlight)
        return;
    const int before = rowOfId(m_highlight);
    m_highlight = messageId;
    if (before >= 0)
        emit dataChanged(index(before), index(before), {HighlightRole});
    if (const int row = rowOfId(messageId); row >= 0)
        emit dataChanged(index(row), index(row), {HighlightRole});
}

QString MessageModel::lastOwnTextId() const
{
    for (qsizetype i = m_items.size() - 1; i >= 0; --i) {
        const Message &m = m_items[i].message;
        if (!m.id.isEmpty() && m.sender.id == m_userId && m.messageType == contract::MessageTypeText)
            return m.id;
    }
    return {};
}

QString MessageModel::nameOf(const QString &userId) const
{
    if (userId == m_userId)
        return tr("You");
    return m_names.value(userId);
}

void MessageModel::addPending(const QString &clientMessageId, const QString &type, const QString &content,
                              const QDateTime &createdAt, const contract::UserProfile &me)
{
    Message m;
    m.chatId = m_chatId;
    m.sender = me;
    m.messageType = type;
    m.content = content;
    m.timestamp = createdAt;
    m.clientMessageId = clientMessageId;
    addPending(m);
}

void MessageModel::addPending(const Message &m)
{
    if (!m.clientMessageId || rowOfClientId(*m.clientMessageId) >= 0)
        return;
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
    m_ids.insert(m.id);
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
    if (id.isEmpty() || !m_ids.contains(id))
        return -1;
    // Newest first: what is looked up is nearly always near the bottom.
    for (qsizetype i = m_items.size() - 1; i >= 0; --i)
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
        QString body = m.content;
        if (m.isDeleted())
            body = tr("Message deleted");
        else if (m.messageType == contract::MessageTypeImage)
            body = tr("Photo");
        else if (m.messageType == contract::MessageTypeFile)
            body = tr("File: %1").arg(m.attachment ? m.attachment->name : QString());
        QString text = m.sender.fullName + QStringLiteral(": ") + body;
        if (m.editedAt && !m.isDeleted())
            text += QStringLiteral(" (") + tr("edited") + QLatin1Char(')');
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
    case HasAttachmentRole:
        return m.attachment.has_value();
    case AttachmentNameRole:
        return m.attachment ? m.attachment->name : QString();
    case AttachmentSizeRole:
        return m.attachment ? m.attachment->size : qint64(-1);
    case AttachmentTypeRole:
        return m.attachment ? m.attachment->mimeType : QString();
    case ReplyToIdRole:
        return m.replyTo ? m.replyTo->id : QString();
    case ReplyToSenderRole:
        return m.replyTo ? nameOf(m.replyTo->senderId) : QString();
    case ReplyToTextRole:
        return m.replyTo ? m.replyTo->content : QString();
    case ReplyToTypeRole:
        return m.replyTo ? m.replyTo->messageType : QString();
    case EditedRole:
        return m.editedAt.has_value() && !m.isDeleted();
    case DeletedRole:
        return m.isDeleted() || m.messageType == contract::MessageTypeDeleted;
    case HighlightRole:
        return !m_highlight.isEmpty() && m.id == m_highlight;
    case TransferRole: {
        const QString key = m.id.isEmpty() ? m.clientMessageId.value_or(QString()) : m.id;
        return m_transfers.value(key, -1.0);
    }
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
