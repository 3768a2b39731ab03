#include "app/hostcertificate.h"

#include "common/tls/certificatefactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QSaveFile>
#include <QSslKey>

namespace craftchat::app {

namespace {

using Failure = Error<HostCertificateError>;

// The certificate and key in dataDir when both can be read and the certificate is still valid.
std::optional<QSslCertificate> readExisting(const QString &certificateFile, const QString &keyFile)
{
    QFile cert(certificateFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(cert.read(1 << 20), QSsl::Pem);
    const QSslKey privateKey(key.read(1 << 20), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (certificates.isEmpty() || certificates.first().isNull() || privateKey.isNull())
        return std::nullopt;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A day's margin: a certificate about to expire is made anew now, not in the middle of a chat.
    if (certificates.first().expiryDate() <= now.addDays(1) || certificates.first().effectiveDate() > now)
        return std::nullopt;
    return certificates.first();
}

tls::CertificateRequest request()
{
    tls::CertificateRequest r;
    const QString hostName = QHostInfo::localHostName();
    r.commonName = QStringLiteral("CraftChat host %1").arg(hostName.isEmpty() ? QStringLiteral("localhost") : hostName);
    r.dnsNames.append(QStringLiteral("localhost"));
    if (!hostName.isEmpty() && hostName != QLatin1String("localhost"))
        r.dnsNames.append(hostName);
    r.addresses = {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback())
            continue;
        QHostAddress plain = address;
        plain.setScopeId(QString()); // fe80::1%eth0 -> fe80::1
        if (!r.addresses.contains(plain))
            r.addresses.append(plain);
    }
    return r;
}

// Writes the key into a new file that is owner-only from its creation, then puts it in place.
bool writePrivate(const QString &path, const QByteArray &data)
{
    const QString fresh = path + QStringLiteral(".new");
    QFile::remove(fresh);
    QFile file(fresh);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    if (file.write(data) != data.size() || !file.flush()) {
        file.remove();
        return false;
    }
    file.close();
    QFile::remove(path);
    return QFile::rename(fresh, path);
}

} // namespace

QString HostCertificate::certificatePath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/host-certificate.pem");
}

QString HostCertificate::keyPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/host-key.pem");
}

Result<HostCertificate, Error<HostCertificateError>> HostCertificate::ensure(const QString &dataDir)
{
    HostCertificate result;
    result.certificateFile = certificatePath(dataDir);
    result.keyFile = keyPath(dataDir);
    if (const auto existing = readExisting(result.certificateFile, result.keyFile)) {
        result.certificate = *existing;
        return result;
    }
    const tls::CertificateResult made = tls::createSelfSigned(request());
    if (!made)
        return Failure{HostCertificateError::Create,
                       QCoreApplication::translate("HostCertificate", "Cannot create the server's certificate: %1")
                           .arg(made.errorMessage())};
    if (!writePrivate(result.keyFile, made->keyPem))
        return Failure{HostCertificateError::Write,
                       QCoreApplication::translate("HostCertificate", "Cannot write %1").arg(result.keyFile)};
    QSaveFile cert(result.certificateFile);
    if (!cert.open(QIODevice::WriteOnly) || cert.write(made->certificatePem) != made->certificatePem.size()
        || !cert.commit())
        return Failure{HostCertificateError::Write,
                       QCoreApplication::translate("HostCertificate", "Cannot write %1").arg(result.certificateFile)};
    result.certificate = QSslCertificate(made->certificatePem, QSsl::Pem);
    result.created = true;
    return result;
}

} // namespace craftchat::app
