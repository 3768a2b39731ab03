#include "ui/net/tokenrenewer.h"

#include "ui/net/chatsession.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace craftchat::ui {

namespace {
constexpr int RetryAfterFailureMs = 60 * 1000;
constexpr qint64 MaxTimerMs = 24LL * 60 * 60 * 1000; // QTimer's range; re-checked after a day
} // namespace

TokenRenewer::TokenRenewer(ChatSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TokenRenewer::renewIfDue);
    // After a reconnect (a laptop that slept through the renewal), catch up at once.
    connect(session, &ChatSession::connected, this, &TokenRenewer::renewIfDue);
    schedule();
}

TokenRenewer::Lifetime TokenRenewer::lifetimeOf(const QString &token)
{
    const QList<QStringView> parts = QStringView(token).split(QLatin1Char('.'));
    if (parts.size() != 3 || parts[1].size() > 8192)
        return {};
    const QByteArray json = QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonObject claims = QJsonDocument::fromJson(json).object();
    const auto seconds = [&claims](const char *name) {
        const QJsonValue v = claims.value(QLatin1String(name));
        return v.isDouble() ? QDateTime::fromSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC) : QDateTime();
    };
    return {seconds("iat"), seconds("exp")};
}

void TokenRenewer::schedule()
{
    m_timer.stop();
    if (!m_session || m_unsupported)
        return;
    const Lifetime life = lifetimeOf(m_session->api()->token());
    if (!life.issuedAt.isValid() || !life.expiresAt.isValid() || life.expiresAt <= life.issuedAt) {
        m_due = {};
        return;
    }
    m_due = life.issuedAt.addSecs(life.issuedAt.secsTo(life.expiresAt) / 2);
    const qint64 wait = qBound<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_due), MaxTimerMs);
    m_timer.start(int(wait));
}

void TokenRenewer::renewIfDue()
{
    if (m_due.isValid() && QDateTime::currentDateTimeUtc() >= m_due)
        renewNow();
    else
        schedule();
}

void TokenRenewer::renewNow()
{
    if (!m_session || m_busy || m_unsupported || m_session->state() != ChatSession::ConnectionState::Connected)
        return;
    m_busy = true;
    m_session->api()->refreshToken(
        [this, guard = QPointer<TokenRenewer>(this)](const ApiResult &r, const AuthResult &auth) {
            if (!guard)
                return;
            m_busy = false;
            if (r.ok() && !auth.token.isEmpty()) {
                m_session->setToken(auth.token);
                emit renewed(auth.token);
                schedule();
            } else if (r.status == 401) {
                emit refused();
            } else if (r.status == 404 || r.status == 405) {
                m_unsupported = true; // an older server: the token lasts as long as it lasts
            } else {
                m_timer.start(RetryAfterFailureMs);
            }
        });
}

} // namespace craftchat::ui
