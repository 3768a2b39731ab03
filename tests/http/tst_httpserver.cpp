// Integration tests of the HTTP/1.1 front end: a real HttpServer on 127.0.0.1:0 and raw
// QTcpSocket clients writing requests byte for byte.
#include "tests/support/httptestclient.h"

#include "server/http/httpserver.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace craftchat::http;
using craftchat::testsupport::HttpReply;
using craftchat::testsupport::RawHttpConnection;

class TstHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void simpleGet();
    void noHandlerAnswers404();
    void requestTargets_data();
    void requestTargets();
    void keepAliveTwoRequests();
    void pipelinedRequestsAnsweredInOrder();
    void connectionPersistence_data();
    void connectionPersistence();
    void contentLengthOverLimitRefusedBeforeBody();
    void chunkedBodyOverLimit();
    void headOverLimit_data();
    void headOverLimit();
    void malformedRequest_data();
    void malformedRequest();
    void idleTimeoutCloses();
    void incompleteRequestTimesOut();
    void heldExchangeClientDisconnects();
    void heldExchangeAnsweredLater();
    void postBodyDeliveredIntact_data();
    void postBodyDeliveredIntact();
    void responseHeadersSanitised();
    void perRequestBodyLimit_data();
    void perRequestBodyLimit();
    void expectContinue();
    void headRequestGetsNoBody();
    void serverDestroyedWhileExchangeHeld();
    void clientNotReadingStopsParsing();
    void closeStopsAcceptingAndClosesIdle();
    void streamedBodyBoundedAndIntact();
    void streamedBodyClosedWhenClientGoes();
    void headCheckRefusesBeforeBody();
    void bodySinkTakesTheBody();
    void bodySinkDroppedWhenClientGoes();
    void connectionCapPerAddress();
    void outOfDescriptorsDoesNotSpinAndRecovers();

private:
    void startServer(const HttpServerLimits &limits = {});
    static QByteArray get(const QByteArray &target, const QByteArray &extra = {});

    HttpServer *m_server = nullptr;
    QList<HttpRequest> m_seen;
    QList<HttpExchangePtr> m_held;
};

void TstHttpServer::init()
{
    m_seen.clear();
    m_held.clear();
}

void TstHttpServer::cleanup()
{
    m_held.clear();
    delete m_server;
    m_server = nullptr;
}

void TstHttpServer::startServer(const HttpServerLimits &limits)
{
    m_server = new HttpServer;
    m_server->setLimits(limits);
    // Default handler: /hold/... is kept for the test to answer, everything else echoes.
    m_server->setRequestHandler([this](const HttpExchangePtr &exchange) {
        const HttpRequest &r = exchange->request();
        m_seen.append(r);
        if (r.path.startsWith(QLatin1String("/hold"))) {
            m_held.append(exchange);
            return;
        }
        HttpResponse response
            = HttpResponse::text(200, r.method + ' ' + r.target + " body=" + QByteArray::number(r.body.size()));
        response.setHeader("X-Path", r.path.toUtf8());
        exchange->respond(response);
    });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(m_server->serverPort() != 0);
}

QByteArray TstHttpServer::get(const QByteArray &target, const QByteArray &extra)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

void TstHttpServer::simpleGet()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("GET /hello%20world/?EIO=4&transport=polling&t=a%2Bb HTTP/1.1\r\n"
                "Host: 127.0.0.1\r\nX-Custom-Header:  Some Value \r\nAccept: */*\r\n\r\n");
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->body, QByteArray("GET /hello%20world/?EIO=4&transport=polling&t=a%2Bb body=0"));
    QCOMPARE(reply->header("content-length"), QByteArray::number(reply->body.size()));
    QCOMPARE(reply->header("connection"), QByteArray("keep-alive"));
    QCOMPARE(reply->header("content-type"), QByteArray("text/plain; charset=UTF-8"));
    QCOMPARE(reply->header("x-path"), QByteArray("/hello world/"));
    QVERIFY(reply->header("date").endsWith(" GMT"));

    QCOMPARE(m_seen.size(), 1);
    const HttpRequest &r = m_seen.first();
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.path, QStringLiteral("/hello world/"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("EIO")), QStringLiteral("4"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("transport")), QStringLiteral("polling"));
    QCOMPARE(r.query.queryItemValue(QStringLiteral("t"), QUrl::FullyDecoded), QStringLiteral("a+b"));
    QCOMPARE(r.header("x-custom-header"), QByteArray("Some Value"));
    QCOMPARE(r.header("X-CUSTOM-HEADER"), QByteArray("Some Value"));
    QCOMPARE(r.headers.at(1).first, QByteArray("x-custom-header"));
    QVERIFY(r.hasHeader("accept"));
    QVERIFY(!r.hasHeader("cookie"));
    QCOMPARE(r.httpMajor, 1);
    QCOMPARE(r.httpMinor, 1);
    QVERIFY(r.keepAlive);
    QVERIFY(!r.upgrade);
    QCOMPARE(r.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(r.peerPort, client.socket().localPort());
    QCOMPARE(m_server->connectionCount(), 1);
}

