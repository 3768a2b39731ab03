#include "server/api/usersapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"

#include "common/contract/contract.h"
#include "server/chat/chatservice.h"
#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

namespace craftchat::api {

namespace {
constexpr int MaxQueryLength = 100;
}

void UsersApi::install(ApiRouter &router)
{
    router.add("GET", QStringLiteral("/api/users/me"), [this](const ApiCall &call) {
        if (const auto user = authenticate(m_ctx, call))
            call.json(200, user->toJson());
    });

    router.add("GET", QStringLiteral("/api/users"), [this](const ApiCall &call) {
        if (!authenticate(m_ctx, call))
            return;
        const std::optional<QString> role = call.query(QStringLiteral("role"));
        if (role && *role != contract::RoleClient && *role != contract::RoleCraftsman && *role != contract::RoleAdmin)
            return call.error(400, code::InvalidInput, QStringLiteral("role must be client, craftsman or admin"));
        const QString q = call.query(QStringLiteral("q")).value_or(QString()).trimmed();
        if (q.size() > MaxQueryLength)
            return call.error(400, code::InvalidInput, QStringLiteral("q is too long"));
        const auto users = m_ctx.store->listUsers(role, q, 100);
        if (!users) {
            qCWarning(logging::lcHttp).noquote() << "listing users failed:" << users.errorMessage();
            return call.error(500, code::Internal, QStringLiteral("Internal server error"));
        }
        QJsonArray out;
        for (const contract::UserProfile &p : *users)
            out.append(p.withoutEmail().toJson());
        call.json(200, out);
    });

    // Admins delete accounts (never their own, so the last admin cannot go either). The
    // account stays as "Deleted account" for its messages; its tokens and sockets end now.
    router.add("DELETE", QStringLiteral("/api/users/:id"), [this](const ApiCall &call) {
        const auto admin
            = authenticateRole(m_ctx, call, contract::RoleAdmin, QStringLiteral("Only admins can delete accounts"));
        if (!admin)
            return;
        const QString id = call.param(QStringLiteral("id"));
        if (id == admin->id)
            return call.error(400, code::InvalidInput, QStringLiteral("You cannot delete your own account"));
        const auto deleted = m_ctx.store->deleteUser(id);
        if (!deleted) {
            if (deleted.error() == storage::StoreError::NotFound)
                return call.error(404, code::NotFound, QStringLiteral("User not found"));
            qCWarning(logging::lcHttp).noquote() << "deleting user" << id << "failed:" << deleted.errorMessage();
            return call.error(500, code::Internal, QStringLiteral("Internal server error"));
        }
        qCInfo(logging::lcAuth).noquote() << "user" << id << "deleted by admin" << admin->id;
        m_ctx.chat->userDeleted(id);
        call.json(200, deleted->profile.toJson());
    });
}

} // namespace craftchat::api
