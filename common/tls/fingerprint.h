// A certificate's fingerprint in the form people compare: the SHA-256 of the DER certificate
// in groups of four upper-case hex digits ("3F2A 9C01 ..."), 16 groups in all; short enough to
// read aloud over the phone and compare group by group with what the host's screen shows.
#pragma once

#include <QByteArray>
#include <QString>

class QSslCertificate;

namespace craftchat::tls {

QByteArray sha256Fingerprint(const QSslCertificate &certificate); // the 32 raw bytes
// "3F2A 9C01 ..." of 32 bytes; groupsPerLine > 0 breaks lines after that many groups.
QString readableFingerprint(const QByteArray &sha256, int groupsPerLine = 0);
QString readableFingerprint(const QSslCertificate &certificate, int groupsPerLine = 0);
// The fingerprint as lower-case hex without spaces (64 digits), the form in invitations;
// parseFingerprint accepts it, the readable form, or colons, and gives the 32 bytes (empty
// when the text is not 32 bytes of hex).
QString compactFingerprint(const QByteArray &sha256);
QByteArray parseFingerprint(const QString &text);

} // namespace craftchat::tls
