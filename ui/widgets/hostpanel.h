// The hosted server's state: its addresses for other computers, its data folder, and
// stop / restart; its backups: the last one and its age (a warning when it is older than
// StaleBackupDays or there is none), "Back up now" (into a folder the user picks, which also
// takes the daily backups) and "Restore..." (a stopped server only, after a confirmation).
#pragma once

#include <QDateTime>
#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;

namespace craftchat::ui {

class ServerHost;

class HostPanel : public QDialog
{
    Q_OBJECT
public:
    static constexpr int StaleBackupDays = 2;

    explicit HostPanel(ServerHost *host, QWidget *parent = nullptr);

    // "Last backup: ... (3 hours ago)" or a warning; for the panel and its tests.
    static QString backupText(const QDateTime &lastBackupAt, const QDateTime &now, bool *stale);

private:
    void refresh();
    void refreshBackup();
    void backUpNow();
    void restore();

    QPointer<ServerHost> m_host;
    QLabel *m_state;
    QLabel *m_addresses;
    QPushButton *m_stop;
    QPushButton *m_start;
    QLabel *m_backup;
    QPushButton *m_backUpNow;
    QPushButton *m_restore;
};

} // namespace craftchat::ui
