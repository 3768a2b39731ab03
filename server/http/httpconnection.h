// One client TCP connection of the HttpServer: parses requests one at a time with
// libhttp-parser, dispatches them as HttpExchanges and writes the responses in order.
// In TLS mode the socket is the HTTP end of a TlsBridge (see tlsbridge.h), and the handshake,
// which runs in the bridge, counts as a started request (request timeout). Internal to the
// http library.
#pragma once

#include "server/http/httpmessage.h"
#include "server/http/httprequestparser.h"
#include "server/http/httpserver.h"

#include <QObject>

class QTcpSocket;

namespace craftchat::http {

class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    ~HttpConnection() override;

    // From HttpExchange::respond(): writes the response if `exchange` is the current one.
    void respond(HttpExchange *exchange, const HttpResponse &response);

    // From the server's sweep timer; 0 means no deadline.
    qint64 deadline() const { return m_deadline; }
    void onDeadline();
    // Server close(): idle connections close now, busy ones after their response.
    void closeWhenIdle();
    // Server destruction: drop the exchange without running its abort callback.
    void detachSilently();

    std::size_t serverIndex = 0; // position in HttpServer::m_connections
    std::size_t addressKey = 0;  // the server's count of connections by peer address
    qint64 pendingOutputBytes() const;

private:
    enum class State {
        Idle,        // waiting for the first byte of a request
        ReadingHead, // head bytes are read inside a socket transaction
        ReadingBody, // body bytes are peeked and skipped exactly as far as the parser goes
        Dispatched,  // the handler owns the exchange; input is left in the socket
        Streaming,   // a response body is read from its device as the client takes it
        Closing,     // a final response is being flushed; input is discarded
        Closed,
    };

    void process();
    void scheduleProcess();
    bool readHead(); // true: go on processing
    bool readBody();
    bool onHeadComplete(qsizetype headBytes);
    void dispatch();
    void handleUpgrade(qsizetype headBytes);
    void startRequest();
    void writeResponse(const HttpResponse &response, bool keepAlive, bool headOnly = false);
    bool outputCongested() const;
    void pumpStream();
    void afterResponse(bool keepAlive);
    void fail(int status, const QString &message, const QString &code);
    void closeAfterWrite(bool linger);
    void onBytesWritten();
    void onDisconnected();
    void finish(bool runAbortCallback);
    void shutdownWrite();
    qint64 outputBytes() const; // waiting for the kernel

    HttpServer *m_server;
    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    HttpRequest &m_request = m_parser.request();
    State m_state = State::Idle;
    HttpExchangePtr m_exchange;
    qsizetype m_headBytes = 0; // head bytes fed to the parser for the current request
    qint64 m_deadline = 0;
    bool m_streamKeepAlive = false;
    std::shared_ptr<QIODevice> m_stream; // the response body being streamed
    qint64 m_streamRemaining = 0;
    bool m_processing = false;
    bool m_processQueued = false;
    bool m_closeWhenIdle = false;
    bool m_lingering = false;
    bool m_writeShutdown = false;
    bool m_finished = false;
};

} // namespace craftchat::http
