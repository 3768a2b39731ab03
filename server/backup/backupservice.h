// BackupService: the server's backups. Runs writeBackup (backupwriter.h) on a thread of its
// own, one at a time, when asked (the admin endpoint, the app's "Back up now") and on a
// schedule: when a folder is configured, a backup is due `interval` after the newest backup
// found in that folder (so a restart does not start the clock again), checked every
// `checkEveryMs`. After each successful backup into the configured folder only the newest
// `keep` backup files there (craftchat-backup-*.tar) are kept; other files are never touched.
//
// Lives on the server's thread; status() and the signals are for that thread.
#pragma once

#include "server/backup/backuperror.h"
#include "server/backup/backupwriter.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

class QThread;
class QTimer;

namespace craftchat::backup {

struct BackupServiceOptions
{
    BackupSource source;
    QString folder; // empty: no schedule, requests need a folder
    std::chrono::seconds interval = std::chrono::hours(24);
    int keep = 7;
    int checkEveryMs = 60'000;
    int firstCheckAfterMs = 60'000; // a start is not slowed down by a backup
};

struct BackupStatus
{
    enum class State {
        Idle,
        Running,
        Succeeded,
        Failed
    };
    State state = State::Idle;
    QString folder;                        // the configured folder (may be empty)
    QString runningFolder;                 // while running: where it goes
    QDateTime startedAt;                   // of the running or last run
    std::optional<BackupInfo> lastSuccess; // this run or the newest file in the folder
    QString lastError;                     // of the last failed run
    QDateTime lastErrorAt;
    QDateTime nextDueAt; // null without a folder
};

QString backupStateName(BackupStatus::State state);

class BackupService : public QObject
{
    Q_OBJECT
public:
    explicit BackupService(const BackupServiceOptions &options, QObject *parent = nullptr);
    // Waits for a running backup to finish (it never leaves a partial file behind).
    ~BackupService() override;

    // Starts the schedule (nothing without a folder).
    void start();

    // Starts a backup into `folder` (empty: the configured one) now. Busy while one runs;
    // NotConfigured without any folder.
    BackupResult<void> backUpNow(const QString &folder = {});

    BackupStatus status() const;
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void backupStarted(const QString &folder);
    void backupFinished(bool ok, const QString &fileOrError);

private:
    void checkSchedule();
    void finished(const BackupResult<BackupInfo> &result, const QString &folder);
    void applyRetention();
    void findNewestInFolder();

    BackupServiceOptions m_options;
    BackupStatus m_status;
    QTimer *m_timer = nullptr;
    QThread *m_thread = nullptr;
};

} // namespace craftchat::backup
