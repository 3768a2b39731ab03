// What the API resources share: the store, the chat domain, token handling, password hashing
// and the upload settings. Owned by the runtime's ChatServer; outlives every request.
#pragma once

#include "server/api/invitationcode.h"
#include "server/api/requestlimits.h"

#include <QByteArray>
#include <QString>

namespace craftchat::auth {
class AsyncPasswordHasher;
class JwtCodec;
} // namespace craftchat::auth
namespace craftchat::storage {
class ChatStore;
}
namespace craftchat::chat {
class ChatService;
class TokenVerifier;
} // namespace craftchat::chat

namespace craftchat::backup {
class BackupService;
}

namespace craftchat::api {

class DiskFloor;

struct ApiContext
{
    storage::ChatStore *store = nullptr;
    chat::ChatService *chat = nullptr;
    const chat::TokenVerifier *verifier = nullptr;
    const auth::JwtCodec *jwt = nullptr;
    auth::AsyncPasswordHasher *hasher = nullptr;
    QString uploadDir;                        // created by the runtime
    qint64 maxUploadBytes = 25 * 1024 * 1024; // the default of contract section 9
    // Hostile input: transport and uploads
    int maxUploadsPerHour = 60; // per user, any 60 minutes
    qint64 maxUploadBytesPerHour = qint64(500) * 1024 * 1024;
    qint64 uploadQuotaBytes = qint64(2) * 1024 * 1024 * 1024; // per user, all stored uploads
    DiskFloor *diskFloor = nullptr;                           // null: no floor
    QByteArray metricsToken;                                  // empty: only admins read /metrics
    backup::BackupService *backups = nullptr;                 // GET/POST /api/admin/backup; null: 404
    RequestLimitSettings limitSettings;
    RequestLimits *limits = nullptr;                        // made by HttpApi from limitSettings
    RegistrationMode registration = RegistrationMode::Open; // who may register (invitationcode.h)
};

} // namespace craftchat::api
