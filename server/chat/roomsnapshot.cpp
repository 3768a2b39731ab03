#include "server/chat/roomsnapshot.h"

#include "server/chat/chatservice.h"
#include "server/socketio/namespace.h"
#include "server/socketio/socket.h"

#include <QSet>

namespace craftchat::chat {

RoomsSnapshot snapshotRooms(const ChatService &chat)
{
    RoomsSnapshot snapshot;
    snapshot.connectionCount = chat.connections().connectionCount();
    const socketio::RoomIndex &rooms = chat.nsp()->rooms();
    QStringList names = rooms.roomNames();
    names.sort();
    for (const QString &name : names) {
        // Only the contract's rooms, not the per-socket ones.
        if (!name.startsWith(QLatin1String("user:")) && !name.startsWith(QLatin1String("chat:")))
            continue;
        RoomSnapshot room;
        room.name = name;
        if (const QSet<socketio::Socket *> *members = rooms.members(name)) {
            QSet<QString> seen;
            for (const socketio::Socket *s : *members) {
                room.socketIds.append(s->id());
                const QString userId = chat.connections().userOf(s->id());
                if (!userId.isEmpty() && !seen.contains(userId)) {
                    seen.insert(userId);
                    room.userIds.append(userId);
                }
            }
        }
        room.socketIds.sort();
        room.userIds.sort();
        snapshot.rooms.append(room);
    }
    return snapshot;
}

} // namespace craftchat::chat
