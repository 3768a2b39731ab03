// Which servers' certificates this app trusts beyond the system's certificate authorities:
// pins, one SHA-256 certificate fingerprint per host:port, in QSettings group "tlsPins". The
// rule, the same for the HTTP API (QNetworkAccessManager) and the Socket.IO connection
// (QWebSocket):
//  * a certificate the system trusts: accepted (no TLS errors at all);
//  * pinned and the same certificate: accepted, ignoring exactly the errors a self-signed
//    certificate causes (untrusted issuer, host name); an expired one stays refused;
//  * pinned but another certificate: refused, the user is warned (no "continue anyway");
//  * not pinned: refused for now, the user is asked to compare the fingerprint with the
//    host's screen; accepting pins it.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace craftchat::ui {

// Why a TLS connection was refused, with what the dialogs show.
struct TlsProblem
{
    enum class Kind {
        None,
        Unknown, // a certificate nobody trusts yet: ask the user
        Changed, // another certificate than the pinned one: warn, refuse
        Invalid, // expired, revoked or otherwise broken: refuse
    };
    Kind kind = Kind::None;
    QString host;
    int port = 0;
    // The one the server presented. Initialised explicitly: its default constructor is
    // explicit, which clang refuses in the value-initialisation QVariant does.
    QSslCertificate certificate = QSslCertificate();
    QByteArray pinned; // Changed: the pinned SHA-256
    QString details;   // Invalid: the errors, for people

    bool isNull() const { return kind == Kind::None; }
    QString address() const; // host:port ([..] around IPv6)
};

class TrustStore
{
public:
    enum class Verdict {
        Trusted, // the system trusts it: nothing to do
        Pinned,  // our pin: ignore `ignore`
        Changed,
        NotPinned,
        Invalid,
    };
    struct Decision
    {
        Verdict verdict = Verdict::Invalid;
        QByteArray presented; // SHA-256 of the peer certificate
        QByteArray pinned;
        QList<QSslError> ignore; // Pinned: exactly these
    };

    static QString group() { return QStringLiteral("tlsPins"); }
    // "host:port", the host lower case, IPv6 in brackets; port -1 means 443.
    static QString key(const QString &host, int port);
    static QString key(const QUrl &url) { return key(url.host(), url.port(443)); }

    QByteArray pin(const QString &host, int port) const;
    void setPin(const QString &host, int port, const QByteArray &sha256);
    void removePin(const QString &key);
    QMap<QString, QByteArray> pins() const; // key -> SHA-256

    // The rule above for a connection to host:port that presented `peer` with `errors`.
    Decision decide(const QString &host, int port, const QSslCertificate &peer, const QList<QSslError> &errors) const;
    // The same, as what the user is told when it is refused (kind None when accepted).
    static TlsProblem problem(const QString &host, int port, const QSslCertificate &peer, const Decision &decision,
                              const QList<QSslError> &errors);
    // Errors a self-signed certificate causes; a pin makes them acceptable, nothing else.
    static bool isPinnable(QSslError::SslError error);
};

} // namespace craftchat::ui

Q_DECLARE_METATYPE(craftchat::ui::TlsProblem)
