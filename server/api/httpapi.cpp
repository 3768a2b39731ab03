#include "server/api/httpapi.h"

#include "server/api/adminapi.h"
#include "server/api/authapi.h"
#include "server/api/chatsapi.h"
#include "server/api/jobsapi.h"
#include "server/api/uploadsapi.h"
#include "server/api/usersapi.h"

#include "server/logging/logcategories.h"

namespace craftchat::api {

HttpApi::HttpApi(const ApiContext &ctx, const QStringList &corsOrigins, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_limits(std::make_unique<RequestLimits>(ctx.limitSettings))
    , m_auth(new AuthApi(m_ctx, this))
    , m_users(std::make_unique<UsersApi>(m_ctx))
    , m_jobs(std::make_unique<JobsApi>(m_ctx))
    , m_chats(std::make_unique<ChatsApi>(m_ctx))
    , m_uploads(std::make_unique<UploadsApi>(m_ctx))
    , m_admin(std::make_unique<AdminApi>(m_ctx))
{
    m_ctx.limits = m_limits.get();
    m_router.setCorsOrigins(corsOrigins);
    m_auth->install(m_router);
    m_users->install(m_router);
    m_jobs->install(m_router);
    m_chats->install(m_router);
    m_uploads->install(m_router);
    m_admin->install(m_router);
}

HttpApi::~HttpApi() = default;

void HttpApi::handle(const http::HttpExchangePtr &exchange) const
{
    const http::HttpRequest &request = exchange->request();
    qCDebug(logging::lcHttp).noquote() << request.method << request.path << "from"
                                       << request.peerAddress.toString();
    m_router.handle(exchange);
}

} // namespace craftchat::api
