#include "server/api/usersapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"

#include "common/chat/contract.h"
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
        if (role && *role != contract::RoleClient && *role != contract::RoleCraftsman
            && *role != contract::RoleAdmin)
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
        for (const chat::UserProfile &p : *users)
            out.append(p.withoutEmail().toJson());
        call.json(200, out);
    });
}

} // namespace craftchat::api