void TstHttpServer::noHandlerAnswers404()
{
    HttpServer server;
    QVERIFY(server.listen());
    RawHttpConnection client;
    QVERIFY(client.connectTo(server.serverPort()));
    client.send(get("/anything"));
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 404);
    QCOMPARE(reply->body, QByteArray(R"({"code":"NOT_FOUND","message":"Not found"})"));
}

void TstHttpServer::requestTargets_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::newRow("root") << QByteArray("GET / HTTP/1.1") << QStringLiteral("/") << QString();
    QTest::newRow("percent-encoded UTF-8")
        << QByteArray("GET /caf%C3%A9/x%2Fy HTTP/1.1") << QStringLiteral("/café/x/y") << QString();
    QTest::newRow("empty query") << QByteArray("GET /p? HTTP/1.1") << QStringLiteral("/p") << QString();
    QTest::newRow("absolute form") << QByteArray("GET http://example.com:8080/abs?x=1 HTTP/1.1")
                                   << QStringLiteral("/abs") << QStringLiteral("x=1");
    QTest::newRow("fragment dropped") << QByteArray("GET /f?a=b#frag HTTP/1.1") << QStringLiteral("/f")
                                      << QStringLiteral("a=b");
    QTest::newRow("plus is a space") << QByteArray("GET /s?q=bob+craftsman HTTP/1.1") << QStringLiteral("/s")
                                     << QStringLiteral("q=bob craftsman");
    QTest::newRow("encoded plus stays") << QByteArray("GET /s?q=a%2Bb+c HTTP/1.1") << QStringLiteral("/s")
                                        << QStringLiteral("q=a+b c");
    QTest::newRow("leading empty lines") << QByteArray("\r\n\r\nGET /after-crlf HTTP/1.1")
                                         << QStringLiteral("/after-crlf") << QString();
}

void TstHttpServer::requestTargets()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(QString, path);
    QFETCH(QString, query);
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(requestLine + "\r\nHost: x\r\n\r\n");
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(m_seen.size(), 1);
    QCOMPARE(m_seen.first().path, path);
    QCOMPARE(m_seen.first().query.query(QUrl::FullyDecoded), query);
}

void TstHttpServer::keepAliveTwoRequests()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(get("/first"));
    auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("GET /first body=0"));
    client.send(get("/second"));
    reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("GET /second body=0"));
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_seen.size(), 2);
    QCOMPARE(m_seen.at(0).peerPort, m_seen.at(1).peerPort);
    QCOMPARE(m_server->connectionCount(), 1);
}

void TstHttpServer::pipelinedRequestsAnsweredInOrder()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(get("/hold/1") + "POST /two HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" + get("/three"));
    QTRY_COMPARE(m_held.size(), 1);
    // The next requests are not even parsed while the first one is held.
    QVERIFY(client.staysSilent(300));
    QCOMPARE(m_seen.size(), 1);

    m_held.first()->respond(HttpResponse::text(202, "held one"));
    auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 202);
    QCOMPARE(reply->body, QByteArray("held one"));
    reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("POST /two body=3"));
    reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("GET /three body=0"));
    QCOMPARE(m_seen.size(), 3);
    QCOMPARE(m_seen.at(1).body, QByteArray("abc"));
}

