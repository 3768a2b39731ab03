// Issue 14, the app's side of TLS: invitations (text round trip, hostile input, QR code),
// TrustStore's decisions, and pinning against a real TLS endpoint on loopback: an unknown
// certificate makes the start window ask (its fingerprint on screen), accepting pins it and the
// connection goes through, the same certificate later goes through without a question, another
// certificate on the same address is refused with the warning on screen, and an invitation pins
// without asking. The Socket.IO connection (QWebSocket) follows the same rule. The host panel
// shows the fingerprint, the invitation and its QR code; the connection indicator says whether
// the connection is encrypted.
#include "common/tls/fingerprint.h"
#include "tests/ui/tlstestserver.h"
#include "ui/net/apiclient.h"
#include "ui/net/chatsession.h"
#include "ui/net/invitation.h"
#include "ui/net/serverhost.h"
#include "ui/net/truststore.h"
#include "ui/util/qrcode.h"
#include "ui/util/resources.h"
#include "ui/widgets/certificatedialogs.h"
#include "ui/widgets/connectionindicator.h"
#include "ui/widgets/hostpanel.h"
#include "ui/widgets/registerform.h"
#include "ui/widgets/startwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QWebSocketServer>

using namespace craftchat;
using namespace craftchat::ui;

Q_DECLARE_METATYPE(craftchat::ui::TrustStore::Verdict)

