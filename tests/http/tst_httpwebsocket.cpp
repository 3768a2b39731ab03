// Integration tests of the WebSocket path of HttpServer over real sockets: the upgrade and its
// refusals, Qt's QWebSocket as a client of the server's own RFC 6455 layer, and raw TCP frames
// for the cases a well-behaved client never sends.
#include "tests/support/httptestclient.h"
#include "tests/support/serverframe.h"
#include "tests/support/websocketrecorder.h"

#include "server/http/httpserver.h"
#include "server/http/websocketconnection.h"
#include "server/http/websocketframe.h"

#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <sys/socket.h>

using namespace craftchat::http;
using craftchat::testsupport::RawHttpConnection;
using craftchat::testsupport::ServerFrame;
using Recorder = craftchat::testsupport::WebSocketRecorder;
using craftchat::testsupport::takeServerFrame;

namespace {

const char kMask[4] = {'\x11', '\x22', '\x33', '\x44'};
const QByteArray kSampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

QByteArray upgradeRequest(const QByteArray &target = "/socket.io/?EIO=4&transport=websocket")
{
    return "GET " + target
           + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
             "Connection: Upgrade\r\nSec-WebSocket-Key: "
           + kSampleKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

QByteArray masked(WebSocketOpcode opcode, const QByteArray &payload, bool fin = true)
{
    return WebSocketFrame::build(opcode, payload, fin, kMask);
}

// Reads server frames (never masked) from a raw connection.
class RawWebSocket
{
public:
    bool open(quint16 port, const QByteArray &request = upgradeRequest(), const QByteArray &extra = {})
    {
        if (!m_http.connectTo(port))
            return false;
        m_http.send(request + extra);
        const auto reply = m_http.readReply();
        if (!reply || reply->status != 101)
            return false;
        accept = reply->header("sec-websocket-accept");
        extensions = reply->header("sec-websocket-extensions");
        protocol = reply->header("sec-websocket-protocol");
        upgradeHeader = reply->header("upgrade");
        return true;
    }
    void send(const QByteArray &bytes) { m_http.send(bytes); }
    std::optional<ServerFrame> next(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            m_buffer += m_http.takeBuffered();
            if (auto frame = takeServerFrame(m_buffer))
                return frame;
            if (deadline.hasExpired() || m_http.socket().state() != QAbstractSocket::ConnectedState)
                return std::nullopt;
            // The server runs in this thread: wait on the event loop.
            QSignalSpy readyRead(&m_http.socket(), &QTcpSocket::readyRead);
            readyRead.wait(int(std::max<qint64>(1, std::min<qint64>(deadline.remainingTime(), 50))));
        }
    }
    bool waitClosed() { return m_http.waitClosed(); }
    QTcpSocket &socket() { return m_http.socket(); }

    QByteArray accept, extensions, protocol, upgradeHeader;

private:
    RawHttpConnection m_http;
    QByteArray m_buffer;
};

} // namespace

class TstHttpWebSocket : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void upgradeAccepted();
    void handshakeAnswer();
    void earlyFramesAreDelivered();
    void badFramesClose_data();
    void badFramesClose();
    void pingGetsPong();
    void peerCloseIsEchoed();
    void serverCloseHandshake();
    void serverAbortIsSilent();
    void broadcastFrameIsShared();
    void serverDeletionTellsHandlers();
    void slowReaderGetsEverythingInOrder();
    void peerThatDoesNotReadIsDropped();
    void totalQueuedBytesAreBounded();
    void pingFloodWithoutReadingIsDropped();
    void oversizedMessageCloses_data();
    void oversizedMessageCloses();
    void upgradeRefused();
    void upgradeWithoutFilterRefused();
    void invalidUpgradeRequest_data();
    void invalidUpgradeRequest();
    void plainRequestsStillWorkAfterUpgrade();

private:
    void startServer(const HttpServerLimits &limits = {});
    QWebSocket *openClient(const QString &pathAndQuery, WebSocketConnection **serverSide);
    // Waits for the next upgrade the server accepts and gives it the recorder.
    WebSocketConnection *acceptNext();

    HttpServer *m_server = nullptr;
    Recorder *m_recorder = nullptr;
    QList<WebSocketConnection *> m_accepted;
    QList<HttpRequest> m_acceptedRequests;
    qsizetype m_taken = 0; // accepted sockets handed to the test by acceptNext()
    QList<HttpRequest> m_filtered;
    std::optional<HttpResponse> m_refusal;
};

