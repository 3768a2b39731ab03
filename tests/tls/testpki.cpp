#include "tests/tls/testpki.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>

namespace craftchat::testsupport {

namespace {

bool writeFile(const QString &path, const QByteArray &bytes, bool secret)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.write(bytes) == bytes.size();
}

} // namespace

QSslConfiguration TestPki::clientConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({caCertificate()});
    return configuration;
}

std::optional<TestPki> makeTestPki(const QString &commonName)
{
    tls::CertificateRequest authority;
    authority.commonName = QStringLiteral("CraftChat Test CA for ") + commonName;
    authority.certificateAuthority = true;
    const auto ca = tls::createSelfSigned(authority);
    if (!ca)
        return std::nullopt;
    tls::CertificateRequest request;
    request.commonName = commonName;
    request.dnsNames = {QStringLiteral("localhost")};
    request.addresses = {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    const auto server = tls::createSigned(request, *ca);
    if (!server)
        return std::nullopt;
    return TestPki{*ca, *server};
}

std::optional<TestPkiFiles> writeTestPki(const TestPki &pki, const QString &dir, const QString &prefix)
{
    const QDir folder(dir);
    TestPkiFiles files{folder.filePath(prefix + QStringLiteral("cert.pem")),
                       folder.filePath(prefix + QStringLiteral("key.pem")),
                       folder.filePath(prefix + QStringLiteral("ca.pem"))};
    if (!writeFile(files.certificate, pki.chainPem(), false) || !writeFile(files.key, pki.server.keyPem, true)
        || !writeFile(files.ca, pki.ca.certificatePem, false))
        return std::nullopt;
    return files;
}

} // namespace craftchat::testsupport
