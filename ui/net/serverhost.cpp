#include "ui/net/serverhost.h"

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
                urls.append(QStringLiteral("http://%1:%2").arg(ip.toString()).arg(port));
        }
    }
    return urls;
}

} // namespace craftchat::ui
