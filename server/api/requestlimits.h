// Limits of the HTTP API against abuse from the internet (docs/API.md, "Limits against
// abuse"): registrations per remote address, chat and job creations per user (sliding
// one-hour windows; over them 429 RATE_LIMIT with Retry-After), and the free-space floor of
// the data directory below which registrations are refused (507 DISK_LOW). Failed logins per
// account and per client address (429 LOGIN_THROTTLED with Retry-After). "Address" is the
// client address of clientaddress.h (X-Forwarded-For only from trusted proxies).
#pragma once

#include "server/api/clientaddress.h"
#include "server/chat/ratelimiter.h"

#include <QElapsedTimer>
#include <QStringList>

#include <QString>
#include <optional>

namespace craftchat::api {

class ApiCall;

struct RequestLimitSettings
{
    int registrationsPerHour = 5;  // per remote address; 0: no limit
    int chatCreationsPerHour = 30; // per client; 0: no limit
    int jobCreationsPerHour = 30;  // per client; 0: no limit
    // Loopback peers (tests, benchmarks, the app's own host mode) are not limited per
    // address unless this is set (a reverse proxy on the same host makes every client look
    // like loopback: then set it, and the limit is shared by everyone behind the proxy).
    bool limitLoopback = false;
    QString dataDir;                                // whose file system's free space is checked
    qint64 minFreeDiskBytes = 1024LL * 1024 * 1024; // 0: no check
    // Failed logins in any window of loginFailureWindowMs: per account (the normalised email,
    // known or not; loopback included) and per client address (loopback only with
    // limitLoopback). 0: no limit.
    int loginFailuresPerAccount = 5;
    int loginFailuresPerAddress = 30;
    qint64 loginFailureWindowMs = 15 * 60 * 1000;
    // Accounts and addresses tracked for failed logins, each (memory bound; beyond it those
    // whose last failure is the oldest are forgotten first).
    int maxTrackedLoginKeys = 20'000;
    QStringList trustedProxies; // addresses or CIDR ranges (clientaddress.h)
};

// A login under way: counted as a failure until it is known to have succeeded.
struct LoginAttempt
{
    QString account; // key of the account
    QString address; // key of the client address; empty when not limited
    qint64 atMs = 0;
};

class RequestLimits
{
public:
    enum class Kind {
        Registration,
        ChatCreation,
        JobCreation
    };

    explicit RequestLimits(const RequestLimitSettings &settings);

    // The client address of a call (clientaddress.h), for logs.
    QHostAddress clientAddress(const ApiCall &call) const;
    QHostAddress clientAddress(const http::HttpRequest &request) const { return m_proxies.clientAddress(request); }
    // The key of a call's client address for per-address limits; empty when the address is
    // not limited (loopback without limitLoopback).
    QString addressKey(const ApiCall &call) const;

    // Login throttling. beginLogin: when the account (accountKey) or the call's client address
    // has reached its failures within the window, answers 429 LOGIN_THROTTLED with Retry-After
    // (seconds until the oldest failure that keeps it there leaves the window; the larger of
    // the two when both) and returns nullopt, whatever the password. Otherwise the attempt
    // counts as a failure of both right away (parallel guesses cannot pass together) until
    // loginSucceeded (the account's failures are forgotten, the address's slot given back)
    // or loginNotTried (both slots given back: the password was never checked).
    std::optional<LoginAttempt> beginLogin(const ApiCall &call, const QString &accountKey);
    void loginSucceeded(const LoginAttempt &attempt);
    void loginNotTried(const LoginAttempt &attempt);
    // True when the action may happen now; else the call is answered 429 RATE_LIMIT with
    // Retry-After and false returned. An empty key is never limited.
    bool admit(const ApiCall &call, Kind kind, const QString &key);
    // admit() without answering: would the action be allowed now?
    bool allows(Kind kind, const QString &key);
    // The action happened (only those count).
    void record(Kind kind, const QString &key);
    // True when the data directory has at least minFreeDiskBytes free; else the call is
    // answered 507 DISK_LOW and false returned.
    bool admitDiskSpace(const ApiCall &call) const;

private:
    chat::RateLimiter &limiter(Kind kind);
    void pruneNowAndThen(qint64 nowMs);
    int limitOf(Kind kind) const;

    RequestLimitSettings m_settings;
    chat::RateLimiter m_registrations;
    chat::RateLimiter m_chats;
    chat::RateLimiter m_jobs;
    chat::RateLimiter m_loginAccounts;
    chat::RateLimiter m_loginAddresses;
    TrustedProxies m_proxies;
    QElapsedTimer m_clock;
    qint64 m_lastPruneMs = 0;
};

} // namespace craftchat::api
