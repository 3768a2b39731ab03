// Room membership of one namespace: room -> sockets and socket -> rooms.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace craftchat::sio {

class Socket;

class RoomIndex
{
public:
    // Returns false when the socket already was a member.
    bool join(Socket *socket, const QString &room);
    bool leave(Socket *socket, const QString &room);
    void leaveAll(Socket *socket);

    bool contains(const QString &room) const { return m_rooms.contains(room); }
    int memberCount(const QString &room) const;
    const QSet<Socket *> *members(const QString &room) const;
    QStringList roomsOf(const Socket *socket) const;
    QStringList roomNames() const { return m_rooms.keys(); }
    int roomCount() const { return int(m_rooms.size()); }

    // The sockets in any of `rooms` (all sockets of the namespace when empty is handled by
    // the caller), minus those in any of `except`, each once.
    QList<Socket *> select(const QStringList &rooms, const QStringList &except) const;

private:
    QHash<QString, QSet<Socket *>> m_rooms;
    // A list per socket, not a set: a socket is in a few rooms, joins are checked against
    // m_rooms, and Qt 6.4's QSet reserves room for 48 entries (1.1 KB) on its first insert.
    QHash<const Socket *, QStringList> m_socketRooms;
};

} // namespace craftchat::sio
