// HttpServer in TLS mode over real loopback sockets, with a test CA made at run time: HTTPS
// requests and the served chain, TLS 1.2 as the floor, plain HTTP and silent clients on the
// TLS port, a certificate change for new connections only, and the WebSocket layer over TLS
// (QWebSocket both ways with large messages, a raw TLS client that reads slowly or not at all,
// the closing handshake). Also TlsCredentials' refusals of unusable files.
#include "tests/support/serverframe.h"
#include "tests/support/websocketrecorder.h"
#include "tests/tls/testpki.h"

#include "server/http/httpserver.h"
#include "server/http/tlscredentials.h"
#include "server/http/websocketconnection.h"
#include "server/http/websocketframe.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <openssl/ssl.h>
#include <sys/socket.h>

using namespace craftchat;
using namespace craftchat::http;

using craftchat::testsupport::ServerFrame;
using Recorder = craftchat::testsupport::WebSocketRecorder;
using craftchat::testsupport::takeServerFrame;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
};

// Connects with TLS and waits (on the event loop: the server runs in this thread).
bool connectTls(QSslSocket &socket, quint16 port, const QSslConfiguration &configuration)
{
    socket.setSslConfiguration(configuration);
    QSignalSpy encrypted(&socket, &QSslSocket::encrypted);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return encrypted.wait(10000) || socket.isEncrypted();
}

bool waitDisconnected(QAbstractSocket &socket, int timeoutMs = 10000)
{
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}

std::optional<Reply> request(QSslSocket &socket, const QByteArray &target)
{
    socket.write("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QByteArray buffer;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        buffer += socket.readAll();
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = buffer.left(headEnd).toLower();
            const qsizetype at = head.indexOf("content-length: ");
            const qsizetype length = at < 0 ? 0 : head.mid(at + 16, head.indexOf("\r\n", at) - at - 16).toLongLong();
            if (buffer.size() >= headEnd + 4 + length)
                return Reply{buffer.mid(9, 3).toInt(), buffer.mid(headEnd + 4, length)};
        }
        if (socket.state() != QAbstractSocket::ConnectedState)
            return std::nullopt;
        QSignalSpy readyRead(&socket, &QSslSocket::readyRead);
        readyRead.wait(50);
    }
    return std::nullopt;
}

const char kMask[4] = {'\x11', '\x22', '\x33', '\x44'};

// A WebSocket client over QSslSocket that reads only when asked, to play a slow reader.
class RawTlsWebSocket
{
public:
    // behind: bytes sent right behind the request, before the 101 came (in the same TLS
    // record when sameRecord, else in records of their own), in the same TCP segment.
    bool open(quint16 port, const QSslConfiguration &configuration, const QList<QByteArray> &behind = {},
              bool sameRecord = true)
    {
        if (!connectTls(socket, port, configuration))
            return false;
        QByteArray upgrade = "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        if (sameRecord) {
            for (const QByteArray &bytes : behind)
                upgrade += bytes;
            socket.write(upgrade);
        } else {
            socket.write(upgrade);
            for (const QByteArray &bytes : behind)
                socket.write(bytes); // one TLS record each, written out together
        }
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            m_buffer += socket.readAll();
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const bool ok = m_buffer.startsWith("HTTP/1.1 101");
                m_buffer.remove(0, end + 4);
                return ok;
            }
            QSignalSpy readyRead(&socket, &QSslSocket::readyRead);
            readyRead.wait(50);
        }
        return false;
    }
    void send(const QByteArray &bytes) { socket.write(bytes); }
    std::optional<ServerFrame> next(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            m_buffer += socket.readAll();
            if (auto frame = takeServerFrame(m_buffer))
                return frame;
            if (deadline.hasExpired() || socket.state() != QAbstractSocket::ConnectedState)
                return std::nullopt;
            QSignalSpy readyRead(&socket, &QSslSocket::readyRead);
            readyRead.wait(int(std::max<qint64>(1, std::min<qint64>(deadline.remainingTime(), 50))));
        }
    }

    QSslSocket socket;

private:
    QByteArray m_buffer;
};

} // namespace

class TstHttpsTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void httpsRequestServesTheChain();
    void protocolFloorIsTls12();
    void oldProtocolsAreRefused_data();
    void oldProtocolsAreRefused();
    void plainHttpOnTheTlsPortIsClosed();
    void silentClientIsClosedBySweep();
    void newCertificateForNewConnectionsOnly();
    void webSocketLargeMessagesBothWays();
    void webSocketClosingHandshake();
    void slowReaderGetsEverythingInOrder();
    void peerThatDoesNotReadIsDropped();
    void unusableFilesAreRefused_data();
    void unusableFilesAreRefused();
    // The OpenSSL transport (bridge in the HTTP phase, session handed to the WebSocket).
    void httpsRequestSeesTheClientAddress();
    void framesBehindTheUpgradeCrossTheHandover_data();
    void framesBehindTheUpgradeCrossTheHandover();
    void stalledHandshakeIsClosedBySweep();
    void manyMessagesBothWaysAfterTheHandover();
    void manyRecordsInOneReadAreAllDelivered_data();
    void manyRecordsInOneReadAreAllDelivered();
    void postBodyAndPipelinedRequestsOverTls();

private:
    void startServer(const HttpServerLimits &limits = {});
    WebSocketConnection *acceptNext();

    std::optional<testsupport::TestPki> m_pki;
    std::optional<TlsCredentials> m_serverTls;
    HttpServer *m_server = nullptr;
    Recorder *m_recorder = nullptr;
    QList<WebSocketConnection *> m_accepted;
    qsizetype m_taken = 0;
};

void TstHttpsTls::initTestCase()
{
    m_pki = testsupport::makeTestPki();
    QVERIFY(m_pki);
    QTemporaryDir dir;
    const auto files = testsupport::writeTestPki(*m_pki, dir.path());
    QVERIFY(files);
    const auto credentials = TlsCredentials::load(files->certificate, files->key);
    QVERIFY2(credentials.ok(), qPrintable(credentials.errorMessage()));
    QCOMPARE(credentials->chain.size(), 2);
    m_serverTls = *credentials;
}

void TstHttpsTls::cleanup()
{
    delete m_server;
    m_server = nullptr;
    delete m_recorder;
    m_recorder = nullptr;
    m_accepted.clear();
    m_taken = 0;
}

void TstHttpsTls::startServer(const HttpServerLimits &limits)
{
    m_server = new HttpServer;
    m_server->setLimits(limits);
    m_server->setTlsCredentials(*m_serverTls);
    m_server->setUpgradeFilter([](const HttpRequest &) { return std::optional<HttpResponse>(); });
    m_server->setRequestHandler([](const HttpExchangePtr &exchange) {
        exchange->respond(HttpResponse::text(200, "tls " + exchange->request().target));
    });
    m_recorder = new Recorder;
    m_recorder->echo = true;
    connect(m_server, &HttpServer::webSocketConnected, m_recorder, [this](WebSocketConnection *socket) {
        socket->setHandler(m_recorder);
        m_accepted.append(socket);
    });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    QVERIFY(m_server->isTls());
}

WebSocketConnection *TstHttpsTls::acceptNext()
{
    if (!QTest::qWaitFor([&] { return m_accepted.size() > m_taken; }, 10000))
        return nullptr;
    return m_accepted.at(m_taken++);
}

void TstHttpsTls::httpsRequestServesTheChain()
{
    startServer();
    QSslSocket client;
    QVERIFY(connectTls(client, m_server->serverPort(), m_pki->clientConfiguration()));
    QCOMPARE(client.peerCertificate(), m_pki->serverCertificate());
    const QList<QSslCertificate> chain = client.peerCertificateChain();
    QCOMPARE(chain.size(), 2); // the leaf and the CA from the certificate file
    QCOMPARE(chain.at(1), m_pki->caCertificate());
    const auto reply = request(client, "/hello?x=1");
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->body, QByteArray("tls /hello?x=1"));
    // Keep-alive over the same TLS session.
    const auto second = request(client, "/again");
    QVERIFY(second);
    QCOMPARE(second->body, QByteArray("tls /again"));
    QCOMPARE(m_server->connectionCount(), 1);
}

