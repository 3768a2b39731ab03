#include "server/api/httpapi.h"

#include "server/api/adminapi.h"
#include "server/api/apiauth.h"
#include "server/api/authapi.h"
#include "server/api/chatsapi.h"
#include "server/api/diskfloor.h"
#include "server/api/invitationsapi.h"
#include "server/api/jobsapi.h"
#include "server/api/uploadsapi.h"
#include "server/api/usersapi.h"

#include "server/logging/logcategories.h"

namespace craftchat::api {

HttpApi::HttpApi(const ApiContext &ctx, const QStringList &corsOrigins, qint64 minFreeDiskBytes, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_diskFloor(std::make_unique<DiskFloor>(ctx.uploadDir, minFreeDiskBytes))
    , m_limits(std::make_unique<RequestLimits>(ctx.limitSettings))
    , m_auth(new AuthApi(m_ctx, this))
    , m_users(std::make_unique<UsersApi>(m_ctx))
    , m_jobs(std::make_unique<JobsApi>(m_ctx))
    , m_chats(std::make_unique<ChatsApi>(m_ctx))
    , m_uploads(std::make_unique<UploadsApi>(m_ctx))
    , m_admin(std::make_unique<AdminApi>(m_ctx))
    , m_invitations(std::make_unique<InvitationsApi>(m_ctx))
{
    m_ctx.diskFloor = m_diskFloor.get(); // before the resources copy their reference
    m_ctx.limits = m_limits.get();
    m_router.setCorsOrigins(corsOrigins);
    m_auth->install(m_router);
    m_users->install(m_router);
    m_jobs->install(m_router);
    m_chats->install(m_router);
    m_uploads->install(m_router);
    m_admin->install(m_router);
    m_invitations->install(m_router);
}

HttpApi::~HttpApi() = default;

bool HttpApi::isUploadPath(const QString &path)
{
    static const QString upload = QStringLiteral("/api/uploads");
    if (!path.startsWith(upload))
        return false;
    for (qsizetype i = upload.size(); i < path.size(); ++i) {
        if (path.at(i) != QLatin1Char('/'))
            return false;
    }
    return true;
}

std::optional<http::HttpResponse> HttpApi::checkHead(const http::HttpRequest &head) const
{
    if (head.method != "POST" || !head.path.startsWith(QLatin1String("/api/")))
        return std::nullopt; // Engine.IO polling and everything else: nothing to check here
    std::optional<http::HttpResponse> refusal;
    if (isUploadPath(head.path)) {
        refusal = m_uploads->checkHead(head);
    } else if (m_router.hasRoute(head.method, head.path) && !head.path.startsWith(QLatin1String("/api/auth/"))) {
        // Every other POST of the API needs a token: no body is read without one.
        if (!authenticateRequest(m_ctx, head))
            refusal = http::HttpResponse::error(401, QStringLiteral("Authentication required"), code::Unauthorized);
    }
    if (refusal) {
        for (const auto &h : m_router.corsHeaders(head))
            refusal->setHeader(h.first, h.second);
    }
    return refusal;
}

std::shared_ptr<http::HttpBodySink> HttpApi::bodySink(const http::HttpRequest &head) const
{
    if (head.method == "POST" && isUploadPath(head.path))
        return m_uploads->bodySink(head);
    return nullptr;
}

void HttpApi::handle(const http::HttpExchangePtr &exchange) const
{
    const http::HttpRequest &request = exchange->request();
    qCDebug(logging::lcHttp).noquote() << request.method << request.path << "from"
                                       << m_limits->clientAddress(request).toString();
    m_router.handle(exchange);
}

} // namespace craftchat::api
