// PLACEHOLDER: see chatserver.h. Starts nothing.
#include "runtime/chatserver.h"

namespace craftchat::runtime {

ChatServer::ChatServer(const ServerConfig &config, QObject *parent)
    : QObject(parent), m_config(config)
{
}

ChatServer::~ChatServer()
{
    stop();
}

bool ChatServer::start(QString *error)
{
    if (error)
        *error = tr("not yet implemented");
    return false;
}

void ChatServer::stop()
{
    if (!m_running)
        return;
    m_running = false;
    emit stopped();
}

quint16 ChatServer::port() const
{
    return 0;
}

bool ChatServer::createAdmin(const QString &, const QString &, const QString &, QString *error)
{
    if (error)
        *error = tr("not yet implemented");
    return false;
}

} // namespace craftchat::runtime