void TstHttpsTls::protocolFloorIsTls12()
{
    QCOMPARE(SSL_CTX_get_min_proto_version(m_serverTls->context.get()), long(TLS1_2_VERSION));
    QCOMPARE(SSL_CTX_get_verify_mode(m_serverTls->context.get()), SSL_VERIFY_NONE);
    QVERIFY(SSL_CTX_get_mode(m_serverTls->context.get()) & SSL_MODE_RELEASE_BUFFERS);
    startServer();
    QSslConfiguration tls12 = m_pki->clientConfiguration();
    tls12.setProtocol(QSsl::TlsV1_2);
    QSslSocket client;
    QVERIFY(connectTls(client, m_server->serverPort(), tls12));
    QCOMPARE(client.sessionProtocol(), QSsl::TlsV1_2);
    QSslSocket modern;
    QVERIFY(connectTls(modern, m_server->serverPort(), m_pki->clientConfiguration()));
    QCOMPARE(modern.sessionProtocol(), QSsl::TlsV1_3);
}

void TstHttpsTls::oldProtocolsAreRefused_data()
{
    QTest::addColumn<int>("protocol");
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    QTest::newRow("TLS 1.0") << int(QSsl::TlsV1_0);
    QTest::newRow("TLS 1.1") << int(QSsl::TlsV1_1);
    QT_WARNING_POP
}

void TstHttpsTls::oldProtocolsAreRefused()
{
    // Whether this OpenSSL still lets a client try TLS 1.0/1.1 or not, no session comes up,
    // and the server goes on serving.
    QFETCH(int, protocol);
    startServer();
    QSslConfiguration old = m_pki->clientConfiguration();
    old.setProtocol(QSsl::SslProtocol(protocol));
    QSslSocket client;
    client.setSslConfiguration(old);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->serverPort());
    QVERIFY(waitDisconnected(client));
    QVERIFY(!client.isEncrypted());
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
    QSslSocket good;
    QVERIFY(connectTls(good, m_server->serverPort(), m_pki->clientConfiguration()));
    QCOMPARE(request(good, "/after")->body, QByteArray("tls /after"));
}

