// What the admin's socket-debug view shows, taken by the chat layer from its own rooms: the
// contract's rooms (user:<id>, chat:<id>; not the one every socket has of its own) with the
// sockets in each and the users they belong to. The HTTP API serialises it and never looks
// at Socket.IO itself.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace craftchat::chat {

class ChatService;

struct RoomSnapshot
{
    QString name;
    QStringList socketIds; // sorted
    QStringList userIds;   // sorted, each once
};

struct RoomsSnapshot
{
    int connectionCount = 0;
    QList<RoomSnapshot> rooms; // sorted by name
};

RoomsSnapshot snapshotRooms(const ChatService &chat);

} // namespace craftchat::chat
