// Host mode: runs craftchat::runtime::ChatServer in its own thread, with its data in the
// platform's application-data folder. At the first start it creates the app's own
// administrator account (random password, kept in the data folder, owner-only), so the person
// hosting keeps a normal account. Stopping (or quitting the app) shuts the server down cleanly.
// The server speaks TLS with the app's own certificate (HostCertificate), and the app trusts
// that certificate for its own connection to https://127.0.0.1:<port> by pinning it.
#pragma once

#include "server/runtime/servererror.h"

#include "ui/net/serverhost.h"

#include <QThread>
#include <QUrl>
#include <atomic>

namespace craftchat::runtime {
class ChatServer;
}

namespace craftchat::app {

class EmbeddedServerHost : public ui::ServerHost
{
    Q_OBJECT
public:
    // dataDir "" = <AppDataLocation>/server; port 0 = any free port.
    explicit EmbeddedServerHost(const QString &dataDir = {}, quint16 port = 3001, QObject *parent = nullptr);
    ~EmbeddedServerHost() override;

    bool isAvailable() const override { return true; }
    bool isRunning() const override { return m_running; }
    void start() override;
    void stop() override;
    QUrl localUrl() const override { return m_localUrl; }
    QString dataDirectory() const override { return m_dataDir; }
    std::optional<Administrator> administrator() const override { return m_admin; }
    bool isNew() const override { return m_new; }
    QSslCertificate certificate() const override { return m_certificate; }
    BackupState backupState() const override;
    void backUpNow(const QString &folder) override;
    void restoreFrom(const QString &file) override;

    // Where scheduled backups go unless the user chose another folder (remembered in QSettings).
    static QString defaultBackupFolder();
    static QString backupFolderKey() { return QStringLiteral("host/backupFolder"); }

    static constexpr const char *AdminEmail = "host-admin@craftchat.invalid";

private:
    // In the server thread: reads the administrator's credentials, or makes the account.
    // created: set when the account was made now (a new server).
    static runtime::ServerResult<Administrator> ensureAdministrator(runtime::ChatServer *server, const QString &file,
                                                                    bool *created);
    void onStarted(quint16 port, const QString &scheme);
    QString adminFilePath() const;

    QString m_dataDir;
    quint16 m_port;
    QThread m_thread;
    QObject *m_context = nullptr;            // lives in m_thread
    runtime::ChatServer *m_server = nullptr; // created, used and deleted in m_thread
    QUrl m_localUrl;
    std::optional<Administrator> m_admin;
    QSslCertificate m_certificate; // of the running server (null while stopped)
    std::atomic_bool m_running = false;
    bool m_new = false;
    bool m_starting = false;
};

} // namespace craftchat::app
