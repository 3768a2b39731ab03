// common/tls: certificates made with OpenSSL's library are what Qt's TLS stack accepts (a
// server certificate signed by a test CA verifies against that CA for its names and addresses,
// a self-signed one does not without it), and fingerprints read and parse back.
#include "common/tls/certificatefactory.h"
#include "common/tls/fingerprint.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QTest>

using namespace craftchat;

class TestCertificates : public QObject
{
    Q_OBJECT
private slots:
    void selfSignedCertificateCarriesItsNames();
    void signedCertificateVerifiesAgainstItsAuthority_data();
    void signedCertificateVerifiesAgainstItsAuthority();
    void selfSignedCertificateIsNotTrustedAlone();
    void keyIsReadableByQt();
    void requestWithoutNameIsRefused();
    void unreadableIssuerIsRefused();
    void readableFingerprintGroupsHexDigits();
    void parseFingerprint_data();
    void parseFingerprint();
};

namespace {
tls::CertificateRequest serverRequest()
{
    tls::CertificateRequest request;
    request.commonName = QStringLiteral("shop.example");
    request.dnsNames = {QStringLiteral("localhost"), QStringLiteral("shop.example")};
    request.addresses = {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    return request;
}

tls::KeyAndCertificate authority()
{
    tls::CertificateRequest request;
    request.commonName = QStringLiteral("CraftChat Test CA");
    request.certificateAuthority = true;
    auto ca = tls::createSelfSigned(request);
    return ca ? *ca : tls::KeyAndCertificate{};
}
} // namespace

void TestCertificates::selfSignedCertificateCarriesItsNames()
{
    const auto made = tls::createSelfSigned(serverRequest());
    QVERIFY2(made.ok(), qPrintable(made.errorMessage()));
    const QSslCertificate certificate(made->certificatePem, QSsl::Pem);
    QVERIFY(!certificate.isNull());
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("shop.example")});
    QCOMPARE(certificate.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("shop.example")});
    const auto names = certificate.subjectAlternativeNames();
    QStringList dnsNames = names.values(QSsl::DnsEntry);
    QStringList addresses = names.values(QSsl::IpAddressEntry);
    dnsNames.sort();
    addresses.sort();
    QCOMPARE(dnsNames, (QStringList{QStringLiteral("localhost"), QStringLiteral("shop.example")}));
    QCOMPARE(addresses, (QStringList{QStringLiteral("127.0.0.1"), QStringLiteral("::1")}));
    QVERIFY(certificate.effectiveDate() < QDateTime::currentDateTimeUtc());
    QVERIFY(certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(800));
    QCOMPARE(certificate.serialNumber().count(':') >= 8, true);
}

void TestCertificates::signedCertificateVerifiesAgainstItsAuthority_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("valid");
    QTest::newRow("dns name") << QStringLiteral("shop.example") << true;
    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("ipv4 address") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("other name") << QStringLiteral("other.example") << false;
}

void TestCertificates::signedCertificateVerifiesAgainstItsAuthority()
{
    QFETCH(QString, host);
    QFETCH(bool, valid);
    const tls::KeyAndCertificate ca = authority();
    QVERIFY(!ca.certificatePem.isEmpty());
    const auto made = tls::createSigned(serverRequest(), ca);
    QVERIFY2(made.ok(), qPrintable(made.errorMessage()));
    const QSslCertificate leaf(made->certificatePem, QSsl::Pem);
    const QSslCertificate caCertificate(ca.certificatePem, QSsl::Pem);
    QCOMPARE(leaf.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("CraftChat Test CA")});

    const QList<QSslError> errors = QSslCertificate::verify({leaf, caCertificate}, host);
    // verify() takes the last certificate of the chain as a root only if it is trusted; add it
    // to the check through the error list: with the CA in the chain, only a name mismatch may remain.
    bool nameMismatch = false;
    for (const QSslError &error : errors) {
        if (error.error() == QSslError::HostNameMismatch)
            nameMismatch = true;
    }
    QCOMPARE(nameMismatch, !valid);
}

