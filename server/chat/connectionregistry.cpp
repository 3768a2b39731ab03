#include "server/chat/connectionregistry.h"

#include "common/contract/contract.h"

namespace craftchat::chat {

namespace {

// One string per role for the whole registry.
QString sharedRole(const QString &role)
{
    for (const QString *known : {&contract::RoleClient, &contract::RoleCraftsman, &contract::RoleAdmin})
        if (role == *known)
            return *known;
    return role;
}

} // namespace

int ConnectionRegistry::add(const QString &socketId, const QString &userId, const QString &role, qint64 nowMs,
                            quint64 tokenTag)
{
    const auto previous = m_sockets.constFind(socketId);
    if (previous != m_sockets.cend() && previous->userId != userId)
        remove(socketId);
    auto mine = m_userSockets.find(userId);
    if (mine == m_userSockets.end())
        mine = m_userSockets.insert(userId, {});
    if (!mine->contains(socketId))
        mine->append(socketId);
    m_sockets.insert(socketId, Entry{mine.key(), sharedRole(role), nowMs, tokenTag});
    return int(mine->size());
}

QString ConnectionRegistry::remove(const QString &socketId)
{
    const auto it = m_sockets.find(socketId);
    if (it == m_sockets.end())
        return {};
    const QString userId = it->userId;
    m_sockets.erase(it);
    const auto mine = m_userSockets.find(userId);
    if (mine != m_userSockets.end()) {
        mine->removeOne(socketId);
        if (mine->isEmpty())
            m_userSockets.erase(mine);
    }
    return userId;
}

const ConnectionRegistry::Entry *ConnectionRegistry::entry(const QString &socketId) const
{
    const auto it = m_sockets.constFind(socketId);
    return it == m_sockets.cend() ? nullptr : &*it;
}

QString ConnectionRegistry::userOf(const QString &socketId) const
{
    const Entry *e = entry(socketId);
    return e ? e->userId : QString();
}

QSet<QString> ConnectionRegistry::socketsOf(const QString &userId) const
{
    const auto it = m_userSockets.constFind(userId);
    return it == m_userSockets.cend() ? QSet<QString>() : QSet<QString>(it->cbegin(), it->cend());
}

int ConnectionRegistry::socketCount(const QString &userId) const
{
    const auto it = m_userSockets.constFind(userId);
    return it == m_userSockets.cend() ? 0 : int(it->size());
}

} // namespace craftchat::chat
