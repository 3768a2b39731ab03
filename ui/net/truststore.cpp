#include "ui/net/truststore.h"

#include "common/tls/fingerprint.h"

#include <QHostAddress>
#include <QSettings>

namespace craftchat::ui {

QString TlsProblem::address() const
{
    return TrustStore::key(host, port);
}

QString TrustStore::key(const QString &host, int port)
{
    QString h = host.toLower();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    const QHostAddress address(h);
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        h = QLatin1Char('[') + address.toString() + QLatin1Char(']');
    return h + QLatin1Char(':') + QString::number(port < 0 ? 443 : port);
}

QByteArray TrustStore::pin(const QString &host, int port) const
{
    QSettings settings;
    settings.beginGroup(group());
    return tls::parseFingerprint(settings.value(key(host, port)).toString());
}

void TrustStore::setPin(const QString &host, int port, const QByteArray &sha256)
{
    if (sha256.size() != 32)
        return;
    QSettings settings;
    settings.beginGroup(group());
    settings.setValue(key(host, port), tls::compactFingerprint(sha256));
}

void TrustStore::removePin(const QString &pinKey)
{
    QSettings settings;
    settings.beginGroup(group());
    settings.remove(pinKey);
}

QMap<QString, QByteArray> TrustStore::pins() const
{
    QMap<QString, QByteArray> result;
    QSettings settings;
    settings.beginGroup(group());
    for (const QString &k : settings.childKeys()) {
        const QByteArray sha = tls::parseFingerprint(settings.value(k).toString());
        if (sha.size() == 32)
            result.insert(k, sha);
    }
    return result;
}

bool TrustStore::isPinnable(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}

TrustStore::Decision TrustStore::decide(const QString &host, int port, const QSslCertificate &peer,
                                        const QList<QSslError> &errors) const
{
    Decision d;
    if (errors.isEmpty()) {
        d.verdict = Verdict::Trusted;
        return d;
    }
    d.presented = tls::sha256Fingerprint(peer);
    if (peer.isNull() || d.presented.size() != 32) {
        d.verdict = Verdict::Invalid;
        return d;
    }
    for (const QSslError &e : errors) {
        if (!isPinnable(e.error())) {
            d.verdict = Verdict::Invalid;
            return d;
        }
    }
    d.pinned = pin(host, port);
    if (d.pinned.isEmpty()) {
        d.verdict = Verdict::NotPinned;
    } else if (d.pinned == d.presented) {
        d.verdict = Verdict::Pinned;
        d.ignore = errors;
    } else {
        d.verdict = Verdict::Changed;
    }
    return d;
}

TlsProblem TrustStore::problem(const QString &host, int port, const QSslCertificate &peer, const Decision &decision,
                               const QList<QSslError> &errors)
{
    TlsProblem p;
    p.host = host;
    p.port = port < 0 ? 443 : port;
    p.certificate = peer;
    p.pinned = decision.pinned;
    switch (decision.verdict) {
    case Verdict::Trusted:
    case Verdict::Pinned:
        return TlsProblem();
    case Verdict::NotPinned:
        p.kind = TlsProblem::Kind::Unknown;
        break;
    case Verdict::Changed:
        p.kind = TlsProblem::Kind::Changed;
        break;
    case Verdict::Invalid:
        p.kind = TlsProblem::Kind::Invalid;
        break;
    }
    QStringList texts;
    for (const QSslError &e : errors)
        texts.append(e.errorString());
    texts.removeDuplicates();
    p.details = texts.join(QStringLiteral("; "));
    return p;
}

} // namespace craftchat::ui