void TestCertificates::selfSignedCertificateIsNotTrustedAlone()
{
    const auto made = tls::createSelfSigned(serverRequest());
    QVERIFY(made.ok());
    const QSslCertificate certificate(made->certificatePem, QSsl::Pem);
    const QList<QSslError> errors = QSslCertificate::verify({certificate}, QStringLiteral("localhost"));
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().error(), QSslError::SelfSignedCertificate);
}

void TestCertificates::keyIsReadableByQt()
{
    const auto made = tls::createSelfSigned(serverRequest());
    QVERIFY(made.ok());
    QVERIFY(made->keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    const QSslKey key(made->keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    QVERIFY(!key.isNull());
    QCOMPARE(key.length(), 256);
    const QSslCertificate certificate(made->certificatePem, QSsl::Pem);
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);
    QCOMPARE(certificate.publicKey().length(), 256);
}

void TestCertificates::requestWithoutNameIsRefused()
{
    const auto made = tls::createSelfSigned(tls::CertificateRequest{});
    QVERIFY(!made.ok());
    QCOMPARE(made.error(), tls::CertificateError::Input);
}

void TestCertificates::unreadableIssuerIsRefused()
{
    const auto made = tls::createSigned(serverRequest(), tls::KeyAndCertificate{"not a key", "not a certificate"});
    QVERIFY(!made.ok());
    QCOMPARE(made.error(), tls::CertificateError::Input);
}

void TestCertificates::readableFingerprintGroupsHexDigits()
{
    QByteArray digest;
    for (int i = 0; i < 32; ++i)
        digest += char(i * 8);
    QCOMPARE(tls::readableFingerprint(digest),
             QStringLiteral("0008 1018 2028 3038 4048 5058 6068 7078 8088 9098 A0A8 B0B8 C0C8 D0D8 E0E8 F0F8"));
    QCOMPARE(tls::readableFingerprint(digest, 4),
             QStringLiteral("0008 1018 2028 3038\n4048 5058 6068 7078\n8088 9098 A0A8 B0B8\nC0C8 D0D8 E0E8 F0F8"));
    QCOMPARE(tls::compactFingerprint(digest), QStringLiteral("00081018202830384048505860687078808890"
                                                             "98a0a8b0b8c0c8d0d8e0e8f0f8"));

    const auto made = tls::createSelfSigned(serverRequest());
    QVERIFY(made.ok());
    const QSslCertificate certificate(made->certificatePem, QSsl::Pem);
    const QString readable = tls::readableFingerprint(certificate);
    QCOMPARE(readable.size(), 16 * 4 + 15);
    QCOMPARE(tls::parseFingerprint(readable), certificate.digest(QCryptographicHash::Sha256));
}

void TestCertificates::parseFingerprint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("bytes");
    const QString hex = QStringLiteral("00081018202830384048505860687078808890"
                                       "98a0a8b0b8c0c8d0d8e0e8f0f8");
    QTest::newRow("compact") << hex << 32;
    QTest::newRow("upper case groups") << QStringLiteral(
        "0008 1018 2028 3038 4048 5058 6068 7078 8088 9098 A0A8 B0B8 C0C8 D0D8 E0E8 F0F8")
                                       << 32;
    QTest::newRow("colons") << QStringLiteral(
        "00:08:10:18:20:28:30:38:40:48:50:58:60:68:70:78:80:88:90:98:a0:a8:b0:b8:c0:c8:d0:d8:e0:e8:f0:f8")
                            << 32;
    QTest::newRow("too short") << hex.left(62) << 0;
    QTest::newRow("too long") << hex + QStringLiteral("00") << 0;
    QTest::newRow("not hex") << hex.left(63) + QStringLiteral("g") << 0;
    QTest::newRow("empty") << QString() << 0;
}

void TestCertificates::parseFingerprint()
{
    QFETCH(QString, text);
    QFETCH(int, bytes);
    const QByteArray parsed = tls::parseFingerprint(text);
    QCOMPARE(parsed.size(), bytes);
    if (bytes)
        QCOMPARE(parsed.at(1), char(8));
}

QTEST_MAIN(TestCertificates)
#include "tst_certificates.moc"
