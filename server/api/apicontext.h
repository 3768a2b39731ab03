// What the API resources share: the store, the chat domain, token handling, password hashing
// and the upload settings. Owned by the runtime's ChatServer; outlives every request.
#pragma once

#include "server/api/requestlimits.h"

#include <QByteArray>
#include <QString>

namespace craftchat::auth {
class AsyncPasswordHasher;
class JwtCodec;
}
namespace craftchat::storage {
class ChatStore;
}
namespace craftchat::chat {
class ChatService;
class TokenVerifier;
}

namespace craftchat::api {

struct ApiContext
{
    storage::ChatStore *store = nullptr;
    chat::ChatService *chat = nullptr;
    const chat::TokenVerifier *verifier = nullptr;
    const auth::JwtCodec *jwt = nullptr;
    auth::AsyncPasswordHasher *hasher = nullptr;
    QString uploadDir;                 // created by the runtime
    qint64 maxUploadBytes = 5 * 1024 * 1024;
    QByteArray metricsToken;           // empty: only admins read /metrics
    RequestLimitSettings limitSettings;
    RequestLimits *limits = nullptr;   // made by HttpApi from limitSettings
};

} // namespace craftchat::api
