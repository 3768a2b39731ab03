// A chat server running inside this app ("Host a server on this computer"). The app supplies
// the implementation (app/ embeds the server); the UI only sees this interface.
#pragma once

#include "ui/net/invitation.h"

#include <QDateTime>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <optional>

namespace craftchat::ui {

class ServerHost : public QObject
{
    Q_OBJECT
public:
    // The hosted server's administrator account, which the app makes and keeps for itself:
    // the person hosting signs up as a client or craftsman like everyone else, and the app
    // signs in with this account for what only an administrator may do (the server monitor).
    struct Administrator
    {
        QString email;
        QString password;
    };

    // Backups of the hosted server's data (scheduled daily into backupFolder, and on demand).
    struct BackupState
    {
        QString folder;         // where scheduled backups go
        QDateTime lastBackupAt; // null: none yet (in that folder)
        QString lastBackupFile;
        bool running = false;
        QString lastError; // of the last failed attempt
    };

    explicit ServerHost(QObject *parent = nullptr)
        : QObject(parent)
    {}

    virtual bool isAvailable() const = 0; // false: this build cannot host
    virtual bool isRunning() const = 0;
    virtual void start() = 0;          // started() or failed() follows
    virtual void stop() = 0;           // stopped() follows
    virtual QUrl localUrl() const = 0; // https://127.0.0.1:<port> (http:// without TLS)
    virtual QString dataDirectory() const = 0;
    // True when the running server was created by this start: nobody has an account yet.
    virtual bool isNew() const = 0;
    // Known once the server has started (made at its first start), empty before.
    virtual std::optional<Administrator> administrator() const = 0;
    // The running server's TLS certificate; null without TLS or while stopped.
    virtual QSslCertificate certificate() const { return QSslCertificate(); }

    virtual BackupState backupState() const { return {}; }
    // Writes a backup into `folder` now (running server only); it also becomes the folder of the
    // scheduled backups. backupFinished() follows.
    virtual void backUpNow(const QString &folder) { Q_UNUSED(folder); }
    // Only while stopped: the data folder is moved aside (kept, its new name is reported) and
    // the backup `file` is verified and restored into a new, empty one. restoreFinished()
    // follows; on failure the old data folder is put back.
    virtual void restoreFrom(const QString &file) { Q_UNUSED(file); }

    // Addresses other computers on the network can use, e.g. https://192.168.1.20:3001.
    QStringList networkUrls() const;
    // An invitation to this server (its first network address, else the local one, and the
    // certificate's fingerprint) with `code`; invalid (isValid() false) without TLS.
    Invitation invitation(const QString &code = {}) const;

signals:
    void backupFinished(bool ok, const QString &fileOrError);
    void restoreFinished(bool ok, const QString &message);
    void started(const QUrl &localUrl);
    void stopped();
    void failed(const QString &error);
};

} // namespace craftchat::ui
