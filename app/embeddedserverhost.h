// Host mode: runs craftchat::runtime::ChatServer in its own thread, with its data in the
// platform's application-data folder. Stopping (or quitting the app) shuts it down cleanly.
#pragma once

#include "ui/net/serverhost.h"

#include <QThread>
#include <QUrl>
#include <atomic>

namespace craftchat::runtime { class ChatServer; }

namespace craftchat::app {

class EmbeddedServerHost : public ui::ServerHost
{
    Q_OBJECT
public:
    // dataDir "" = <AppDataLocation>/server; port 0 = any free port.
    explicit EmbeddedServerHost(const QString &dataDir = {}, quint16 port = 3001,
                                QObject *parent = nullptr);
    ~EmbeddedServerHost() override;

    bool isAvailable() const override { return true; }
    bool isRunning() const override { return m_running; }
    void start() override;
    void stop() override;
    QUrl localUrl() const override { return m_localUrl; }
    QString dataDirectory() const override { return m_dataDir; }
    bool needsAdmin() const override;
    void createAdmin(const QString &fullName, const QString &email, const QString &password,
                     Done done) override;

private:
    void onStarted(quint16 port);
    QString adminMarkerPath() const;

    QString m_dataDir;
    quint16 m_port;
    QThread m_thread;
    QObject *m_context = nullptr;              // lives in m_thread
    runtime::ChatServer *m_server = nullptr;   // created, used and deleted in m_thread
    QUrl m_localUrl;
    std::atomic_bool m_running = false;
    bool m_starting = false;
};

} // namespace craftchat::app
