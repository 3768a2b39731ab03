// The "Messages" section of the chat list's search: hits of GET /api/messages/search across
// the user's chats, newest first, each with the chat's title and a plain-text excerpt.
#pragma once

#include "common/contract/searchhit.h"

#include <QAbstractListModel>

namespace craftchat::ui {

class SearchResultModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ChatIdRole = Qt::UserRole + 1,
        MessageIdRole,
        ChatTitleRole, // the other participant's name
        SenderNameRole,
        SnippetRole,   // plain text around the first match
        TimestampRole, // QDateTime (UTC)
        QueryRole,     // the words searched for (to highlight them)
    };

    explicit SearchResultModel(QObject *parent = nullptr);

    // Replaces the hits; titleOf gives a chat's title.
    void setHits(const QString &query, const QList<contract::SearchHit> &hits,
                 const std::function<QString(const QString &chatId)> &titleOf);
    void clear();
    QString query() const { return m_query; }
    // The server's excerpt as plain text: marks (U+0002/U+0003, <mark>) and HTML escapes removed.
    static QString plainSnippet(const QString &snippet);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Row
    {
        contract::SearchHit hit;
        QString title;
        QString snippet;
    };
    QList<Row> m_rows;
    QString m_query;
};

} // namespace craftchat::ui
