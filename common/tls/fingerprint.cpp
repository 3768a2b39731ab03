#include "common/tls/fingerprint.h"

#include <QCryptographicHash>
#include <QSslCertificate>

namespace craftchat::tls {

namespace {
constexpr int kDigestBytes = 32;
constexpr int kDigitsPerGroup = 4;
} // namespace

QByteArray sha256Fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return certificate.digest(QCryptographicHash::Sha256);
}

QString readableFingerprint(const QByteArray &sha256, int groupsPerLine)
{
    const QString hex = QString::fromLatin1(sha256.toHex()).toUpper();
    QString text;
    text.reserve(hex.size() + hex.size() / kDigitsPerGroup);
    int group = 0;
    for (qsizetype i = 0; i < hex.size(); i += kDigitsPerGroup) {
        if (group > 0)
            text += (groupsPerLine > 0 && group % groupsPerLine == 0) ? QLatin1Char('\n') : QLatin1Char(' ');
        text += hex.mid(i, kDigitsPerGroup);
        ++group;
    }
    return text;
}

QString readableFingerprint(const QSslCertificate &certificate, int groupsPerLine)
{
    return readableFingerprint(sha256Fingerprint(certificate), groupsPerLine);
}

QString compactFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex());
}

QByteArray parseFingerprint(const QString &text)
{
    QByteArray hex;
    hex.reserve(kDigestBytes * 2);
    for (const QChar c : text) {
        if (c.isSpace() || c == QLatin1Char(':'))
            continue;
        const char latin = c.toLatin1();
        const bool isHex
            = (latin >= '0' && latin <= '9') || (latin >= 'a' && latin <= 'f') || (latin >= 'A' && latin <= 'F');
        if (!isHex)
            return {};
        hex += latin;
    }
    if (hex.size() != kDigestBytes * 2)
        return {};
    return QByteArray::fromHex(hex);
}

} // namespace craftchat::tls
