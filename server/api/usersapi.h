// GET /api/users/me (the caller's own user, with email) and GET /api/users?role=&q=
// (profiles without emails; q matches the name).
#pragma once

#include "server/api/apicontext.h"

namespace craftchat::api {

class ApiRouter;

class UsersApi
{
public:
    explicit UsersApi(ApiContext &ctx)
        : m_ctx(ctx)
    {}
    void install(ApiRouter &router);

private:
    ApiContext &m_ctx;
};

} // namespace craftchat::api