void TstHttpsTls::plainHttpOnTheTlsPortIsClosed()
{
    startServer();
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(plain.waitForConnected(10000));
    plain.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QVERIFY(waitDisconnected(plain));
    // No HTTP answer, at most a TLS alert record.
    QVERIFY(!plain.readAll().startsWith("HTTP/"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
    QSslSocket client;
    QVERIFY(connectTls(client, m_server->serverPort(), m_pki->clientConfiguration()));
    const auto reply = request(client, "/still");
    QVERIFY(reply);
    QCOMPARE(reply->body, QByteArray("tls /still"));
}

void TstHttpsTls::silentClientIsClosedBySweep()
{
    // A client that connects and never starts the handshake: the request timeout covers it.
    HttpServerLimits limits;
    limits.requestTimeoutMs = 300;
    limits.idleTimeoutMs = 60'000;
    limits.lingerMs = 200;
    startServer(limits);
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(silent.waitForConnected(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 1, 10000);
    QVERIFY(waitDisconnected(silent, 10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
}

void TstHttpsTls::newCertificateForNewConnectionsOnly()
{
    startServer();
    QSslSocket before;
    QVERIFY(connectTls(before, m_server->serverPort(), m_pki->clientConfiguration()));
    const auto other = testsupport::makeTestPki(QStringLiteral("second.localhost"));
    QVERIFY(other);
    QTemporaryDir dir;
    const auto files = testsupport::writeTestPki(*other, dir.path());
    QVERIFY(files);
    const auto credentials = TlsCredentials::load(files->certificate, files->key);
    QVERIFY(credentials.ok());
    m_server->setTlsCredentials(*credentials);

    QSslSocket after;
    QVERIFY(connectTls(after, m_server->serverPort(), other->clientConfiguration()));
    QCOMPARE(after.peerCertificate(), other->serverCertificate());
    QCOMPARE(request(after, "/new")->body, QByteArray("tls /new"));
    // The connection made before keeps its session and is served.
    QCOMPARE(before.peerCertificate(), m_pki->serverCertificate());
    QCOMPARE(request(before, "/old")->body, QByteArray("tls /old"));
}

void TstHttpsTls::webSocketLargeMessagesBothWays()
{
    startServer();
    QWebSocket client;
    client.setSslConfiguration(m_pki->clientConfiguration());
    QSignalSpy connected(&client, &QWebSocket::connected);
    client.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(m_server->serverPort())));
    QVERIFY(connected.wait(10000));
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    QCOMPARE(serverSide->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(serverSide->peerPort(), client.localPort());

    QList<QByteArray> binaries;
    QStringList texts;
    connect(&client, &QWebSocket::binaryMessageReceived, this, [&](const QByteArray &m) { binaries.append(m); });
    connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &m) { texts.append(m); });
    QByteArray big(900 * 1024, '\0');
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    client.sendBinaryMessage(big);
    client.sendTextMessage(QStringLiteral("small"));
    QTRY_COMPARE_WITH_TIMEOUT(binaries.size(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 1, 10000);
    QCOMPARE(m_recorder->binaries.value(0), big);
    QCOMPARE(binaries.value(0), big + QByteArray(1, '\0'));
    QCOMPARE(texts.value(0), QStringLiteral("echo:small"));

    // Several large messages from the server in one pass, in order.
    m_recorder->echo = false;
    for (int i = 0; i < 5; ++i)
        serverSide->sendBinary(QByteArray::number(i) + ':' + QByteArray(700 * 1024, 'm'));
    QTRY_COMPARE_WITH_TIMEOUT(binaries.size(), 6, 20000);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(binaries.at(i + 1).size(), QByteArray::number(i).size() + 1 + 700 * 1024);
        QVERIFY(binaries.at(i + 1).startsWith(QByteArray::number(i) + ':'));
    }
}

void TstHttpsTls::webSocketClosingHandshake()
{
    startServer();
    QWebSocket client;
    client.setSslConfiguration(m_pki->clientConfiguration());
    QSignalSpy connected(&client, &QWebSocket::connected);
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    client.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(m_server->serverPort())));
    QVERIFY(connected.wait(10000));
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    serverSide->close(4001, "bye");
    QVERIFY(disconnected.wait(10000));
    QCOMPARE(int(client.closeCode()), 4001);
    QCOMPARE(client.closeReason(), QStringLiteral("bye"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
    QCOMPARE(m_recorder->closedCalls, 0);

    // The peer closes: the handler is told once, the server answers and ends the connection.
    QWebSocket second;
    second.setSslConfiguration(m_pki->clientConfiguration());
    QSignalSpy secondConnected(&second, &QWebSocket::connected);
    second.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(m_server->serverPort())));
    QVERIFY(secondConnected.wait(10000));
    QVERIFY(acceptNext());
    second.close(QWebSocketProtocol::CloseCodeNormal);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QAbstractSocket::UnconnectedState, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->closedCalls, 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
}

