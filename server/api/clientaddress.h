// The address a request comes from (docs/API.md, "Trusted proxies"): the TCP peer, or, only
// when the peer is a configured trusted proxy, the right-most X-Forwarded-For entry that is not
// itself a trusted proxy. Every per-address limit of the HTTP API and its log lines use it.
#pragma once

#include "server/http/httpmessage.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

namespace craftchat::api {

class TrustedProxies
{
public:
    // Entries a forwarded header may have that are looked at, from the right; a longer chain
    // of trusted proxies falls back to the peer.
    static constexpr int MaxForwardedEntries = 32;

    TrustedProxies() = default;
    // Addresses ("10.0.0.1", "::1") and CIDR ranges ("10.0.0.0/8"); invalid ones are skipped
    // (the configuration loader refuses them before).
    explicit TrustedProxies(const QStringList &entries);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    bool contains(const QHostAddress &address) const;
    // The client's address as described above. A forwarded entry that is not an address (or
    // a header of a peer that is not trusted) is never believed: the answer is then the peer.
    QHostAddress clientAddress(const http::HttpRequest &request) const;

    // ::ffff:a.b.c.d as a.b.c.d; other addresses unchanged.
    static QHostAddress normalised(const QHostAddress &address);
    // One X-Forwarded-For entry: "1.2.3.4", "1.2.3.4:5678", "2001:db8::1", "[2001:db8::1]:443";
    // a null address when it is none of these.
    static QHostAddress parseForwardedEntry(const QByteArray &entry);

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace craftchat::api