void TstHttpServer::connectionPersistence_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connectionHeader");
    QTest::addColumn<bool>("expectClose");

    QTest::newRow("1.1 default") << QByteArray("HTTP/1.1") << QByteArray() << false;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1") << QByteArray("close") << true;
    QTest::newRow("1.1 CLOSE uppercase") << QByteArray("HTTP/1.1") << QByteArray("CLOSE") << true;
    QTest::newRow("1.0 default") << QByteArray("HTTP/1.0") << QByteArray() << true;
    QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0") << QByteArray("keep-alive") << false;
}

void TstHttpServer::connectionPersistence()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connectionHeader);
    QFETCH(bool, expectClose);
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QByteArray request = "GET /p " + version + "\r\nHost: x\r\n";
    if (!connectionHeader.isEmpty())
        request += "Connection: " + connectionHeader + "\r\n";
    client.send(request + "\r\n");
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(m_seen.size(), 1);
    QCOMPARE(m_seen.first().keepAlive, !expectClose);
    QCOMPARE(reply->header("connection"), expectClose ? QByteArray("close") : QByteArray("keep-alive"));
    if (expectClose) {
        QVERIFY(client.waitClosed());
        QTRY_COMPARE(m_server->connectionCount(), 0);
    } else {
        // Still usable.
        client.send(request + "\r\n");
        QVERIFY(client.readReply());
        QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    }
}

void TstHttpServer::contentLengthOverLimitRefusedBeforeBody()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 1000;
    startServer(limits);
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    // Only the head is sent: the refusal must come without waiting for the body.
    client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 413);
    QCOMPARE(reply->header("connection"), QByteArray("close"));
    QCOMPARE(reply->body, QByteArray(R"({"code":"PAYLOAD_TOO_LARGE","message":"Request body too large"})"));
    QVERIFY(client.waitClosed());
    QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::chunkedBodyOverLimit()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 1000;
    startServer(limits);
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QByteArray request = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i)
        request += "190\r\n" + QByteArray(400, 'z') + "\r\n"; // 3 x 400 bytes
    request += "0\r\n\r\n";
    client.send(request);
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 413);
    QVERIFY(client.waitClosed());
    QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::headOverLimit_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray big(3000, 'a');
    QTest::newRow("one long header") << ("GET / HTTP/1.1\r\nX-Big: " + big + "\r\n\r\n");
    QByteArray many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 300; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("many headers") << (many + "\r\n");
    QTest::newRow("long target") << ("GET /" + big + " HTTP/1.1\r\n\r\n");
    QTest::newRow("never ending head") << ("GET / HTTP/1.1\r\nX-Big: " + big); // no end of head
}

void TstHttpServer::headOverLimit()
{
    QFETCH(QByteArray, request);
    HttpServerLimits limits;
    limits.maxHeadBytes = 2048;
    startServer(limits);
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(request);
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 431);
    QCOMPARE(reply->header("connection"), QByteArray("close"));
    QVERIFY(client.waitClosed());
    QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("garbage") << QByteArray("HELLO THERE\r\n\r\n");
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/x.1\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nBad Header\r\n\r\n");
    QTest::newRow("space in target") << QByteArray("GET /a b c HTTP/1.1\r\n\r\n");
    QTest::newRow("bad content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n");
    QTest::newRow("two content-lengths") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    QTest::newRow("binary") << QByteArray("\x01\x02\x03\x04\r\n\r\n", 8);
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    // Request smuggling shapes are refused, not guessed at.
    QTest::newRow("chunked plus content-length")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n");
    QTest::newRow("transfer-encoding not chunked")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc");
    QTest::newRow("bare LF in header name") << QByteArray("GET / HTTP/1.1\r\nX\nY: 1\r\n\r\n");
}

