// Drives SqliteChatStore the way the chat service does under load: groups of messages, each
// group one insertMessages() call, the next group only when the store is ready for it (the
// write-ahead log may ask for a pause). Measures the process's CPU time over the whole run.
#pragma once

#include "server/storage/sqlitechatstore.h"

#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace craftchat::bench {

struct StoreLoadOptions
{
    QString dataDirectory;
    int users = 200; // half clients, half craftsmen
    int chats = 200;
    int messages = 100000;
    int groupSize = 4; // messages per insertMessages() call (the group commit)
    int contentBytes = 200;
    bool randomClientIds = true; // UUIDs, as most clients make them; else "<prefix><n>"
    int warmupMessages = 20000;  // stored before the measured part
};

struct StoreLoadResult
{
    int messages = 0;
    double cpuSeconds = 0;     // the whole process: committing thread and checkpointer
    double mainCpuSeconds = 0; // the committing thread alone
    double wallSeconds = 0;
    int failures = 0;
    qint64 databaseBytes = 0;
};

class StoreLoad : public QObject
{
    Q_OBJECT
public:
    explicit StoreLoad(StoreLoadOptions options, QObject *parent = nullptr);
    ~StoreLoad() override;

    // Opens the store and creates the users and chats, or says what failed.
    storage::StoreResult<void> prepare();
    void start();
    const StoreLoadResult &result() const { return m_result; }

signals:
    void finished();

private:
    void step();
    QList<storage::NewMessage> nextGroup();
    void beginMeasuring();

    StoreLoadOptions m_options;
    std::unique_ptr<storage::SqliteChatStore> m_store;
    struct Chat
    {
        QString id;
        QString client;
        QString craftsman;
    };
    std::vector<Chat> m_chats;
    QRandomGenerator m_random{20261126};
    QString m_filler;
    int m_sent = 0;
    bool m_measuring = false;
    double m_cpuStart = 0, m_mainCpuStart = 0, m_wallStart = 0;
    StoreLoadResult m_result;
};

} // namespace craftchat::bench
