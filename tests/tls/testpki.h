// A test certificate authority and a server certificate it signed (for localhost, 127.0.0.1
// and ::1), made at run time with common/tls: no key is ever committed. The TLS tests, the
// interop test's certificate files and the TLS benchmark use it.
#pragma once

#include "common/tls/certificatefactory.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace craftchat::testsupport {

struct TestPki
{
    tls::KeyAndCertificate ca;
    tls::KeyAndCertificate server;

    // What --tls-cert gets: the server's certificate, then the CA's (the chain).
    QByteArray chainPem() const { return server.certificatePem + ca.certificatePem; }
    QSslCertificate caCertificate() const { return QSslCertificate(ca.certificatePem, QSsl::Pem); }
    QSslCertificate serverCertificate() const { return QSslCertificate(server.certificatePem, QSsl::Pem); }
    // A client configuration that trusts only the test CA.
    QSslConfiguration clientConfiguration() const;
};

struct TestPkiFiles
{
    QString certificate; // chain PEM
    QString key;
    QString ca;
};

// commonName names the server certificate (and tells two of them apart).
std::optional<TestPki> makeTestPki(const QString &commonName = QStringLiteral("localhost"));
// Writes <dir>/<prefix>cert.pem (chain), <prefix>key.pem (0600) and <prefix>ca.pem; nullopt
// when a file cannot be written.
std::optional<TestPkiFiles> writeTestPki(const TestPki &pki, const QString &dir, const QString &prefix = {});

} // namespace craftchat::testsupport
