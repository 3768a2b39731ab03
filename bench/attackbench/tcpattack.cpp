#include "bench/attackbench/tcpattack.h"

namespace craftchat::bench {

QByteArray httpHead(const QByteArray &method, const QByteArray &path, const AttackTarget &target, qint64 contentLength,
                    const QByteArray &contentType)
{
    QByteArray head = method + ' ' + path + " HTTP/1.1\r\nHost: " + target.host.toLatin1() + ':'
                      + QByteArray::number(target.port) + "\r\n";
    if (contentLength >= 0)
        head += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(contentLength) + "\r\n";
    return head + "\r\n";
}

void TcpAttack::open(int index)
{
    if (!m_running)
        return;
    Slot &slot = resetSlot(index);
    auto *socket = new QTcpSocket(this);
    slot.socket = socket;
    slot.opened.start();
    configure(socket);
    noteAttempt();
    connect(socket, &QTcpSocket::connected, this, [this, index] { connected(m_slots[size_t(index)]); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, index] { bytesWritten(m_slots[size_t(index)]); });
    connect(socket, &QTcpSocket::readyRead, this, [this, index] { readyRead(m_slots[size_t(index)]); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, index](QAbstractSocket::SocketError error) {
        Slot &s = m_slots[size_t(index)];
        if (!s.socket || s.closingOurselves)
            return;
        if (error == QAbstractSocket::RemoteHostClosedError)
            closedByServer(s, QStringLiteral("closed by server"));
        else if (error == QAbstractSocket::ConnectionRefusedError)
            note(QStringLiteral("connect refused"));
        else
            closedByServer(s, QStringLiteral("socket error: ") + s.socket->errorString());
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, index] { finished(index); });
    connect(socket, &QTcpSocket::stateChanged, this, [this, index](QAbstractSocket::SocketState state) {
        // a refused or failed connect never emits disconnected()
        if (state == QAbstractSocket::UnconnectedState)
            finished(index);
    });
    socket->connectToHost(m_target.host, m_target.port);
}

void TcpAttack::finished(int index)
{
    if (m_slots[size_t(index)].socket)
        release(index);
}

void TcpAttack::readyRead(Slot &slot)
{
    const QByteArray data = slot.socket->readAll();
    noteStatus(slot, data);
}

void TcpAttack::closedByServer(Slot &slot, const QString &how)
{
    Q_UNUSED(slot);
    note(how);
}

bool TcpAttack::noteStatus(Slot &slot, const QByteArray &head)
{
    if (slot.statusSeen || !head.startsWith("HTTP/1."))
        return false;
    const qsizetype space = head.indexOf(' ');
    if (space < 0 || head.size() < space + 4)
        return false;
    slot.statusSeen = true;
    note(QStringLiteral("HTTP ") + QString::fromLatin1(head.mid(space + 1, 3)));
    return true;
}

void TcpAttack::closeOurselves(Slot &slot)
{
    slot.closingOurselves = true;
    slot.socket->disconnectFromHost(); // after the pending writes; disconnected() restarts
}

void TcpAttack::dropSlot(Slot &slot)
{
    slot.closingOurselves = true;
    slot.socket->abort(); // stateChanged(Unconnected) -> finished()
}

} // namespace craftchat::bench