void TstHttpServer::malformedRequest()
{
    QFETCH(QByteArray, request);
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(request);
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 400);
    QCOMPARE(reply->header("connection"), QByteArray("close"));
    QCOMPARE(reply->body, QByteArray(R"({"code":"BAD_REQUEST","message":"Malformed HTTP request"})"));
    QVERIFY(client.waitClosed());
    QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::idleTimeoutCloses()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 300;
    startServer(limits);
    RawHttpConnection silent;
    QVERIFY(silent.connectTo(m_server->serverPort()));
    RawHttpConnection afterRequest;
    QVERIFY(afterRequest.connectTo(m_server->serverPort()));
    afterRequest.send(get("/x"));
    QVERIFY(afterRequest.readReply());
    QCOMPARE(afterRequest.socket().state(), QAbstractSocket::ConnectedState);

    QVERIFY(silent.waitClosed());
    QVERIFY(afterRequest.waitClosed());
    QCOMPARE(silent.takeBuffered(), QByteArray()); // closed without a response
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TstHttpServer::incompleteRequestTimesOut()
{
    HttpServerLimits limits;
    limits.requestTimeoutMs = 300;
    startServer(limits);
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("POST /slow HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 408);
    QVERIFY(client.waitClosed());
    QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::heldExchangeClientDisconnects()
{
    startServer();
    int aborts = 0;
    bool openInCallback = true;
    {
        RawHttpConnection client;
        QVERIFY(client.connectTo(m_server->serverPort()));
        client.send(get("/hold/poll"));
        QTRY_COMPARE(m_held.size(), 1);
        QVERIFY(m_held.first()->isOpen());
        m_held.first()->setOnAbort([&] {
            ++aborts;
            openInCallback = m_held.first()->isOpen();
            m_held.first()->respond(HttpResponse::text(200, "from inside the abort callback"));
        });
        client.socket().abort();
    }
    QTRY_COMPARE(aborts, 1);
    QVERIFY(!openInCallback);
    const HttpExchangePtr held = m_held.first();
    QVERIFY(!held->isOpen());
    QVERIFY(!held->isResponded());
    held->respond(HttpResponse::text(200, "too late")); // harmless no-op
    QVERIFY(!held->isOpen());
    QTRY_COMPARE(m_server->connectionCount(), 0);
    QCOMPARE(aborts, 1);
    // Still harmless once the connection object is long gone.
    QTest::qWait(50);
    held->respond(HttpResponse::text(200, "later still"));
    QCOMPARE(aborts, 1);
    QCOMPARE(held->request().path, QStringLiteral("/hold/poll"));
}

void TstHttpServer::heldExchangeAnsweredLater()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(get("/hold/poll"));
    QTRY_COMPARE(m_held.size(), 1);
    int aborts = 0;
    m_held.first()->setOnAbort([&] { ++aborts; });
    QTimer::singleShot(200, this, [this] { m_held.first()->respond(HttpResponse::text(200, "late answer")); });
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("late answer"));
    QVERIFY(m_held.first()->isResponded());
    QVERIFY(!m_held.first()->isOpen());
    m_held.first()->respond(HttpResponse::text(200, "second answer ignored"));
    client.send(get("/after"));
    const auto next = client.readReply();
    QVERIFY(next);
    QCOMPARE(next->body, QByteArray("GET /after body=0"));
    client.socket().abort();
    QTRY_COMPARE(m_server->connectionCount(), 0);
    QCOMPARE(aborts, 0); // answered exchanges are never aborted
}

void TstHttpServer::postBodyDeliveredIntact_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("trickle");
    for (int size : {0, 1, 1000, 65536 + 7, 300000, 1000000}) {
        for (bool chunked : {false, true}) {
            const QByteArray name = QByteArray::number(size) + (chunked ? " chunked" : " content-length");
            QTest::newRow(name.constData()) << size << chunked << false;
        }
    }
    QTest::newRow("4000 trickled content-length") << 4000 << false << true;
    QTest::newRow("4000 trickled chunked") << 4000 << true << true;
}

void TstHttpServer::postBodyDeliveredIntact()
{
    QFETCH(int, size);
    QFETCH(bool, chunked);
    QFETCH(bool, trickle);
    startServer();
    QByteArray body(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        body[i] = char((i * 131 + i / 256) & 0xff);

    QByteArray request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n";
    if (chunked) {
        request += "Transfer-Encoding: chunked\r\n\r\n";
        for (int offset = 0; offset < size; offset += 7777) {
            const QByteArray part = body.mid(offset, 7777);
            request += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
        }
        request += "0\r\n\r\n";
    } else {
        request += "Content-Length: " + QByteArray::number(size) + "\r\n\r\n" + body;
    }
    request += get("/after"); // pipelined right behind the body

    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    if (trickle) {
        for (qsizetype offset = 0; offset < request.size(); offset += 97) {
            client.send(request.mid(offset, 97));
            QTest::qWait(1);
        }
    } else {
        client.send(request);
    }
    auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->body, "POST /echo body=" + QByteArray::number(size));
    reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("GET /after body=0"));
    QCOMPARE(m_seen.size(), 2);
    QCOMPARE(m_seen.first().body.size(), size);
    QVERIFY(m_seen.first().body == body);
    QCOMPARE(m_seen.first().header("content-type"), QByteArray("application/octet-stream"));
}

