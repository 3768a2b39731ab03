#include "server/http/tlscredentials.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <csignal>
#include <memory>
#include <vector>

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

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr memoryBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())), &BIO_free);
}

// An encrypted key is refused, never asked for on the terminal.
int noPassword(char *, int, int, void *)
{
    return -1;
}

std::shared_ptr<SSL_CTX> newServerContext()
{
    SSL_CTX *context = SSL_CTX_new(TLS_server_method());
    if (!context)
        return {};
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    // Idle connections keep no record buffers; writes go out a record at a time and may be
    // retried from a moved buffer (the WebSocket queue compacts itself).
    SSL_CTX_set_mode(context,
                     SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_options(context, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_COMPRESSION
                                     | SSL_OP_NO_TICKET);
    // No session cache or tickets: nothing kept per past connection (a client that comes back
    // makes a full handshake, as it did with QSslSocket).
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(context, 0);
    // Whole socket reads instead of a header and a body read per record; read() drains them.
    SSL_CTX_set_read_ahead(context, 1);
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
    return std::shared_ptr<SSL_CTX>(context, &SSL_CTX_free);
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
    std::vector<std::unique_ptr<X509, decltype(&X509_free)>> certificates;
    if (const BioPtr bio = memoryBio(*certificateBytes)) {
        while (X509 *certificate = PEM_read_bio_X509(bio.get(), nullptr, &noPassword, nullptr))
            certificates.emplace_back(certificate, &X509_free);
    }
    ERR_clear_error(); // the end of the file reads as an error
    if (credentials.chain.isEmpty() || credentials.chain.constFirst().isNull() || certificates.empty()) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Certificate,
            QStringLiteral("the TLS certificate file %1 holds no PEM certificate").arg(certificateFile)};
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(nullptr, &EVP_PKEY_free);
    if (const BioPtr bio = memoryBio(*keyBytes))
        key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassword, nullptr));
    ERR_clear_error();
    if (!key || (EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC && EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA)) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Key,
            QStringLiteral("the TLS key file %1 holds no unencrypted PEM private key (EC or RSA)").arg(keyFile)};
    }
    if (X509_check_private_key(certificates.front().get(), key.get()) != 1) {
        ERR_clear_error();
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Mismatch,
            QStringLiteral("the TLS key in %1 does not belong to the first certificate in %2")
                .arg(keyFile, certificateFile)};
    }
    credentials.context = newServerContext();
    bool usable = credentials.context
                  && SSL_CTX_use_certificate(credentials.context.get(), certificates.front().get()) == 1
                  && SSL_CTX_use_PrivateKey(credentials.context.get(), key.get()) == 1;
    for (std::size_t i = 1; usable && i < certificates.size(); ++i)
        usable = SSL_CTX_add1_chain_cert(credentials.context.get(), certificates[i].get()) == 1;
    usable = usable && SSL_CTX_check_private_key(credentials.context.get()) == 1;
    ERR_clear_error();
    if (!usable) {
        return Error<TlsCredentialsError>{
            TlsCredentialsError::Certificate,
            QStringLiteral("OpenSSL cannot serve the TLS certificate in %1 with the key in %2")
                .arg(certificateFile, keyFile)};
    }
    // OpenSSL writes to the sockets with write(): a peer that is gone must not kill the
    // process with SIGPIPE (craftchat-server ignores it anyway; this covers other hosts).
    static const bool ignoreSigpipe = [] {
        ::signal(SIGPIPE, SIG_IGN);
        return true;
    }();
    Q_UNUSED(ignoreSigpipe);
    return credentials;
}

} // namespace craftchat::http
