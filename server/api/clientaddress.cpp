#include "server/api/clientaddress.h"

namespace craftchat::api {

TrustedProxies::TrustedProxies(const QStringList &entries)
{
    for (const QString &entry : entries) {
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry.trimmed());
        if (!subnet.first.isNull() && subnet.second >= 0)
            m_subnets.append(subnet);
    }
}

QHostAddress TrustedProxies::normalised(const QHostAddress &address)
{
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    return address;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress a = normalised(address);
    for (const auto &subnet : m_subnets) {
        if (a.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::parseForwardedEntry(const QByteArray &entry)
{
    QByteArray text = entry.trimmed();
    if (text.isEmpty() || text.size() > 64)
        return {};
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0)
            return {};
        const QByteArray rest = text.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return {};
        text = text.mid(1, close - 1);
    } else if (text.count(':') == 1) {
        text = text.left(text.indexOf(':')); // a.b.c.d:port
    }
    for (const char c : text) {
        // Digits, hex letters, '.' and ':' only: no zone ids, no host names.
        const bool ok
            = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
        if (!ok)
            return {};
    }
    QHostAddress address;
    if (!address.setAddress(QString::fromLatin1(text)))
        return {};
    // Qt reads "192.168" as 192.0.0.168: only the dotted quad counts as an IPv4 address.
    if (address.protocol() == QAbstractSocket::IPv4Protocol && text.count('.') != 3)
        return {};
    return normalised(address);
}

QHostAddress TrustedProxies::clientAddress(const http::HttpRequest &request) const
{
    const QHostAddress peer = normalised(request.peerAddress);
    if (m_subnets.isEmpty() || !contains(peer))
        return peer;
    // Every X-Forwarded-For header in order, as one list.
    QList<QByteArray> entries;
    for (const auto &header : request.headers) {
        if (header.first == "x-forwarded-for")
            entries += header.second.split(',');
    }
    int looked = 0;
    for (auto it = entries.crbegin(); it != entries.crend() && looked < MaxForwardedEntries; ++it, ++looked) {
        const QHostAddress hop = parseForwardedEntry(*it);
        if (hop.isNull())
            return peer; // garbage where a proxy's entry should be: believe nothing
        if (!contains(hop))
            return hop;
    }
    return peer;
}

} // namespace craftchat::api
