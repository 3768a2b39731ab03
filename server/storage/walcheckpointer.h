// WalCheckpointer: checkpoints an SQLite database's write-ahead log on a thread of its own, so
// that the fsyncs of a checkpoint never stall the thread that commits (the server's event loop).
//
// With synchronous=NORMAL a commit only appends to the WAL (no fsync); the fsyncs happen when
// the WAL is copied back into the database (a checkpoint). The committing connection runs with
// wal_autocheckpoint=0 and this class runs PASSIVE checkpoints on its own connection every
// `intervalMs`. A PASSIVE checkpoint never blocks the writer, but under continuous writes it
// never catches up with the whole log either, and SQLite only starts the WAL over once
// everything is copied back. So when the log has passed `walFrameCap` frames, the checkpointer
// asks for a short pause of the deferrable writes (readyForDeferrableWrite): one pass with no
// commits in between copies the rest, and the writer's next commit starts the WAL over. The
// pause holds messages back in the writer's queue (the event loop keeps running); it happens
// about once per `walFrameCap` frames and lasts one short pass.
//
// The public methods are for the owner's thread only; the worker lives on the internal thread.
#pragma once

#include "server/storage/storeresult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace craftchat::storage {

class CheckpointWorker;

// The defaults, also SqliteOptions' (sqlitechatstore.h says why these values).
inline constexpr int DefaultCheckpointIntervalMs = 200;
inline constexpr int DefaultWalFrameCap = 262144; // 256 MB of log at 1 KB pages

struct WalCheckpointOptions
{
    QString databasePath;
    int intervalMs = DefaultCheckpointIntervalMs; // a PASSIVE pass at most this often (nothing to copy: no I/O)
    int walFrameCap = DefaultWalFrameCap;         // frames (pages) in the log that start a pause-and-reset
    int busyTimeoutMs = 5000;
};

// What the last pass saw (PRAGMA wal_checkpoint's answer).
struct WalCheckpointStats
{
    qint64 passes = 0;          // checkpoints run so far
    qint64 drains = 0;          // pause-and-reset rounds completed
    int logFrames = 0;          // frames in the log at the last pass
    int checkpointedFrames = 0; // of which copied into the database
    bool ok = true;             // false when the last pass failed (logged)
    qint64 longestPauseMs = 0;  // longest wait of deferrable writes for a drain
    qint64 totalPauseMs = 0;
};

class WalCheckpointer : public QObject
{
    Q_OBJECT
public:
    explicit WalCheckpointer(const WalCheckpointOptions &options, QObject *parent = nullptr);
    // Stops the thread after its current pass and closes its connection.
    ~WalCheckpointer() override;

    // Starts the thread and opens its connection, or says why it cannot (StoreError::Database).
    StoreResult<void> start();

    // Deferrable writes call this first: true when they may write now; false when a reset of
    // the log is under way, and `resume` is called on this thread once they may write again.
    bool readyForDeferrableWrite(std::function<void()> resume);

    // Runs one PASSIVE pass now on the checkpointer's thread and waits for it (tests, tools).
    WalCheckpointStats checkpointNow();
    WalCheckpointStats stats() const;

private:
    void finishDrain();

    WalCheckpointOptions m_options;
    QThread *m_thread = nullptr;
    CheckpointWorker *m_worker = nullptr; // lives on m_thread
    std::vector<std::function<void()>> m_waiting;
    bool m_draining = false;
    QElapsedTimer m_pause; // since the current drain was asked for
    qint64 m_longestPauseMs = 0;
    qint64 m_totalPauseMs = 0;
};

} // namespace craftchat::storage
