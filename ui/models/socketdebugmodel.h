// The server's socket-debug data (GET /api/messages/admin/socket-debug) as a tree:
// rooms, and under each room its sockets with their users.
#pragma once

#include <QHash>

#include <QJsonObject>
#include <QStandardItemModel>

namespace craftchat::ui {

class SocketDebugModel : public QStandardItemModel
{
    Q_OBJECT
public:
    explicit SocketDebugModel(QObject *parent = nullptr);

    // Returns false (and keeps the old data) when the payload is not the expected shape.
    bool setSnapshot(const QJsonObject &snapshot);
    // Who the user ids are: rooms and users are shown by name (ids stay in the tooltips).
    void setUserNames(const QHash<QString, QString> &names) { m_names = names; }
    QString nameOf(const QString &userId) const;
    int totalConnections() const { return m_totalConnections; }
    int totalRooms() const { return m_totalRooms; }

signals:
    void totalsChanged(int connections, int rooms);

private:
    int m_totalConnections = 0;
    int m_totalRooms = 0;
    QHash<QString, QString> m_names;
};

} // namespace craftchat::ui
