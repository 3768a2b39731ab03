#include "ui/models/socketdebugmodel.h"

#include <QJsonArray>

namespace craftchat::ui {

SocketDebugModel::SocketDebugModel(QObject *parent) : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Room"), tr("Sockets"), tr("Users")});
}

bool SocketDebugModel::setSnapshot(const QJsonObject &snapshot)
{
    const QJsonValue rooms = snapshot.value(QStringLiteral("rooms"));
    if (!rooms.isArray() || !snapshot.value(QStringLiteral("totalConnections")).isDouble())
        return false;
    removeRows(0, rowCount());
    for (const QJsonValue &value : rooms.toArray()) {
        const QJsonObject room = value.toObject();
        const QJsonArray sockets = room.value(QStringLiteral("socketIds")).toArray();
        const QJsonArray users = room.value(QStringLiteral("userIds")).toArray();
        QStringList userList;
        for (const QJsonValue &u : users)
            userList.append(u.toString());
        auto *name = new QStandardItem(room.value(QStringLiteral("roomName")).toString());
        auto *count = new QStandardItem(QString::number(room.value(QStringLiteral("socketCount")).toInt()));
        auto *userItem = new QStandardItem(userList.join(QStringLiteral(", ")));
        for (const QJsonValue &socketId : sockets) {
            auto *socket = new QStandardItem(socketId.toString());
            socket->setEditable(false);
            name->appendRow(socket);
        }
        for (QStandardItem *item : {name, count, userItem})
            item->setEditable(false);
        appendRow({name, count, userItem});
    }
    m_totalConnections = snapshot.value(QStringLiteral("totalConnections")).toInt();
    m_totalRooms = snapshot.value(QStringLiteral("totalRooms")).toInt(int(rooms.toArray().size()));
    emit totalsChanged(m_totalConnections, m_totalRooms);
    return true;
}

} // namespace craftchat::ui