void TstHttpServer::responseHeadersSanitised()
{
    HttpServer server;
    server.setRequestHandler([](const HttpExchangePtr &exchange) {
        HttpResponse r = HttpResponse::text(201, "ok");
        r.headers.append(qMakePair(QByteArray("Content-Length"), QByteArray("999")));
        r.headers.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
        r.headers.append(qMakePair(QByteArray("X-Injected"), QByteArray("a\r\nSet-Cookie: evil=1")));
        r.headers.append(qMakePair(QByteArray("X-Fine"), QByteArray("yes")));
        exchange->respond(r);
    });
    QVERIFY(server.listen());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("forbidden characters.*X-Injected")));
    RawHttpConnection client;
    QVERIFY(client.connectTo(server.serverPort()));
    client.send(get("/"));
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 201);
    QCOMPARE(reply->body, QByteArray("ok"));
    QCOMPARE(reply->header("content-length"), QByteArray("2"));
    QCOMPARE(reply->header("connection"), QByteArray("keep-alive"));
    QCOMPARE(reply->header("x-fine"), QByteArray("yes"));
    QVERIFY(reply->header("x-injected").isEmpty());
    QVERIFY(reply->header("set-cookie").isEmpty());
}

void TstHttpServer::closeStopsAcceptingAndClosesIdle()
{
    startServer();
    RawHttpConnection idle;
    QVERIFY(idle.connectTo(m_server->serverPort()));
    RawHttpConnection busy;
    QVERIFY(busy.connectTo(m_server->serverPort()));
    busy.send(get("/hold/x"));
    QTRY_COMPARE(m_held.size(), 1);
    QTRY_COMPARE(m_server->connectionCount(), 2);
    const quint16 port = m_server->serverPort();
    m_server->close();
    QVERIFY(idle.waitClosed());
    // The held exchange can still answer; the connection closes after it.
    QVERIFY(m_held.first()->isOpen());
    m_held.first()->respond(HttpResponse::text(200, "bye"));
    const auto reply = busy.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("bye"));
    QCOMPARE(reply->header("connection"), QByteArray("close"));
    QVERIFY(busy.waitClosed());
    RawHttpConnection late;
    QVERIFY(!late.connectTo(port, 1000) || late.waitClosed());
}

void TstHttpServer::perRequestBodyLimit_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<int>("status");
    QTest::newRow("upload within its own limit") << QByteArray("/upload") << 4000 << false << 200;
    QTest::newRow("upload chunked within") << QByteArray("/upload") << 4000 << true << 200;
    QTest::newRow("upload over its limit") << QByteArray("/upload") << 5001 << false << 413;
    QTest::newRow("upload chunked over") << QByteArray("/upload") << 5001 << true << 413;
    QTest::newRow("other path default limit") << QByteArray("/other") << 1001 << false << 413;
    QTest::newRow("other path within") << QByteArray("/other") << 1000 << true << 200;
}

void TstHttpServer::perRequestBodyLimit()
{
    QFETCH(QByteArray, path);
    QFETCH(int, size);
    QFETCH(bool, chunked);
    QFETCH(int, status);
    HttpServerLimits limits;
    limits.maxBodyBytes = 1000;
    startServer(limits);
    QStringList asked;
    m_server->setBodyLimit([&asked](const HttpRequest &head) -> qint64 {
        asked.append(head.path);
        return head.path == QLatin1String("/upload") ? 5000 : -1;
    });
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    const QByteArray body(size, 'u');
    if (chunked)
        client.send("POST " + path + " HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray::number(size, 16)
                    + "\r\n" + body + "\r\n0\r\n\r\n");
    else
        client.send("POST " + path + " HTTP/1.1\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n" + body);
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, status);
    QCOMPARE(asked, QStringList{QString::fromLatin1(path)});
    if (status == 200)
        QCOMPARE(m_seen.first().body, body);
    else
        QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::expectContinue()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("POST /e HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    const auto interim = client.readReply();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    client.send("hello");
    const auto reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->body, QByteArray("POST /e body=5"));
}

