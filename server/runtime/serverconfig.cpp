#include "server/runtime/serverconfig.h"

#include <QDir>

namespace craftchat::runtime {

QString ServerConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("craftchat.sqlite"));
}

QString ServerConfig::uploadsDir() const
{
    return QDir(dataDir).filePath(QStringLiteral("uploads"));
}

QHostAddress ServerConfig::listenAddress() const
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(host);
}

QString ServerConfig::baseUrl(quint16 actualPort) const
{
    const QHostAddress address = listenAddress();
    const bool ipv6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const QString shownHost
        = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ? host : address.toString();
    return QStringLiteral("%1://%2:%3")
        .arg(tlsEnabled() ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(ipv6 ? QLatin1Char('[') + shownHost + QLatin1Char(']') : shownHost)
        .arg(actualPort);
}

auth::JwtSecretSettings ServerConfig::jwtSecretSettings() const
{
    return auth::JwtSecretSettings{jwtSecret, jwtSecretFile, dataDir};
}

QStringList ServerConfig::secrets() const
{
    QStringList list;
    for (const QString &s : {jwtSecret, metricsToken, adminPassword}) {
        if (!s.isEmpty())
            list.append(s);
    }
    return list;
}

} // namespace craftchat::runtime
