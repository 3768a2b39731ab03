#include "server/http/tlswebsocketconnection.h"

#include "server/http/websockethub.h"

#include <QSslSocket>
#include <QTimer>

#include <sys/socket.h>

namespace craftchat::http {

namespace {
// Bytes the QSslSocket may hold for the kernel before the connection stops handing it more
// (its part of what a descriptor's socket buffer is on the plain path).
constexpr qint64 kTlsWindow = 256 * 1024;
} // namespace

TlsWebSocketConnection::TlsWebSocketConnection(QSslSocket *socket, WebSocketHub *hub)
    : WebSocketConnection(hub, int(socket->socketDescriptor()))
    , m_socket(socket)
    , m_peerAddress(socket->peerAddress())
    , m_peerPort(socket->peerPort())
{
    m_socket->setParent(this);
    connect(m_socket, &QSslSocket::readyRead, this, &TlsWebSocketConnection::onReadable);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &TlsWebSocketConnection::onEncryptedBytesWritten);
    connect(m_socket, &QSslSocket::disconnected, this, &TlsWebSocketConnection::onDisconnected);
}

TlsWebSocketConnection::~TlsWebSocketConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    forgetDescriptor(); // the QSslSocket closed it
}

qint64 TlsWebSocketConnection::heldBytes() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

qint64 TlsWebSocketConnection::transportReceive(char *buffer, qint64 size)
{
    const qint64 n = m_socket->read(buffer, size);
    if (n > 0)
        return n;
    if (n < 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        return -1;
    return 0;
}

qint64 TlsWebSocketConnection::transportSend(const char *data, qint64 size)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return -1;
    const qint64 room = kTlsWindow - heldBytes();
    if (room <= 0)
        return 0;
    const qint64 n = m_socket->write(data, std::min(room, size));
    return n > 0 ? n : -1;
}

void TlsWebSocketConnection::transportWaitForRoom()
{
    // encryptedBytesWritten tells when the kernel took some.
}

void TlsWebSocketConnection::onEncryptedBytesWritten()
{
    if (isAwaitingRoom() && m_socket && heldBytes() < kTlsWindow / 2)
        onWritable();
}

void TlsWebSocketConnection::transportShutdownWrite()
{
    // No half-close over TLS: wait for the peer's close frame (or the closing deadline).
}

void TlsWebSocketConnection::onDisconnected()
{
    // What arrived before the end is delivered first, then the end itself (receive() < 0).
    while (m_socket && m_socket->bytesAvailable() > 0)
        onReadable();
    if (m_socket)
        onReadable();
}

void TlsWebSocketConnection::transportClose(bool reset)
{
    QSslSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    if (reset) {
        // Slow consumer: a TCP reset, the kernel drops what it holds for this peer.
        const linger abortive{1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        socket->abort();
        socket->deleteLater(); // we may be inside one of its signals
        return;
    }
    // close_notify, then FIN once the socket has written everything: the socket outlives this
    // connection until then, at most the closing timeout.
    socket->setParent(hub());
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    // Encrypt what is still plain first: with plain bytes pending, QSslSocket only marks the
    // close as pending and does not come back to it.
    socket->flush();
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    QTimer::singleShot(hub()->closeTimeoutMs(), socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

} // namespace craftchat::http