void TstHttpWebSocket::cleanup()
{
    delete m_server;
    m_server = nullptr;
    delete m_recorder;
    m_recorder = nullptr;
    m_accepted.clear();
    m_acceptedRequests.clear();
    m_taken = 0;
    m_filtered.clear();
    m_refusal.reset();
}

void TstHttpWebSocket::startServer(const HttpServerLimits &limits)
{
    m_server = new HttpServer;
    m_server->setLimits(limits);
    m_server->setUpgradeFilter([this](const HttpRequest &request) {
        m_filtered.append(request);
        return m_refusal;
    });
    m_server->setRequestHandler([](const HttpExchangePtr &exchange) {
        exchange->respond(HttpResponse::text(200, "plain " + exchange->request().target));
    });
    m_recorder = new Recorder;
    connect(m_server, &HttpServer::webSocketConnected, m_recorder,
            [this](WebSocketConnection *socket, const HttpRequest &request) {
                socket->setHandler(m_recorder);
                m_accepted.append(socket);
                m_acceptedRequests.append(request);
            });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

WebSocketConnection *TstHttpWebSocket::acceptNext()
{
    if (!QTest::qWaitFor([&] { return m_accepted.size() > m_taken; }, 10000))
        return nullptr;
    return m_accepted.at(m_taken++);
}

QWebSocket *TstHttpWebSocket::openClient(const QString &pathAndQuery, WebSocketConnection **serverSide)
{
    auto *client = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QSignalSpy connected(client, &QWebSocket::connected);
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(pathAndQuery)));
    request.setRawHeader("X-Client", "tst-websocket");
    client->open(request);
    *serverSide = nullptr;
    if (!connected.wait(10000))
        return client;
    *serverSide = acceptNext();
    return client;
}

