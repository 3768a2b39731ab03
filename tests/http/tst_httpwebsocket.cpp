// Integration tests of the WebSocket upgrade path of HttpServer: a real QWebSocket client.
#include "rawhttpclient.h"

#include <http/httpserver.h>

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace craftchat::http;
using craftchat::http::test::RawHttpClient;

class TstHttpWebSocket : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void upgradeAccepted();
    void oversizedMessageCloses_data();
    void oversizedMessageCloses();
    void upgradeRefused();
    void upgradeWithoutFilterRefused();
    void invalidUpgradeRequest_data();
    void invalidUpgradeRequest();
    void plainRequestsStillWorkAfterUpgrade();

private:
    void startServer(const HttpServerLimits &limits = {});
    QWebSocket *openClient(const QString &pathAndQuery, QWebSocket **serverSide);

    HttpServer *m_server = nullptr;
    QList<HttpRequest> m_filtered;
    std::optional<HttpResponse> m_refusal;
};

void TstHttpWebSocket::cleanup()
{
    delete m_server;
    m_server = nullptr;
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
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

QWebSocket *TstHttpWebSocket::openClient(const QString &pathAndQuery, QWebSocket **serverSide)
{
    QSignalSpy accepted(m_server, &HttpServer::webSocketConnected);
    auto *client = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QSignalSpy connected(client, &QWebSocket::connected);
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_server->serverPort()).arg(pathAndQuery)));
    request.setRawHeader("X-Client", "tst-websocket");
    client->open(request);
    if (!connected.wait(10000) || (accepted.isEmpty() && !accepted.wait(10000))) {
        *serverSide = nullptr;
        return client;
    }
    *serverSide = accepted.first().first().value<QWebSocket *>();
    return client;
}

void TstHttpWebSocket::upgradeAccepted()
{
    startServer();
    QWebSocket *serverSide = nullptr;
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

    // The QWebSocket shows the original request.
    QCOMPARE(serverSide->requestUrl().path(), QStringLiteral("/socket.io/"));
    const QUrlQuery query(serverSide->requestUrl());
    QCOMPARE(query.queryItemValue(QStringLiteral("EIO")), QStringLiteral("4"));
    QCOMPARE(query.queryItemValue(QStringLiteral("transport")), QStringLiteral("websocket"));
    QCOMPARE(query.queryItemValue(QStringLiteral("sid"), QUrl::FullyDecoded), QStringLiteral("ab+c"));
    QCOMPARE(serverSide->request().rawHeader("X-Client"), QByteArray("tst-websocket"));
    QCOMPARE(serverSide->parent(), m_server);
    QCOMPARE(serverSide->maxAllowedIncomingMessageSize(), quint64(HttpServerLimits().maxWebSocketMessageBytes));
    QCOMPARE(serverSide->maxAllowedIncomingFrameSize(), quint64(HttpServerLimits().maxWebSocketFrameBytes));
    QCOMPARE(m_server->connectionCount(), 0); // no longer an HTTP connection

    // Text and binary in both directions.
    connect(serverSide, &QWebSocket::textMessageReceived, serverSide,
            [serverSide](const QString &m) { serverSide->sendTextMessage(QStringLiteral("echo:") + m); });
    connect(serverSide, &QWebSocket::binaryMessageReceived, serverSide,
            [serverSide](const QByteArray &m) { serverSide->sendBinaryMessage(m + QByteArray(1, '\0')); });
    QSignalSpy texts(client, &QWebSocket::textMessageReceived);
    QSignalSpy binaries(client, &QWebSocket::binaryMessageReceived);
    client->sendTextMessage(QStringLiteral("40{\"token\":\"x\"} ü"));
    QVERIFY(texts.wait(10000));
    QCOMPARE(texts.first().first().toString(), QStringLiteral("echo:40{\"token\":\"x\"} ü"));
    const QByteArray blob("\x04\xff\x00\x01", 4);
    client->sendBinaryMessage(blob);
    QVERIFY(binaries.wait(10000));
    QCOMPARE(binaries.first().first().toByteArray(), blob + QByteArray(1, '\0'));

    QSignalSpy serverDisconnected(serverSide, &QWebSocket::disconnected);
    client->close();
    QVERIFY(serverDisconnected.wait(10000));
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
    QWebSocket *serverSide = nullptr;
    QWebSocket *client = openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket"), &serverSide);
    QVERIFY(serverSide);
    QSignalSpy serverTexts(serverSide, &QWebSocket::textMessageReceived);
    QSignalSpy serverBinaries(serverSide, &QWebSocket::binaryMessageReceived);
    QSignalSpy clientDisconnected(client, &QWebSocket::disconnected);
    if (binary)
        client->sendBinaryMessage(QByteArray(size, 'b'));
    else
        client->sendTextMessage(QString(size, QLatin1Char('t')));
    if (expectClose) {
        QVERIFY(clientDisconnected.wait(10000));
        QCOMPARE(client->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QCOMPARE(serverTexts.size() + serverBinaries.size(), 0);
    } else {
        QVERIFY(serverTexts.wait(10000));
        QCOMPARE(serverTexts.first().first().toString().size(), size);
        QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    }
}

void TstHttpWebSocket::upgradeRefused()
{
    startServer();
    m_refusal = HttpResponse::error(403, QStringLiteral("Forbidden origin"), QStringLiteral("FORBIDDEN"));
    RawHttpClient raw;
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
    QSignalSpy accepted(m_server, &HttpServer::webSocketConnected);
    QWebSocket client;
    QSignalSpy errors(&client, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(m_server->serverPort())));
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || !disconnected.isEmpty(), 10000);
    QVERIFY(client.state() != QAbstractSocket::ConnectedState);
    QCOMPARE(accepted.size(), 0);
}

