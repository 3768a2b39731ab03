// The whole HTTP API of the contract (docs/API.md, section 2) behind one request handler: the router with
// every resource installed. Plug handle() in as the Engine.IO server's fallback.
#pragma once

#include "server/api/apicontext.h"
#include "server/api/apirouter.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace craftchat::api {

class AuthApi;
class UsersApi;
class JobsApi;
class ChatsApi;
class UploadsApi;
class AdminApi;

class HttpApi : public QObject
{
    Q_OBJECT
public:
    HttpApi(const ApiContext &ctx, const QStringList &corsOrigins, QObject *parent = nullptr);
    ~HttpApi() override;

    void handle(const http::HttpExchangePtr &exchange) const;

private:
    ApiContext m_ctx;
    std::unique_ptr<RequestLimits> m_limits;
    ApiRouter m_router;
    AuthApi *m_auth;
    std::unique_ptr<UsersApi> m_users;
    std::unique_ptr<JobsApi> m_jobs;
    std::unique_ptr<ChatsApi> m_chats;
    std::unique_ptr<UploadsApi> m_uploads;
    std::unique_ptr<AdminApi> m_admin;
};

} // namespace craftchat::api