namespace {

const QByteArray ShaA = QByteArray(32, '\xA1');
const QByteArray ShaB = QByteArray(32, '\x0B');

QString hex(const QByteArray &sha)
{
    return tls::compactFingerprint(sha);
}

// A hosted server as the host panel sees it: running on an https address with a certificate.
class FakeHost : public ServerHost
{
public:
    FakeHost(const QUrl &url, const QSslCertificate &certificate)
        : m_url(url)
        , m_certificate(certificate)
    {}
    bool isAvailable() const override { return true; }
    bool isRunning() const override { return true; }
    void start() override {}
    void stop() override {}
    QUrl localUrl() const override { return m_url; }
    QString dataDirectory() const override { return QStringLiteral("/tmp/craftchat-test"); }
    bool isNew() const override { return false; }
    std::optional<Administrator> administrator() const override { return std::nullopt; }
    QSslCertificate certificate() const override { return m_certificate; }

private:
    QUrl m_url;
    QSslCertificate m_certificate;
};

template <typename T>
T *visibleChild(QObject *parent)
{
    for (T *child : parent->findChildren<T *>()) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

} // namespace

class TestTlsTrust : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("CraftChatTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_tlstrust"));
        initResources();
        m_first = testtls::makeCertificate(QStringLiteral("first"));
        m_second = testtls::makeCertificate(QStringLiteral("second"));
        QVERIFY(!m_first.certificatePem.isEmpty());
        QVERIFY(!m_second.certificatePem.isEmpty());
    }

    void init()
    {
        QSettings().remove(TrustStore::group());
        QSettings().remove(QStringLiteral("connection"));
    }

    // --- the invitation string -------------------------------------------------------------

    void invitationRoundTrip_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QByteArray>("sha");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("ipv4 with code") << "https://192.168.1.20:3001" << ShaA << "K7QPZ2M4XW6RN3BD5HJ8TC9AVE"
                                        << "craftchat://join?server=https%3A%2F%2F192.168.1.20%3A3001&fp=" + hex(ShaA)
                                               + "&code=K7QPZ2M4XW6RN3BD5HJ8TC9AVE";
        QTest::newRow("no code") << "https://192.168.1.20:3001" << ShaB << ""
                                 << "craftchat://join?server=https%3A%2F%2F192.168.1.20%3A3001&fp=" + hex(ShaB);
        QTest::newRow("host name, default port")
            << "https://shop.example:443" << ShaA << "a-b_c="
            << "craftchat://join?server=https%3A%2F%2Fshop.example%3A443&fp=" + hex(ShaA) + "&code=a-b_c%3D";
        QTest::newRow("ipv6") << "https://[fd00::20]:3001" << ShaB << "x"
                              << "craftchat://join?server=https%3A%2F%2F%5Bfd00%3A%3A20%5D%3A3001&fp=" + hex(ShaB)
                                     + "&code=x";
    }

    void invitationRoundTrip()
    {
        QFETCH(QString, server);
        QFETCH(QByteArray, sha);
        QFETCH(QString, code);
        QFETCH(QString, text);
        const Invitation invitation{QUrl(server), sha, code};
        QVERIFY(invitation.isValid());
        QCOMPARE(invitation.toString(), text);
        const auto parsed = Invitation::parse(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->server, QUrl(server));
        QCOMPARE(parsed->sha256, sha);
        QCOMPARE(parsed->code, code);
        // Pasted with blanks around it, or as the link a QR scanner hands over: the same.
        QCOMPARE(Invitation::parse(QStringLiteral("  ") + text + QStringLiteral("\n"))->toString(), text);
    }

    void invitationParseNormalises()
    {
        // A port left out is 443; the host lower case; a trailing slash dropped.
        const auto parsed
            = Invitation::parse("craftchat://join?fp=" + hex(ShaA) + "&server=https%3A%2F%2FShop.Example%2F");
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->server, QUrl(QStringLiteral("https://shop.example:443")));
        QCOMPARE(parsed->code, QString());
    }

    void invitationRefusesHostileInput_data()
    {
        QTest::addColumn<QString>("text");
        const QString fp = hex(ShaA);
        const QString server = QStringLiteral("server=https%3A%2F%2F192.168.1.20%3A3001");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain address") << "https://192.168.1.20:3001";
        QTest::newRow("no query") << "craftchat://join";
        QTest::newRow("no fingerprint") << "craftchat://join?" + server;
        QTest::newRow("no server") << "craftchat://join?fp=" + fp;
        QTest::newRow("other action") << "craftchat://evil?" + server + "&fp=" + fp;
        QTest::newRow("port on the action") << "craftchat://join:99?" + server + "&fp=" + fp;
        QTest::newRow("http server") << "craftchat://join?server=http%3A%2F%2F192.168.1.20%3A3001&fp=" + fp;
        QTest::newRow("javascript server") << "craftchat://join?server=javascript%3Aalert(1)&fp=" + fp;
        QTest::newRow("user in server") << "craftchat://join?server=https%3A%2F%2Fevil%40192.168.1.20&fp=" + fp;
        QTest::newRow("path in server") << "craftchat://join?server=https%3A%2F%2Fhost%2Fapi&fp=" + fp;
        QTest::newRow("query in server") << "craftchat://join?server=https%3A%2F%2Fhost%3Fa%3Db&fp=" + fp;
        QTest::newRow("short fingerprint") << "craftchat://join?" + server + "&fp=" + fp.left(62);
        QTest::newRow("long fingerprint") << "craftchat://join?" + server + "&fp=" + fp + "00";
        QTest::newRow("not hex") << "craftchat://join?" + server + "&fp=" + QString(64, QLatin1Char('g'));
        QTest::newRow("two servers") << "craftchat://join?" + server + "&" + server + "&fp=" + fp;
        QTest::newRow("two fingerprints") << "craftchat://join?" + server + "&fp=" + fp + "&fp=" + hex(ShaB);
        QTest::newRow("two codes") << "craftchat://join?" + server + "&fp=" + fp + "&code=a&code=b";
        QTest::newRow("markup in code") << "craftchat://join?" + server + "&fp=" + fp + "&code=%3Cb%3Ex%3C%2Fb%3E";
        QTest::newRow("blank in code") << "craftchat://join?" + server + "&fp=" + fp + "&code=a%20b";
        QTest::newRow("code too long") << "craftchat://join?" + server + "&fp=" + fp + "&code=" + QString(65, 'a');
        QTest::newRow("fragment") << "craftchat://join?" + server + "&fp=" + fp + "#x";
        QTest::newRow("huge") << "craftchat://join?" + server + "&fp=" + fp + "&x=" + QString(2000, 'a');
        QTest::newRow("nul") << "craftchat://join?" + server + "&fp=" + fp + "&code=a%00b";
    }

    void invitationRefusesHostileInput()
    {
        QFETCH(QString, text);
        QVERIFY(!Invitation::parse(text).has_value());
    }

    // --- the QR code ---------------------------------------------------------------------

    void qrCodeOfARealInvitation()
    {
        const Invitation invitation{QUrl(QStringLiteral("https://192.168.178.120:3001")),
                                    tls::sha256Fingerprint(QSslCertificate(m_first.certificatePem, QSsl::Pem)),
                                    QStringLiteral("K7QPZ2M4XW6RN3BD5HJ8TC9AVE")};
        const QByteArray text = invitation.toString().toUtf8();
        QCOMPARE(text.size(), 160);
        const qrcode::Matrix matrix = qrcode::encode(text);
        // 160 bytes at level M: version 9 (53 modules), small enough for any phone camera.
        QCOMPARE(matrix.size, 53);
        QCOMPARE(matrix.modules.size(), 53 * 53);
        // The finder pattern's corners are dark, the separator next to it light.
        QVERIFY(matrix.dark(0, 0));
        QVERIFY(matrix.dark(6, 6));
        QVERIFY(!matrix.dark(7, 7));
        QVERIFY(matrix.dark(52, 0));
        QVERIFY(matrix.dark(0, 52));
        const QImage image = qrcode::render(matrix, 4);
        QCOMPARE(image.size(), QSize((53 + 8) * 4, (53 + 8) * 4));
        // The quiet zone (4 modules) is white all round.
        const int quiet = qrcode::QuietZoneModules * 4;
        for (int i = 0; i < image.width(); ++i) {
            for (int q = 0; q < quiet; ++q) {
                QCOMPARE(image.pixel(i, q), qRgb(255, 255, 255));
                QCOMPARE(image.pixel(i, image.height() - 1 - q), qRgb(255, 255, 255));
                QCOMPARE(image.pixel(q, i), qRgb(255, 255, 255));
                QCOMPARE(image.pixel(image.width() - 1 - q, i), qRgb(255, 255, 255));
            }
        }
        // Each module is moduleSize pixels: the first is black from corner to corner.
        QCOMPARE(image.pixel(quiet, quiet), qRgb(0, 0, 0));
        QCOMPARE(image.pixel(quiet + 3, quiet + 3), qRgb(0, 0, 0));
        QCOMPARE(image.pixel(quiet + 7 * 4, quiet + 7 * 4), qRgb(255, 255, 255));
        int dark = 0;
        for (bool m : matrix.modules)
            dark += m ? 1 : 0;
        QVERIFY(dark > 53 * 53 / 4 && dark < 53 * 53 * 3 / 4);
    }

    // --- TrustStore's rule ---------------------------------------------------------------

    void pinKeys_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("key");
        QTest::newRow("ipv4") << "192.168.1.20" << 3001 << "192.168.1.20:3001";
        QTest::newRow("name in capitals") << "Shop.Example" << 3001 << "shop.example:3001";
        QTest::newRow("default port") << "shop.example" << -1 << "shop.example:443";
        QTest::newRow("ipv6") << "::1" << 3001 << "[::1]:3001";
        QTest::newRow("ipv6 in brackets") << "[FD00::20]" << 3001 << "[fd00::20]:3001";
    }

    void pinKeys()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, key);
        QCOMPARE(TrustStore::key(host, port), key);
    }

    void decisions_data()
    {
        QTest::addColumn<QList<int>>("errors"); // QSslError::SslError values about the peer
        QTest::addColumn<QString>("pin");       // "", "same", "other"
        QTest::addColumn<TrustStore::Verdict>("verdict");
        const QList<int> selfSigned{QSslError::SelfSignedCertificate};
        const QList<int> selfSignedOtherName{QSslError::SelfSignedCertificate, QSslError::HostNameMismatch};
        const QList<int> expired{QSslError::SelfSignedCertificate, QSslError::CertificateExpired};
        QTest::newRow("system trusted") << QList<int>{} << "" << TrustStore::Verdict::Trusted;
        QTest::newRow("system trusted beats a pin") << QList<int>{} << "other" << TrustStore::Verdict::Trusted;
        QTest::newRow("unknown") << selfSigned << "" << TrustStore::Verdict::NotPinned;
        QTest::newRow("pinned") << selfSigned << "same" << TrustStore::Verdict::Pinned;
        QTest::newRow("pinned, other name") << selfSignedOtherName << "same" << TrustStore::Verdict::Pinned;
        QTest::newRow("untrusted issuer, pinned")
            << QList<int>{QSslError::UnableToGetLocalIssuerCertificate, QSslError::UnableToVerifyFirstCertificate}
            << "same" << TrustStore::Verdict::Pinned;
        QTest::newRow("changed") << selfSigned << "other" << TrustStore::Verdict::Changed;
        QTest::newRow("expired though pinned") << expired << "same" << TrustStore::Verdict::Invalid;
        QTest::newRow("expired, unknown") << expired << "" << TrustStore::Verdict::Invalid;
        QTest::newRow("revoked") << QList<int>{QSslError::CertificateRevoked} << "same" << TrustStore::Verdict::Invalid;
    }

    void decisions()
    {
        QFETCH(QList<int>, errors);
        QFETCH(QString, pin);
        QFETCH(TrustStore::Verdict, verdict);
        const QSslCertificate peer(m_first.certificatePem, QSsl::Pem);
        const QByteArray sha = tls::sha256Fingerprint(peer);
        QList<QSslError> sslErrors;
        for (int e : errors)
            sslErrors.append(QSslError(QSslError::SslError(e), peer));
        TrustStore store;
        if (pin == QLatin1String("same"))
            store.setPin(QStringLiteral("192.168.1.20"), 3001, sha);
        else if (pin == QLatin1String("other"))
            store.setPin(QStringLiteral("192.168.1.20"), 3001, ShaB);
        const TrustStore::Decision d = store.decide(QStringLiteral("192.168.1.20"), 3001, peer, sslErrors);
        QCOMPARE(d.verdict, verdict);
        // Exactly the errors of this connection are ignored, and only for the pinned certificate.
        QCOMPARE(d.ignore, verdict == TrustStore::Verdict::Pinned ? sslErrors : QList<QSslError>());
        if (verdict != TrustStore::Verdict::Trusted)
            QCOMPARE(d.presented, sha);
        // A pin is per address: another port of the same host knows nothing of it.
        if (!errors.isEmpty() && pin == QLatin1String("same") && verdict == TrustStore::Verdict::Pinned)
            QCOMPARE(store.decide(QStringLiteral("192.168.1.20"), 3002, peer, sslErrors).verdict,
                     TrustStore::Verdict::NotPinned);
    }

    // --- pinning against a real TLS endpoint -----------------------------------------------

    void untrustedThenPinnedThenChanged()
    {
        testtls::HttpsServer server(m_first);
        server.answer("GET", "/api/auth/registration", 200, R"({"mode":"invite"})");
        QVERIFY(server.listen());
        const QString readableFirst = tls::readableFingerprint(server.certificate(), 4);

        // 1. Unknown certificate: the API call is refused with what the dialog needs.
        {
            ApiClient api;
            api.setBaseUrl(server.url());
            QSignalSpy done(this, &TestTlsTrust::apiDone);
            ApiResult result;
            api.health([&](const ApiResult &r, bool) {
                result = r;
                emit apiDone();
            });
            QVERIFY(done.wait(10000));
            QCOMPARE(result.errorCode, QStringLiteral("TLS_UNTRUSTED"));
            QCOMPARE(result.tls.kind, TlsProblem::Kind::Unknown);
            QCOMPARE(result.tls.certificate, server.certificate());
            QCOMPARE(result.tls.address(), QStringLiteral("127.0.0.1:%1").arg(server.port()));
        }

        // 2. The start window asks, showing the fingerprint; accepting pins it and connects.
        {
            StartWindow start(nullptr);
            start.show();
            start.addressEdit()->setText(server.url().toString());
            QTest::mouseClick(start.connectButton(), Qt::LeftButton);
            CertificateQuestion *question = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((question = visibleChild<CertificateQuestion>(&start)) != nullptr, 10000);
            QCOMPARE(question->fingerprintLabel()->text(), readableFirst);
            QCOMPARE(question->fingerprintLabel()->text().count(QLatin1Char('\n')), 3); // 4 lines of 4 groups
            QVERIFY(question->findChildren<QLabel *>().constLast() != nullptr);
            QVERIFY(TrustStore().pins().isEmpty()); // nothing trusted before the user says so
            QTest::mouseClick(question->trustButton(), Qt::LeftButton);
            QCOMPARE(TrustStore().pin(QStringLiteral("127.0.0.1"), server.port()),
                     tls::sha256Fingerprint(server.certificate()));
            QTRY_COMPARE_WITH_TIMEOUT(start.server(), server.url(), 10000);
            QVERIFY(start.signInButton()->isVisible());
            // The server's registration mode reached the sign-up form: a code is required.
            QTRY_COMPARE_WITH_TIMEOUT(start.registerForm()->registrationMode(), QStringLiteral("invite"), 10000);
            QVERIFY(start.registerForm()->inviteCodeRequired());
        }

        // 3. The same certificate later: no question.
        {
            StartWindow start(nullptr);
            start.show();
            start.addressEdit()->setText(server.url().toString());
            QTest::mouseClick(start.connectButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(start.server(), server.url(), 10000);
            QVERIFY(!visibleChild<CertificateQuestion>(&start));
            QVERIFY(!visibleChild<CertificateChangedWarning>(&start));
            // Its last request (the registration mode) is answered before the next step counts
            // the requests that reach the server.
            QTRY_COMPARE_WITH_TIMEOUT(start.registerForm()->registrationMode(), QStringLiteral("invite"), 10000);
        }

        // 4. Another certificate on the same address: refused, the warning shows both.
        server.setCertificate(m_second);
        {
            StartWindow start(nullptr);
            start.show();
            const int before = server.requests().size();
            start.addressEdit()->setText(server.url().toString());
            QTest::mouseClick(start.connectButton(), Qt::LeftButton);
            CertificateChangedWarning *warning = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((warning = visibleChild<CertificateChangedWarning>(&start)) != nullptr, 10000);
            QVERIFY(warning->messageLabel()->text().contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));
            QVERIFY(warning->messageLabel()->text().contains(QStringLiteral("another certificate")));
            QCOMPARE(warning->pinnedLabel()->text(), readableFirst);
            QCOMPARE(warning->presentedLabel()->text(), tls::readableFingerprint(server.certificate(), 4));
            QVERIFY(!visibleChild<CertificateQuestion>(&start));
            // No request got through, the server page stays with the refusal, the pin is unchanged.
            QCOMPARE(server.requests().size(), before);
            QVERIFY(start.serverError()->isVisible());
            QVERIFY(start.serverError()->text().contains(QStringLiteral("another certificate")));
            QCOMPARE(start.server(), QUrl());
            QCOMPARE(TrustStore().pin(QStringLiteral("127.0.0.1"), server.port()),
                     tls::sha256Fingerprint(QSslCertificate(m_first.certificatePem, QSsl::Pem)));
            // No one-click way on: the only buttons are Close and "Forget…", which asks first.
            const QList<QPushButton *> buttons = warning->findChildren<QPushButton *>();
            QCOMPARE(buttons.size(), 2);
            QTest::mouseClick(warning->forgetButton(), Qt::LeftButton);
            QMessageBox *confirm = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((confirm = visibleChild<QMessageBox>(warning)) != nullptr, 5000);
            QCOMPARE(confirm->defaultButton(), confirm->button(QMessageBox::Cancel));
            QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
            QVERIFY(!TrustStore().pin(QStringLiteral("127.0.0.1"), server.port()).isEmpty());
            warning->reject();
        }
    }

    void invitationPinsWithoutAsking()
    {
        testtls::HttpsServer server(m_second);
        QVERIFY(server.listen());
        const Invitation invitation{server.url(), tls::sha256Fingerprint(server.certificate()),
                                    QStringLiteral("K7QPZ2M4XW6RN3BD5HJ8TC9AVE")};
        StartWindow start(nullptr);
        start.show();
        start.addressEdit()->setText(invitation.toString());
        QTest::mouseClick(start.connectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(start.server(), server.url(), 10000);
        QVERIFY(!visibleChild<CertificateQuestion>(&start));
        QCOMPARE(TrustStore().pin(QStringLiteral("127.0.0.1"), server.port()), invitation.sha256);
        // The sign-up form is shown with the invitation's code filled in.
        QCOMPARE(start.tabs()->currentIndex(), 1);
        QCOMPARE(start.registerInviteCode()->text(), invitation.code);
        QCOMPARE(start.addressEdit()->text(), server.url().toString());
    }

    void invalidInvitationIsRefusedOnScreen()
    {
        StartWindow start(nullptr);
        start.show();
        start.addressEdit()->setText(QStringLiteral("craftchat://join?server=http%3A%2F%2F10.0.0.1&fp=00"));
        QTest::mouseClick(start.connectButton(), Qt::LeftButton);
        QVERIFY(start.serverError()->isVisible());
        QCOMPARE(start.serverError()->text(), QStringLiteral("This invitation is not valid. Copy it again from the "
                                                             "host's screen."));
        QVERIFY(TrustStore().pins().isEmpty());
    }

    // The Socket.IO connection (QWebSocket) follows the same rule as the HTTP API.
    void socketFollowsTheSameRule_data()
    {
        QTest::addColumn<QString>("pin"); // "same", "other", ""
        QTest::addColumn<bool>("connects");
        QTest::addColumn<int>("refusal"); // TlsProblem::Kind
        QTest::newRow("pinned") << "same" << true << int(TlsProblem::Kind::None);
        QTest::newRow("changed") << "other" << false << int(TlsProblem::Kind::Changed);
        QTest::newRow("unknown") << "" << false << int(TlsProblem::Kind::Unknown);
    }

    void socketFollowsTheSameRule()
    {
        QFETCH(QString, pin);
        QFETCH(bool, connects);
        QFETCH(int, refusal);
        QWebSocketServer wss(QStringLiteral("test"), QWebSocketServer::SecureMode);
        wss.setSslConfiguration(testtls::serverConfiguration(m_first));
        QVERIFY(wss.listen(QHostAddress::LocalHost, 0));
        const QSslCertificate certificate(m_first.certificatePem, QSsl::Pem);
        if (pin == QLatin1String("same"))
            TrustStore().setPin(QStringLiteral("127.0.0.1"), wss.serverPort(), tls::sha256Fingerprint(certificate));
        else if (pin == QLatin1String("other"))
            TrustStore().setPin(QStringLiteral("127.0.0.1"), wss.serverPort(), ShaB);
        QSignalSpy accepted(&wss, &QWebSocketServer::newConnection);
        ChatSession session;
        QSignalSpy refused(&session, &ChatSession::tlsRefused);
        contract::UserProfile me;
        me.id = QStringLiteral("u1");
        session.start(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(wss.serverPort())), QStringLiteral("token"), me);
        if (connects) {
            QVERIFY(accepted.wait(10000));
            QCOMPARE(refused.size(), 0);
        } else {
            QVERIFY(refused.wait(10000));
            const auto problem = refused.first().first().value<TlsProblem>();
            QCOMPARE(int(problem.kind), refusal);
            QCOMPARE(problem.certificate, certificate);
            QCOMPARE(accepted.size(), 0);
        }
        session.stop();
    }

    // --- the host panel ----------------------------------------------------------------------

    void hostPanelShowsFingerprintInvitationAndQr()
    {
        testtls::HttpsServer server(m_first);
        server.answer("GET", "/api/auth/registration", 200, R"({"mode":"clients"})");
        server.answer("POST", "/api/invitations", 201,
                      R"({"code":"K7QPZ2M4XW6RN3BD5HJ8TC9AVE","role":"craftsman","expiresAt":"2026-12-15T00:00:00Z"})");
        QVERIFY(server.listen());
        // As EmbeddedServerHost does when it starts: the app trusts its own certificate.
        TrustStore().setPin(QStringLiteral("127.0.0.1"), server.port(), tls::sha256Fingerprint(server.certificate()));
        FakeHost host(server.url(), server.certificate());
        HostPanel panel(&host);
        panel.show();
        QCOMPARE(panel.fingerprintLabel()->text(), tls::readableFingerprint(server.certificate(), 4));
        QVERIFY(panel.fingerprintLabel()->isVisible());
        QVERIFY(panel.fingerprintLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);
        const QString text = panel.invitationEdit()->text();
        QCOMPARE(text, host.invitation().toString());
        const auto parsed = Invitation::parse(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->sha256, tls::sha256Fingerprint(server.certificate()));
        QCOMPARE(parsed->code, QString());
        QVERIFY(!panel.qrLabel()->pixmap().isNull());
        const int modules = qrcode::encode(text.toUtf8()).size + 2 * qrcode::QuietZoneModules;
        QCOMPARE(panel.qrLabel()->pixmap().width() % modules, 0);
        QVERIFY(panel.qrLabel()->pixmap().width() >= modules * 3);
        QTest::mouseClick(panel.copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), text);

        // Registration is closed ("clients"): a signed-in user creates an invitation with a code.
        QTRY_COMPARE_WITH_TIMEOUT(panel.registrationMode(), QStringLiteral("clients"), 10000);
        QVERIFY(panel.createInvitationButton()->isVisible());
        QVERIFY(!panel.createInvitationButton()->isEnabled()); // not signed in
        panel.setAccountToken(QStringLiteral("token-of-the-host"));
        QVERIFY(panel.createInvitationButton()->isEnabled());
        panel.invitationRoleBox()->setCurrentIndex(panel.invitationRoleBox()->findData(QStringLiteral("craftsman")));
        const QImage before = panel.qrLabel()->pixmap().toImage();
        QTest::mouseClick(panel.createInvitationButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel.invitationEdit()->text().endsWith(QStringLiteral("&code=K7QPZ2M4XW6RN3BD5HJ8TC9AVE")), 10000);
        QCOMPARE(server.requests().last(), QByteArray("POST /api/invitations"));
        QCOMPARE(server.authorizations().last(), QByteArray("Bearer token-of-the-host"));
        QCOMPARE(Invitation::parse(panel.invitationEdit()->text())->code, QStringLiteral("K7QPZ2M4XW6RN3BD5HJ8TC9AVE"));
        QVERIFY(panel.qrLabel()->pixmap().toImage() != before);
        QCOMPARE(panel.invitationStateLabel()->text(),
                 QStringLiteral("Invitation for a craftsman, valid for 7 days and for one account."));
    }

    // --- the sign-up form --------------------------------------------------------------------

    void signUpNeedsACodeWhereTheModeSaysSo_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("craftsman");
        QTest::addColumn<bool>("required");
        QTest::newRow("open, craftsman") << "open" << true << false;
        QTest::newRow("clients, client") << "clients" << false << false;
        QTest::newRow("clients, craftsman") << "clients" << true << true;
        QTest::newRow("invite, client") << "invite" << false << true;
    }

    void signUpNeedsACodeWhereTheModeSaysSo()
    {
        QFETCH(QString, mode);
        QFETCH(bool, craftsman);
        QFETCH(bool, required);
        RegisterForm form;
        form.show();
        form.setRegistrationMode(mode);
        form.craftsmanButton()->setChecked(craftsman);
        form.nameEdit()->setText(QStringLiteral("Mia Client"));
        form.emailEdit()->setText(QStringLiteral("mia@example.com"));
        form.passwordEdit()->setText(QStringLiteral("long enough password"));
        QSignalSpy submitted(&form, &RegisterForm::submitted);
        QTest::mouseClick(form.submitButton(), Qt::LeftButton);
        QCOMPARE(submitted.size(), required ? 0 : 1);
        QCOMPARE(form.inviteCodeErrorLabel()->isVisible(), required);
        QCOMPARE(form.inviteCodeEdit()->placeholderText(), required ? QStringLiteral("Required on this server")
                                                                    : QStringLiteral("Only if you have an invitation"));
        form.inviteCodeEdit()->setText(QStringLiteral("K7QPZ2M4"));
        QTest::mouseClick(form.submitButton(), Qt::LeftButton);
        QCOMPARE(submitted.size(), required ? 1 : 2);
        QCOMPARE(submitted.last().at(4).toString(), QStringLiteral("K7QPZ2M4"));
    }

    void signUpRefusalsAreExplained_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("closed") << "REGISTRATION_CLOSED"
                                << "This server creates this account only with an invitation. Ask the host for an "
                                   "invitation code.";
        QTest::newRow("invalid") << "INVITATION_INVALID"
                                 << "This invitation code is not valid: it may have been used, expired or withdrawn. "
                                    "Ask the host for a new one.";
        QTest::newRow("role") << "INVITATION_ROLE"
                              << "This invitation is for the other role. Choose the role the invitation was made for.";
    }

    void signUpRefusalsAreExplained()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        testtls::HttpsServer server(m_first);
        server.answer("POST", "/api/auth/register", 403,
                      QStringLiteral(R"({"message":"refused","code":"%1"})").arg(code).toUtf8());
        QVERIFY(server.listen());
        TrustStore().setPin(QStringLiteral("127.0.0.1"), server.port(), tls::sha256Fingerprint(server.certificate()));
        StartWindow start(nullptr);
        start.show();
        start.showAuthPage(server.url());
        start.tabs()->setCurrentIndex(1);
        start.registerName()->setText(QStringLiteral("Mia Client"));
        start.registerEmail()->setText(QStringLiteral("mia@example.com"));
        start.registerPassword()->setText(QStringLiteral("long enough password"));
        start.registerInviteCode()->setText(QStringLiteral("WRONG"));
        QTest::mouseClick(start.registerButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(start.registerInviteCodeError()->isVisible(), 10000);
        QCOMPARE(start.registerInviteCodeError()->text(), message);
        QVERIFY(server.requests().contains(QByteArray("POST /api/auth/register")));
    }

    // --- the connection indicator ------------------------------------------------------------

    void indicatorSaysWhetherItIsEncrypted_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("shown");  // in the indicator's text, "" = no security note
        QTest::addColumn<QString>("absent"); // never in it
        QTest::newRow("https") << "https://192.168.1.20:3001"
                               << "Encrypted"
                               << "Not encrypted";
        QTest::newRow("http to another computer") << "http://192.168.1.20:3001"
                                                  << "Not encrypted"
                                                  << "🔒";
        QTest::newRow("http to a name") << "http://shop.example:3001"
                                        << "Not encrypted"
                                        << "🔒";
        QTest::newRow("http to this computer") << "http://127.0.0.1:3001"
                                               << ""
                                               << "encrypted";
        QTest::newRow("localhost") << "http://localhost:3001"
                                   << ""
                                   << "encrypted";
        QTest::newRow("ipv6 loopback") << "http://[::1]:3001"
                                       << ""
                                       << "encrypted";
    }

    void indicatorSaysWhetherItIsEncrypted()
    {
        QFETCH(QString, server);
        QFETCH(QString, shown);
        QFETCH(QString, absent);
        ChatSession session;
        session.api()->setBaseUrl(QUrl(server));
        session.presentAs(contract::UserProfile{}, ChatSession::ConnectionState::Connected);
        ConnectionIndicator indicator(&session);
        indicator.show();
        QVERIFY(indicator.text().contains(QStringLiteral("Connected")));
        if (!shown.isEmpty())
            QVERIFY2(indicator.text().contains(shown), qPrintable(indicator.text()));
        QVERIFY2(!indicator.text().contains(absent, Qt::CaseInsensitive), qPrintable(indicator.text()));
        QCOMPARE(indicator.accessibleName(), shown.isEmpty() ? QStringLiteral("Connection: Connected")
                                                             : QStringLiteral("Connection: Connected, %1").arg(shown));
    }

signals:
    void apiDone();

private:
    tls::KeyAndCertificate m_first;
    tls::KeyAndCertificate m_second;
};

QTEST_MAIN(TestTlsTrust)
#include "tst_tlstrust.moc"
