#include "bench/storebench/storeload.h"

#include "bench/common/processclock.h"

#include <QFileInfo>
#include <QUuid>

namespace craftchat::bench {

StoreLoad::StoreLoad(StoreLoadOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_filler(m_options.contentBytes, QLatin1Char('x'))
{}

StoreLoad::~StoreLoad() = default;

storage::StoreResult<void> StoreLoad::prepare()
{
    storage::SqliteOptions options;
    options.dataDirectory = m_options.dataDirectory;
    options.backgroundCheckpoints = true; // as the server runs it
    auto opened = storage::SqliteChatStore::open(options);
    if (!opened)
        return opened.failure();
    m_store = std::move(opened).value();

    const int clients = std::max(1, m_options.users / 2);
    const int craftsmen = std::max(1, m_options.users - clients);
    QStringList clientIds, craftsmanIds;
    for (int i = 0; i < clients + craftsmen; ++i) {
        const bool client = i < clients;
        auto user = m_store->createUser(
            storage::NewUser{QStringLiteral("User %1").arg(i), QStringLiteral("user%1@bench.example").arg(i),
                             client ? QStringLiteral("client") : QStringLiteral("craftsman"),
                             QStringLiteral("not-a-hash"), std::nullopt});
        if (!user)
            return user.failure();
        (client ? clientIds : craftsmanIds).append(user->profile.id);
    }
    // Chat k: client k mod clients with craftsman (k + k / clients) mod craftsmen: distinct
    // pairs for up to clients * craftsmen chats.
    for (int k = 0; k < m_options.chats; ++k) {
        const QString &client = clientIds.at(k % clients);
        const QString &craftsman = craftsmanIds.at((k + k / clients) % craftsmen);
        auto chat = m_store->createChat(storage::NewChat{client, craftsman, std::nullopt, std::nullopt});
        if (!chat)
            return chat.failure();
        m_chats.push_back(Chat{chat->chat.id, client, craftsman});
    }
    return {};
}

void StoreLoad::start()
{
    if (m_options.warmupMessages <= 0)
        beginMeasuring();
    QMetaObject::invokeMethod(this, &StoreLoad::step, Qt::QueuedConnection);
}

void StoreLoad::beginMeasuring()
{
    m_measuring = true;
    m_sent = 0;
    m_cpuStart = cpuSeconds(RUSAGE_SELF);
    m_mainCpuStart = cpuSeconds(RUSAGE_THREAD);
    m_wallStart = wallSeconds();
}

QList<storage::NewMessage> StoreLoad::nextGroup()
{
    QList<storage::NewMessage> group;
    group.reserve(m_options.groupSize);
    for (int i = 0; i < m_options.groupSize; ++i) {
        const Chat &chat = m_chats[m_random.bounded(quint32(m_chats.size()))];
        const QString &sender = m_random.bounded(2) ? chat.client : chat.craftsman;
        const int n = m_sent + i;
        const QString clientId = m_options.randomClientIds ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                                           : QStringLiteral("bench-%1").arg(n);
        group.append(storage::NewMessage{chat.id, sender, QStringLiteral("text"),
                                         QStringLiteral("message %1 ").arg(n) + m_filler, clientId, std::nullopt});
    }
    return group;
}

void StoreLoad::step()
{
    const int target = m_measuring ? m_options.messages : m_options.warmupMessages;
    if (m_sent >= target) {
        if (!m_measuring) {
            beginMeasuring();
        } else {
            m_result.messages = m_sent;
            m_result.cpuSeconds = cpuSeconds(RUSAGE_SELF) - m_cpuStart;
            m_result.mainCpuSeconds = cpuSeconds(RUSAGE_THREAD) - m_mainCpuStart;
            m_result.wallSeconds = wallSeconds() - m_wallStart;
            m_result.databaseBytes = QFileInfo(m_store->databasePath()).size();
            emit finished();
            return;
        }
    }
    // The log may be starting over: the store calls back when the group may go in.
    if (!m_store->readyForDeferrableWrite([this] { step(); }))
        return;
    const auto results = m_store->insertMessages(nextGroup());
    for (const auto &r : results) {
        if (!r || r->duplicate)
            ++m_result.failures;
    }
    m_sent += int(results.size());
    QMetaObject::invokeMethod(this, &StoreLoad::step, Qt::QueuedConnection);
}

} // namespace craftchat::bench
