#include "server/socketio/roomindex.h"

// Socket must be complete here: QSet<Socket *> hashes a pointer to a complete QObject
// subclass differently from a pointer to an incomplete type, and the set's template code is
// also instantiated (and merged by the linker) in files that see the full Socket class.
#include "server/socketio/socket.h"
#include "server/socketio/socketset.h"

namespace craftchat::socketio {

Socket *RoomIndex::ownRoomMember(const QString &room) const
{
    // Socket ids have a fixed length: other room names ("chat:...") need no look-up.
    if (room.size() != Socket::IdLength || !m_sockets)
        return nullptr;
    Socket *owner = m_sockets->value(room);
    return owner && owner->m_inOwnRoom ? owner : nullptr;
}

bool RoomIndex::join(Socket *socket, const QString &room)
{
    if (room == socket->id()) {
        if (socket->m_inOwnRoom)
            return false;
        socket->m_inOwnRoom = true;
        return true;
    }
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        it = m_rooms.insert(room, {});
    else if (it->contains(socket))
        return false;
    it->insert(socket);
    // The name as the index holds it: one string per room, not one per member.
    socket->m_joinedRooms.append(it.key());
    return true;
}

bool RoomIndex::leave(Socket *socket, const QString &room)
{
    if (room == socket->id()) {
        const bool was = socket->m_inOwnRoom;
        socket->m_inOwnRoom = false;
        return was;
    }
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !it->remove(socket))
        return false;
    // Before the erase below: `room` may refer to a string the index holds.
    socket->m_joinedRooms.removeOne(room);
    if (socket->m_joinedRooms.isEmpty())
        socket->m_joinedRooms = QStringList(); // frees the list's block
    if (it->isEmpty())
        m_rooms.erase(it);
    return true;
}

void RoomIndex::leaveAll(Socket *socket)
{
    socket->m_inOwnRoom = false;
    const QStringList rooms = std::exchange(socket->m_joinedRooms, QStringList());
    for (const QString &room : rooms) {
        auto it = m_rooms.find(room);
        if (it == m_rooms.end())
            continue;
        it->remove(socket);
        if (it->isEmpty())
            m_rooms.erase(it);
    }
}

bool RoomIndex::contains(const QString &room) const
{
    return m_rooms.contains(room) || ownRoomMember(room);
}

int RoomIndex::memberCount(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    const int stored = it == m_rooms.constEnd() ? 0 : int(it->size());
    return stored + (ownRoomMember(room) ? 1 : 0);
}

bool RoomIndex::isMember(const Socket *socket, const QString &room) const
{
    if (room == socket->id())
        return socket->m_inOwnRoom;
    const auto it = m_rooms.constFind(room);
    return it != m_rooms.constEnd() && it->contains(const_cast<Socket *>(socket));
}

const QSet<Socket *> *RoomIndex::members(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? nullptr : &it.value();
}

QStringList RoomIndex::roomsOf(const Socket *socket) const
{
    if (!socket->m_inOwnRoom)
        return socket->m_joinedRooms;
    QStringList rooms;
    rooms.reserve(socket->m_joinedRooms.size() + 1);
    rooms.append(socket->id());
    rooms.append(socket->m_joinedRooms);
    return rooms;
}

QStringList RoomIndex::roomNames() const
{
    QStringList names = m_rooms.keys();
    if (m_sockets) {
        for (auto it = m_sockets->cbegin(); it != m_sockets->cend(); ++it) {
            if (it.value()->m_inOwnRoom && !m_rooms.contains(it.key()))
                names.append(it.key());
        }
    }
    return names;
}

void RoomIndex::addMembers(const QString &room, SocketSet &out, const SocketSet *excluded) const
{
    // A room's members are distinct: duplicates can only come from an earlier room.
    const bool dedupe = !out.isEmpty();
    const auto add = [&](Socket *socket) {
        if ((!excluded || !excluded->contains(socket)) && (!dedupe || !out.contains(socket)))
            out.add(socket);
    };
    if (Socket *owner = ownRoomMember(room))
        add(owner);
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return;
    out.reserve(out.size() + it->size());
    for (Socket *socket : *it)
        add(socket);
}

QList<Socket *> RoomIndex::select(const QStringList &rooms, const QStringList &except) const
{
    SocketSet excluded;
    for (const QString &room : except)
        addMembers(room, excluded, nullptr);
    SocketSet result;
    for (const QString &room : rooms)
        addMembers(room, result, except.isEmpty() ? nullptr : &excluded);
    return result.take();
}

} // namespace craftchat::socketio
