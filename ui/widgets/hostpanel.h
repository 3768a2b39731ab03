// The hosted server's state: its addresses for other computers, its data folder, and
// stop / restart; how others connect safely: the certificate's fingerprint (4 lines of 4
// groups, to read aloud and compare) and an invitation (address + fingerprint, + an invitation
// code when the server's registration is closed) as text with Copy and as a QR code; its backups: the last one and its age (a warning when it is older than
// StaleBackupDays or there is none), "Back up now" (into a folder the user picks, which also
// takes the daily backups) and "Restore..." (a stopped server only, after a confirmation).
#pragma once

#include <QDateTime>
#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace craftchat::ui {

class ApiClient;
class ServerHost;

class HostPanel : public QDialog
{
    Q_OBJECT
public:
    static constexpr int StaleBackupDays = 2;

    explicit HostPanel(ServerHost *host, QWidget *parent = nullptr);

    // The signed-in user's token on the hosted server: needed to create invitations.
    void setAccountToken(const QString &token);

    QLabel *fingerprintLabel() const { return m_fingerprint; }
    QLineEdit *invitationEdit() const { return m_invitation; }
    QLabel *qrLabel() const { return m_qr; }
    QPushButton *copyButton() const { return m_copy; }
    QComboBox *invitationRoleBox() const { return m_role; }
    QPushButton *createInvitationButton() const { return m_createInvitation; }
    QLabel *invitationStateLabel() const { return m_invitationState; }
    QString registrationMode() const { return m_mode; }

    // "Last backup: ... (3 hours ago)" or a warning; for the panel and its tests.
    static QString backupText(const QDateTime &lastBackupAt, const QDateTime &now, bool *stale);

private:
    void refresh();
    void refreshBackup();
    void backUpNow();
    void restore();
    void refreshSecurity();
    void showInvitation(const QString &code);
    void createInvitation();

    QPointer<ServerHost> m_host;
    QLabel *m_state;
    QLabel *m_addresses;
    QPushButton *m_stop;
    QPushButton *m_start;
    QLabel *m_backup;
    QPushButton *m_backUpNow;
    QPushButton *m_restore;
    ApiClient *m_api;
    QWidget *m_security;
    QLabel *m_fingerprint;
    QLineEdit *m_invitation;
    QPushButton *m_copy;
    QLabel *m_qr;
    QComboBox *m_role;
    QPushButton *m_createInvitation;
    QLabel *m_invitationState;
    QString m_mode; // the hosted server's registration mode, "" until known
    QString m_code; // the invitation code shown, "" for none
};

} // namespace craftchat::ui
