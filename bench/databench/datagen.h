// databench's data set: a store of the current schema filled through a plain connection in
// large transactions (far faster than the server's write path, which storebench measures):
// users, chats with two participants, messages spread over the chats in commit order (texts
// from a skewed vocabulary, some file messages with their upload, some replies and edits),
// the search index built at the end, the chats' last-message fields set.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace craftchat::bench {

struct DataSetOptions
{
    QString dataDirectory;
    qint64 messages = 10'000'000;
    int chats = 20'000;
    int clients = 5'000;
    int craftsmen = 1'000;
    quint32 seed = 15;
};

// The words texts are made of, most frequent first (real craft words, then made-up ones).
QStringList vocabulary(quint32 seed);

// Id of the n-th user, chat and message of the data set.
QString userId(int n);
QString chatId(int n);

// Creates and fills the data set; `progress` gets a line now and then. Empty on success,
// else what went wrong.
QString generateDataSet(const DataSetOptions &options, const std::function<void(const QString &)> &progress);

} // namespace craftchat::bench