void TstHttpWebSocket::upgradeAccepted()
{
    startServer();
    WebSocketConnection *serverSide = nullptr;
    QWebSocket *client = openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket&sid=ab%2Bc"), &serverSide);
    QVERIFY(serverSide);
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);

    QCOMPARE(m_filtered.size(), 1);
    const HttpRequest &seen = m_filtered.first();
    QVERIFY(seen.upgrade);
    QCOMPARE(seen.method, QByteArray("GET"));
    QCOMPARE(seen.path, QStringLiteral("/socket.io/"));
    QCOMPARE(seen.query.queryItemValue(QStringLiteral("EIO")), QStringLiteral("4"));
    QCOMPARE(seen.query.queryItemValue(QStringLiteral("sid"), QUrl::FullyDecoded), QStringLiteral("ab+c"));
    QCOMPARE(seen.header("x-client"), QByteArray("tst-websocket"));

    // The signal carries the original request.
    QCOMPARE(m_acceptedRequests.size(), 1);
    const HttpRequest &request = m_acceptedRequests.first();
    QCOMPARE(request.path, QStringLiteral("/socket.io/"));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("transport")), QStringLiteral("websocket"));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("sid"), QUrl::FullyDecoded), QStringLiteral("ab+c"));
    QCOMPARE(request.header("x-client"), QByteArray("tst-websocket"));
    QCOMPARE(request.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(serverSide->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(serverSide->peerPort(), client->localPort());
    QCOMPARE(serverSide->state(), WebSocketConnection::State::Open);
    QCOMPARE(m_server->connectionCount(), 0); // no longer an HTTP connection
    QCOMPARE(m_server->webSocketCount(), 1);

    // Text and binary in both directions; text arrives as UTF-8 bytes.
    m_recorder->echo = true;
    QSignalSpy texts(client, &QWebSocket::textMessageReceived);
    QSignalSpy binaries(client, &QWebSocket::binaryMessageReceived);
    client->sendTextMessage(QStringLiteral("40{\"token\":\"x\"} ü"));
    QVERIFY(texts.wait(10000));
    QCOMPARE(m_recorder->texts, QList<QByteArray>{QStringLiteral("40{\"token\":\"x\"} ü").toUtf8()});
    QCOMPARE(texts.first().first().toString(), QStringLiteral("echo:40{\"token\":\"x\"} ü"));
    const QByteArray blob("\x04\xff\x00\x01", 4);
    client->sendBinaryMessage(blob);
    QVERIFY(binaries.wait(10000));
    QCOMPARE(binaries.first().first().toByteArray(), blob + QByteArray(1, '\0'));
    // A large message (64-bit length), split over many TCP segments.
    const QString large(200000, QLatin1Char('L'));
    client->sendTextMessage(large);
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 2, 10000);
    QCOMPARE(texts.at(1).first().toString(), QStringLiteral("echo:") + large);

    // The client closes: the handler hears of it once, the connection goes away.
    QSignalSpy clientDisconnected(client, &QWebSocket::disconnected);
    client->close(QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->closedCalls, 1, 10000);
    QCOMPARE(m_recorder->lastPeerCloseCode, quint16(1001));
    QVERIFY(clientDisconnected.size() == 1 || clientDisconnected.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
}

void TstHttpWebSocket::oversizedMessageCloses_data()
{
    QTest::addColumn<bool>("binary");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("expectClose");
    QTest::newRow("text at the limit") << false << 1000 << false;
    QTest::newRow("text over the limit") << false << 1001 << true;
    QTest::newRow("binary over the limit") << true << 5000 << true;
    QTest::newRow("binary far over the limit") << true << 3000000 << true;
}

void TstHttpWebSocket::oversizedMessageCloses()
{
    QFETCH(bool, binary);
    QFETCH(int, size);
    QFETCH(bool, expectClose);
    HttpServerLimits limits;
    limits.maxWebSocketMessageBytes = 1000;
    limits.maxWebSocketFrameBytes = 1000;
    startServer(limits);
    WebSocketConnection *serverSide = nullptr;
    QWebSocket *client = openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket"), &serverSide);
    QVERIFY(serverSide);
    QSignalSpy clientDisconnected(client, &QWebSocket::disconnected);
    if (binary)
        client->sendBinaryMessage(QByteArray(size, 'b'));
    else
        client->sendTextMessage(QString(size, QLatin1Char('t')));
    if (expectClose) {
        QVERIFY(clientDisconnected.wait(10000));
        QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QCOMPARE(m_recorder->texts.size() + m_recorder->binaries.size(), 0);
        QCOMPARE(m_recorder->closedCalls, 1);
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(m_recorder->texts.size(), 1, 10000);
        QCOMPARE(m_recorder->texts.first().size(), size);
        QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    }
}

void TstHttpWebSocket::handshakeAnswer()
{
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    // RFC 6455 section 1.3's example key and answer.
    QCOMPARE(raw.accept, QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QCOMPARE(raw.upgradeHeader.toLower(), QByteArray("websocket"));
    QVERIFY(raw.extensions.isEmpty());
    QVERIFY(raw.protocol.isEmpty());
    QVERIFY(acceptNext());
    raw.send(masked(WebSocketOpcode::Text, "hi"));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->texts, QList<QByteArray>{"hi"}, 10000);
}

void TstHttpWebSocket::earlyFramesAreDelivered()
{
    // Frames written together with the upgrade request, before the 101 came back.
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort(), upgradeRequest(),
                     masked(WebSocketOpcode::Text, "first") + masked(WebSocketOpcode::Binary, "\x01")));
    QVERIFY(acceptNext());
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->texts, QList<QByteArray>{"first"}, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->binaries, QList<QByteArray>{"\x01"}, 10000);
}