void TstHttpWebSocket::upgradeWithoutFilterRefused()
{
    HttpServer server;
    QVERIFY(server.listen());
    RawHttpClient raw;
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
    QTest::newRow("POST upgrade") << QByteArray("POST /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n") << 400 << 0;
    QTest::newRow("missing key") << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n") << 400 << 0;
    QTest::newRow("short key") << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n\r\n") << 400 << 0;
    QTest::newRow("old version") << QByteArray("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n") << 426 << 0;
    const QByteArray upgradeHead("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
    QTest::newRow("no host") << ("GET /ws HTTP/1.1\r\n" + upgradeHead + "\r\n") << 400 << 0;
    QTest::newRow("HTTP/1.0") << ("GET /ws HTTP/1.0\r\nHost: x\r\n" + upgradeHead + "\r\n") << 400 << 0;
    QByteArray manyHeaders;
    for (int i = 0; i < 120; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::newRow("more headers than Qt takes") << ("GET /ws HTTP/1.1\r\nHost: x\r\n" + upgradeHead + manyHeaders + "\r\n") << 431 << 0;
    QTest::newRow("header line longer than Qt takes") << ("GET /ws HTTP/1.1\r\nHost: x\r\n" + upgradeHead + "X-Long: " + QByteArray(9000, 'l') + "\r\n\r\n") << 431 << 0;
    QTest::newRow("upgrade with body") << QByteArray("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nContent-Length: 3\r\n\r\nabc") << 400 << 0;
    // Not a WebSocket upgrade: served as a plain request.
    QTest::newRow("h2c upgrade ignored") << QByteArray("GET /h2 HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n") << 200 << 0;
    QTest::newRow("upgrade header without connection") << QByteArray("GET /h3 HTTP/1.1\r\nUpgrade: websocket\r\n\r\n") << 200 << 0;
}

void TstHttpWebSocket::invalidUpgradeRequest()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(int, filterCalls);
    startServer();
    RawHttpClient raw;
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
    QWebSocket *serverSide = nullptr;
    openClient(QStringLiteral("/socket.io/?EIO=4&transport=websocket"), &serverSide);
    QVERIFY(serverSide);
    RawHttpClient raw;
    QVERIFY(raw.connectTo(m_server->serverPort()));
    raw.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto reply = raw.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("plain /health"));
}

QTEST_MAIN(TstHttpWebSocket)
#include "tst_httpwebsocket.moc"
