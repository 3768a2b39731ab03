// The server's certificate chain and private key, read from PEM files (--tls-cert, --tls-key),
// and the QSslConfiguration every TLS connection of the HttpServer is given: TLS 1.2 or
// later, the whole chain served, no client certificate asked for.
#pragma once

#include "common/core/result.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

namespace craftchat::http {

enum class TlsCredentialsError {
    None,
    Unreadable,  // a file cannot be opened or read
    Certificate, // no PEM certificate in the certificate file
    Key,         // no usable PEM private key (EC or RSA, unencrypted) in the key file
    Mismatch,    // the key is not the one of the first certificate
};

struct TlsCredentials
{
    QList<QSslCertificate> chain; // the server's certificate first, then its issuers
    QSslKey key;

    // Reads both files; the messages name the file and what is wrong, never key material.
    static Result<TlsCredentials, Error<TlsCredentialsError>> load(const QString &certificateFile,
                                                                   const QString &keyFile);
    // What every accepted connection is given.
    QSslConfiguration serverConfiguration() const;
};

} // namespace craftchat::http