void TstHttpWebSocket::badFramesClose_data()
{
    QTest::addColumn<QByteArray>("frames");
    QTest::addColumn<int>("closeCode");
    QTest::addColumn<QList<QByteArray>>("delivered");
    QTest::newRow("unmasked client frame")
        << WebSocketFrame::build(WebSocketOpcode::Text, "x") << 1002 << QList<QByteArray>{};
    QTest::newRow("oversized frame") << masked(WebSocketOpcode::Binary, QByteArray(1001, 'b')) << 1009
                                     << QList<QByteArray>{};
    QTest::newRow("oversized fragmented message") << masked(WebSocketOpcode::Text, QByteArray(600, 't'), false)
                                                         + masked(WebSocketOpcode::Continuation, QByteArray(600, 't'))
                                                  << 1009 << QList<QByteArray>{};
    QTest::newRow("bad utf-8") << masked(WebSocketOpcode::Text, "ok") + masked(WebSocketOpcode::Text, "\xc3\x28")
                               << 1007 << QList<QByteArray>{"ok"};
    QTest::newRow("fragmented ping") << masked(WebSocketOpcode::Ping, "p", false) << 1002 << QList<QByteArray>{};
    QTest::newRow("RSV bit") << QByteArray("\xc1\x80\x00\x00\x00\x00", 6) << 1002 << QList<QByteArray>{};
    QTest::newRow("bad close code") << masked(WebSocketOpcode::Close, QByteArray("\x03\xed", 2)) << 1002
                                    << QList<QByteArray>{};
}

void TstHttpWebSocket::badFramesClose()
{
    QFETCH(QByteArray, frames);
    QFETCH(int, closeCode);
    QFETCH(QList<QByteArray>, delivered);
    HttpServerLimits limits;
    limits.maxWebSocketMessageBytes = 1000;
    limits.maxWebSocketFrameBytes = 1000;
    startServer(limits);
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    QVERIFY(acceptNext());
    raw.send(frames);
    const auto frame = raw.next();
    QVERIFY(frame);
    QCOMPARE(frame->opcode(), 0x8);
    QCOMPARE(frame->firstByte & 0x80, 0x80);
    QCOMPARE(int(frame->closeCode()), closeCode);
    QVERIFY(raw.waitClosed());
    QCOMPARE(m_recorder->texts, delivered);
    QCOMPARE(m_recorder->closedCalls, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
}

void TstHttpWebSocket::pingGetsPong()
{
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    QVERIFY(acceptNext());
    // A ping between two fragments of a message is answered at once.
    raw.send(masked(WebSocketOpcode::Text, "frag", false) + masked(WebSocketOpcode::Ping, "are you there"));
    auto pong = raw.next();
    QVERIFY(pong);
    QCOMPARE(pong->firstByte, quint8(0x8A));
    QCOMPARE(pong->payload, QByteArray("are you there"));
    raw.send(masked(WebSocketOpcode::Continuation, "ment"));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->texts, QList<QByteArray>{"fragment"}, 10000);
    // Unsolicited pongs are ignored.
    raw.send(masked(WebSocketOpcode::Pong, "x") + masked(WebSocketOpcode::Text, "after"));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->texts.size(), 2, 10000);
    QCOMPARE(m_recorder->texts.last(), QByteArray("after"));
    QCOMPARE(raw.socket().state(), QAbstractSocket::ConnectedState);
}

