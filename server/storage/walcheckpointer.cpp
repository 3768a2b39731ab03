#include "server/storage/walcheckpointer.h"

#include "server/logging/logcategories.h"

#include <QAtomicInteger>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace craftchat::storage {

// Lives on the checkpointer's thread: its own connection, a timer and the passes.
class CheckpointWorker : public QObject
{
public:
    explicit CheckpointWorker(const WalCheckpointOptions &options)
        : m_options(options)
    {}

    StoreResult<void> open()
    {
        static QAtomicInteger<quint64> instances;
        m_connectionName = QStringLiteral("craftchat-checkpointer-%1").arg(instances.fetchAndAddRelaxed(1));
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(m_options.databasePath);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_options.busyTimeoutMs));
        if (!m_db.open())
            return StoreFailure{StoreError::Database, QStringLiteral("cannot open the checkpointer's connection: ")
                                                          + m_db.lastError().text()};
        // synchronous is per connection: the checkpoint syncs the WAL before copying it back and
        // the database afterwards, as the committing connection's own checkpoints did.
        QSqlQuery pragma(m_db);
        if (!pragma.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
            return StoreFailure{StoreError::Database, QStringLiteral("checkpointer: ") + pragma.lastError().text()};
        pragma.finish();
        m_checkpoint = QSqlQuery(m_db);
        m_checkpoint.setForwardOnly(true);
        if (!m_checkpoint.prepare(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
            return StoreFailure{StoreError::Database,
                                QStringLiteral("checkpointer: ") + m_checkpoint.lastError().text()};
        m_timer = new QTimer(this);
        m_timer->setInterval(m_options.intervalMs);
        QObject::connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer->start();
        return {};
    }

    void close()
    {
        if (m_timer)
            m_timer->stop();
        m_checkpoint = QSqlQuery();
        if (m_db.isValid())
            m_db.close();
        m_db = QSqlDatabase();
        if (!m_connectionName.isEmpty())
            QSqlDatabase::removeDatabase(m_connectionName);
    }

    // One PASSIVE checkpoint: copies what it can without waiting for anyone.
    WalCheckpointStats pass()
    {
        WalCheckpointStats s = stats();
        ++s.passes;
        if (m_checkpoint.exec() && m_checkpoint.next()) {
            s.ok = true;
            s.logFrames = m_checkpoint.value(1).toInt();
            s.checkpointedFrames = m_checkpoint.value(2).toInt();
        } else {
            s.ok = false;
            qCWarning(logging::lcDb).noquote() << "WAL checkpoint failed:" << m_checkpoint.lastError().text();
        }
        m_checkpoint.finish();
        QMutexLocker lock(&m_statsMutex);
        m_stats = s;
        return s;
    }

    void drain()
    {
        pass();
        QMutexLocker lock(&m_statsMutex);
        ++m_stats.drains;
    }

    WalCheckpointStats stats() const
    {
        QMutexLocker lock(&m_statsMutex);
        return m_stats;
    }

    // Set on this thread, read and cleared on the owner's.
    QAtomicInt drainWanted;

private:
    void tick()
    {
        const WalCheckpointStats s = pass();
        // The answer describes the log as the pass found it, all copied when no reader held it
        // back; but the writer has usually appended more meanwhile, so a long log is only
        // known to start over after a pass during which nothing was committed (a drain).
        if (s.ok && s.logFrames >= m_options.walFrameCap) {
            // Writers wait for the whole drain pass, which copies what arrived since the last
            // one. This pass copied a full interval's worth; one more straight away, while
            // they still write, leaves the drain only what arrives during it, which shortens
            // the writers' longest wait (docs/PERFORMANCE.md).
            pass();
            drainWanted.storeRelease(1);
        }
    }

    WalCheckpointOptions m_options;
    QString m_connectionName;
    QSqlDatabase m_db;
    QSqlQuery m_checkpoint;
    QTimer *m_timer = nullptr;
    mutable QMutex m_statsMutex;
    WalCheckpointStats m_stats;
};

WalCheckpointer::WalCheckpointer(const WalCheckpointOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{}

WalCheckpointer::~WalCheckpointer()
{
    if (!m_thread)
        return;
    const WalCheckpointStats s = stats();
    qCInfo(logging::lcDb).noquote() << QStringLiteral("WAL checkpoints: %1 passes, %2 drains, writes waited %3 ms "
                                                      "in all, at most %4 ms")
                                           .arg(s.passes)
                                           .arg(s.drains)
                                           .arg(s.totalPauseMs)
                                           .arg(s.longestPauseMs);
    if (m_thread->isRunning() && m_worker)
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker] { w->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker; // its thread has finished: no event of it is being processed
    delete m_thread;
}

StoreResult<void> WalCheckpointer::start()
{
    if (m_thread)
        return {};
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("wal-checkpointer"));
    m_worker = new CheckpointWorker(m_options);
    m_worker->moveToThread(m_thread);
    // Normal priority on purpose. With IdlePriority (SCHED_IDLE) any busy process on the
    // core starved the passes, and a drain then kept messages waiting for over 100 ms; an
    // unprivileged thread cannot leave SCHED_IDLE again just for the drain. The scheduler
    // lets the waking event loop preempt a pass anyway (it sleeps far more than the pass).
    m_thread->start();
    StoreResult<void> opened;
    QMetaObject::invokeMethod(
        m_worker, [&] { opened = m_worker->open(); }, Qt::BlockingQueuedConnection);
    return opened;
}

bool WalCheckpointer::readyForDeferrableWrite(std::function<void()> resume)
{
    if (!m_worker || !m_worker->drainWanted.loadAcquire())
        return true;
    m_waiting.push_back(std::move(resume));
    if (!m_draining) {
        // From here on no deferrable write starts until finishDrain, so the pass below copies
        // the whole log unless something else writes meanwhile (then a later round retries).
        m_draining = true;
        m_pause.start();
        // `this` outlives the worker's lambdas: the destructor stops the thread first, and a
        // queued call to a deleted object is dropped with it.
        QMetaObject::invokeMethod(
            m_worker,
            [this, w = m_worker] {
                w->drain();
                QMetaObject::invokeMethod(
                    this, [this] { finishDrain(); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }
    return false;
}

void WalCheckpointer::finishDrain()
{
    m_worker->drainWanted.storeRelease(0);
    m_draining = false;
    const qint64 pausedMs = m_pause.elapsed();
    m_longestPauseMs = std::max(m_longestPauseMs, pausedMs);
    m_totalPauseMs += pausedMs;
    qCDebug(logging::lcDb) << "WAL drained: deferrable writes waited" << pausedMs << "ms";
    std::vector<std::function<void()>> waiting;
    waiting.swap(m_waiting);
    for (const auto &resume : waiting)
        resume();
}

WalCheckpointStats WalCheckpointer::checkpointNow()
{
    WalCheckpointStats s;
    if (!m_worker)
        return s;
    QMetaObject::invokeMethod(
        m_worker, [&] { s = m_worker->pass(); }, Qt::BlockingQueuedConnection);
    return s;
}

WalCheckpointStats WalCheckpointer::stats() const
{
    WalCheckpointStats s = m_worker ? m_worker->stats() : WalCheckpointStats{};
    s.longestPauseMs = m_longestPauseMs;
    s.totalPauseMs = m_totalPauseMs;
    return s;
}

} // namespace craftchat::storage
