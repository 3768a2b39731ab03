#include "server/http/httpserver.h"

#include "server/http/httpconnection.h"
#include "server/http/tcplistener.h"
#include "server/http/tlsbridge.h"
#include "server/http/tlscredentials.h"
#include "server/http/websocketconnection.h"
#include "server/http/websockethub.h"
#include "server/logging/logcategories.h"

#include <QDateTime>
#include <QLocale>
#include <QMetaMethod>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

namespace craftchat::http {

using logging::lcHttp;

namespace {
constexpr std::size_t kScratchBytes = 64 * 1024;
constexpr int kListenBacklog = 1024;
} // namespace

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_tcp(new TcpListener(this))
    , m_webSockets(new WebSocketHub(this))
    , m_sweepTimer(new QTimer(this))
    , m_scratch(kScratchBytes)
{
    qRegisterMetaType<WebSocketConnection *>(); // for QSignalSpy and queued connections
    qRegisterMetaType<HttpRequest>();
    m_clock.start();
    connect(m_tcp, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    // Qt pauses accepting when accept() fails for want of resources (EMFILE, ENFILE, ENOBUFS)
    // and never resumes by itself; we resume after a pause, so the server neither spins on a
    // listening socket it cannot serve nor stays deaf once descriptors are free again.
    connect(m_tcp, &QTcpServer::acceptError, this, &HttpServer::onAcceptError);
    m_acceptResume = new QTimer(this);
    m_acceptResume->setSingleShot(true);
    connect(m_acceptResume, &QTimer::timeout, this, [this] {
        if (!m_closing && m_tcp->isListening())
            m_tcp->resumeAccepting();
    });
    m_webSockets->setOnRemoved([this](std::size_t addressKey) { release(addressKey); });
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
    m_webSockets->setOnRemoved(nullptr); // the hub's connections go after this object's members
}

void HttpServer::setLimits(const HttpServerLimits &limits)
{
    m_limits = limits;
    m_webSockets->setLimits(limits.maxWebSocketFrameBytes, limits.maxWebSocketMessageBytes,
                            limits.webSocketHandshakeTimeoutMs, limits.maxWebSocketQueuedBytes);
    m_webSockets->setMaxTotalQueuedBytes(limits.maxTotalWebSocketQueuedBytes);
    m_tcp->setCloseTimeoutMs(std::max(1000, limits.lingerMs));
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

void HttpServer::setTlsCredentials(const TlsCredentials &credentials)
{
    m_tcp->setTlsContext(credentials.context);
}

bool HttpServer::isTls() const
{
    return m_tcp->isTls();
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

int HttpServer::webSocketCount() const
{
    return m_webSockets->connectionCount();
}

qint64 HttpServer::webSocketPeakQueuedBytes() const
{
    return m_webSockets->peakQueuedBytes();
}

qint64 HttpServer::webSocketQueuedBytes() const
{
    return m_webSockets->totalQueuedBytes();
}

qint64 HttpServer::pendingOutputBytes() const
{
    qint64 sum = 0;
    for (const HttpConnection *connection : m_connections)
        sum += connection->pendingOutputBytes();
    return sum;
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        if (m_closing) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        const std::size_t addressKey = qHash(socket->peerAddress());
        if (!admit(addressKey)) {
            // Over a cap: a reset, no answer; nothing is read from or kept for this peer.
            if (m_refusedConnections++ == 0 || m_refusedConnections % 1000 == 0)
                qCInfo(lcHttp).noquote() << "connection from" << socket->peerAddress().toString()
                                         << "refused: connection cap reached (refused so far:" << m_refusedConnections
                                         << ")";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection = new HttpConnection(socket, this);
        connection->addressKey = addressKey;
        connection->serverIndex = m_connections.size();
        m_connections.push_back(connection);
    }
}

void HttpServer::onAcceptError(QAbstractSocket::SocketError error)
{
    if (!m_acceptErrorLogged) {
        m_acceptErrorLogged = true;
        qCWarning(lcHttp).noquote() << "accepting connections failed (" << error << m_tcp->errorString()
                                    << "); pausing for" << m_limits.acceptPauseMs
                                    << "ms at a time until it works again";
    }
    m_tcp->pauseAccepting();
    m_acceptResume->start(std::max(10, m_limits.acceptPauseMs));
}

bool HttpServer::admit(std::size_t addressKey)
{
    if (m_limits.maxConnections > 0 && m_openConnections >= m_limits.maxConnections)
        return false;
    int &count = m_perAddress[addressKey];
    if (m_limits.maxConnectionsPerAddress > 0 && count >= m_limits.maxConnectionsPerAddress) {
        if (count == 0)
            m_perAddress.erase(addressKey);
        return false;
    }
    ++count;
    ++m_openConnections;
    if (m_acceptErrorLogged) {
        m_acceptErrorLogged = false;
        qCInfo(lcHttp) << "accepting connections again";
    }
    return true;
}

void HttpServer::release(std::size_t addressKey)
{
    --m_openConnections;
    const auto it = m_perAddress.find(addressKey);
    if (it != m_perAddress.end() && --it->second <= 0)
        m_perAddress.erase(it);
}

void HttpServer::removeConnection(HttpConnection *connection, bool handedOver)
{
    const std::size_t index = connection->serverIndex;
    if (index >= m_connections.size() || m_connections[index] != connection)
        return;
    if (!handedOver)
        release(connection->addressKey);
    HttpConnection *last = m_connections.back();
    m_connections[index] = last;
    last->serverIndex = index;
    m_connections.pop_back();
}

void HttpServer::handOverToWebSocket(QTcpSocket *socket, const HttpRequest &request, const QByteArray &earlyInput,
                                     std::size_t addressKey)
{
    const QByteArray clientKey = request.header("sec-websocket-key");
    WebSocketConnection *connection = nullptr;
    QByteArray input = earlyInput;
    if (auto *tls = qobject_cast<TlsBridgeSocket *>(socket)) {
        // The descriptor and its session leave the bridge; plaintext not yet taken on either
        // side goes with them, in order: output before the 101, input after what the
        // QTcpSocket had read past the request.
        TlsBridge *bridge = tls->bridge();
        tls->flush();
        TlsBridge::Handover handover;
        if (bridge)
            handover = bridge->handOver(int(tls->socketDescriptor()));
        tls->abort();
        tls->deleteLater(); // we may be inside its readyRead
        if (handover.fd < 0) {
            release(addressKey); // the TLS connection ended meanwhile
            return;
        }
        input += handover.input;
        connection
            = m_webSockets->accept(handover.fd, std::move(handover.session), clientKey, addressKey, handover.output);
    } else {
        // Qt's socket has no way to give its descriptor away: keep a duplicate and let the
        // QTcpSocket (its engine, notifiers, buffers) go. abort() closes only its own
        // descriptor; the connection lives on in the duplicate.
        const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        socket->abort();
        socket->deleteLater(); // we may be inside its readyRead
        if (fd < 0) {
            qCWarning(lcHttp) << "WebSocket hand-over failed: dup:" << qt_error_string(errno);
            release(addressKey);
            return;
        }
        connection = m_webSockets->accept(fd, clientKey, addressKey);
    }
    if (!isSignalConnected(QMetaMethod::fromSignal(&HttpServer::webSocketConnected))) {
        connection->close(1001); // going away: nobody takes WebSockets
        return;
    }
    emit webSocketConnected(connection, request);
    WebSocketHub::feedEarlyInput(connection, input);
}

void HttpServer::updateSweepInterval()
{
    int shortest = std::min(
        {m_limits.idleTimeoutMs, m_limits.requestTimeoutMs, m_limits.webSocketHandshakeTimeoutMs, m_limits.lingerMs});
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

    m_webSockets->sweep();
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
