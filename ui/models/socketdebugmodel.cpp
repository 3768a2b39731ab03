#include "ui/models/socketdebugmodel.h"

#include <QJsonArray>

namespace craftchat::ui {

SocketDebugModel::SocketDebugModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Room"), tr("Sockets"), tr("Users")});
}

QString SocketDebugModel::nameOf(const QString &userId) const
{
    const QString name = m_names.value(userId);
    return name.isEmpty() ? tr("Unknown user") : name;
}

bool SocketDebugModel::setSnapshot(const QJsonObject &snapshot)
{
    const QJsonValue rooms = snapshot.value(QStringLiteral("rooms"));
    if (!rooms.isArray() || !snapshot.value(QStringLiteral("totalConnections")).isDouble())
        return false;
    removeRows(0, rowCount());
    for (const QJsonValue &value : rooms.toArray()) {
        const QJsonObject room = value.toObject();
        const QString roomName = room.value(QStringLiteral("roomName")).toString();
        const QJsonArray sockets = room.value(QStringLiteral("socketIds")).toArray();
        QStringList names;
        QStringList ids;
        for (const QJsonValue &u : room.value(QStringLiteral("userIds")).toArray()) {
            names.append(nameOf(u.toString()));
            ids.append(u.toString());
        }
        // "user:<id>" and "chat:<id>" are the contract's rooms: say whose they are.
        QString title = roomName;
        if (roomName.startsWith(QLatin1String("user:")))
            title = tr("%1 (all their connections)").arg(nameOf(roomName.mid(5)));
        else if (roomName.startsWith(QLatin1String("chat:")))
            title
                = names.isEmpty() ? tr("Chat (nobody online)") : tr("Chat: %1").arg(names.join(QStringLiteral(" · ")));
        auto *name = new QStandardItem(title);
        name->setToolTip(roomName);
        auto *count = new QStandardItem(QString::number(room.value(QStringLiteral("socketCount")).toInt()));
        auto *userItem = new QStandardItem(names.join(QStringLiteral(", ")));
        userItem->setToolTip(ids.join(QStringLiteral(", ")));
        int n = 0;
        for (const QJsonValue &socketId : sockets) {
            auto *socket = new QStandardItem(tr("Connection %1").arg(++n));
            socket->setToolTip(socketId.toString());
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
