// The whole server over TLS: ChatServer started with certificate files of a test CA, the HTTP
// API over HTTPS (QNetworkAccessManager) and the Qt Socket.IO client over WSS, trusting the CA
// by its TLS configuration, or deciding about an unknown certificate by its certificate check
// (what the app's pinning uses).
#include "tests/support/testserver.h"
#include "tests/tls/testpki.h"

#include "common/client/socketioclient.h"
#include "server/http/httpserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat;
using client::SocketIoClient;

class TstTlsChatServer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void httpsApiAndBaseUrl();
    void qtClientOverWss();
    void certificateCheckDecides_data();
    void certificateCheckDecides();

private:
    QString registerUser(const QString &role);
    SocketIoClient::Options options(const QString &token) const;

    std::optional<testsupport::TestPki> m_pki;
    QTemporaryDir m_files;
    std::unique_ptr<testsupport::TestServer> m_server;
    QNetworkAccessManager m_network;
    int m_serial = 0;
};

void TstTlsChatServer::initTestCase()
{
    m_pki = testsupport::makeTestPki();
    QVERIFY(m_pki);
    const auto files = testsupport::writeTestPki(*m_pki, m_files.path());
    QVERIFY(files);
    m_server = std::make_unique<testsupport::TestServer>();
    m_server->config().tlsCertificateFile = files->certificate;
    m_server->config().tlsKeyFile = files->key;
    QVERIFY(m_server->start());
    QVERIFY(m_server->server()->httpServer()->isTls());
}

void TstTlsChatServer::cleanupTestCase()
{
    m_server.reset();
}

QString TstTlsChatServer::registerUser(const QString &role)
{
    QNetworkRequest request(QUrl(m_server->server()->baseUrl() + QStringLiteral("/api/auth/register")));
    request.setSslConfiguration(m_pki->clientConfiguration());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body{{"fullName", QStringLiteral("TLS %1").arg(++m_serial)},
                           {"email", QStringLiteral("tls-%1-%2@example.test").arg(role).arg(m_serial)},
                           {"password", QStringLiteral("password-over-tls")},
                           {"role", role}};
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        return {};
    reply->deleteLater();
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201) {
        qWarning("register over HTTPS failed: %s", qPrintable(reply->errorString()));
        return {};
    }
    return QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("token")).toString();
}

SocketIoClient::Options TstTlsChatServer::options(const QString &token) const
{
    SocketIoClient::Options options;
    options.url = QUrl(m_server->server()->baseUrl());
    options.auth = QJsonObject{{"token", token}};
    options.reconnect = false;
    options.connectTimeoutMs = 20000;
    return options;
}

void TstTlsChatServer::httpsApiAndBaseUrl()
{
    QVERIFY(m_server->server()->baseUrl().startsWith(QStringLiteral("https://127.0.0.1:")));
    QVERIFY(!registerUser(QStringLiteral("client")).isEmpty());
}

void TstTlsChatServer::qtClientOverWss()
{
    const QString token = registerUser(QStringLiteral("craftsman"));
    QVERIFY(!token.isEmpty());
    SocketIoClient client;
    client.setOptions(options(token));
    client.setSslConfiguration(m_pki->clientConfiguration());
    QSignalSpy connected(&client, &SocketIoClient::connected);
    client.open();
    QVERIFY(connected.wait(20000));
    QVERIFY(!client.socketId().isEmpty());
    QCOMPARE(m_server->server()->httpServer()->webSocketCount(), 1);
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->server()->httpServer()->webSocketCount(), 0, 10000);
}

void TstTlsChatServer::certificateCheckDecides_data()
{
    QTest::addColumn<bool>("accept");
    QTest::newRow("accepted (pinned)") << true;
    QTest::newRow("refused") << false;
}

void TstTlsChatServer::certificateCheckDecides()
{
    // No CA configured: the system does not know the test CA, so the check is asked, with the
    // server's own certificate.
    QFETCH(bool, accept);
    const QString token = registerUser(QStringLiteral("client"));
    QVERIFY(!token.isEmpty());
    SocketIoClient client;
    client.setOptions(options(token));
    QSslCertificate seen;
    int asked = 0;
    client.setCertificateCheck([&](const QList<QSslError> &errors, const QSslCertificate &peer) {
        ++asked;
        seen = peer;
        return accept && !errors.isEmpty() && peer == m_pki->serverCertificate();
    });
    QSignalSpy connected(&client, &SocketIoClient::connected);
    QSignalSpy disconnected(&client, &SocketIoClient::disconnected);
    QSignalSpy connectError(&client, &SocketIoClient::connectError);
    client.open();
    if (accept) {
        QVERIFY(connected.wait(20000));
    } else {
        QVERIFY(QTest::qWaitFor([&] { return !disconnected.isEmpty() || !connectError.isEmpty(); }, 20000));
        QCOMPARE(connected.size(), 0);
        QCOMPARE(client.state(), SocketIoClient::State::Disconnected);
    }
    QCOMPARE(asked, 1);
    QCOMPARE(seen, m_pki->serverCertificate());
    client.close();
}

QTEST_MAIN(TstTlsChatServer)
#include "tst_tlschatserver.moc"
