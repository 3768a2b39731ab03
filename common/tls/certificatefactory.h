// Key pairs and X.509 certificates made with OpenSSL's library (no shell command): a
// self-signed certificate for the app's host mode, and a certificate authority with the
// certificates it signs for the tests. Keys are ECDSA P-256, signatures SHA-256, serial
// numbers 128 random bits. Output is PEM: the key as unencrypted PKCS#8, which is why whoever
// writes it to disk must keep the file private (0600).
#pragma once

#include "common/core/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace craftchat::tls {

struct CertificateRequest
{
    QString commonName;
    QStringList dnsNames;              // subjectAltName DNS entries
    QList<QHostAddress> addresses;     // subjectAltName IP entries
    int validDays = 825;               // from an hour ago (clocks differ a little)
    bool certificateAuthority = false; // CA:TRUE, may sign certificates; else a TLS server
};

// A private key and its certificate, both PEM.
struct KeyAndCertificate
{
    QByteArray keyPem;
    QByteArray certificatePem;
};

enum class CertificateError {
    None,
    OpenSsl, // the library refused (its reason is in the message)
    Input,   // an issuer that cannot be read, or a request without a name
};

using CertificateResult = Result<KeyAndCertificate, Error<CertificateError>>;

// A certificate signed by its own key.
CertificateResult createSelfSigned(const CertificateRequest &request);
// A certificate signed by issuer (a certificate authority made by createSelfSigned with
// certificateAuthority = true).
CertificateResult createSigned(const CertificateRequest &request, const KeyAndCertificate &issuer);

} // namespace craftchat::tls
