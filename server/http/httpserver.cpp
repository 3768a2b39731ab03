#include "httpserver.h"

#include "directwritesocket.h"
#include "httpconnection.h"
#include "tcplistener.h"

#include <QDateTime>
#include <QLocale>
#include <QMetaMethod>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <climits>

namespace craftchat::http {

namespace {
constexpr std::size_t kScratchBytes = 64 * 1024;
constexpr int kListenBacklog = 1024;
}

HttpServer::HttpServer(QObject *parent)
    : QObject(parent),
      m_tcp(new TcpListener(this)),
      m_ws(new QWebSocketServer(QStringLiteral("CraftChat"), QWebSocketServer::NonSecureMode, this)),
      m_sweepTimer(new QTimer(this)),
      m_scratch(kScratchBytes)
{
    qRegisterMetaType<QWebSocket *>(); // for QSignalSpy and queued connections
    m_clock.start();
    m_ws->setMaxPendingConnections(INT_MAX);
    connect(m_tcp, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    connect(m_ws, &QWebSocketServer::newConnection, this, &HttpServer::onWebSocketReady);
    connect(m_ws, &QWebSocketServer::serverError, this, [this](QWebSocketProtocol::CloseCode code) {
        qCWarning(lcHttp) << "WebSocket handshake failed:" << code << m_ws->errorString();
    });
    connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
    updateSweepInterval();
}

HttpServer::~HttpServer()
{
    // Held exchanges become closed without their abort callbacks: whoever holds them may
    // already be half destroyed.
    for (HttpConnection *connection : m_connections)
        connection->detachSilently();
    m_connections.clear();
}

void HttpServer::setLimits(const HttpServerLimits &limits)
{
    m_limits = limits;
    updateSweepInterval();
}

void HttpServer::setRequestHandler(RequestHandler handler)
{
    m_handler = std::move(handler);
}

void HttpServer::setUpgradeFilter(UpgradeFilter filter)
{
    m_upgradeFilter = std::move(filter);
}

void HttpServer::setBodyLimit(BodyLimit bodyLimit)
{
    m_bodyLimit = std::move(bodyLimit);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    m_closing = false;
    // Qt's default backlog (50) overflows when hundreds of clients connect at once; the
    // dropped SYNs then wait for the kernel's 1 s retransmission.
    m_tcp->setListenBacklogSize(kListenBacklog);
    if (!m_tcp->listen(address, port))
        return false;
    m_sweepTimer->start();
    return true;
}

quint16 HttpServer::serverPort() const
{
    return m_tcp->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcp->serverAddress();
}

QString HttpServer::errorString() const
{
    return m_tcp->errorString();
}

void HttpServer::close()
{
    m_closing = true;
    m_tcp->close();
    const auto connections = m_connections; // closing may remove entries
    for (HttpConnection *connection : connections)
        connection->closeWhenIdle();
}

int HttpServer::connectionCount() const
{
    return int(m_connections.size());
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        if (m_closing) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection = new HttpConnection(socket, this);
        connection->serverIndex = m_connections.size();
        m_connections.push_back(connection);
    }
}

void HttpServer::removeConnection(HttpConnection *connection)
{
    const std::size_t index = connection->serverIndex;
    if (index >= m_connections.size() || m_connections[index] != connection)
        return;
    HttpConnection *last = m_connections.back();
    m_connections[index] = last;
    last->serverIndex = index;
    m_connections.pop_back();
}

void HttpServer::handOverToWebSocket(QTcpSocket *socket)
{
    socket->setParent(this);
    // Qt 6.4 waits for a whole frame payload in the socket buffer; a cap below the frame limit
    // would stall. The frame and message limits bound memory instead.
    socket->setReadBufferSize(0);
    // WebSockets live long and mostly idle: no 32 KB write buffer kept per socket.
    if (auto *direct = qobject_cast<DirectWriteSocket *>(socket))
        direct->enableDirectWrites();
    m_handshakes.push_back({socket, socket->peerAddress(), socket->peerPort(),
                            nowMs() + m_limits.webSocketHandshakeTimeoutMs});
    m_ws->handleConnection(socket);
}

void HttpServer::onWebSocketReady()
{
    while (m_ws->hasPendingConnections()) {
        QWebSocket *socket = m_ws->nextPendingConnection();
        if (!socket)
            break;
        const auto port = socket->peerPort();
        const auto address = socket->peerAddress();
        std::erase_if(m_handshakes, [&](const PendingHandshake &h) {
            if (h.peerPort != port || h.peerAddress != address)
                return false;
            if (h.socket)
                h.socket->setParent(socket); // the TCP socket lives and dies with its QWebSocket
            return true;
        });
        socket->setParent(this);
        socket->setMaxAllowedIncomingMessageSize(quint64(std::max<qint64>(0, m_limits.maxWebSocketMessageBytes)));
        socket->setMaxAllowedIncomingFrameSize(quint64(std::max<qint64>(0, m_limits.maxWebSocketFrameBytes)));
        if (!isSignalConnected(QMetaMethod::fromSignal(&HttpServer::webSocketConnected))) {
            socket->close(QWebSocketProtocol::CloseCodeGoingAway);
            socket->deleteLater();
            continue;
        }
        emit webSocketConnected(socket);
    }
}

void HttpServer::updateSweepInterval()
{
    int shortest = std::min({m_limits.idleTimeoutMs, m_limits.requestTimeoutMs,
                             m_limits.webSocketHandshakeTimeoutMs, m_limits.lingerMs});
    m_sweepTimer->setInterval(std::clamp(shortest / 4, 20, 1000));
}

void HttpServer::sweep()
{
    const qint64 now = nowMs();
    // Deadline handling may remove connections (deletion is deferred), so collect first.
    std::vector<HttpConnection *> expired;
    for (HttpConnection *connection : m_connections) {
        const qint64 deadline = connection->deadline();
        if (deadline != 0 && deadline <= now)
            expired.push_back(connection);
    }
    for (HttpConnection *connection : expired)
        connection->onDeadline();

    std::erase_if(m_handshakes, [now](const PendingHandshake &h) {
        if (!h.socket || h.socket->state() == QAbstractSocket::UnconnectedState)
            return true;
        if (h.deadline <= now) {
            h.socket->abort();
            return true;
        }
        return false;
    });
}

const QByteArray &HttpServer::dateHeaderValue()
{
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != m_dateSecond) {
        m_dateSecond = second;
        m_date = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(second, Qt::UTC),
                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return m_date;
}

} // namespace craftchat::http
