// Who is connected: socket id -> user, user id -> socket ids (several tabs or devices).
// Owned by the chat domain; updated on connect and disconnect of the main namespace.
#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace craftchat::chat {

class ConnectionRegistry
{
public:
    struct Entry
    {
        QString userId;
        QString role;
        qint64 connectedAtMs = 0;
    };

    // Records the socket; returns the user's socket count after adding.
    int add(const QString &socketId, const QString &userId, const QString &role, qint64 nowMs);
    // Forgets the socket; returns its user id (empty when unknown).
    QString remove(const QString &socketId);

    const Entry *entry(const QString &socketId) const;
    QString userOf(const QString &socketId) const;
    QSet<QString> socketsOf(const QString &userId) const { return m_userSockets.value(userId); }
    int socketCount(const QString &userId) const;
    bool isOnline(const QString &userId) const { return m_userSockets.contains(userId); }

    int connectionCount() const { return int(m_sockets.size()); }
    int onlineUserCount() const { return int(m_userSockets.size()); }

private:
    QHash<QString, Entry> m_sockets;
    QHash<QString, QSet<QString>> m_userSockets;
};

} // namespace craftchat::chat
