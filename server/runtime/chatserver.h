// ChatServer: the whole server of the contract on one port, composed from a ServerConfig
// (HTTP front end, Engine.IO, Socket.IO with the chat handlers, the HTTP API, SQLite storage,
// JWT and password hashing). craftchat-server, the desktop app's host mode and integration
// tests start one of these.
//
// PLACEHOLDER written by the identity engineer so that main.cpp builds: start() refuses with
// "not yet implemented". The chat engineer replaces this file and chatserver.cpp, keeping
// the public API below.
#pragma once

#include "runtime/serverconfig.h"

#include <QObject>
#include <QString>

namespace craftchat::runtime {

class ChatServer : public QObject
{
    Q_OBJECT
public:
    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

    const ServerConfig &config() const { return m_config; }

    // Opens the data directory (database, uploads, JWT secret) and starts listening.
    // False with a human-readable *error when anything fails (nothing keeps running then).
    bool start(QString *error = nullptr);
    // Stops accepting, disconnects every socket, closes the database. Safe to call twice.
    void stop();
    bool isRunning() const { return m_running; }
    // The port actually listened on (useful with port 0); 0 when not running.
    quint16 port() const;
    QString baseUrl() const { return m_config.baseUrl(port()); }

    // Creates (or resets the password of) an admin in the configured data directory. Works
    // with or without start().
    bool createAdmin(const QString &email, const QString &password, const QString &fullName,
                     QString *error = nullptr);

signals:
    void started(quint16 port);
    void stopped();

private:
    ServerConfig m_config;
    bool m_running = false;
};

} // namespace craftchat::runtime