void TstHttpWebSocket::peerCloseIsEchoed()
{
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    raw.send(masked(WebSocketOpcode::Close, WebSocketFrame::closePayload(4000, "bye")));
    const auto frame = raw.next();
    QVERIFY(frame);
    QCOMPARE(frame->firstByte, quint8(0x88));
    QCOMPARE(int(frame->closeCode()), 4000);
    // The server ends the TCP connection itself once the handshake is complete.
    QVERIFY(raw.waitClosed());
    QCOMPARE(m_recorder->closedCalls, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
}

void TstHttpWebSocket::serverCloseHandshake()
{
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    serverSide->sendText("last words");
    serverSide->close(1001, "going");
    QCOMPARE(serverSide->state(), WebSocketConnection::State::Closing);
    serverSide->sendText("never sent");
    const auto text = raw.next();
    QVERIFY(text);
    QCOMPARE(text->firstByte, quint8(0x81));
    QCOMPARE(text->payload, QByteArray("last words"));
    const auto close = raw.next();
    QVERIFY(close);
    QCOMPARE(close->firstByte, quint8(0x88));
    QCOMPARE(int(close->closeCode()), 1001);
    QCOMPARE(close->payload.mid(2), QByteArray("going"));
    // Messages after the close frame are dropped; the client's close completes the handshake.
    raw.send(masked(WebSocketOpcode::Text, "late")
             + masked(WebSocketOpcode::Close, WebSocketFrame::closePayload(1001)));
    QVERIFY(raw.waitClosed());
    QVERIFY(m_recorder->texts.isEmpty());
    QCOMPARE(m_recorder->closedCalls, 0); // the local side closed: no callback
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);

    // A client that never answers is cut off after the closing timeout.
    cleanup();
    HttpServerLimits limits;
    limits.webSocketHandshakeTimeoutMs = 300;
    startServer(limits);
    RawWebSocket silent;
    QVERIFY(silent.open(m_server->serverPort()));
    WebSocketConnection *second = acceptNext();
    QVERIFY(second);
    second->close();
    QVERIFY(silent.next());
    QVERIFY(silent.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
}

void TstHttpWebSocket::serverAbortIsSilent()
{
    startServer();
    WebSocketConnection *serverSide = nullptr;
    QWebSocket *client = openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket"), &serverSide);
    QVERIFY(serverSide);
    QSignalSpy disconnected(client, &QWebSocket::disconnected);
    serverSide->abort();
    QCOMPARE(serverSide->state(), WebSocketConnection::State::Closed);
    QVERIFY(disconnected.wait(10000));
    QCOMPARE(m_recorder->closedCalls, 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
}

void TstHttpWebSocket::broadcastFrameIsShared()
{
    // One frame built once goes to several connections; each gets it with one send per pass.
    startServer();
    QList<QWebSocket *> clients;
    QList<WebSocketConnection *> servers;
    for (int i = 0; i < 3; ++i) {
        WebSocketConnection *serverSide = nullptr;
        clients.append(openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket"), &serverSide));
        QVERIFY(serverSide);
        servers.append(serverSide);
    }
    const QByteArray frame = WebSocketFrame::build(WebSocketOpcode::Text, "42[\"new-message\",{}]");
    QList<QSignalSpy *> spies;
    for (QWebSocket *client : clients)
        spies.append(new QSignalSpy(client, &QWebSocket::textMessageReceived));
    for (WebSocketConnection *server : servers) {
        server->sendFrame(frame);
        server->sendText("second");
    }
    for (QSignalSpy *spy : spies) {
        QTRY_COMPARE_WITH_TIMEOUT(spy->size(), 2, 10000);
        QCOMPARE(spy->at(0).first().toString(), QStringLiteral("42[\"new-message\",{}]"));
        QCOMPARE(spy->at(1).first().toString(), QStringLiteral("second"));
    }
    qDeleteAll(spies);
}

void TstHttpWebSocket::upgradeRefused()
{
    startServer();
    m_refusal = HttpResponse::error(403, QStringLiteral("Forbidden origin"), QStringLiteral("FORBIDDEN"));
    RawHttpConnection raw;
    QVERIFY(raw.connectTo(m_server->serverPort()));
    raw.send("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    const auto reply = raw.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 403);
    QCOMPARE(reply->body, QByteArray(R"({"code":"FORBIDDEN","message":"Forbidden origin"})"));
    QCOMPARE(reply->header("connection"), QByteArray("close"));
    QVERIFY(raw.waitClosed());
    QCOMPARE(m_filtered.size(), 1);
    QVERIFY(m_filtered.first().upgrade);

    // A real client sees the handshake fail and no server-side socket appears.
    QWebSocket client;
    QSignalSpy errors(&client, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    client.open(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(m_server->serverPort())));
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || !disconnected.isEmpty(), 10000);
    QVERIFY(client.state() != QAbstractSocket::ConnectedState);
    QCOMPARE(m_accepted.size(), 0);
    QCOMPARE(m_server->webSocketCount(), 0);
}

void TstHttpWebSocket::upgradeWithoutFilterRefused()
{
    HttpServer server;
    QVERIFY(server.listen());
    RawHttpConnection raw;
    QVERIFY(raw.connectTo(server.serverPort()));
    raw.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    const auto reply = raw.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 400);
    QVERIFY(raw.waitClosed());
}

void TstHttpWebSocket::invalidUpgradeRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("filterCalls");
    QTest::newRow("POST upgrade") << QByteArray(
        "POST /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                                  << 400 << 0;
    QTest::newRow("missing key") << QByteArray(
        "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")
                                 << 400 << 0;
    QTest::newRow("short key") << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: "
                                             "Upgrade\r\nSec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n\r\n")
                               << 400 << 0;
    QTest::newRow("old version") << QByteArray(
        "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
        "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")
                                 << 426 << 0;
    const QByteArray upgradeHead("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                                 "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    QTest::newRow("no host") << ("GET /ws HTTP/1.1\r\n" + upgradeHead + "\r\n") << 400 << 0;
    QTest::newRow("HTTP/1.0") << ("GET /ws HTTP/1.0\r\nHost: x\r\n" + upgradeHead + "\r\n") << 400 << 0;
    QByteArray manyHeaders;
    for (int i = 0; i < 120; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::newRow("more headers than taken")
        << ("GET /ws HTTP/1.1\r\nHost: x\r\n" + upgradeHead + manyHeaders + "\r\n") << 431 << 0;
    QTest::newRow("header line longer than taken")
        << ("GET /ws HTTP/1.1\r\nHost: x\r\n" + upgradeHead + "X-Long: " + QByteArray(9000, 'l') + "\r\n\r\n") << 431
        << 0;
    QTest::newRow("upgrade with body") << QByteArray(
        "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nContent-Length: 3\r\n\r\nabc")
                                       << 400 << 0;
    // Not a WebSocket upgrade: served as a plain request.
    QTest::newRow("h2c upgrade ignored") << QByteArray(
        "GET /h2 HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n")
                                         << 200 << 0;
    QTest::newRow("upgrade header without connection")
        << QByteArray("GET /h3 HTTP/1.1\r\nUpgrade: websocket\r\n\r\n") << 200 << 0;
}

void TstHttpWebSocket::invalidUpgradeRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(int, filterCalls);
    startServer();
    RawHttpConnection raw;
    QVERIFY(raw.connectTo(m_server->serverPort()));
    raw.send(request);
    const auto reply = raw.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, status);
    QCOMPARE(m_filtered.size(), filterCalls);
    if (status == 426)
        QCOMPARE(reply->header("sec-websocket-version"), QByteArray("13"));
    if (status >= 400)
        QVERIFY(raw.waitClosed());
}

void TstHttpWebSocket::plainRequestsStillWorkAfterUpgrade()
{
    startServer();
    WebSocketConnection *serverSide = nullptr;
    openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket"), &serverSide);
    QVERIFY(serverSide);
    RawHttpConnection raw;
    QVERIFY(raw.connectTo(m_server->serverPort()));
    raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto reply = raw.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("plain /health"));
}