void TstHttpsTls::slowReaderGetsEverythingInOrder()
{
    // As tst_httpwebsocket's test of the same name, through TLS: bursts far beyond what the
    // kernel and the TLS layer hold while the client does not read; the server keeps the rest
    // queued under its limit and delivers everything in order, the close frame last.
    startServer();
    RawTlsWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort(), m_pki->clientConfiguration()));
    raw.socket.setReadBufferSize(4096);
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    const int kernelBuffer = 64 * 1024;
    QCOMPARE(
        ::setsockopt(int(serverSide->socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &kernelBuffer, sizeof kernelBuffer),
        0);
    QCOMPARE(
        ::setsockopt(int(raw.socket.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &kernelBuffer, sizeof kernelBuffer), 0);
    constexpr int kBursts = 5;
    constexpr int kFramesPerBurst = 40;
    const qint64 limit = m_server->limits().maxWebSocketQueuedBytes;
    const QByteArray chunk(64 * 1024, 'z');
    int next = 0;
    for (int burst = 0; burst < kBursts; ++burst) {
        const int from = next;
        for (int i = 0; i < kFramesPerBurst; ++i, ++next)
            serverSide->sendBinary(QByteArray::number(next) + ':' + chunk);
        if (burst == kBursts - 1)
            serverSide->close(1000);
        QTest::qWait(50);
        QVERIFY(serverSide->queuedBytes() > 0); // the TLS layer refused bytes: waiting for room
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
    raw.send(WebSocketFrame::build(WebSocketOpcode::Close, WebSocketFrame::closePayload(1000), true, kMask));
    QVERIFY(waitDisconnected(raw.socket));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
    QCOMPARE(m_recorder->closedCalls, 0);
    QVERIFY(m_server->webSocketPeakQueuedBytes() > 0);
    QVERIFY(m_server->webSocketPeakQueuedBytes() <= limit);
}

void TstHttpsTls::peerThatDoesNotReadIsDropped()
{
    HttpServerLimits limits;
    limits.maxWebSocketQueuedBytes = 1024 * 1024;
    startServer(limits);
    RawTlsWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort(), m_pki->clientConfiguration()));
    raw.socket.setReadBufferSize(4096);
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    QPointer<WebSocketConnection> alive(serverSide);
    QSignalSpy closed(m_recorder, &Recorder::closed);
    const QByteArray frame = WebSocketFrame::build(WebSocketOpcode::Binary, QByteArray(200 * 1024, 'b'));
    constexpr int kMaxFrames = 2000;
    int sent = 0;
    while (alive && alive->isOpen() && sent < kMaxFrames) {
        alive->sendFrame(frame);
        ++sent;
        QVERIFY(!alive || alive->queuedBytes() <= limits.maxWebSocketQueuedBytes);
        if (alive && alive->isOpen())
            QTest::qWait(1);
    }
    QVERIFY2(sent < kMaxFrames, "the connection was never dropped");
    QVERIFY(alive);
    QCOMPARE(alive->state(), WebSocketConnection::State::Closed);
    QVERIFY(alive->isSlowConsumer());
    QCOMPARE(closed.size(), 0); // told later, not from inside sendFrame()
    QVERIFY(closed.wait(10000));
    QCOMPARE(m_recorder->closedCalls, 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->webSocketCount(), 0, 10000);
    QVERIFY(m_server->webSocketPeakQueuedBytes() <= limits.maxWebSocketQueuedBytes);
    QVERIFY(waitDisconnected(raw.socket, 10000) || raw.socket.bytesAvailable() >= 0);
}

void TstHttpsTls::unusableFilesAreRefused_data()
{
    QTest::addColumn<QString>("certificateName");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<int>("error");
    QTest::newRow("missing certificate") << "missing.pem"
                                         << "key.pem" << int(TlsCredentialsError::Unreadable);
    QTest::newRow("missing key") << "cert.pem"
                                 << "missing.pem" << int(TlsCredentialsError::Unreadable);
    QTest::newRow("not a certificate") << "garbage.pem"
                                       << "key.pem" << int(TlsCredentialsError::Certificate);
    QTest::newRow("not a key") << "cert.pem"
                               << "garbage.pem" << int(TlsCredentialsError::Key);
    QTest::newRow("key of another certificate") << "cert.pem"
                                                << "otherkey.pem" << int(TlsCredentialsError::Mismatch);
}

void TstHttpsTls::unusableFilesAreRefused()
{
    QFETCH(QString, certificateName);
    QFETCH(QString, keyName);
    QFETCH(int, error);
    QTemporaryDir dir;
    QVERIFY(testsupport::writeTestPki(*m_pki, dir.path()));
    const auto other = testsupport::makeTestPki(QStringLiteral("other"));
    QVERIFY(other);
    QVERIFY(testsupport::writeTestPki(*other, dir.path(), QStringLiteral("other")));
    QFile garbage(dir.filePath(QStringLiteral("garbage.pem")));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    garbage.close();
    const auto loaded = TlsCredentials::load(dir.filePath(certificateName), dir.filePath(keyName));
    QVERIFY(!loaded);
    QCOMPARE(int(loaded.error()), error);
    QVERIFY(loaded.errorMessage().contains(QStringLiteral("TLS")));
    QVERIFY(!loaded.errorMessage().contains(QStringLiteral("PRIVATE KEY")));
}

