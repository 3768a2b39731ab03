#include "app/embeddedserverhost.h"

#include "app/hostcertificate.h"
#include "common/tls/fingerprint.h"
#include "ui/net/truststore.h"

#include "common/eventloop/openfilelimit.h"
#include "server/backup/backuprestorer.h"
#include "server/backup/backupservice.h"
#include "server/runtime/chatserver.h"
#include "server/runtime/serverconfig.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace craftchat::app {

EmbeddedServerHost::EmbeddedServerHost(const QString &dataDir, quint16 port, QObject *parent)
    : ui::ServerHost(parent)
    , m_dataDir(dataDir.isEmpty()
                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/server")
                    : dataDir)
    , m_port(port)
{
    m_thread.setObjectName(QStringLiteral("craftchat-server"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

EmbeddedServerHost::~EmbeddedServerHost()
{
    stop();
    m_thread.quit();
    m_thread.wait();
}

QString EmbeddedServerHost::adminFilePath() const
{
    return m_dataDir + QStringLiteral("/host-admin.json");
}

runtime::ServerResult<ui::ServerHost::Administrator>
EmbeddedServerHost::ensureAdministrator(runtime::ChatServer *server, const QString &file, bool *created)
{
    *created = false;
    QFile existing(file);
    if (existing.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(existing.read(4096)).object();
        Administrator admin{o.value(QStringLiteral("email")).toString(),
                            o.value(QStringLiteral("password")).toString()};
        if (!admin.email.isEmpty() && !admin.password.isEmpty())
            return admin;
    }
    // 32 random bytes: nobody types this password, the app signs in with it.
    QByteArray secret(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()), secret.size() / 4);
    const Administrator admin{
        QString::fromLatin1(AdminEmail),
        QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))};
    if (const auto made = server->createAdmin(admin.email, admin.password, tr("Server administrator")); !made)
        return made.failure();
    const runtime::ServerFailure cannotWrite{runtime::ServerError::Files, tr("Cannot write %1").arg(file)};
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return cannotWrite;
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(
        QJsonDocument(QJsonObject{{QStringLiteral("email"), admin.email}, {QStringLiteral("password"), admin.password}})
            .toJson(QJsonDocument::Compact));
    if (!out.commit())
        return cannotWrite;
    *created = true;
    return admin;
}