void TstHttpWebSocket::serverDeletionTellsHandlers()
{
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    QVERIFY(acceptNext());
    QCOMPARE(m_server->webSocketCount(), 1);
    delete m_server;
    m_server = nullptr;
    QCOMPARE(m_recorder->deletedCalls, 1);
    QCOMPARE(m_recorder->closedCalls, 0);
    QVERIFY(raw.waitClosed());
}

void TstHttpWebSocket::slowReaderGetsEverythingInOrder()
{
    // Far more than the kernel buffers and the output limit hold, in bursts while the client
    // does not read: the server must wait for room (write notifier) and keep the order, the
    // close frame last. The client reads everything after each burst, so the queue stays
    // under the default limit and nothing is dropped.
    startServer();
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    raw.socket().setReadBufferSize(4096); // Qt stops reading from the kernel when this is full
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    // Fixed, small kernel buffers on both ends instead of autotuning (which can grow the
    // client's receive buffer to the host's tcp_rmem maximum, several megabytes on some
    // machines), so that every burst is sure to fill them: at most about 0.4 MB can sit in
    // the kernel, against 2.6 MB a burst.
    const int kernelBuffer = 64 * 1024;
    QCOMPARE(
        ::setsockopt(int(serverSide->socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &kernelBuffer, sizeof kernelBuffer),
        0);
    QCOMPARE(
        ::setsockopt(int(raw.socket().socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &kernelBuffer, sizeof kernelBuffer),
        0);
    constexpr int kBursts = 5;
    constexpr int kFramesPerBurst = 40; // 2.6 MB a burst, 13 MB in all
    const qint64 limit = m_server->limits().maxWebSocketQueuedBytes;
    const QByteArray chunk(64 * 1024, 'z');
    QVERIFY(qint64(kFramesPerBurst) * chunk.size() < limit);
    QVERIFY(qint64(kBursts) * kFramesPerBurst * chunk.size() > 3 * limit);
    int next = 0;
    for (int burst = 0; burst < kBursts; ++burst) {
        const int from = next;
        for (int i = 0; i < kFramesPerBurst; ++i, ++next)
            serverSide->sendBinary(QByteArray::number(next) + ':' + chunk);
        if (burst == kBursts - 1)
            serverSide->close(1000);
        QTest::qWait(50);                       // the server flushes into the kernel buffers until they are full
        QVERIFY(serverSide->queuedBytes() > 0); // the kernel refused bytes: write notifier path
        QVERIFY(!serverSide->isSlowConsumer());
        for (int i = from; i < next; ++i) {
            const auto frame = raw.next();
            QVERIFY2(frame, qPrintable(QStringLiteral("frame %1 missing").arg(i)));
            QCOMPARE(frame->opcode(), 0x2);
            QCOMPARE(frame->payload.size(), QByteArray::number(i).size() + 1 + chunk.size());
            QVERIFY(frame->payload.startsWith(QByteArray::number(i) + ':'));
        }
    }
    const auto close = raw.next();
    QVERIFY(close);
    QCOMPARE(close->opcode(), 0x8);
    QCOMPARE(int(close->closeCode()), 1000);
    raw.send(masked(WebSocketOpcode::Close, WebSocketFrame::closePayload(1000)));
    QVERIFY(raw.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
    QCOMPARE(m_recorder->closedCalls, 0); // closed by the server, not dropped
    QVERIFY(m_server->webSocketPeakQueuedBytes() > 0);
    QVERIFY(m_server->webSocketPeakQueuedBytes() <= limit);
}

void TstHttpWebSocket::totalQueuedBytesAreBounded()
{
    // Three peers that do not read, each within its own bound, but together over the bound
    // of all connections: the connections that would take them past it are dropped, and the
    // total queued never goes past it by more than one frame.
    HttpServerLimits limits;
    limits.maxWebSocketQueuedBytes = 8 * 1024 * 1024;
    limits.maxTotalWebSocketQueuedBytes = 6 * 1024 * 1024;
    startServer(limits);
    RawWebSocket raws[3];
    QList<QPointer<WebSocketConnection>> peers;
    for (RawWebSocket &raw : raws) {
        QVERIFY(raw.open(m_server->serverPort()));
        raw.socket().setReadBufferSize(4096);
        WebSocketConnection *serverSide = acceptNext();
        QVERIFY(serverSide);
        peers.append(serverSide);
    }
    const QByteArray frame = WebSocketFrame::build(WebSocketOpcode::Binary, QByteArray(200 * 1024, 't'));
    qint64 peakTotal = 0;
    for (int round = 0; round < 400; ++round) {
        int open = 0;
        for (const QPointer<WebSocketConnection> &peer : peers) {
            if (peer && peer->isOpen()) {
                peer->sendFrame(frame);
                ++open;
            }
        }
        peakTotal = std::max(peakTotal, m_server->webSocketQueuedBytes());
        if (open == 0)
            break;
        QTest::qWait(1);
    }
    QVERIFY2(peakTotal <= limits.maxTotalWebSocketQueuedBytes + frame.size(), qPrintable(QString::number(peakTotal)));
    int dropped = 0;
    for (const QPointer<WebSocketConnection> &peer : peers)
        dropped += (!peer || peer->isSlowConsumer()) ? 1 : 0;
    QVERIFY(dropped >= 1);
    // Each stayed under its own bound: the total bound is what dropped them.
    QVERIFY(m_server->webSocketPeakQueuedBytes() < limits.maxWebSocketQueuedBytes);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 3 - dropped, 10000);
    QTRY_VERIFY(m_server->webSocketQueuedBytes() <= limits.maxTotalWebSocketQueuedBytes);
}

void TstHttpWebSocket::peerThatDoesNotReadIsDropped()
{
    // A client that completes the upgrade and then never reads, while large frames keep
    // coming: the output queue reaches the limit, the connection is aborted and the handler
    // is told once, in a later event-loop pass (not from inside the sending call). The queue
    // never held more than the limit.
    HttpServerLimits limits;
    limits.maxWebSocketQueuedBytes = 1024 * 1024;
    startServer(limits);
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    raw.socket().setReadBufferSize(4096); // from here on the client reads nothing more
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    QPointer<WebSocketConnection> alive(serverSide);
    QSignalSpy closed(m_recorder, &Recorder::closed);

    const QByteArray frame = WebSocketFrame::build(WebSocketOpcode::Binary, QByteArray(200 * 1024, 'b'));
    constexpr int kMaxFrames = 2000; // 400 MB: far beyond any kernel buffer
    int sent = 0;
    while (alive && alive->isOpen() && sent < kMaxFrames) {
        alive->sendFrame(frame);
        ++sent;
        QVERIFY(!alive || alive->queuedBytes() <= limits.maxWebSocketQueuedBytes);
        if (alive && alive->isOpen())
            QTest::qWait(1); // a flush pass: the kernel takes what it still can
    }
    QVERIFY2(sent < kMaxFrames, "the connection was never dropped");
    QVERIFY(qint64(sent) * frame.size() > limits.maxWebSocketQueuedBytes);
    // Dropped inside sendFrame(): closed and marked, the handler not told yet.
    QVERIFY(alive);
    QCOMPARE(alive->state(), WebSocketConnection::State::Closed);
    QVERIFY(alive->isSlowConsumer());
    QCOMPARE(alive->queuedBytes(), 0);
    QCOMPARE(closed.size(), 0);
    alive->sendFrame(frame); // ignored after the drop
    QCOMPARE(alive->queuedBytes(), 0);

    QVERIFY(closed.wait(10000));
    QCOMPARE(m_recorder->closedCalls, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
    QVERIFY(!alive);
    QCOMPARE(m_recorder->deletedCalls, 0);
    // Bounded: the queue came close to the limit but never beyond it.
    QVERIFY(m_server->webSocketPeakQueuedBytes() > limits.maxWebSocketQueuedBytes - frame.size());
    QVERIFY(m_server->webSocketPeakQueuedBytes() <= limits.maxWebSocketQueuedBytes);

    // The client sees the connection end (a reset) once it reads again.
    raw.socket().setReadBufferSize(0);
    QVERIFY(raw.waitClosed());
}

void TstHttpWebSocket::pingFloodWithoutReadingIsDropped()
{
    // The output a peer causes itself is bounded too: pings that it never reads the pongs
    // of. The drop happens while its input is parsed; the handler is told once, later.
    HttpServerLimits limits;
    limits.maxWebSocketQueuedBytes = 64 * 1024;
    startServer(limits);
    RawWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort()));
    raw.socket().setReadBufferSize(4096); // the client reads no pong
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    QPointer<WebSocketConnection> alive(serverSide);
    QSignalSpy closed(m_recorder, &Recorder::closed);

    const QByteArray ping = masked(WebSocketOpcode::Ping, QByteArray(WebSocketFrame::MaxControlPayload, 'p'));
    QByteArray flood;
    for (int i = 0; i < 1000; ++i)
        flood += ping;
    int sent = 0; // 1000 pings (131 KB) at a time, up to 100 MB of pongs
    while (closed.isEmpty() && sent < 800) {
        raw.send(flood);
        ++sent;
        QTest::qWait(1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QCOMPARE(m_recorder->closedCalls, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
    QVERIFY(!alive);
    QVERIFY(m_server->webSocketPeakQueuedBytes() <= limits.maxWebSocketQueuedBytes);
    QVERIFY(m_server->webSocketPeakQueuedBytes() > limits.maxWebSocketQueuedBytes - 2 * ping.size());
}

QTEST_MAIN(TstHttpWebSocket)
#include "tst_httpwebsocket.moc"