void TstHttpServer::headRequestGetsNoBody()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("HEAD /h HTTP/1.1\r\n\r\n" + get("/g"));
    const auto head = client.readReply(10000, false);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QCOMPARE(head->header("content-length"), QByteArray::number(QByteArray("HEAD /h body=0").size()));
    const auto next = client.readReply();
    QVERIFY(next);
    QCOMPARE(next->body, QByteArray("GET /g body=0")); // framing intact after the HEAD reply
}

void TstHttpServer::serverDestroyedWhileExchangeHeld()
{
    startServer();
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(get("/hold/forever"));
    QTRY_COMPARE(m_held.size(), 1);
    int aborts = 0;
    m_held.first()->setOnAbort([&aborts] { ++aborts; });
    delete m_server;
    m_server = nullptr;
    QVERIFY(!m_held.first()->isOpen());
    m_held.first()->respond(HttpResponse::text(200, "nobody listens")); // no-op, no crash
    QCOMPARE(aborts, 0);
    QVERIFY(client.waitClosed());
    QCOMPARE(client.takeBuffered(), QByteArray());
}

void TstHttpServer::clientNotReadingStopsParsing()
{
    HttpServer server;
    int calls = 0;
    const QByteArray big(1024 * 1024, 'B');
    server.setRequestHandler([&](const HttpExchangePtr &exchange) {
        ++calls;
        exchange->respond(HttpResponse::text(200, exchange->request().target + big));
    });
    QVERIFY(server.listen());
    RawHttpConnection client;
    QVERIFY(client.connectTo(server.serverPort()));
    client.socket().setReadBufferSize(64 * 1024); // this client reads slowly
    const int requests = 60;
    QByteArray burst;
    for (int i = 0; i < requests; ++i)
        burst += get("/" + QByteArray::number(i));
    client.send(burst);
    QTRY_VERIFY(calls > 0);
    QTest::qWait(500); // give the server every chance to run ahead
    QVERIFY2(calls < requests, "the server kept parsing while its answers piled up");

    client.socket().setReadBufferSize(0);
    for (int i = 0; i < requests; ++i) {
        const auto reply = client.readReply(30000);
        QVERIFY(reply);
        QCOMPARE(reply->body.size(), big.size() + 1 + QByteArray::number(i).size());
        QVERIFY(reply->body.startsWith("/" + QByteArray::number(i) + "B"));
    }
    QCOMPARE(calls, requests);
}

