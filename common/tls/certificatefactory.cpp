#include "common/tls/certificatefactory.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace craftchat::tls {

namespace {

struct Free
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(X509_EXTENSION *p) const { X509_EXTENSION_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Free>;
using CertPtr = std::unique_ptr<X509, Free>;
using BioPtr = std::unique_ptr<BIO, Free>;
using BnPtr = std::unique_ptr<BIGNUM, Free>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Free>;

constexpr long kSecondsPerDay = 24L * 3600L;
constexpr long kBackdateSeconds = 3600L;
constexpr int kSerialBits = 128;

Error<CertificateError> openSslFailure(const char *what)
{
    QString message = QString::fromLatin1(what);
    if (const unsigned long code = ERR_get_error()) {
        char reason[256] = {};
        ERR_error_string_n(code, reason, sizeof reason);
        message += QStringLiteral(": ") + QString::fromLatin1(reason);
    }
    ERR_clear_error();
    return {CertificateError::OpenSsl, message};
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

// "DNS:a,DNS:b,IP:127.0.0.1" for subjectAltName; empty when the request names nothing.
QByteArray subjectAltNames(const CertificateRequest &request)
{
    QByteArrayList entries;
    for (const QString &name : request.dnsNames)
        entries += "DNS:" + name.toUtf8();
    for (const QHostAddress &address : request.addresses) {
        QHostAddress plain = address;
        plain.setScopeId({});
        entries += "IP:" + plain.toString().toLatin1();
    }
    return entries.join(',');
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const QByteArray &value)
{
    ExtPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

Result<KeyPtr, Error<CertificateError>> readKey(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return Error<CertificateError>{CertificateError::Input, QStringLiteral("the issuer's key cannot be read")};
    return key;
}

Result<CertPtr, Error<CertificateError>> readCertificate(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    CertPtr certificate(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!certificate)
        return Error<CertificateError>{CertificateError::Input,
                                       QStringLiteral("the issuer's certificate cannot be read")};
    return certificate;
}

// Makes a key and a certificate for request, signed by issuerKey with issuerCertificate's
// name, or by its own key when issuerKey is null.
CertificateResult create(const CertificateRequest &request, EVP_PKEY *issuerKey, X509 *issuerCertificate)
{
    if (request.commonName.isEmpty())
        return Error<CertificateError>{CertificateError::Input, QStringLiteral("a certificate needs a name")};

    KeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return openSslFailure("generating the key failed");
    CertPtr certificate(X509_new());
    BnPtr serial(BN_new());
    if (!certificate || !serial || !BN_rand(serial.get(), kSerialBits, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY)
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return openSslFailure("making the certificate failed");

    X509 *x = certificate.get();
    X509_set_version(x, 2); // X.509 v3
    X509_gmtime_adj(X509_getm_notBefore(x), -kBackdateSeconds);
    X509_gmtime_adj(X509_getm_notAfter(x), long(request.validDays) * kSecondsPerDay);
    X509_set_pubkey(x, key.get());
    X509_NAME *subject = X509_get_subject_name(x);
    const QByteArray commonName = request.commonName.toUtf8();
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(x, issuerCertificate ? X509_get_subject_name(issuerCertificate) : subject);

    X509V3_CTX context;
    X509V3_set_ctx(&context, issuerCertificate ? issuerCertificate : x, x, nullptr, nullptr, 0);
    const bool isCa = request.certificateAuthority;
    bool extended = addExtension(x, &context, NID_basic_constraints, isCa ? "critical,CA:TRUE" : "critical,CA:FALSE")
                    && addExtension(x, &context, NID_key_usage,
                                    isCa ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature")
                    && addExtension(x, &context, NID_subject_key_identifier, "hash");
    if (extended && issuerCertificate)
        extended = addExtension(x, &context, NID_authority_key_identifier, "keyid:always");
    if (extended && !isCa)
        extended = addExtension(x, &context, NID_ext_key_usage, "serverAuth");
    const QByteArray altNames = subjectAltNames(request);
    if (extended && !altNames.isEmpty())
        extended = addExtension(x, &context, NID_subject_alt_name, altNames);
    if (!extended)
        return openSslFailure("adding the certificate's extensions failed");

    if (X509_sign(x, issuerKey ? issuerKey : key.get(), EVP_sha256()) <= 0)
        return openSslFailure("signing the certificate failed");

    BioPtr keyBio(BIO_new(BIO_s_mem()));
    BioPtr certificateBio(BIO_new(BIO_s_mem()));
    if (!keyBio || !certificateBio
        || !PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
        || !PEM_write_bio_X509(certificateBio.get(), x))
        return openSslFailure("writing the certificate failed");
    return KeyAndCertificate{bioBytes(keyBio.get()), bioBytes(certificateBio.get())};
}

} // namespace

CertificateResult createSelfSigned(const CertificateRequest &request)
{
    return create(request, nullptr, nullptr);
}

CertificateResult createSigned(const CertificateRequest &request, const KeyAndCertificate &issuer)
{
    auto key = readKey(issuer.keyPem);
    if (!key)
        return key.failure();
    auto certificate = readCertificate(issuer.certificatePem);
    if (!certificate)
        return certificate.failure();
    return create(request, key->get(), certificate->get());
}

} // namespace craftchat::tls