void EmbeddedServerHost::start()
{
    if (m_running || m_starting)
        return;
    m_starting = true;
    // Every client is a socket, and the data directory's files come on top: the same limit as
    // the headless server, not the desktop's default of 1,024 descriptors.
    eventloop::raiseOpenFileLimit();
    QDir().mkpath(m_dataDir);
    runtime::ServerConfig config;
    config.host = QStringLiteral("0.0.0.0"); // reachable from the local network
    config.port = m_port;
    config.dataDir = m_dataDir;
    // Daily backups by default, into the folder the user chose (or Documents/CraftChat backups).
    config.backupFolder = QSettings().value(backupFolderKey(), defaultBackupFolder()).toString();
    config.backupInterval = std::chrono::hours(24);
    QPointer<EmbeddedServerHost> self(this);
    const QString adminFile = adminFilePath();
    QMetaObject::invokeMethod(
        m_context,
        [this, self, config, adminFile]() mutable {
            // In the server thread: the certificate first (made at the first start, a few ms).
            QString error;
            const auto certificate = HostCertificate::ensure(config.dataDir);
            if (!certificate) {
                error = certificate.errorMessage();
                QMetaObject::invokeMethod(
                    self.data(),
                    [this, self, error] {
                        if (!self)
                            return;
                        m_starting = false;
                        emit failed(error);
                    },
                    Qt::QueuedConnection);
                return;
            }
            config.tlsCertificateFile = certificate->certificateFile;
            config.tlsKeyFile = certificate->keyFile;
            const QSslCertificate hostCertificate = certificate->certificate;
            auto *server = new runtime::ChatServer(config);
            runtime::ServerResult<void> started = server->start();
            if (!started && config.port != 0) {
                // The usual port is taken: any free one still works (its address is shown).
                delete server;
                config.port = 0;
                server = new runtime::ChatServer(config);
                started = server->start();
            }
            bool ok = started.ok();
            if (!ok)
                error = started.errorMessage();
            std::optional<Administrator> admin;
            bool fresh = false;
            if (ok) {
                auto ensured = ensureAdministrator(server, adminFile, &fresh);
                if (ensured) {
                    admin = *ensured;
                } else {
                    error = ensured.errorMessage();
                    server->stop();
                    ok = false;
                }
            }
            if (!ok) {
                delete server;
                server = nullptr;
            } else if (backup::BackupService *backups = server->backupService()) {
                QObject::connect(backups, &backup::BackupService::backupFinished, self.data(),
                                 &ServerHost::backupFinished, Qt::QueuedConnection);
            }
            const quint16 port = ok ? server->port() : 0;
            // https once the server serves the certificate (its base URL says which).
            const QString scheme = ok ? QUrl(server->baseUrl()).scheme() : QString();
            QMetaObject::invokeMethod(
                self.data(),
                [this, self, server, ok, port, scheme, error, admin, fresh, hostCertificate] {
                    if (!self)
                        return;
                    m_starting = false;
                    m_server = server;
                    m_admin = admin;
                    m_new = fresh;
                    if (!ok) {
                        emit failed(error);
                        return;
                    }
                    m_certificate = hostCertificate;
                    onStarted(port, scheme);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void EmbeddedServerHost::onStarted(quint16 port, const QString &scheme)
{
    m_running = true;
    const bool secure = scheme == QLatin1String("https");
    m_localUrl = QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(secure ? scheme : QStringLiteral("http")).arg(port));
    // The app's own connection trusts its own certificate, for this port.
    if (secure)
        ui::TrustStore().setPin(m_localUrl.host(), port, tls::sha256Fingerprint(m_certificate));
    else
        m_certificate = QSslCertificate();
    emit started(m_localUrl);
}

void EmbeddedServerHost::stop()
{
    if (!m_server)
        return;
    runtime::ChatServer *server = m_server;
    m_server = nullptr;
    // Stop and delete it in its own thread and wait: quitting must not leave it half-open.
    QMetaObject::invokeMethod(
        m_context,
        [server] {
            server->stop();
            delete server;
        },
        Qt::BlockingQueuedConnection);
    m_running = false;
    m_certificate = QSslCertificate();
    emit stopped();
}

QString EmbeddedServerHost::defaultBackupFolder()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(documents.isEmpty() ? QDir::homePath() : documents).filePath(QStringLiteral("CraftChat backups"));
}

ui::ServerHost::BackupState EmbeddedServerHost::backupState() const
{
    BackupState state;
    state.folder = QSettings().value(backupFolderKey(), defaultBackupFolder()).toString();
    backup::BackupStatus status;
    if (m_server) {
        runtime::ChatServer *server = m_server;
        QMetaObject::invokeMethod(
            m_context,
            [server, &status] {
                if (backup::BackupService *backups = server->backupService())
                    status = backups->status();
            },
            Qt::BlockingQueuedConnection);
    } else {
        // Stopped: what the folder holds.
        backup::BackupServiceOptions options;
        options.folder = state.folder;
        status = backup::BackupService(options).status();
    }
    if (status.lastSuccess) {
        state.lastBackupAt = status.lastSuccess->createdAt;
        state.lastBackupFile = status.lastSuccess->file;
    }
    state.running = status.state == backup::BackupStatus::State::Running;
    state.lastError = status.state == backup::BackupStatus::State::Failed ? status.lastError : QString();
    return state;
}

void EmbeddedServerHost::backUpNow(const QString &folder)
{
    if (!m_server || folder.isEmpty())
        return;
    QSettings().setValue(backupFolderKey(), folder);
    runtime::ChatServer *server = m_server;
    QPointer<EmbeddedServerHost> self(this);
    QMetaObject::invokeMethod(
        m_context,
        [server, folder, self] {
            backup::BackupService *backups = server->backupService();
            const backup::BackupResult<void> started = backups ? backups->backUpNow(folder)
                                                               : backup::BackupResult<void>(backup::BackupFailure{
                                                                   backup::BackupError::NotConfigured, QString()});
            if (!started) {
                const QString error = started.errorMessage();
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, error] {
                        if (self)
                            emit self->backupFinished(false, error);
                    },
                    Qt::QueuedConnection);
            }
        },
        Qt::QueuedConnection);
}

void EmbeddedServerHost::restoreFrom(const QString &file)
{
    if (m_server || m_starting) {
        emit restoreFinished(false, tr("Stop the server before restoring a backup."));
        return;
    }
    const QString dataDir = m_dataDir;
    QPointer<EmbeddedServerHost> self(this);
    // On the server's thread: verifying a large backup takes a while.
    QMetaObject::invokeMethod(
        m_context,
        [dataDir, file, self] {
            QString message;
            bool ok = false;
            const QString aside = dataDir + QStringLiteral(".before-restore-")
                                  + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
            if (QFileInfo::exists(dataDir) && !QDir().rename(dataDir, aside)) {
                message = tr("Cannot move the data folder %1 aside.").arg(dataDir);
            } else {
                const auto restored = backup::restoreBackup(file, backup::RestoreTarget{dataDir});
                if (restored) {
                    ok = true;
                    message = tr("Restored the backup of %1: %2 messages, %3 files. The previous data is kept in %4.")
                                  .arg(QLocale().toString(restored->createdAt.toLocalTime(), QLocale::ShortFormat))
                                  .arg(restored->counts.messages)
                                  .arg(restored->counts.uploads)
                                  .arg(aside);
                } else {
                    QDir(dataDir).removeRecursively();
                    if (QFileInfo::exists(aside))
                        QDir().rename(aside, dataDir);
                    message = tr("The backup was not restored: %1").arg(restored.errorMessage());
                }
            }
            QMetaObject::invokeMethod(
                self.data(),
                [self, ok, message] {
                    if (self)
                        emit self->restoreFinished(ok, message);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace craftchat::app