namespace {

// A device that counts what was read from it and notices when it is closed.
class CountingBuffer : public QBuffer
{
public:
    explicit CountingBuffer(const QByteArray &data, bool *closed)
        : m_closed(closed)
    {
        setData(data);
        open(QIODevice::ReadOnly);
    }
    ~CountingBuffer() override { *m_closed = true; }

private:
    bool *m_closed;
};

class RecordingSink : public HttpBodySink
{
public:
    explicit RecordingSink(QList<qsizetype> *pieces, QByteArray *bytes, bool *dropped)
        : m_pieces(pieces)
        , m_bytes(bytes)
        , m_dropped(dropped)
    {}
    ~RecordingSink() override { *m_dropped = true; }
    bool write(const char *data, qsizetype size) override
    {
        m_pieces->append(size);
        m_bytes->append(data, size);
        return true;
    }

private:
    QList<qsizetype> *m_pieces;
    QByteArray *m_bytes;
    bool *m_dropped;
};

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

void TstHttpServer::streamedBodyBoundedAndIntact()
{
    HttpServerLimits limits;
    limits.maxStreamedOutputBytes = 128 * 1024;
    HttpServer server;
    server.setLimits(limits);
    QByteArray content(16 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < content.size(); ++i)
        content[i] = char((i * 7 + i / 4096) & 0xFF);
    bool closed = false;
    server.setRequestHandler([&](const HttpExchangePtr &exchange) {
        HttpResponse response;
        response.bodyStream = std::make_shared<CountingBuffer>(content, &closed);
        response.bodyStreamSize = content.size();
        exchange->respond(response);
    });
    QVERIFY(server.listen());
    // A client that does not read: the server holds at most the bound for it.
    RawHttpConnection stalled;
    QVERIFY(stalled.connectTo(server.serverPort()));
    stalled.socket().setReadBufferSize(16 * 1024);
    stalled.send(get("/big"));
    QTRY_VERIFY(server.peakPendingOutputBytes() > 0);
    QTest::qWait(500);
    QVERIFY2(server.peakPendingOutputBytes() <= limits.maxStreamedOutputBytes + 64 * 1024,
             qPrintable(QString::number(server.peakPendingOutputBytes())));
    QVERIFY(!closed);
    // Reading on, it gets every byte, and a second request on the same connection works.
    stalled.socket().setReadBufferSize(0);
    const auto reply = stalled.readReply(30000);
    QVERIFY(reply);
    QCOMPARE(reply->header("content-length"), QByteArray::number(content.size()));
    QVERIFY(reply->body == content);
    QTRY_VERIFY(closed);
    closed = false;
    stalled.send("HEAD /again HTTP/1.1\r\n\r\n");
    const auto head = stalled.readReply(10000, false);
    QVERIFY(head);
    QCOMPARE(head->header("content-length"), QByteArray::number(content.size()));
    QVERIFY(stalled.staysSilent(200)); // no body after a HEAD answer
    QVERIFY(server.peakPendingOutputBytes() <= limits.maxStreamedOutputBytes + 64 * 1024);
}

void TstHttpServer::streamedBodyClosedWhenClientGoes()
{
    HttpServer server;
    bool closed = false;
    const QByteArray content(32 * 1024 * 1024, 'x');
    server.setRequestHandler([&](const HttpExchangePtr &exchange) {
        HttpResponse response;
        response.bodyStream = std::make_shared<CountingBuffer>(content, &closed);
        response.bodyStreamSize = content.size();
        exchange->respond(response);
    });
    QVERIFY(server.listen());
    {
        RawHttpConnection client;
        QVERIFY(client.connectTo(server.serverPort()));
        client.socket().setReadBufferSize(16 * 1024);
        client.send(get("/big"));
        QTRY_VERIFY(server.peakPendingOutputBytes() > 0);
        client.socket().abort();
    }
    QTRY_VERIFY(closed);
    QTRY_COMPARE(server.connectionCount(), 0);
}

void TstHttpServer::headCheckRefusesBeforeBody()
{
    startServer();
    QStringList asked;
    m_server->setHeadCheck([&asked](const HttpRequest &head) -> std::optional<HttpResponse> {
        asked.append(head.path);
        if (head.header("authorization").isEmpty())
            return HttpResponse::error(401, QStringLiteral("Authentication required"), QStringLiteral("UNAUTHORIZED"));
        return std::nullopt;
    });
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    // Only the head of a large body: answered at once, the body never awaited.
    client.send("POST /upload HTTP/1.1\r\nContent-Length: 900\r\n\r\n");
    const auto reply = client.readReply(2000);
    QVERIFY(reply);
    QCOMPARE(reply->status, 401);
    QCOMPARE(reply->header("connection"), QByteArray("close"));
    client.send(QByteArray(900, 'b')); // discarded
    QVERIFY(client.waitClosed());
    QVERIFY(m_seen.isEmpty());
    QCOMPARE(asked, QStringList{QStringLiteral("/upload")});

    RawHttpConnection allowed;
    QVERIFY(allowed.connectTo(m_server->serverPort()));
    allowed.send("POST /upload HTTP/1.1\r\nAuthorization: x\r\nContent-Length: 5\r\n\r\nhello");
    const auto ok = allowed.readReply();
    QVERIFY(ok);
    QCOMPARE(ok->status, 200);
    QCOMPARE(ok->body, QByteArray("POST /upload body=5"));
}

void TstHttpServer::bodySinkTakesTheBody()
{
    startServer();
    QList<qsizetype> pieces;
    QByteArray received;
    bool dropped = false;
    m_server->setBodySinkFactory([&](const HttpRequest &head) -> std::shared_ptr<HttpBodySink> {
        if (head.path != QLatin1String("/sink"))
            return nullptr;
        return std::make_shared<RecordingSink>(&pieces, &received, &dropped);
    });
    const QByteArray body(3 * 1024 * 1024 + 17, 's');
    HttpServerLimits limits;
    limits.maxBodyBytes = 8 * 1024 * 1024;
    m_server->setLimits(limits);
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("POST /sink HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const auto reply = client.readReply(30000);
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("POST /sink body=0")); // nothing kept in the request
    QCOMPARE(received, body);
    QVERIFY(pieces.size() > 1);
    QVERIFY(*std::max_element(pieces.cbegin(), pieces.cend()) <= 64 * 1024);
    QCOMPARE(m_seen.size(), 1);
    QCOMPARE(m_seen.first().bodyBytes, body.size());
    m_seen.clear();
    QTRY_VERIFY(dropped); // the handler answered: the sink is released
}

void TstHttpServer::bodySinkDroppedWhenClientGoes()
{
    startServer();
    QList<qsizetype> pieces;
    QByteArray received;
    bool dropped = false;
    m_server->setBodySinkFactory([&](const HttpRequest &) -> std::shared_ptr<HttpBodySink> {
        return std::make_shared<RecordingSink>(&pieces, &received, &dropped);
    });
    RawHttpConnection client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("POST /sink HTTP/1.1\r\nContent-Length: 100000\r\n\r\n" + QByteArray(40000, 'p'));
    QTRY_COMPARE(received.size(), 40000);
    QVERIFY(!dropped);
    client.socket().abort();
    QTRY_VERIFY(dropped);
    QVERIFY(m_seen.isEmpty());
}

void TstHttpServer::connectionCapPerAddress()
{
    HttpServerLimits limits;
    limits.maxConnectionsPerAddress = 2;
    startServer(limits);
    RawHttpConnection a;
    RawHttpConnection b;
    for (RawHttpConnection *c : {&a, &b}) {
        QVERIFY(c->connectTo(m_server->serverPort()));
        c->send(get("/x"));
        QVERIFY(c->readReply());
    }
    RawHttpConnection third;
    QVERIFY(third.connectTo(m_server->serverPort()));
    third.send(get("/x"));
    QVERIFY(third.waitClosed(3000));
    QVERIFY(third.takeBuffered().isEmpty());
    QCOMPARE(m_server->refusedConnections(), 1);
    a.send(get("/still"));
    QVERIFY(a.readReply());
    b.socket().abort();
    QTRY_COMPARE(m_server->connectionCount(), 1);
    RawHttpConnection again;
    QVERIFY(again.connectTo(m_server->serverPort()));
    again.send(get("/again"));
    QVERIFY(again.readReply());
}

void TstHttpServer::outOfDescriptorsDoesNotSpinAndRecovers()
{
    startServer();
    rlimit original{};
    QVERIFY(getrlimit(RLIMIT_NOFILE, &original) == 0);
    // Use up every descriptor below a low limit, keep one for the client's socket.
    rlimit low = original;
    low.rlim_cur = std::min<rlim_t>(original.rlim_cur, 256);
    QVERIFY(setrlimit(RLIMIT_NOFILE, &low) == 0);
    std::vector<int> fillers;
    for (;;) {
        const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            break;
        fillers.push_back(fd);
    }
    const auto restore = qScopeGuard([&] {
        for (int fd : fillers)
            ::close(fd);
        setrlimit(RLIMIT_NOFILE, &original);
    });
    QVERIFY(fillers.size() > 2);
    ::close(fillers.back());
    fillers.pop_back();
    RawHttpConnection client; // takes the last descriptor; the server's accept() gets EMFILE
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(get("/after-emfile"));

    const double cpuBefore = processCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    while (wall.elapsed() < 2000)
        QTest::qWait(50);
    const double cpu = processCpuSeconds() - cpuBefore;
    QVERIFY2(cpu < 0.5, qPrintable(QStringLiteral("%1 s of CPU in 2 s without descriptors").arg(cpu)));
    QVERIFY(m_seen.isEmpty());

    // Descriptors free again: the waiting connection is accepted and answered.
    for (int i = 0; i < 8 && !fillers.empty(); ++i) {
        ::close(fillers.back());
        fillers.pop_back();
    }
    const auto reply = client.readReply(5000);
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("GET /after-emfile body=0"));
}

QTEST_MAIN(TstHttpServer)
#include "tst_httpserver.moc"
