#include "roomindex.h"

// Socket must be complete here: QSet<Socket *> hashes a pointer to a complete QObject
// subclass differently from a pointer to an incomplete type, and the set's template code is
// also instantiated (and merged by the linker) in files that see the full Socket class.
#include "socket.h"

namespace craftchat::sio {

bool RoomIndex::join(Socket *socket, const QString &room)
{
    QSet<Socket *> &members = m_rooms[room];
    if (members.contains(socket))
        return false;
    members.insert(socket);
    m_socketRooms[socket].append(room);
    return true;
}

bool RoomIndex::leave(Socket *socket, const QString &room)
{
    auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !it->remove(socket))
        return false;
    if (it->isEmpty())
        m_rooms.erase(it);
    auto rooms = m_socketRooms.find(socket);
    if (rooms != m_socketRooms.end()) {
        rooms->removeOne(room);
        if (rooms->isEmpty())
            m_socketRooms.erase(rooms);
    }
    return true;
}

void RoomIndex::leaveAll(Socket *socket)
{
    const QStringList rooms = m_socketRooms.take(socket);
    for (const QString &room : rooms) {
        auto it = m_rooms.find(room);
        if (it == m_rooms.end())
            continue;
        it->remove(socket);
        if (it->isEmpty())
            m_rooms.erase(it);
    }
}

int RoomIndex::memberCount(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? 0 : int(it->size());
}

const QSet<Socket *> *RoomIndex::members(const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? nullptr : &it.value();
}

QStringList RoomIndex::roomsOf(const Socket *socket) const
{
    const auto it = m_socketRooms.constFind(socket);
    return it == m_socketRooms.constEnd() ? QStringList() : *it;
}

QList<Socket *> RoomIndex::select(const QStringList &rooms, const QStringList &except) const
{
    QSet<Socket *> excluded;
    for (const QString &room : except)
        if (const QSet<Socket *> *members = this->members(room))
            excluded.unite(*members);

    QList<Socket *> result;
    if (rooms.size() == 1) {
        if (const QSet<Socket *> *members = this->members(rooms.first())) {
            result.reserve(members->size());
            for (Socket *socket : *members)
                if (!excluded.contains(socket))
                    result.append(socket);
        }
        return result;
    }
    QSet<Socket *> seen;
    for (const QString &room : rooms) {
        const QSet<Socket *> *members = this->members(room);
        if (!members)
            continue;
        for (Socket *socket : *members) {
            if (excluded.contains(socket) || seen.contains(socket))
                continue;
            seen.insert(socket);
            result.append(socket);
        }
    }
    return result;
}

} // namespace craftchat::sio
