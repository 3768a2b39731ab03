// databench: the store at data scale (issue 15). Generates (or reuses) a store of 10 million
// messages in 20,000 chats, then measures and prints:
//   * history pages of 50 (newest, before= and after= at random places): p50/p99/max
//   * search across a user's chats (one or two word prefixes): p50/p99/max
//   * craftchat-server start to ready on that database (process start to the first 200 of
//     GET /health), several times
// Not run by ctest. Put the database outside the repository (it is several GB).
#include "bench/databench/datagen.h"

#include "server/api/searchsnippet.h"
#include "server/storage/sqlitechatstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace craftchat;
using namespace craftchat::bench;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

struct Stats
{
    double p50 = 0, p99 = 0, max = 0;
    int samples = 0;
};

Stats stats(std::vector<double> ms)
{
    Stats s;
    if (ms.empty())
        return s;
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, std::size_t(q * double(ms.size())))]; };
    s.p50 = at(0.5);
    s.p99 = at(0.99);
    s.max = ms.back();
    s.samples = int(ms.size());
    return s;
}

QString line(const QString &what, const Stats &s)
{
    return QStringLiteral("%1 p50 %2 ms  p99 %3 ms  max %4 ms  (%5 samples)")
        .arg(what, -34)
        .arg(s.p50, 0, 'f', 2)
        .arg(s.p99, 0, 'f', 2)
        .arg(s.max, 0, 'f', 2)
        .arg(s.samples);
}

QJsonObject json(const Stats &s)
{
    return QJsonObject{{QStringLiteral("p50Ms"), s.p50}, {QStringLiteral("p99Ms"), s.p99},
                       {QStringLiteral("maxMs"), s.max}, {QStringLiteral("samples"), s.samples}};
}

