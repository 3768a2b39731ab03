// Limits of the HTTP API against abuse from the internet (docs/API.md, "Limits against
// abuse"): registrations per remote address, chat and job creations per user (sliding
// one-hour windows; over them 429 RATE_LIMIT with Retry-After), and the free-space floor of
// the data directory below which registrations are refused (507 DISK_LOW).
#pragma once

#include "server/chat/ratelimiter.h"

#include <QElapsedTimer>
#include <QString>

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

    // The key of a call's remote address for Kind::Registration; empty when the address is
    // not limited (loopback without limitLoopback).
    QString addressKey(const ApiCall &call) const;
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
    int limitOf(Kind kind) const;

    RequestLimitSettings m_settings;
    chat::RateLimiter m_registrations;
    chat::RateLimiter m_chats;
    chat::RateLimiter m_jobs;
    QElapsedTimer m_clock;
    qint64 m_lastPruneMs = 0;
};

} // namespace craftchat::api
