// storebench: CPU per stored message on the server's write path (SQLite store, group commit,
// background checkpoints), without sockets or JSON. Prints a table and one JSON line.
#include "bench/storebench/storeload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

using namespace craftchat::bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CPU per message on the SQLite store's write path."));
    parser.addHelpOption();
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("Messages measured."),
                                      QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Messages stored before measuring."),
                                    QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption group(QStringLiteral("group"), QStringLiteral("Messages per commit."), QStringLiteral("n"),
                                   QStringLiteral("4"));
    const QCommandLineOption users(QStringLiteral("users"), QStringLiteral("Users (half clients)."),
                                   QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption chats(QStringLiteral("chats"), QStringLiteral("Chats."), QStringLiteral("n"),
                                   QStringLiteral("200"));
    const QCommandLineOption content(QStringLiteral("content-bytes"), QStringLiteral("Message length."),
                                     QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption sequential(QStringLiteral("sequential-client-ids"),
                                        QStringLiteral("clientMessageIds that count up instead of UUIDs."));
    const QCommandLineOption dir(QStringLiteral("dir"), QStringLiteral("Data directory (default: a temporary one)."),
                                 QStringLiteral("path"));
    parser.addOptions({messages, warmup, group, users, chats, content, sequential, dir});
    parser.process(app);

    QTemporaryDir temporary;
    StoreLoadOptions options;
    options.dataDirectory = parser.isSet(dir) ? parser.value(dir) : temporary.path();
    options.messages = parser.value(messages).toInt();
    options.warmupMessages = parser.value(warmup).toInt();
    options.groupSize = std::max(1, parser.value(group).toInt());
    options.users = std::max(2, parser.value(users).toInt());
    options.chats = std::max(1, parser.value(chats).toInt());
    options.contentBytes = std::max(0, parser.value(content).toInt());
    options.randomClientIds = !parser.isSet(sequential);

    StoreLoad load(options);
    if (const craftchat::storage::StoreResult<void> prepared = load.prepare(); !prepared) {
        QTextStream(stderr) << "storebench: " << prepared.errorMessage() << '\n';
        return 1;
    }
    QObject::connect(&load, &StoreLoad::finished, &app, &QCoreApplication::quit);
    load.start();
    app.exec();

    const StoreLoadResult &r = load.result();
    const double n = std::max(1, r.messages);
    QTextStream out(stdout);
    out << QStringLiteral("messages %1 in groups of %2, %3 chats, %4 client ids\n")
               .arg(r.messages)
               .arg(options.groupSize)
               .arg(options.chats)
               .arg(options.randomClientIds ? QStringLiteral("random") : QStringLiteral("sequential"));
    out << QStringLiteral("CPU us per message   %1 (committing thread %2)\n")
               .arg(r.cpuSeconds * 1e6 / n, 0, 'f', 1)
               .arg(r.mainCpuSeconds * 1e6 / n, 0, 'f', 1);
    out << QStringLiteral("messages per second  %1 (one thread committing)\n").arg(n / r.wallSeconds, 0, 'f', 0);
    out << QStringLiteral("failures             %1\n").arg(r.failures);
    const QJsonObject json{{QStringLiteral("messages"), r.messages},
                           {QStringLiteral("group"), options.groupSize},
                           {QStringLiteral("chats"), options.chats},
                           {QStringLiteral("randomClientIds"), options.randomClientIds},
                           {QStringLiteral("cpuUsPerMessage"), r.cpuSeconds * 1e6 / n},
                           {QStringLiteral("mainCpuUsPerMessage"), r.mainCpuSeconds * 1e6 / n},
                           {QStringLiteral("messagesPerSecond"), n / r.wallSeconds},
                           {QStringLiteral("failures"), r.failures},
                           {QStringLiteral("databaseBytes"), r.databaseBytes}};
    out << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
    return r.failures == 0 ? 0 : 2;
}