// Process start to the first 200 of GET /health, in ms; -1 when it never came.
double startToReady(const QString &serverPath, const QString &dataDir)
{
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CRAFTCHAT_JWT_SECRET"), QStringLiteral("databench-secret-0123456789abcdef0123456789"));
    env.insert(QStringLiteral("CRAFTCHAT_MIN_FREE_DISK_BYTES"), QStringLiteral("0"));
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    server.start(serverPath, {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--port"), QString::number(port),
                              QStringLiteral("--log-level"), QStringLiteral("warning")});
    double ready = -1;
    while (timer.elapsed() < 30'000 && server.state() != QProcess::NotRunning) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(100)) {
            socket.write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            QByteArray answer;
            while (socket.waitForReadyRead(1000))
                answer += socket.readAll();
            if (answer.startsWith("HTTP/1.1 200")) {
                ready = double(timer.nsecsElapsed()) / 1e6;
                break;
            }
        }
        QThread::msleep(2);
    }
    server.terminate();
    if (!server.waitForFinished(10'000)) {
        server.kill();
        server.waitForFinished();
    }
    return ready;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("History pages, search and start-up on a store at data scale."));
    parser.addHelpOption();
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Data directory (kept; reused when it holds a data set)."),
                                 QStringLiteral("path"), QStringLiteral("/tmp/craftchat-databench"));
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Messages generated."), QStringLiteral("n"),
                                      QStringLiteral("10000000"));
    const QCommandLineOption chats(QStringLiteral("chats"), QStringLiteral("Chats generated."), QStringLiteral("n"),
                                   QStringLiteral("20000"));
    const QCommandLineOption samples(QStringLiteral("samples"), QStringLiteral("Samples per measurement."),
                                     QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("craftchat-server executable for start-up."),
                                    QStringLiteral("path"));
    const QCommandLineOption regenerate(QStringLiteral("regenerate"), QStringLiteral("Delete and generate the data set again."));
    parser.addOptions({dir, messages, chats, samples, server, regenerate});
    parser.process(app);

    DataSetOptions data;
    data.dataDirectory = parser.value(dir);
    data.messages = parser.value(messages).toLongLong();
    data.chats = std::max(1, parser.value(chats).toInt());
    data.clients = std::max(1, data.chats / 4);
    data.craftsmen = std::max(1, data.chats / 20);
    const int n = std::max(10, parser.value(samples).toInt());
    const QString dbPath = data.dataDirectory + QStringLiteral("/craftchat.sqlite3");

    if (parser.isSet(regenerate))
        QDir(data.dataDirectory).removeRecursively();
    if (!QFileInfo::exists(dbPath)) {
        QDir().mkpath(data.dataDirectory);
        const QStorageInfo disk(data.dataDirectory);
        const qint64 needed = data.messages * 600; // about 450 bytes a message with indexes and search
        out() << QStringLiteral("generating %1 messages in %2 chats into %3 (%4 GB free, about %5 GB needed)\n")
                     .arg(data.messages).arg(data.chats).arg(data.dataDirectory)
                     .arg(double(disk.bytesAvailable()) / 1e9, 0, 'f', 1).arg(double(needed) / 1e9, 0, 'f', 1);
        out().flush();
        if (disk.bytesAvailable() < needed + qint64(5) * 1000 * 1000 * 1000) {
            out() << "databench: not enough free disk space\n";
            return 1;
        }
        const QString error = generateDataSet(data, [](const QString &s) {
            out() << "  " << s << '\n';
            out().flush();
        });
        if (!error.isEmpty()) {
            out() << "databench: " << error << '\n';
            return 1;
        }
    }
    out() << QStringLiteral("database %1: %2 GB\n").arg(dbPath).arg(double(QFileInfo(dbPath).size()) / 1e9, 0, 'f', 2);

    auto opened = storage::SqliteChatStore::open(data.dataDirectory);
    if (!opened) {
        out() << "databench: " << opened.errorMessage() << '\n';
        return 1;
    }
    storage::SqliteChatStore &store = **opened;
    QRandomGenerator random(7);

    // Message ids of the data set are "m" + seq; pick anchors among a chat's messages.
    std::vector<double> latest, before, after, searchOne, searchTwo, searchChat;
    for (int i = 0; i < n; ++i) {
        const QString chat = chatId(int(random.bounded(quint32(data.chats))));
        QElapsedTimer t;
        t.start();
        const auto page = store.messagesPage(chat, std::nullopt, 50);
        latest.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!page || page->size() < 50)
            continue;
        // An older page: the first message of this page, then 50 before that, as scrolling does.
        const auto all = store.messagesPage(chat, page->first().id, 100);
        if (!all || all->isEmpty())
            continue;
        const QString anchor = all->at(int(random.bounded(quint32(all->size())))).id;
        t.restart();
        const auto older = store.messagesPage(chat, anchor, 50);
        before.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        const auto newer = store.messagesAfter(chat, anchor, 50);
        after.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!older || !newer)
            out() << "page failed\n";
    }
    out() << line(QStringLiteral("history page (50), newest"), stats(latest)) << '\n';
    out() << line(QStringLiteral("history page (50), before="), stats(before)) << '\n';
    out() << line(QStringLiteral("history page (50), after="), stats(after)) << '\n';
    out().flush();

    const QStringList words = vocabulary(data.seed);
    const int users = data.clients + data.craftsmen;
    qint64 hitsTotal = 0;
    for (int i = 0; i < n; ++i) {
        const int user = int(random.bounded(quint32(users)));
        // Query words: a prefix (at least 3 letters) of a word of the vocabulary, frequent
        // ones as often as rare ones.
        const auto pick = [&] {
            const double u = random.generateDouble();
            const QString w = words.at(int(u * u * double(words.size())));
            return w.left(std::max<qsizetype>(3, w.size() - qsizetype(random.bounded(3))));
        };
        QElapsedTimer t;
        t.start();
        auto hits = store.searchMessages(userId(user), {pick()}, std::nullopt, 20);
        if (hits) {
            for (const auto &h : *hits)
                api::makeSnippet(h.marked);
            hitsTotal += hits->size();
        }
        searchOne.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        hits = store.searchMessages(userId(user), {pick(), pick()}, std::nullopt, 20);
        searchTwo.push_back(double(t.nsecsElapsed()) / 1e6);
        // Within one of the chats of that user.
        const QString chat = chatId(user < data.clients ? user : (user - data.clients));
        t.restart();
        hits = store.searchMessages(userId(user), {pick()}, chat, 20);
        searchChat.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    out() << line(QStringLiteral("search a user's chats, one word"), stats(searchOne)) << '\n';
    out() << line(QStringLiteral("search a user's chats, two words"), stats(searchTwo)) << '\n';
    out() << line(QStringLiteral("search in one chat"), stats(searchChat)) << '\n';
    out() << QStringLiteral("average hits per one-word search: %1\n").arg(double(hitsTotal) / n, 0, 'f', 1);
    out().flush();
    opened->reset();

    std::vector<double> starts;
    if (parser.isSet(server)) {
        for (int i = 0; i < 5; ++i) {
            const double ms = startToReady(parser.value(server), data.dataDirectory);
            if (ms < 0) {
                out() << "databench: the server did not become ready\n";
                return 1;
            }
            starts.push_back(ms);
        }
        out() << line(QStringLiteral("server start to ready"), stats(starts)) << '\n';
    }
    const QJsonObject summary{{QStringLiteral("messages"), data.messages},
                              {QStringLiteral("chats"), data.chats},
                              {QStringLiteral("pageLatest"), json(stats(latest))},
                              {QStringLiteral("pageBefore"), json(stats(before))},
                              {QStringLiteral("pageAfter"), json(stats(after))},
                              {QStringLiteral("searchOneWord"), json(stats(searchOne))},
                              {QStringLiteral("searchTwoWords"), json(stats(searchTwo))},
                              {QStringLiteral("searchInChat"), json(stats(searchChat))},
                              {QStringLiteral("startToReady"), json(stats(starts))}};
    out() << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
