// Room membership of one namespace: room -> sockets and socket -> rooms.
//
// Every socket is in the room named after its own id (Socket.IO semantics: emitting to a
// socket id reaches that socket). That room is not stored: a socket only carries a flag, and
// the room's member is found through the namespace's id -> socket map. A stored set per
// socket cost about 0.6 KB (a QSet reserves 48 entries on its first insert) for a room that
// never has another member in practice; the answers below include these rooms all the same.
// The rooms a socket joined are kept in the socket itself (no socket -> rooms hash).
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace craftchat::socketio {

class Socket;
class SocketSet;

class RoomIndex
{
public:
    // sockets: the namespace's id -> socket map, which resolves the own-id rooms.
    explicit RoomIndex(const QHash<QString, Socket *> *sockets)
        : m_sockets(sockets)
    {}

    // Returns false when the socket already was a member.
    bool join(Socket *socket, const QString &room);
    bool leave(Socket *socket, const QString &room);
    void leaveAll(Socket *socket);

    bool contains(const QString &room) const;
    int memberCount(const QString &room) const;
    bool isMember(const Socket *socket, const QString &room) const;
    // The stored members of a named room (null when it has none). An own-id room has no
    // stored set: its member is the socket of that id (see isMember() and select()).
    const QSet<Socket *> *members(const QString &room) const;
    // The socket's own id first, then the rooms it joined, in join order.
    QStringList roomsOf(const Socket *socket) const;
    QStringList roomNames() const;
    int roomCount() const { return int(roomNames().size()); }

    // The sockets in any of `rooms` (all sockets of the namespace when empty is handled by
    // the caller), minus those in any of `except`, each once, in first-seen order.
    QList<Socket *> select(const QStringList &rooms, const QStringList &except) const;

private:
    // The socket whose own-id room `room` is, when it is in it.
    Socket *ownRoomMember(const QString &room) const;
    // Appends the room's members that are neither in `excluded` nor already in `out`.
    void addMembers(const QString &room, SocketSet &out, const SocketSet *excluded) const;

    const QHash<QString, Socket *> *m_sockets;
    QHash<QString, QSet<Socket *>> m_rooms;
};

} // namespace craftchat::socketio
