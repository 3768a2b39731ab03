#include "server/backup/backupservice.h"

#include "server/logging/logcategories.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace craftchat::backup {

QString backupErrorName(BackupError error)
{
    switch (error) {
    case BackupError::None:
        return QStringLiteral("None");
    case BackupError::Io:
        return QStringLiteral("Io");
    case BackupError::Database:
        return QStringLiteral("Database");
    case BackupError::Invalid:
        return QStringLiteral("Invalid");
    case BackupError::NotEmpty:
        return QStringLiteral("NotEmpty");
    case BackupError::Busy:
        return QStringLiteral("Busy");
    case BackupError::NotConfigured:
        return QStringLiteral("NotConfigured");
    }
    return QStringLiteral("Unknown");
}

QString backupStateName(BackupStatus::State state)
{
    switch (state) {
    case BackupStatus::State::Idle:
        return QStringLiteral("idle");
    case BackupStatus::State::Running:
        return QStringLiteral("running");
    case BackupStatus::State::Succeeded:
        return QStringLiteral("succeeded");
    case BackupStatus::State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("idle");
}

BackupService::BackupService(const BackupServiceOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_status.folder = options.folder;
    findNewestInFolder();
}

BackupService::~BackupService()
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void BackupService::start()
{
    if (m_options.folder.isEmpty() || m_timer)
        return;
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &BackupService::checkSchedule);
    m_timer->start(m_options.checkEveryMs);
    QTimer::singleShot(m_options.firstCheckAfterMs, this, &BackupService::checkSchedule);
}

void BackupService::findNewestInFolder()
{
    if (m_options.folder.isEmpty())
        return;
    QStringList names = QDir(m_options.folder).entryList(QDir::Files, QDir::Name);
    names.erase(std::remove_if(names.begin(), names.end(), [](const QString &n) { return !isBackupFileName(n); }),
                names.end());
    if (!names.isEmpty()) {
        const QFileInfo newest(QDir(m_options.folder).filePath(names.constLast()));
        BackupInfo info;
        info.file = newest.absoluteFilePath();
        info.sizeBytes = newest.size();
        info.createdAt = newest.lastModified().toUTC();
        if (!m_status.lastSuccess || m_status.lastSuccess->createdAt < info.createdAt)
            m_status.lastSuccess = info;
    }
    const QDateTime base = m_status.lastSuccess ? m_status.lastSuccess->createdAt : QDateTime::currentDateTimeUtc();
    m_status.nextDueAt = m_status.lastSuccess ? base.addSecs(m_options.interval.count()) : base;
}

void BackupService::checkSchedule()
{
    if (m_options.folder.isEmpty() || m_thread)
        return;
    if (m_status.nextDueAt.isValid() && QDateTime::currentDateTimeUtc() < m_status.nextDueAt)
        return;
    if (BackupResult<void> started = backUpNow(); !started)
        qCWarning(logging::lcServer).noquote() << "scheduled backup not started:" << started.errorMessage();
}

BackupResult<void> BackupService::backUpNow(const QString &folder)
{
    if (m_thread)
        return BackupFailure{BackupError::Busy, QStringLiteral("a backup is already running")};
    const QString target = folder.isEmpty() ? m_options.folder : folder;
    if (target.isEmpty())
        return BackupFailure{BackupError::NotConfigured,
                             QStringLiteral("no backup folder is configured (--backup-folder)")};
    m_status.state = BackupStatus::State::Running;
    m_status.runningFolder = target;
    m_status.startedAt = QDateTime::currentDateTimeUtc();
    const BackupSource source = m_options.source;
    m_thread = QThread::create([this, source, target] {
        BackupResult<BackupInfo> result = writeBackup(source, target);
        QMetaObject::invokeMethod(
            this, [this, result, target] { finished(result, target); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("backup"));
    m_thread->start(QThread::LowPriority);
    qCInfo(logging::lcServer).noquote() << "backup started into" << target;
    emit backupStarted(target);
    return {};
}

void BackupService::finished(const BackupResult<BackupInfo> &result, const QString &folder)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_status.runningFolder.clear();
    if (result) {
        m_status.state = BackupStatus::State::Succeeded;
        m_status.lastSuccess = *result;
        qCInfo(logging::lcServer).noquote()
            << QStringLiteral("backup written: %1 (%2 bytes, %3 messages, %4 uploads, %5 ms)")
                   .arg(result->file)
                   .arg(result->sizeBytes)
                   .arg(result->counts.messages)
                   .arg(result->counts.uploads)
                   .arg(result->durationMs);
        if (!result->missingUploads.isEmpty())
            qCWarning(logging::lcServer).noquote() << "uploads named by the database but missing on disk:"
                                                   << result->missingUploads.join(QStringLiteral(", "));
        if (!m_options.folder.isEmpty() && QDir(folder) == QDir(m_options.folder))
            applyRetention();
    } else {
        m_status.state = BackupStatus::State::Failed;
        m_status.lastError = result.errorMessage();
        m_status.lastErrorAt = QDateTime::currentDateTimeUtc();
        qCWarning(logging::lcServer).noquote() << "backup failed:" << result.errorMessage();
    }
    if (!m_options.folder.isEmpty()) {
        // After a failure: try again at the next check, at most once an hour.
        m_status.nextDueAt
            = result ? m_status.lastSuccess->createdAt.addSecs(m_options.interval.count())
                     : QDateTime::currentDateTimeUtc().addSecs(std::min<qint64>(3600, m_options.interval.count()));
    }
    emit backupFinished(bool(result), result ? result->file : result.errorMessage());
}

void BackupService::applyRetention()
{
    const QDir dir(m_options.folder);
    QStringList names = dir.entryList(QDir::Files, QDir::Name);
    names.erase(std::remove_if(names.begin(), names.end(), [](const QString &n) { return !isBackupFileName(n); }),
                names.end());
    while (names.size() > m_options.keep) {
        const QString oldest = names.takeFirst();
        if (QFile::remove(dir.filePath(oldest)))
            qCInfo(logging::lcServer).noquote() << "old backup deleted:" << dir.filePath(oldest);
        else
            qCWarning(logging::lcServer).noquote() << "cannot delete the old backup" << dir.filePath(oldest);
    }
}

BackupStatus BackupService::status() const
{
    return m_status;
}

} // namespace craftchat::backup
