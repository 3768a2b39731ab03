#include "ui/net/invitation.h"

#include "common/tls/fingerprint.h"

#include <QUrlQuery>

namespace craftchat::ui {

namespace {
const QString Scheme = QStringLiteral("craftchat");
const QString JoinHost = QStringLiteral("join");

bool isCodeCharacter(QChar c)
{
    const char l = c.toLatin1();
    return (l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z') || (l >= '0' && l <= '9') || l == '-' || l == '_'
           || l == '=';
}

// https://host[:port] with nothing else; the port made explicit.
std::optional<QUrl> serverAddress(const QString &text)
{
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() || !url.userInfo().isEmpty()
        || url.hasQuery() || url.hasFragment() || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return std::nullopt;
    QUrl clean;
    clean.setScheme(QStringLiteral("https"));
    clean.setHost(url.host().toLower());
    clean.setPort(url.port(443));
    if (!clean.isValid())
        return std::nullopt;
    return clean;
}
} // namespace

bool Invitation::isValid() const
{
    if (sha256.size() != 32 || code.size() > MaxCodeLength || !serverAddress(server.toString()))
        return false;
    return std::all_of(code.begin(), code.end(), isCodeCharacter);
}

QString Invitation::toString() const
{
    QString text = Scheme + QStringLiteral("://") + JoinHost + QStringLiteral("?server=")
                   + QString::fromLatin1(QUrl::toPercentEncoding(server.toString(QUrl::FullyEncoded)))
                   + QStringLiteral("&fp=") + tls::compactFingerprint(sha256);
    if (!code.isEmpty())
        text += QStringLiteral("&code=") + QString::fromLatin1(QUrl::toPercentEncoding(code));
    return text;
}

bool Invitation::looksLikeInvitation(const QString &text)
{
    return text.trimmed().startsWith(Scheme + QLatin1Char(':'), Qt::CaseInsensitive);
}

std::optional<Invitation> Invitation::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.size() > MaxTextLength || !looksLikeInvitation(text))
        return std::nullopt;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().toLower() != Scheme || url.host() != JoinHost || url.port() != -1
        || !url.userInfo().isEmpty() || url.hasFragment()
        || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return std::nullopt;
    const QUrlQuery query(url);
    QString server;
    QString fingerprint;
    QString code;
    bool haveServer = false;
    bool haveFingerprint = false;
    bool haveCode = false;
    // A pair, not a structured binding: clang 15 (the sanitizer build) cannot capture those.
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        const QString &key = item.first;
        const QString &value = item.second;
        // Each key once: an invitation with two servers or two fingerprints is no invitation.
        auto take = [&value](bool &seen, QString &into) {
            if (seen)
                return false;
            seen = true;
            into = value;
            return true;
        };
        bool ok = true;
        if (key == QLatin1String("server"))
            ok = take(haveServer, server);
        else if (key == QLatin1String("fp"))
            ok = take(haveFingerprint, fingerprint);
        else if (key == QLatin1String("code"))
            ok = take(haveCode, code);
        if (!ok)
            return std::nullopt;
    }
    if (!haveServer || !haveFingerprint)
        return std::nullopt;
    const auto address = serverAddress(server);
    if (!address)
        return std::nullopt;
    // Only the compact form (64 hex digits) that toString() writes.
    if (fingerprint.size() != 64)
        return std::nullopt;
    Invitation invitation{*address, tls::parseFingerprint(fingerprint), code};
    if (!invitation.isValid())
        return std::nullopt;
    return invitation;
}

} // namespace craftchat::ui
