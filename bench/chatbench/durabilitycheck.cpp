#include "bench/chatbench/durabilitycheck.h"

#include "bench/chatbench/eventwait.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTextStream>
#include <QUrlQuery>

namespace craftchat::bench {
namespace {

constexpr int PageSize = 100;

struct Page
{
    bool ok = false;
    QJsonArray messages;
};

Page fetchPage(QNetworkAccessManager &network, const QUrl &base, const QString &chatId, const QString &token,
               const QString &before)
{
    QUrl url = base;
    url.setPath(
        QStringLiteral("/api/messages/chats/%1/messages").arg(QString::fromLatin1(QUrl::toPercentEncoding(chatId))));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(PageSize));
    if (!before.isEmpty())
        query.addQueryItem(QStringLiteral("before"), before);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(30000);
    QNetworkReply *reply = network.get(request);
    bool finished = false;
    QObject::connect(reply, &QNetworkReply::finished, reply, [&finished] { finished = true; });
    waitUntil([&finished] { return finished; }, 60000);
    Page page;
    if (finished && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
        const QJsonDocument doc = QJsonDocument::fromJson(reply->read(16 * 1024 * 1024));
        page.ok = doc.isArray();
        page.messages = doc.array();
    }
    reply->deleteLater();
    return page;
}

// "CB~<seq>~..." -> seq, or -1
qint64 seqOfContent(const QString &content)
{
    if (!content.startsWith(QLatin1String("CB~")))
        return -1;
    const qsizetype end = content.indexOf(QLatin1Char('~'), 3);
    bool ok = false;
    const qint64 seq = end > 3 ? QStringView(content).mid(3, end - 3).toLongLong(&ok) : -1;
    return ok ? seq : -1;
}

} // namespace

int runDurabilityCheck(const QStringList &arguments)
{
    QTextStream out(stdout), err(stderr);
    if (arguments.isEmpty() || arguments.size() > 2) {
        err << "usage: chatbench verify-durability FILE [http://127.0.0.1:PORT]\n";
        return 2;
    }
    QFile file(arguments[0]);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "chatbench verify-durability: cannot read " << arguments[0] << "\n";
        return 2;
    }
    const QJsonObject record = QJsonDocument::fromJson(file.readAll()).object();
    const QUrl base(arguments.value(1, QStringLiteral("http://127.0.0.1:3001")));
    if (!base.isValid() || base.scheme() != QLatin1String("http")) {
        err << "chatbench verify-durability: bad URL\n";
        return 2;
    }
    QNetworkAccessManager network;
    qint64 expected = 0, found = 0, unreadable = 0;
    QJsonArray missingSample;
    for (const QJsonValue &v : record.value(QStringLiteral("chats")).toArray()) {
        const QJsonObject chat = v.toObject();
        const QString id = chat.value(QStringLiteral("id")).toString();
        const QString token = chat.value(QStringLiteral("token")).toString();
        QSet<qint64> stored;
        QString before;
        // newest page first, then older ones; bounded by what can exist
        const qsizetype wanted = chat.value(QStringLiteral("seqs")).toArray().size();
        for (qsizetype pages = 0; pages < wanted / PageSize + 100; ++pages) {
            const Page page = fetchPage(network, base, id, token, before);
            if (!page.ok) {
                ++unreadable;
                break;
            }
            for (const QJsonValue &m : page.messages)
                stored.insert(seqOfContent(m.toObject().value(QStringLiteral("content")).toString()));
            if (page.messages.size() < PageSize)
                break;
            before = page.messages.first().toObject().value(QStringLiteral("_id")).toString(); // oldest first
        }
        for (const QJsonValue &s : chat.value(QStringLiteral("seqs")).toArray()) {
            ++expected;
            if (stored.contains(qint64(s.toDouble())))
                ++found;
            else if (missingSample.size() < 20)
                missingSample.append(QJsonObject{{QStringLiteral("chat"), id}, {QStringLiteral("seq"), s}});
        }
    }
    const QJsonObject result{{QStringLiteral("acknowledged"), double(expected)},
                             {QStringLiteral("stored"), double(found)},
                             {QStringLiteral("missing"), double(expected - found)},
                             {QStringLiteral("unreadableChats"), double(unreadable)},
                             {QStringLiteral("missingSample"), missingSample}};
    out << QStringLiteral("durability: %1 of %2 acknowledged messages stored after the kill and restart (%3 missing, "
                          "%4 chats unreadable)\n")
               .arg(found)
               .arg(expected)
               .arg(expected - found)
               .arg(unreadable);
    out << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    if (unreadable > 0)
        return 1;
    return expected == found ? 0 : 4;
}

} // namespace craftchat::bench
