#include "app/embeddedserverhost.h"

#include "server/runtime/chatserver.h"
#include "server/runtime/serverconfig.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QStandardPaths>

namespace craftchat::app {

EmbeddedServerHost::EmbeddedServerHost(const QString &dataDir, quint16 port, QObject *parent)
    : ui::ServerHost(parent),
      m_dataDir(dataDir.isEmpty()
                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/server")
                    : dataDir),
      m_port(port)
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

QString EmbeddedServerHost::adminMarkerPath() const { return m_dataDir + QStringLiteral("/.admin-created"); }

bool EmbeddedServerHost::needsAdmin() const { return !QFile::exists(adminMarkerPath()); }

void EmbeddedServerHost::start()
{
    if (m_running || m_starting)
        return;
    m_starting = true;
    QDir().mkpath(m_dataDir);
    runtime::ServerConfig config;
    config.host = QStringLiteral("0.0.0.0"); // reachable from the local network
    config.port = m_port;
    config.dataDir = m_dataDir;
    QPointer<EmbeddedServerHost> self(this);
    QMetaObject::invokeMethod(m_context, [this, self, config]() mutable {
        // In the server thread.
        auto *server = new runtime::ChatServer(config);
        QString error;
        bool ok = server->start(&error);
        if (!ok && config.port != 0) {
            // The usual port is taken: any free one still works (its address is shown).
            delete server;
            config.port = 0;
            server = new runtime::ChatServer(config);
            ok = server->start(&error);
        }
        if (!ok) {
            delete server;
            server = nullptr;
        }
        const quint16 port = ok ? server->port() : 0;
        QMetaObject::invokeMethod(self.data(), [this, self, server, ok, port, error] {
            if (!self)
                return;
            m_starting = false;
            m_server = server;
            if (!ok) {
                emit failed(error);
                return;
            }
            onStarted(port);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void EmbeddedServerHost::onStarted(quint16 port)
{
    m_running = true;
    m_localUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    emit started(m_localUrl);
}

void EmbeddedServerHost::stop()
{
    if (!m_server)
        return;
    runtime::ChatServer *server = m_server;
    m_server = nullptr;
    // Stop and delete it in its own thread and wait: quitting must not leave it half-open.
    QMetaObject::invokeMethod(m_context, [server] {
        server->stop();
        delete server;
    }, Qt::BlockingQueuedConnection);
    m_running = false;
    emit stopped();
}

void EmbeddedServerHost::createAdmin(const QString &fullName, const QString &email,
                                     const QString &password, Done done)
{
    if (!m_server) {
        done(false, tr("The server is not running."));
        return;
    }
    runtime::ChatServer *server = m_server;
    QPointer<EmbeddedServerHost> self(this);
    QMetaObject::invokeMethod(m_context, [this, self, server, fullName, email, password, done] {
        QString error;
        const bool ok = server->createAdmin(email, password, fullName, &error);
        QMetaObject::invokeMethod(self.data(), [this, self, ok, error, done] {
            if (!self)
                return;
            if (ok) {
                QFile marker(adminMarkerPath());
                if (marker.open(QIODevice::WriteOnly))
                    marker.write("1\n");
            }
            done(ok, error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace craftchat::app
