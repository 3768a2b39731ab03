#include "server/api/adminapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"
#include "server/api/diskfloor.h"
#include "server/auth/asyncpasswordhasher.h"
#include "server/backup/backupservice.h"

#include "common/contract/contract.h"
#include "server/chat/chatservice.h"
#include "server/chat/roomsnapshot.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace craftchat::api {

namespace {

// Compares digests so the time taken does not depend on where the texts differ.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    const QByteArray x = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray y = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= static_cast<unsigned char>(x[i] ^ y[i]);
    return diff == 0;
}

} // namespace

void AdminApi::install(ApiRouter &router)
{
    router.add("GET", QStringLiteral("/health"), [](const ApiCall &call) {
        call.json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    router.add("GET", QStringLiteral("/metrics"), [this](const ApiCall &c) { metrics(c); });
    router.add("GET", QStringLiteral("/api/messages/admin/socket-debug"), [this](const ApiCall &c) { socketDebug(c); });
    router.add("GET", QStringLiteral("/api/admin/backup"), [this](const ApiCall &c) { backupStatus(c); });
    router.add("POST", QStringLiteral("/api/admin/backup"), [this](const ApiCall &c) { startBackup(c); });
}

namespace {

QJsonValue timeOrNull(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject backupStatusJson(const backup::BackupStatus &status)
{
    QJsonValue last;
    if (status.lastSuccess) {
        const backup::BackupInfo &info = *status.lastSuccess;
        QJsonObject object{{QStringLiteral("file"), info.file},
                           {QStringLiteral("sizeBytes"), info.sizeBytes},
                           {QStringLiteral("createdAt"), timeOrNull(info.createdAt)},
                           {QStringLiteral("ageSeconds"), info.createdAt.secsTo(QDateTime::currentDateTimeUtc())}};
        if (info.durationMs > 0 || info.counts.users > 0) {
            object.insert(QStringLiteral("counts"), QJsonObject{{QStringLiteral("users"), info.counts.users},
                                                                {QStringLiteral("chats"), info.counts.chats},
                                                                {QStringLiteral("messages"), info.counts.messages},
                                                                {QStringLiteral("uploads"), info.counts.uploads}});
            object.insert(QStringLiteral("durationMs"), info.durationMs);
        }
        last = object;
    }
    return QJsonObject{
        {QStringLiteral("state"), backup::backupStateName(status.state)},
        {QStringLiteral("folder"), status.folder.isEmpty() ? QJsonValue() : QJsonValue(status.folder)},
        {QStringLiteral("startedAt"), timeOrNull(status.startedAt)},
        {QStringLiteral("lastBackup"), last},
        {QStringLiteral("lastError"), status.lastError.isEmpty() ? QJsonValue() : QJsonValue(status.lastError)},
        {QStringLiteral("lastErrorAt"), timeOrNull(status.lastErrorAt)},
        {QStringLiteral("nextDueAt"), timeOrNull(status.nextDueAt)},
    };
}

} // namespace

void AdminApi::backupStatus(const ApiCall &call)
{
    if (!authenticateRole(m_ctx, call, contract::RoleAdmin, QStringLiteral("Admins only")))
        return;
    if (!m_ctx.backups) {
        call.error(404, code::NotFound, QStringLiteral("Backups are not available on this server"));
        return;
    }
    call.json(200, backupStatusJson(m_ctx.backups->status()));
}

void AdminApi::startBackup(const ApiCall &call)
{
    if (!authenticateRole(m_ctx, call, contract::RoleAdmin, QStringLiteral("Admins only")))
        return;
    if (!m_ctx.backups) {
        call.error(404, code::NotFound, QStringLiteral("Backups are not available on this server"));
        return;
    }
    // Only into the configured folder: the HTTP API never names a path on the server.
    const backup::BackupResult<void> started = m_ctx.backups->backUpNow();
    if (!started) {
        if (started.error() == backup::BackupError::Busy)
            call.error(409, code::BackupRunning, QStringLiteral("A backup is already running"));
        else
            call.error(409, code::BackupNotConfigured,
                       QStringLiteral("No backup folder is configured (--backup-folder)"));
        return;
    }
    call.json(202, backupStatusJson(m_ctx.backups->status()));
}

void AdminApi::metrics(const ApiCall &call)
{
    const QString token = bearerToken(call.request());
    const bool byToken
        = !m_ctx.metricsToken.isEmpty() && !token.isEmpty() && sameSecret(token.toUtf8(), m_ctx.metricsToken);
    if (!byToken && !authenticateRole(m_ctx, call, contract::RoleAdmin, QStringLiteral("Admins only")))
        return;
    const chat::ChatService &chat = *m_ctx.chat;
    chat::ChatMetrics::Gauges gauges;
    gauges.connections = chat.connections().connectionCount();
    gauges.onlineUsers = chat.connections().onlineUserCount();
    gauges.activeChats = chat.activeChatRooms();
    QByteArray text = chat.metrics().renderPrometheus(gauges, QDateTime::currentMSecsSinceEpoch());
    // 1 while the uploads directory is below its free-disk floor (uploads refused).
    const bool diskLow = m_ctx.diskFloor && m_ctx.diskFloor->isLow();
    text += "# TYPE chat_disk_low gauge\nchat_disk_low ";
    text += diskLow ? "1\n" : "0\n";
    const auth::AsyncPasswordHasher &hasher = *m_ctx.hasher;
    text.append("# HELP auth_password_jobs_pending Password hashing jobs waiting or running.\n"
                "# TYPE auth_password_jobs_pending gauge\n"
                "auth_password_jobs_pending ")
        .append(QByteArray::number(hasher.pending()))
        .append("\n# HELP auth_password_jobs_total Password hashing jobs, by outcome: done, dropped "
                "(the client left before it started), refused (queue full, 503).\n"
                "# TYPE auth_password_jobs_total counter\n")
        .append("auth_password_jobs_total{outcome=\"done\"} ")
        .append(QByteArray::number(hasher.completedJobs()))
        .append("\nauth_password_jobs_total{outcome=\"dropped\"} ")
        .append(QByteArray::number(hasher.droppedJobs()))
        .append("\nauth_password_jobs_total{outcome=\"refused\"} ")
        .append(QByteArray::number(hasher.refusedJobs()))
        .append('\n');
    call.respond(http::HttpResponse::text(200, text, "text/plain; version=0.0.4; charset=utf-8"));
}

void AdminApi::socketDebug(const ApiCall &call)
{
    if (!authenticateRole(m_ctx, call, contract::RoleAdmin, QStringLiteral("Admins only")))
        return;
    const chat::RoomsSnapshot snapshot = chat::snapshotRooms(*m_ctx.chat);
    QJsonArray out;
    for (const chat::RoomSnapshot &room : snapshot.rooms) {
        out.append(QJsonObject{{QStringLiteral("roomName"), room.name},
                               {QStringLiteral("socketCount"), int(room.socketIds.size())},
                               {QStringLiteral("socketIds"), QJsonArray::fromStringList(room.socketIds)},
                               {QStringLiteral("userIds"), QJsonArray::fromStringList(room.userIds)}});
    }
    call.json(200, QJsonObject{{QStringLiteral("totalConnections"), snapshot.connectionCount},
                               {QStringLiteral("totalRooms"), int(out.size())},
                               {QStringLiteral("rooms"), out}});
}

} // namespace craftchat::api
