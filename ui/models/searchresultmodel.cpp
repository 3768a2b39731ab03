#include "ui/models/searchresultmodel.h"

#include "common/contract/contract.h"

#include <QRegularExpression>

namespace craftchat::ui {

SearchResultModel::SearchResultModel(QObject *parent)
    : QAbstractListModel(parent)
{}

QString SearchResultModel::plainSnippet(const QString &snippet)
{
    QString text = snippet;
    static const QRegularExpression tags(QStringLiteral("</?mark>|</?b>|</?em>"));
    text.remove(tags);
    text.remove(QChar(0x0002)); // the server's marks around matched words (docs/API.md)
    text.remove(QChar(0x0003));
    text.remove(QChar(0xFDD0));
    text.remove(QChar(0xFDD1));
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text.simplified();
}

void SearchResultModel::setHits(const QString &query, const QList<contract::SearchHit> &hits,
                                const std::function<QString(const QString &)> &titleOf)
{
    beginResetModel();
    m_query = query;
    m_rows.clear();
    for (const contract::SearchHit &hit : hits) {
        QString snippet = plainSnippet(hit.snippet);
        if (snippet.isEmpty())
            snippet = hit.message.messageType == contract::MessageTypeFile && hit.message.attachment
                          ? hit.message.attachment->name
                          : hit.message.content.simplified().left(200);
        m_rows.append({hit, titleOf ? titleOf(hit.message.chatId) : QString(), snippet});
    }
    endResetModel();
}

void SearchResultModel::clear()
{
    if (m_rows.isEmpty() && m_query.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_query.clear();
    endResetModel();
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SnippetRole:
        return r.snippet;
    case Qt::AccessibleTextRole:
        return r.title + QStringLiteral(": ") + r.snippet;
    case ChatIdRole:
        return r.hit.message.chatId;
    case MessageIdRole:
        return r.hit.message.id;
    case ChatTitleRole:
        return r.title;
    case SenderNameRole:
        return r.hit.message.sender.fullName;
    case TimestampRole:
        return r.hit.message.timestamp;
    case QueryRole:
        return m_query;
    default:
        return {};
    }
}

} // namespace craftchat::ui
