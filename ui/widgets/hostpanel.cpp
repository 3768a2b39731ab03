#include "ui/widgets/hostpanel.h"

#include "ui/net/serverhost.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace craftchat::ui {

HostPanel::HostPanel(ServerHost *host, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_state(new QLabel(this))
    , m_addresses(new QLabel(this))
    , m_stop(new QPushButton(tr("Stop server"), this))
    , m_start(new QPushButton(tr("Start server"), this))
    , m_backup(new QLabel(this))
    , m_backUpNow(new QPushButton(tr("Back up now…"), this))
    , m_restore(new QPushButton(tr("Restore…"), this))
{
    setWindowTitle(tr("Hosted server"));
    m_addresses->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_addresses->setWordWrap(true);
    m_state->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_start);
    row->addWidget(m_stop);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_addresses);
    layout->addLayout(row);
    m_backup->setWordWrap(true);
    m_backup->setObjectName(QStringLiteral("backupState"));
    m_backUpNow->setObjectName(QStringLiteral("backUpNow"));
    m_restore->setObjectName(QStringLiteral("restore"));
    auto *backupRow = new QHBoxLayout;
    backupRow->addWidget(m_backUpNow);
    backupRow->addWidget(m_restore);
    backupRow->addStretch(1);
    layout->addWidget(m_backup);
    layout->addLayout(backupRow);
    layout->addWidget(buttons);
    connect(m_backUpNow, &QPushButton::clicked, this, &HostPanel::backUpNow);
    connect(m_restore, &QPushButton::clicked, this, &HostPanel::restore);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (host) {
        connect(m_stop, &QPushButton::clicked, host, &ServerHost::stop);
        connect(m_start, &QPushButton::clicked, host, &ServerHost::start);
        connect(host, &ServerHost::started, this, &HostPanel::refresh);
        connect(host, &ServerHost::stopped, this, &HostPanel::refresh);
        connect(host, &ServerHost::backupFinished, this, [this](bool ok, const QString &fileOrError) {
            refresh();
            if (!ok)
                QMessageBox::warning(this, tr("Backup"), tr("The backup failed: %1").arg(fileOrError));
        });
        connect(host, &ServerHost::restoreFinished, this, [this](bool ok, const QString &message) {
            refresh();
            if (ok)
                QMessageBox::information(this, tr("Restore"), message);
            else
                QMessageBox::warning(this, tr("Restore"), message);
        });
        connect(host, &ServerHost::failed, this, [this](const QString &error) {
            refresh();
            m_state->setText(tr("The server could not start: %1").arg(error));
        });
    }
    refresh();
    resize(480, 300);
}

QString HostPanel::backupText(const QDateTime &lastBackupAt, const QDateTime &now, bool *stale)
{
    if (!lastBackupAt.isValid()) {
        *stale = true;
        return tr("No backup yet. Back up now to a USB disk or another computer.");
    }
    const qint64 seconds = qMax<qint64>(0, lastBackupAt.secsTo(now));
    const qint64 hours = seconds / 3600;
    const qint64 days = hours / 24;
    const QString age = days >= 1    ? tr("%n day(s) ago", nullptr, int(days))
                        : hours >= 1 ? tr("%n hour(s) ago", nullptr, int(hours))
                                     : tr("less than an hour ago");
    const QString when = QLocale().toString(lastBackupAt.toLocalTime(), QLocale::ShortFormat);
    *stale = days >= StaleBackupDays;
    if (*stale)
        return tr("Warning: the last backup is old (%1, %2). Back up now.").arg(when, age);
    return tr("Last backup: %1 (%2).").arg(when, age);
}

void HostPanel::refreshBackup()
{
    if (!m_host || !m_host->isAvailable()) {
        m_backup->clear();
        m_backUpNow->setEnabled(false);
        m_restore->setEnabled(false);
        return;
    }
    const ServerHost::BackupState state = m_host->backupState();
    bool stale = false;
    QString text = backupText(state.lastBackupAt, QDateTime::currentDateTimeUtc(), &stale);
    if (state.running)
        text = tr("A backup is being written…");
    else if (!state.lastError.isEmpty())
        text += QLatin1Char(' ') + tr("The last attempt failed: %1").arg(state.lastError);
    text += QLatin1Char(' ') + tr("Daily backups go to %1.").arg(state.folder);
    m_backup->setText(text);
    m_backup->setStyleSheet(stale || !state.lastError.isEmpty() ? QStringLiteral("color: #b00020;") : QString());
    m_backUpNow->setEnabled(m_host->isRunning() && !state.running);
    m_restore->setEnabled(!m_host->isRunning());
    m_restore->setToolTip(m_host->isRunning() ? tr("Stop the server to restore a backup.") : QString());
}

void HostPanel::backUpNow()
{
    if (!m_host)
        return;
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Folder for backups"), m_host->backupState().folder);
    if (folder.isEmpty())
        return;
    m_host->backUpNow(folder);
    m_backUpNow->setEnabled(false);
    m_backup->setText(tr("A backup is being written…"));
}

void HostPanel::restore()
{
    if (!m_host || m_host->isRunning())
        return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Restore a backup"), m_host->backupState().folder,
                                                      tr("CraftChat backups (craftchat-backup-*.tar)"));
    if (file.isEmpty())
        return;
    const auto answer = QMessageBox::warning(
        this, tr("Restore a backup"),
        tr("Replace the server's data with the backup %1?\n\nEverything written since that backup is no longer "
           "shown. The current data folder is kept next to it under a new name.")
            .arg(file),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_restore->setEnabled(false);
    m_start->setEnabled(false);
    m_backup->setText(tr("Restoring and verifying the backup…"));
    m_host->restoreFrom(file);
}

void HostPanel::refresh()
{
    refreshBackup();
    const bool running = m_host && m_host->isRunning();
    m_stop->setEnabled(running);
    m_start->setEnabled(m_host && m_host->isAvailable() && !running);
    if (!m_host || !m_host->isAvailable()) {
        m_state->setText(tr("This build of CraftChat cannot host a server."));
        m_addresses->clear();
        return;
    }
    if (!running) {
        m_state->setText(tr("The server is stopped. Data folder: %1").arg(m_host->dataDirectory()));
        m_addresses->clear();
        return;
    }
    m_state->setText(tr("The server is running. Data folder: %1").arg(m_host->dataDirectory()));
    QStringList urls = m_host->networkUrls();
    if (urls.isEmpty())
        urls.append(tr("(no network connection)"));
    m_addresses->setText(tr("Other computers connect to: %1").arg(urls.join(QStringLiteral(", "))));
}

} // namespace craftchat::ui