void TstHttpsTls::httpsRequestSeesTheClientAddress()
{
    // HttpConnection's socket is the bridge's socketpair: the request must still carry the
    // TCP peer (logs, connection caps, X-Forwarded-For trust).
    startServer();
    m_server->setRequestHandler([](const HttpExchangePtr &exchange) {
        const HttpRequest &r = exchange->request();
        exchange->respond(
            HttpResponse::text(200, r.peerAddress.toString().toLatin1() + ' ' + QByteArray::number(r.peerPort)));
    });
    QSslSocket client;
    QVERIFY(connectTls(client, m_server->serverPort(), m_pki->clientConfiguration()));
    const auto reply = request(client, "/who");
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->body, "127.0.0.1 " + QByteArray::number(client.localPort()));
}

void TstHttpsTls::framesBehindTheUpgradeCrossTheHandover_data()
{
    QTest::addColumn<bool>("sameRecord");
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("size");
    QTest::newRow("one frame, same record") << true << 1 << 5;
    QTest::newRow("one frame, own record") << false << 1 << 5;
    QTest::newRow("many frames, same record") << true << 50 << 300;
    QTest::newRow("many frames, own records") << false << 50 << 300;
    // More than the socketpair and the bridge hold: some stays in the pair, some in the bridge.
    QTest::newRow("a large burst, own records") << false << 40 << 60 * 1024;
}

void TstHttpsTls::framesBehindTheUpgradeCrossTheHandover()
{
    // Plaintext behind the upgrade request (what the QTcpSocket read past the request, what is
    // still in the socketpair, what the bridge holds) reaches the WebSocket, in order.
    QFETCH(bool, sameRecord);
    QFETCH(int, frames);
    QFETCH(int, size);
    startServer();
    QList<QByteArray> behind;
    for (int i = 0; i < frames; ++i) {
        const QByteArray text = QByteArray::number(i) + ':' + QByteArray(size, 'e');
        behind.append(WebSocketFrame::build(WebSocketOpcode::Text, text, true, kMask));
    }
    RawTlsWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort(), m_pki->clientConfiguration(), behind, sameRecord));
    QVERIFY(acceptNext());
    for (int i = 0; i < frames; ++i) {
        const auto frame = raw.next();
        QVERIFY2(frame, qPrintable(QStringLiteral("echo %1 missing").arg(i)));
        QCOMPARE(frame->opcode(), 0x1);
        QCOMPARE(frame->payload, "echo:" + QByteArray::number(i) + ':' + QByteArray(size, 'e'));
    }
    QCOMPARE(m_recorder->texts.size(), frames);
    for (int i = 0; i < frames; ++i)
        QCOMPARE(m_recorder->texts.at(i), QByteArray::number(i) + ':' + QByteArray(size, 'e'));
}

