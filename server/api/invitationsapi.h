// Closed registration (docs/API.md, "Registration and invitations"):
//   GET    /api/auth/registration   anyone: {mode}
//   POST   /api/invitations         admin: client or craftsman; craftsman: client; client: 403
//   GET    /api/invitations         the caller's open invitations (admin: everyone's)
//   DELETE /api/invitations/:code   revoke an open invitation (its creator, or an admin)
#pragma once

#include "server/api/apicontext.h"

#include <QJsonObject>

namespace craftchat::storage {
struct Invitation;
}

namespace craftchat::api {

class ApiCall;
class ApiRouter;

// {code, role, expiresAt, createdBy (user id, null for the command line)}
QJsonObject invitationJson(const storage::Invitation &invitation);

class InvitationsApi
{
public:
    explicit InvitationsApi(ApiContext &ctx)
        : m_ctx(ctx)
    {}
    void install(ApiRouter &router);

private:
    void create(const ApiCall &call);
    void list(const ApiCall &call);
    void revoke(const ApiCall &call);

    ApiContext &m_ctx;
};

} // namespace craftchat::api
