#include "ui/net/serverhost.h"

#include "common/tls/fingerprint.h"

#include <QNetworkInterface>

namespace craftchat::ui {

QStringList ServerHost::networkUrls() const
{
    QStringList urls;
    const int port = localUrl().port();
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (!(iface.flags() & QNetworkInterface::IsUp) || (iface.flags() & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : iface.addressEntries()) {
            const QHostAddress ip = entry.ip();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && !ip.isLoopback())
                urls.append(QStringLiteral("%1://%2:%3").arg(localUrl().scheme(), ip.toString()).arg(port));
        }
    }
    return urls;
}

Invitation ServerHost::invitation(const QString &code) const
{
    const QStringList urls = networkUrls();
    Invitation invitation;
    invitation.server = urls.isEmpty() ? localUrl() : QUrl(urls.first());
    invitation.sha256 = tls::sha256Fingerprint(certificate());
    invitation.code = code;
    return invitation;
}

} // namespace craftchat::ui
