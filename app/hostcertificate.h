// Host mode's own TLS certificate: made with OpenSSL's library (common/tls) at the first start,
// kept in the server's data folder and used again at every later start; made anew only when it
// is missing, unreadable or expired. Its names are those other computers use to reach this one:
// localhost, the host name, 127.0.0.1, ::1 and every non-loopback address of the machine. The
// private key file is created owner-only (0600) from the first byte on.
#pragma once

#include "common/core/result.h"

#include <QSslCertificate>
#include <QString>

namespace craftchat::app {

enum class HostCertificateError {
    None,
    Create, // the library could not make the key or certificate
    Write,  // the data folder refused the files
};

struct HostCertificate
{
    QString certificateFile;
    QString keyFile;
    QSslCertificate certificate;
    bool created = false; // made by this call (else read from the files)

    static QString certificatePath(const QString &dataDir);
    static QString keyPath(const QString &dataDir);
    // Reads the certificate of dataDir, or makes a new one there.
    static Result<HostCertificate, Error<HostCertificateError>> ensure(const QString &dataDir);
};

} // namespace craftchat::app
