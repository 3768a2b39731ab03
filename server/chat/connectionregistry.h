// Who is connected: socket id -> user, user id -> socket ids (several tabs or devices).
// Owned by the chat domain; updated on connect and disconnect of the main namespace.
//
// Memory per socket matters here (20,000 sockets): a user's sockets are a short list, not a
// QSet (Qt 6.4 reserves 48 entries, about 1.3 KB, on a set's first insert), and an entry's
// user id and role share the strings the registry already holds instead of keeping a copy
// per socket.
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
        quint64 tokenTag = 0; // TokenVerifier::tokenTag of the token it connected with
    };

    // Records the socket; returns the user's socket count after adding.
    int add(const QString &socketId, const QString &userId, const QString &role, qint64 nowMs, quint64 tokenTag = 0);
    // Forgets the socket; returns its user id (empty when unknown).
    QString remove(const QString &socketId);

    const Entry *entry(const QString &socketId) const;
    QString userOf(const QString &socketId) const;
    QSet<QString> socketsOf(const QString &userId) const;
    int socketCount(const QString &userId) const;
    bool isOnline(const QString &userId) const { return m_userSockets.contains(userId); }

    int connectionCount() const { return int(m_sockets.size()); }
    int onlineUserCount() const { return int(m_userSockets.size()); }

private:
    QHash<QString, Entry> m_sockets;
    QHash<QString, QStringList> m_userSockets; // distinct socket ids, in connect order
};

} // namespace craftchat::chat
