// HttpConnection's WebSocket upgrade: checks the handshake head, asks the server's upgrade
// filter, and hands the accepted connection's socket to the WebSocket layer.
#include "server/http/httpconnection.h"

#include <QTcpSocket>

#include <algorithm>

namespace craftchat::http {

namespace {

// Limits of a WebSocket handshake head (header count, line length), as Qt's QWebSocketServer
// had them: clients see the same answers as before the server had its own WebSocket layer.
constexpr qsizetype kMaxHandshakeHeaders = 100;
constexpr qsizetype kMaxHandshakeLine = 8 * 1024;

} // namespace

void HttpConnection::handleUpgrade(qsizetype headBytes)
{
    if (!m_parser.isGet() || m_parser.hasBody()) {
        fail(400, QStringLiteral("Invalid WebSocket upgrade request"), QStringLiteral("BAD_REQUEST"));
        return;
    }
    // Every handshake the WebSocket layer would not take gets an HTTP answer here.
    const bool headerLinesFit = m_request.headers.size() <= kMaxHandshakeHeaders
                                && std::all_of(m_request.headers.cbegin(), m_request.headers.cend(), [](const auto &h) {
                                       return h.first.size() + h.second.size() + 2 < kMaxHandshakeLine;
                                   });
    if (!headerLinesFit || m_request.target.size() >= kMaxHandshakeLine) {
        fail(431, QStringLiteral("Request head too large"), QStringLiteral("HEADERS_TOO_LARGE"));
        return;
    }
    if (m_request.httpMinor < 1 || m_request.header("host").trimmed().isEmpty()
        || m_request.header("sec-websocket-key").trimmed().size() != 24) {
        fail(400, QStringLiteral("Invalid WebSocket handshake"), QStringLiteral("BAD_REQUEST"));
        return;
    }
    const QList<QByteArray> versions = m_request.header("sec-websocket-version").split(',');
    if (std::none_of(versions.cbegin(), versions.cend(), [](const QByteArray &v) { return v.trimmed() == "13"; })) {
        m_state = State::Closing; // no more input is parsed
        HttpResponse response
            = HttpResponse::error(426, QStringLiteral("Unsupported WebSocket version"), QStringLiteral("BAD_REQUEST"));
        response.setHeader("Sec-WebSocket-Version", "13");
        writeResponse(response, false);
        closeAfterWrite(true);
        return;
    }
    std::optional<HttpResponse> refusal;
    if (m_server->m_upgradeFilter) {
        refusal = m_server->m_upgradeFilter(m_request);
    } else {
        refusal = HttpResponse::error(400, QStringLiteral("WebSocket upgrades are not accepted"),
                                      QStringLiteral("BAD_REQUEST"));
    }
    if (m_state != State::ReadingHead || !m_socket)
        return;
    if (refusal) {
        m_socket->skip(headBytes + 1);
        writeResponse(*refusal, false);
        closeAfterWrite(false);
        return;
    }
    // Accepted: what follows the head (frames a client sent without waiting for the 101) goes
    // to the WebSocket; this connection object goes away.
    m_socket->skip(headBytes + 1);
    const QByteArray earlyInput = m_socket->readAll();
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    m_state = State::Closed;
    m_deadline = 0;
    m_finished = true;
    socket->disconnect(this);
    m_server->removeConnection(this, true);
    m_server->handOverToWebSocket(socket, m_request, earlyInput, addressKey);
    deleteLater();
}

} // namespace craftchat::http
