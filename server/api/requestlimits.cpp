#include "server/api/requestlimits.h"

#include "server/api/apicall.h"
#include "server/logging/logcategories.h"

#include <QStorageInfo>

namespace craftchat::api {

namespace {
constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 PruneIntervalMs = 10 * 60 * 1000;
} // namespace

RequestLimits::RequestLimits(const RequestLimitSettings &settings)
    : m_settings(settings)
    , m_registrations(settings.registrationsPerHour, HourMs)
    , m_chats(settings.chatCreationsPerHour, HourMs)
    , m_jobs(settings.jobCreationsPerHour, HourMs)
    , m_loginAccounts(settings.loginFailuresPerAccount, settings.loginFailureWindowMs)
    , m_loginAddresses(settings.loginFailuresPerAddress, settings.loginFailureWindowMs)
    , m_proxies(settings.trustedProxies)
{
    m_loginAccounts.setMaxTracked(settings.maxTrackedLoginKeys);
    m_loginAddresses.setMaxTracked(settings.maxTrackedLoginKeys);
    m_clock.start();
}

void RequestLimits::pruneNowAndThen(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < PruneIntervalMs)
        return;
    m_lastPruneMs = nowMs;
    m_registrations.prune(nowMs);
    m_chats.prune(nowMs);
    m_jobs.prune(nowMs);
    m_loginAccounts.prune(nowMs);
    m_loginAddresses.prune(nowMs);
}

chat::RateLimiter &RequestLimits::limiter(Kind kind)
{
    switch (kind) {
    case Kind::Registration:
        return m_registrations;
    case Kind::ChatCreation:
        return m_chats;
    case Kind::JobCreation:
        return m_jobs;
    }
    return m_jobs;
}

int RequestLimits::limitOf(Kind kind) const
{
    switch (kind) {
    case Kind::Registration:
        return m_settings.registrationsPerHour;
    case Kind::ChatCreation:
        return m_settings.chatCreationsPerHour;
    case Kind::JobCreation:
        return m_settings.jobCreationsPerHour;
    }
    return 0;
}

QHostAddress RequestLimits::clientAddress(const ApiCall &call) const
{
    return m_proxies.clientAddress(call.request()); // ::ffff:a.b.c.d counts as a.b.c.d
}

QString RequestLimits::addressKey(const ApiCall &call) const
{
    const QHostAddress address = clientAddress(call);
    if (address.isLoopback() && !m_settings.limitLoopback)
        return {};
    return address.toString();
}

bool RequestLimits::admit(const ApiCall &call, Kind kind, const QString &key)
{
    if (key.isEmpty() || limitOf(kind) <= 0)
        return true;
    const qint64 now = m_clock.elapsed();
    pruneNowAndThen(now);
    chat::RateLimiter &l = limiter(kind);
    if (l.allows(key, now))
        return true;
    const qint64 waitSeconds = (l.retryAfterMs(key, now) + 999) / 1000;
    static const char *const what[] = {"registrations from", "chat creations of", "job creations of"};
    qCInfo(logging::lcHttp).noquote() << "rate limit:" << what[int(kind)] << key << "refused, retry after"
                                      << waitSeconds << "s";
    http::HttpResponse response
        = http::HttpResponse::error(429, QStringLiteral("Too many requests, try again later"), code::RateLimit);
    response.setHeader("Retry-After", QByteArray::number(qMax<qint64>(1, waitSeconds)));
    call.respond(response);
    return false;
}

std::optional<LoginAttempt> RequestLimits::beginLogin(const ApiCall &call, const QString &accountKey)
{
    const qint64 now = m_clock.elapsed();
    pruneNowAndThen(now);
    LoginAttempt attempt{m_settings.loginFailuresPerAccount > 0 ? accountKey : QString(),
                         m_settings.loginFailuresPerAddress > 0 ? addressKey(call) : QString(), now};
    qint64 waitMs = 0;
    if (!attempt.account.isEmpty())
        waitMs = qMax(waitMs, m_loginAccounts.retryAfterMs(attempt.account, now));
    if (!attempt.address.isEmpty())
        waitMs = qMax(waitMs, m_loginAddresses.retryAfterMs(attempt.address, now));
    if (waitMs > 0) {
        const qint64 waitSeconds = qMax<qint64>(1, (waitMs + 999) / 1000);
        qCInfo(logging::lcAuth).noquote() << "login throttled from" << clientAddress(call).toString() << "account"
                                          << accountKey << "retry after" << waitSeconds << "s";
        http::HttpResponse response = http::HttpResponse::error(
            429, QStringLiteral("Too many failed logins, try again later"), code::LoginThrottled);
        response.setHeader("Retry-After", QByteArray::number(waitSeconds));
        call.respond(response);
        return std::nullopt;
    }
    if (!attempt.account.isEmpty())
        m_loginAccounts.record(attempt.account, now);
    if (!attempt.address.isEmpty())
        m_loginAddresses.record(attempt.address, now);
    return attempt;
}

void RequestLimits::loginSucceeded(const LoginAttempt &attempt)
{
    if (!attempt.account.isEmpty())
        m_loginAccounts.forget(attempt.account);
    if (!attempt.address.isEmpty())
        m_loginAddresses.unrecord(attempt.address, attempt.atMs);
}

void RequestLimits::loginNotTried(const LoginAttempt &attempt)
{
    if (!attempt.account.isEmpty())
        m_loginAccounts.unrecord(attempt.account, attempt.atMs);
    if (!attempt.address.isEmpty())
        m_loginAddresses.unrecord(attempt.address, attempt.atMs);
}

bool RequestLimits::allows(Kind kind, const QString &key)
{
    return key.isEmpty() || limitOf(kind) <= 0 || limiter(kind).allows(key, m_clock.elapsed());
}

void RequestLimits::record(Kind kind, const QString &key)
{
    if (!key.isEmpty() && limitOf(kind) > 0)
        limiter(kind).record(key, m_clock.elapsed());
}

bool RequestLimits::admitDiskSpace(const ApiCall &call) const
{
    if (m_settings.minFreeDiskBytes <= 0 || m_settings.dataDir.isEmpty())
        return true;
    const QStorageInfo storage(m_settings.dataDir);
    if (!storage.isValid() || storage.bytesAvailable() < 0 || storage.bytesAvailable() >= m_settings.minFreeDiskBytes)
        return true;
    qCWarning(logging::lcHttp).noquote() << "data directory" << m_settings.dataDir << "has" << storage.bytesAvailable()
                                         << "bytes free, below the floor of" << m_settings.minFreeDiskBytes
                                         << "- refusing" << call.request().path;
    call.error(507, code::DiskLow, QStringLiteral("The server is low on disk space; try again later"));
    return false;
}

} // namespace craftchat::api
