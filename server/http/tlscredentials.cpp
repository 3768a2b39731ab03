#include "server/http/tlscredentials.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace craftchat::http {

namespace {

using LoadResult = Result<TlsCredentials, Error<TlsCredentialsError>>;

// Certificate and key files are small; anything larger is not one.
constexpr qint64 kMaxFileBytes = 1024 * 1024;

Result<QByteArray, Error<TlsCredentialsError>> readFile(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Unreadable,
            QStringLiteral("cannot read the TLS %1 file %2: %3").arg(QLatin1String(what), path, file.errorString())};
    }
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Unreadable,
            QStringLiteral("the TLS %1 file %2 is larger than 1 MiB").arg(QLatin1String(what), path)};
    }
    return bytes;
}

// Whether keyPem is the private key of certificatePem's public key (OpenSSL compares them;
// Qt has no public way to).
bool keyMatchesCertificate(const QByteArray &keyPem, const QByteArray &certificatePem)
{
    const std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                           &BIO_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> certBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    if (!keyBio || !certBio)
        return false;
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(
        PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr), &X509_free);
    return key && certificate && X509_check_private_key(certificate.get(), key.get()) == 1;
}

} // namespace

LoadResult TlsCredentials::load(const QString &certificateFile, const QString &keyFile)
{
    const auto certificateBytes = readFile(certificateFile, "certificate");
    if (!certificateBytes)
        return certificateBytes.failure();
    const auto keyBytes = readFile(keyFile, "key");
    if (!keyBytes)
        return keyBytes.failure();

    TlsCredentials credentials;
    credentials.chain = QSslCertificate::fromData(*certificateBytes, QSsl::Pem);
    if (credentials.chain.isEmpty() || credentials.chain.constFirst().isNull()) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Certificate,
            QStringLiteral("the TLS certificate file %1 holds no PEM certificate").arg(certificateFile)};
    }
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        credentials.key = QSslKey(*keyBytes, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!credentials.key.isNull())
            break;
    }
    if (credentials.key.isNull()) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Key,
            QStringLiteral("the TLS key file %1 holds no unencrypted PEM private key (EC or RSA)").arg(keyFile)};
    }
    if (!keyMatchesCertificate(*keyBytes, credentials.chain.constFirst().toPem())) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Mismatch,
            QStringLiteral("the TLS key in %1 does not belong to the first certificate in %2")
                .arg(keyFile, certificateFile)};
    }
    return credentials;
}

QSslConfiguration TlsCredentials::serverConfiguration() const
{
    // Not defaultConfiguration(): that one carries the system's CA certificates, which a
    // server that asks for no client certificate never uses but would copy into every
    // connection's TLS context.
    QSslConfiguration configuration;
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace craftchat::http
