#include "server/http/httpconnection.h"

#include "server/http/tlsbridge.h"
#include "server/logging/logcategories.h"

#include <QIODevice>
#include <QTcpSocket>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace craftchat::http {

using logging::lcHttp;

namespace {

constexpr qint64 kMinReadBuffer = 64 * 1024;
// A client that pipelines requests without reading the answers: stop parsing its next request
// while this much response data is still unsent.
constexpr qint64 kMaxPendingOutput = 4 * 1024 * 1024;

bool isReservedResponseHeader(const QByteArray &name)
{
    const QByteArrayView n(name);
    return n.compare("content-length", Qt::CaseInsensitive) == 0 || n.compare("connection", Qt::CaseInsensitive) == 0
           || n.compare("transfer-encoding", Qt::CaseInsensitive) == 0 || n.compare("date", Qt::CaseInsensitive) == 0;
}

bool isSafeHeaderText(const QByteArray &text)
{
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

bool statusHasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Bounded read buffer: a client that floods input while an exchange is held is throttled
    // by TCP instead of growing memory. A whole request head must fit (read in a transaction).
    m_socket->setReadBufferSize(std::max<qint64>(kMinReadBuffer, server->limits().maxHeadBytes + 1024));
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::process);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    startRequest();
    m_deadline = m_server->nowMs() + m_server->limits().idleTimeoutMs;
    if (auto *tls = qobject_cast<TlsBridgeSocket *>(socket); tls && tls->bridge()) {
        // The handshake is a request under way: it must be done within the request timeout.
        m_deadline
            = m_server->nowMs() + std::min(m_server->limits().requestTimeoutMs, m_server->limits().idleTimeoutMs);
        connect(tls->bridge(), &TlsBridge::established, this, [this] {
            if (m_state == State::Idle)
                m_deadline = m_server->nowMs() + m_server->limits().idleTimeoutMs;
        });
    }
    if (m_socket->bytesAvailable() > 0)
        scheduleProcess();
}

qint64 HttpConnection::outputBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

HttpConnection::~HttpConnection()
{
    if (auto exchange = std::move(m_exchange))
        exchange->detach(false);
}

void HttpConnection::startRequest()
{
    m_parser.reset();
    m_headBytes = 0;
}

void HttpConnection::scheduleProcess()
{
    if (m_processing || m_processQueued)
        return;
    m_processQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_processQueued = false;
            process();
        },
        Qt::QueuedConnection);
}

void HttpConnection::process()
{
    if (m_processing || !m_socket)
        return;
    m_processing = true;
    bool goOn = true;
    while (goOn) {
        switch (m_state) {
        case State::Idle:
            if (m_socket->bytesAvailable() <= 0 || outputCongested()) {
                goOn = false;
            } else {
                m_state = State::ReadingHead;
                m_deadline = m_server->nowMs() + m_server->limits().requestTimeoutMs;
            }
            break;
        case State::ReadingHead:
            goOn = readHead();
            break;
        case State::ReadingBody:
            goOn = readBody();
            break;
        case State::Closing:
            // Whatever the client still sends is discarded.
            if (m_socket->isTransactionStarted())
                m_socket->rollbackTransaction();
            m_socket->skip(m_socket->bytesAvailable());
            goOn = false;
            break;
        case State::Dispatched:
        case State::Streaming:
        case State::Closed:
            goOn = false;
            break;
        }
    }
    m_processing = false;
}

bool HttpConnection::readHead()
{
    // The head is read inside a transaction: it is skipped only once the parser has seen all
    // of it, whatever follows stays in the socket.
    if (!m_socket->isTransactionStarted())
        m_socket->startTransaction();
    const qsizetype limit = m_server->limits().maxHeadBytes;
    char *buffer = m_server->scratch();
    for (;;) {
        const qint64 room = std::min<qint64>(limit + 1 - m_headBytes, m_server->scratchSize());
        if (room <= 0) {
            m_socket->rollbackTransaction();
            fail(431, QStringLiteral("Request head too large"), QStringLiteral("HEADERS_TOO_LARGE"));
            return true;
        }
        const qint64 n = m_socket->read(buffer, room);
        if (n <= 0)
            return false; // wait for more bytes
        using Status = HttpRequestParser::HeadStep::Status;
        const HttpRequestParser::HeadStep step = m_parser.feedHead(buffer, size_t(n));
        m_headBytes += qsizetype(step.used);
        if (step.status == Status::Complete) {
            m_socket->rollbackTransaction();
            return onHeadComplete(m_headBytes);
        }
        if (step.status != Status::More) {
            m_socket->rollbackTransaction();
            if (step.status == Status::TooLarge)
                fail(431, QStringLiteral("Request head too large"), QStringLiteral("HEADERS_TOO_LARGE"));
            else
                fail(400, QStringLiteral("Malformed HTTP request"), QStringLiteral("BAD_REQUEST"));
            return true;
        }
    }
}

