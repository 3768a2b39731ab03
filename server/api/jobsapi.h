// POST /api/jobs (clients): {title} -> 201 {_id, title, clientId}.
#pragma once

#include "server/api/apicontext.h"

namespace craftchat::api {

class ApiRouter;

class JobsApi
{
public:
    explicit JobsApi(ApiContext &ctx)
        : m_ctx(ctx)
    {}
    void install(ApiRouter &router);

private:
    ApiContext &m_ctx;
};

} // namespace craftchat::api
