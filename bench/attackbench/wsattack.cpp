#include "bench/attackbench/wsattack.h"

#include <QUrl>

namespace craftchat::bench {

void WsAttack::sendText(Slot &slot, const QString &frame)
{
    slot.queued += slot.socket->sendTextMessage(frame);
}

void WsAttack::sendBinary(Slot &slot, const QByteArray &frame)
{
    slot.queued += slot.socket->sendBinaryMessage(frame);
}

void WsAttack::open(int index)
{
    if (!m_running)
        return;
    resetSlot(index);
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_slots[size_t(index)].socket = socket;
    noteAttempt();
    connect(socket, &QWebSocket::connected, this, [this, index] { m_slots[size_t(index)].open = true; });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, index](const QString &frame) {
        Slot &s = m_slots[size_t(index)];
        if (!s.socket)
            return;
        if (frame == QLatin1String("2"))
            sendText(s, QStringLiteral("3"));
        else
            textFrame(s, frame);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this] { note(QStringLiteral("binary frame received")); });
    connect(socket, &QWebSocket::bytesWritten, this, [this, index](qint64 n) {
        Slot &s = m_slots[size_t(index)];
        if (!s.socket)
            return;
        s.written += n;
        bytesWritten(s);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, index] { finished(index); });
    const QString url = QStringLiteral("ws://") + m_target.host + QLatin1Char(':') + QString::number(m_target.port)
                        + QStringLiteral("/socket.io/?EIO=4&transport=websocket");
    socket->open(QUrl(url));
}

void WsAttack::finished(int index)
{
    Slot &slot = m_slots[size_t(index)];
    if (!slot.socket)
        return;
    QWebSocket *socket = slot.socket;
    if (!slot.open) {
        note(QStringLiteral("handshake failed: ") + socket->errorString());
    } else {
        QString how = QStringLiteral("closed by server, code %1").arg(int(socket->closeCode()));
        if (!socket->closeReason().isEmpty())
            how += QStringLiteral(" \"") + socket->closeReason() + QLatin1Char('"');
        note(how);
    }
    slot.open = false;
    release(index);
}

} // namespace craftchat::bench
