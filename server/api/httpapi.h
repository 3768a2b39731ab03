// The whole HTTP API of the contract (docs/API.md, section 2) behind one request handler: the router with
// every resource installed. Plug handle() in as the Engine.IO server's fallback.
#pragma once

#include "server/api/apicontext.h"
#include "server/api/apirouter.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace craftchat::api {

class AuthApi;
class UsersApi;
class JobsApi;
class ChatsApi;
class UploadsApi;
class AdminApi;
class InvitationsApi;
class DiskFloor;

class HttpApi : public QObject
{
    Q_OBJECT
public:
    // minFreeDiskBytes: the free-disk floor of ctx.uploadDir (0: none).
    HttpApi(const ApiContext &ctx, const QStringList &corsOrigins, qint64 minFreeDiskBytes = 0,
            QObject *parent = nullptr);
    ~HttpApi() override;

    void handle(const http::HttpExchangePtr &exchange) const;
    // For the HTTP layer, before a request's body is read: refuses an upload or an
    // authenticated call from its head (token, limits), and takes an upload's body to a file.
    std::optional<http::HttpResponse> checkHead(const http::HttpRequest &head) const;
    std::shared_ptr<http::HttpBodySink> bodySink(const http::HttpRequest &head) const;
    // "/api/uploads" with or without trailing slashes.
    static bool isUploadPath(const QString &path);

private:
    ApiContext m_ctx;
    std::unique_ptr<DiskFloor> m_diskFloor;
    std::unique_ptr<RequestLimits> m_limits;
    ApiRouter m_router;
    AuthApi *m_auth;
    std::unique_ptr<UsersApi> m_users;
    std::unique_ptr<JobsApi> m_jobs;
    std::unique_ptr<ChatsApi> m_chats;
    std::unique_ptr<UploadsApi> m_uploads;
    std::unique_ptr<AdminApi> m_admin;
    std::unique_ptr<InvitationsApi> m_invitations;
};

} // namespace craftchat::api