bool HttpConnection::onHeadComplete(qsizetype headBytes)
{
    // The parser stopped on the last LF of the head: headBytes + 1 bytes make the head.
    if (headBytes + 1 > m_server->limits().maxHeadBytes) {
        fail(431, QStringLiteral("Request head too large"), QStringLiteral("HEADERS_TOO_LARGE"));
        return true;
    }
    if (!m_parser.buildHead()) {
        fail(400, QStringLiteral("Malformed HTTP request"), QStringLiteral("BAD_REQUEST"));
        return true;
    }
    m_request.peerAddress = m_socket->peerAddress();
    m_request.peerPort = m_socket->peerPort();
    if (m_request.upgrade) {
        handleUpgrade(headBytes);
        return true;
    }
    m_socket->skip(headBytes);

    qint64 bodyLimit = m_server->limits().maxBodyBytes;
    if (m_server->m_bodyLimit) {
        const qint64 custom = m_server->m_bodyLimit(m_request);
        if (custom >= 0)
            bodyLimit = custom;
    }
    const bool chunked = m_parser.chunked();
    const uint64_t contentLength = m_parser.contentLength();
    if (!chunked && contentLength != NoContentLength) {
        if (contentLength > quint64(bodyLimit)) {
            if (m_server->m_bodyTooLarge)
                m_server->m_bodyTooLarge(m_request);
            fail(413, QStringLiteral("Request body too large"), QStringLiteral("PAYLOAD_TOO_LARGE"));
            return true;
        }
    }
    const bool hasBody = m_parser.hasBody();
    // Token, quota, ... from the head, before any body byte is read or kept.
    if (m_server->m_headCheck) {
        std::optional<HttpResponse> refusal = m_server->m_headCheck(m_request);
        if (m_state != State::ReadingHead || !m_socket)
            return false;
        if (refusal) {
            writeResponse(*refusal, false);
            closeAfterWrite(true); // what the client still sends is discarded
            return true;
        }
    }
    if (hasBody && m_server->m_bodySinkFactory)
        m_request.bodySink = m_server->m_bodySinkFactory(m_request);
    if (!m_request.bodySink && !chunked && contentLength != NoContentLength)
        m_request.body.reserve(qsizetype(contentLength));
    if (hasBody && m_request.httpMinor >= 1
        && m_request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    m_parser.startBody(bodyLimit);
    m_state = State::ReadingBody;
    return true;
}

bool HttpConnection::readBody()
{
    char *buffer = m_server->scratch();
    for (;;) {
        // Peek, then skip exactly what the parser took: bytes of a pipelined next request
        // stay in the socket.
        const qint64 n = m_socket->peek(buffer, m_server->scratchSize());
        if (n <= 0)
            return false;
        using Status = HttpRequestParser::BodyStep::Status;
        const HttpRequestParser::BodyStep step = m_parser.feedBody(buffer, size_t(n));
        if (step.status == Status::TooLarge) {
            if (m_server->m_bodyTooLarge)
                m_server->m_bodyTooLarge(m_request);
            fail(413, QStringLiteral("Request body too large"), QStringLiteral("PAYLOAD_TOO_LARGE"));
            return true;
        }
        if (step.status == Status::SinkFailed) {
            qCWarning(lcHttp).noquote() << "storing the body of" << m_request.method << m_request.path << "failed";
            fail(500, QStringLiteral("Could not store the request body"), QStringLiteral("INTERNAL_ERROR"));
            return true;
        }
        m_socket->skip(qint64(step.used));
        if (step.status == Status::Complete) {
            dispatch();
            return true;
        }
        if (step.status == Status::Malformed) {
            fail(400, QStringLiteral("Malformed HTTP request"), QStringLiteral("BAD_REQUEST"));
            return true;
        }
    }
}

void HttpConnection::dispatch()
{
    m_state = State::Dispatched;
    m_deadline = 0;
    // A local reference keeps the exchange alive while the handler runs, even if it answers
    // at once and this connection drops its own reference.
    HttpExchangePtr exchange = std::make_shared<HttpExchange>(std::move(m_request), this);
    m_request = HttpRequest();
    m_exchange = exchange;
    if (m_server->m_handler) {
        m_server->m_handler(exchange);
    } else {
        exchange->respond(HttpResponse::error(404, QStringLiteral("Not found"), QStringLiteral("NOT_FOUND")));
    }
}

void HttpConnection::respond(HttpExchange *exchange, const HttpResponse &response)
{
    if (m_state != State::Dispatched || m_exchange.get() != exchange || !m_socket)
        return;
    const bool keepAlive = exchange->request().keepAlive && !m_closeWhenIdle && !m_server->isClosing();
    const bool headOnly = exchange->request().method == "HEAD";
    m_exchange.reset();
    writeResponse(response, keepAlive, headOnly);
    if (response.bodyStream && !headOnly && !statusHasNoBody(response.status) && response.bodyStreamSize > 0) {
        m_stream = response.bodyStream;
        m_streamRemaining = response.bodyStreamSize;
        m_streamKeepAlive = keepAlive;
        m_state = State::Streaming;
        pumpStream();
        return;
    }
    afterResponse(keepAlive);
}

qint64 HttpConnection::pendingOutputBytes() const
{
    return outputBytes();
}

void HttpConnection::pumpStream()
{
    // Only up to maxStreamedOutputBytes wait in the socket at once: the next piece is read
    // from the device when the kernel has taken the previous ones (bytesWritten).
    const qint64 bound = std::max<qint64>(16 * 1024, m_server->limits().maxStreamedOutputBytes);
    char *buffer = m_server->scratch();
    while (m_state == State::Streaming && m_socket && m_streamRemaining > 0) {
        const qint64 room = bound - outputBytes();
        if (room <= 0)
            break;
        const qint64 n = m_stream->read(buffer, std::min({room, m_streamRemaining, qint64(m_server->scratchSize())}));
        if (n <= 0) {
            // The file shrank or failed under us: the promised length cannot be kept.
            qCWarning(lcHttp) << "streaming a response body failed:" << m_stream->errorString();
            m_stream.reset();
            m_socket->abort();
            finish(true);
            return;
        }
        m_streamRemaining -= n;
        m_socket->write(buffer, n);
        m_server->notePendingOutput(outputBytes());
        // A client that stops taking the body for the idle timeout is dropped with its file.
        m_deadline = m_server->nowMs() + m_server->limits().idleTimeoutMs;
    }
    if (m_state == State::Streaming && m_streamRemaining <= 0) {
        m_stream.reset(); // closes the file
        afterResponse(m_streamKeepAlive);
    }
}

void HttpConnection::afterResponse(bool keepAlive)
{
    if (!keepAlive) {
        closeAfterWrite(false);
        return;
    }
    m_state = State::Idle;
    startRequest();
    m_deadline = m_server->nowMs() + m_server->limits().idleTimeoutMs;
    if (m_socket->bytesAvailable() > 0)
        scheduleProcess();
}

bool HttpConnection::outputCongested() const
{
    return outputBytes() > kMaxPendingOutput;
}

void HttpConnection::writeResponse(const HttpResponse &response, bool keepAlive, bool headOnly)
{
    const bool noBody = statusHasNoBody(response.status);
    QByteArray head;
    head.reserve(160 + response.headers.size() * 48 + (response.body.size() < 4096 ? response.body.size() : 0));
    head += "HTTP/1.1 ";
    head += QByteArray::number(response.status);
    head += ' ';
    head += reasonPhrase(response.status);
    head += "\r\n";
    for (const auto &h : response.headers) {
        if (isReservedResponseHeader(h.first))
            continue; // the server writes these itself
        if (h.first.isEmpty() || !isSafeHeaderText(h.first) || !isSafeHeaderText(h.second)) {
            qCWarning(lcHttp) << "dropping response header with forbidden characters" << h.first;
            continue;
        }
        head += h.first;
        head += ": ";
        head += h.second;
        head += "\r\n";
    }
    if (!noBody) {
        head += "Content-Length: ";
        head += QByteArray::number(response.bodyStream ? response.bodyStreamSize : qint64(response.body.size()));
        head += "\r\n";
    }
    head += "Date: ";
    head += m_server->dateHeaderValue();
    head += keepAlive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
    if (!noBody && response.bodyStream) {
        m_socket->write(head); // the body follows from pumpStream()
    } else if (noBody || headOnly || response.body.isEmpty()) {
        m_socket->write(head);
    } else if (response.body.size() < 4096) {
        head += response.body;
        m_socket->write(head);
    } else {
        m_socket->write(head);
        m_socket->write(response.body);
    }
}

void HttpConnection::fail(int status, const QString &message, const QString &code)
{
    if (!m_socket)
        return;
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    m_request.bodySink.reset(); // a partial body is not kept
    writeResponse(HttpResponse::error(status, message, code), false);
    // The client may still be sending (a body we refused): drain for a while after the reply
    // instead of resetting the connection under it.
    closeAfterWrite(true);
}

void HttpConnection::closeAfterWrite(bool linger)
{
    m_state = State::Closing;
    m_lingering = linger;
    m_deadline = m_server->nowMs() + m_server->limits().requestTimeoutMs;
    if (!linger) {
        m_socket->disconnectFromHost(); // flushes first; may emit disconnected right away
        return;
    }
    m_socket->flush();
    if (m_socket && m_state == State::Closing && outputBytes() == 0)
        shutdownWrite();
}

void HttpConnection::onBytesWritten()
{
    if (m_state == State::Streaming) {
        pumpStream();
        return;
    }
    if (m_state == State::Idle && m_socket && m_socket->bytesAvailable() > 0 && !outputCongested()) {
        scheduleProcess();
        return;
    }
    if (m_state == State::Closing && m_lingering && !m_writeShutdown && m_socket && outputBytes() == 0)
        shutdownWrite();
}

void HttpConnection::shutdownWrite()
{
    m_writeShutdown = true;
    m_deadline = m_server->nowMs() + m_server->limits().lingerMs;
#ifdef Q_OS_UNIX
    // Half-close: the client sees the end of our reply, we keep reading (and discarding) what
    // it still sends until it closes or the linger time is over. Over TLS the bridge turns it
    // into close_notify + FIN.
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void HttpConnection::onDeadline()
{
    if (!m_socket)
        return;
    switch (m_state) {
    case State::Idle:
        m_state = State::Closing;
        m_deadline = m_server->nowMs() + m_server->limits().lingerMs;
        m_socket->disconnectFromHost();
        break;
    case State::ReadingHead:
    case State::ReadingBody:
        fail(408, QStringLiteral("Request timed out"), QStringLiteral("REQUEST_TIMEOUT"));
        break;
    case State::Closing:
        m_socket->abort();
        finish(true);
        break;
    case State::Streaming:
        qCInfo(lcHttp).noquote() << "dropping a download that" << m_socket->peerAddress().toString()
                                 << "stopped reading";
        m_stream.reset();
        m_socket->abort();
        finish(true);
        break;
    case State::Dispatched:
    case State::Closed:
        m_deadline = 0;
        break;
    }
}

void HttpConnection::closeWhenIdle()
{
    m_closeWhenIdle = true;
    if (m_state == State::Idle && m_socket) {
        m_state = State::Closing;
        m_deadline = m_server->nowMs() + m_server->limits().lingerMs;
        m_socket->disconnectFromHost();
    }
}

void HttpConnection::detachSilently()
{
    if (auto exchange = std::move(m_exchange))
        exchange->detach(false);
}

void HttpConnection::onDisconnected()
{
    finish(true);
}

void HttpConnection::finish(bool runAbortCallback)
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closed;
    m_deadline = 0;
    m_stream.reset();           // a streamed file closes with its client
    m_request.bodySink.reset(); // an unfinished body is not kept
    m_server->removeConnection(this);
    if (auto exchange = std::move(m_exchange))
        exchange->detach(runAbortCallback);
    deleteLater();
}

} // namespace craftchat::http