void TstHttpsTls::stalledHandshakeIsClosedBySweep()
{
    // A client that starts the handshake (a ClientHello record header and a few bytes of it)
    // and stops: the request deadline closes it.
    HttpServerLimits limits;
    limits.requestTimeoutMs = 300;
    limits.idleTimeoutMs = 60'000;
    limits.lingerMs = 200;
    startServer(limits);
    QTcpSocket stalled;
    stalled.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(stalled.waitForConnected(10000));
    stalled.write(QByteArray::fromHex("160301020001"));
    QVERIFY(stalled.waitForBytesWritten(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 1, 10000);
    QVERIFY(waitDisconnected(stalled, 10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 10000);
    QCOMPARE(stalled.readAll(), QByteArray()); // no HTTP answer (nor anything else)
    // The server still serves.
    QSslSocket client;
    QVERIFY(connectTls(client, m_server->serverPort(), m_pki->clientConfiguration()));
    QCOMPARE(request(client, "/after")->body, QByteArray("tls /after"));
}

void TstHttpsTls::manyMessagesBothWaysAfterTheHandover()
{
    startServer();
    QWebSocket client;
    client.setSslConfiguration(m_pki->clientConfiguration());
    QSignalSpy connected(&client, &QWebSocket::connected);
    client.open(QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(m_server->serverPort())));
    QVERIFY(connected.wait(10000));
    WebSocketConnection *serverSide = acceptNext();
    QVERIFY(serverSide);
    QStringList texts;
    connect(&client, &QWebSocket::textMessageReceived, this, [&](const QString &m) { texts.append(m); });
    constexpr int kMessages = 2000;
    for (int i = 0; i < kMessages; ++i)
        client.sendTextMessage(QStringLiteral("m%1").arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), kMessages, 30000);
    for (int i = 0; i < kMessages; ++i)
        QCOMPARE(texts.at(i), QStringLiteral("echo:m%1").arg(i));
    QCOMPARE(m_recorder->texts.size(), kMessages);
    // The server alone, many small frames in one pass and over several passes.
    for (int i = 0; i < kMessages; ++i) {
        serverSide->sendText("s" + QByteArray::number(i));
        if (i % 500 == 0)
            QTest::qWait(1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 2 * kMessages, 30000);
    for (int i = 0; i < kMessages; ++i)
        QCOMPARE(texts.at(kMessages + i), QStringLiteral("s%1").arg(i));
}

void TstHttpsTls::manyRecordsInOneReadAreAllDelivered_data()
{
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("size");
    QTest::newRow("small records") << 400 << 20;
    // More than one read pass takes (4 x 64 KB): the rest is inside the session (SSL_pending)
    // or the kernel when the pass stops, and must still come without new input.
    QTest::newRow("more than one read pass") << 60 << 12 * 1024;
}

void TstHttpsTls::manyRecordsInOneReadAreAllDelivered()
{
    // Records written out together arrive in one TCP read; the session drains them all, the
    // peer sending nothing more afterwards.
    QFETCH(int, frames);
    QFETCH(int, size);
    startServer();
    m_server->setLimits([] {
        HttpServerLimits limits;
        limits.maxWebSocketQueuedBytes = 64 * 1024 * 1024;
        return limits;
    }());
    RawTlsWebSocket raw;
    QVERIFY(raw.open(m_server->serverPort(), m_pki->clientConfiguration()));
    QVERIFY(acceptNext());
    m_recorder->echo = false;
    for (int i = 0; i < frames; ++i) {
        raw.send(WebSocketFrame::build(WebSocketOpcode::Text, QByteArray::number(i) + ':' + QByteArray(size, 'r'), true,
                                       kMask));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->texts.size(), frames, 20000);
    for (int i = 0; i < frames; ++i)
        QVERIFY(m_recorder->texts.at(i).startsWith(QByteArray::number(i) + ':'));
}

void TstHttpsTls::postBodyAndPipelinedRequestsOverTls()
{
    // Through the bridge: a body larger than a TLS record, and two requests in one write
    // answered in order on the same connection.
    startServer();
    m_server->setRequestHandler([](const HttpExchangePtr &exchange) {
        const HttpRequest &r = exchange->request();
        exchange->respond(HttpResponse::text(200, r.target + ' ' + QByteArray::number(r.body.size()) + ' '
                                                      + QByteArray::number(qChecksum(r.body))));
    });
    QSslSocket client;
    QVERIFY(connectTls(client, m_server->serverPort(), m_pki->clientConfiguration()));
    QByteArray body(200 * 1024, '\0');
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 13);
    client.write("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + QByteArray::number(body.size())
                 + "\r\n\r\n" + body + "GET /next HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const QByteArray first = "/upload " + QByteArray::number(body.size()) + ' ' + QByteArray::number(qChecksum(body));
    QByteArray answers;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answers += client.readAll();
            return answers.contains("/next 0 ");
        },
        10000));
    QCOMPARE(answers.count("HTTP/1.1 200"), 2);
    QVERIFY(answers.indexOf(first) >= 0);
    QVERIFY(answers.indexOf(first) < answers.indexOf("/next 0 "));
    QCOMPARE(m_server->connectionCount(), 1);
}

QTEST_MAIN(TstHttpsTls)
#include "tst_httpstls.moc"
