// The server's certificate chain and private key, read from PEM files (--tls-cert, --tls-key),
// and the one OpenSSL context (SSL_CTX) every TLS connection accepted with them shares: TLS 1.2
// or later, the whole chain served, no client certificate asked for, record buffers released
// while a connection is idle, no session cache. Each connection's session holds a reference
// to its context, so a reload (new credentials, new context) leaves open connections alone.
#pragma once

#include "common/core/result.h"

#include <QList>
#include <QSslCertificate>
#include <QString>

#include <memory>

using SSL_CTX = struct ssl_ctx_st;

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
    QList<QSslCertificate> chain;     // the server's certificate first, then its issuers (for logs)
    std::shared_ptr<SSL_CTX> context; // what sessions are made from

    // Reads both files; the messages name the file and what is wrong, never key material.
    static Result<TlsCredentials, Error<TlsCredentialsError>> load(const QString &certificateFile,
                                                                   const QString &keyFile);
};

} // namespace craftchat::http
