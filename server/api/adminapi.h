// GET /health (anyone), GET /metrics (admin JWT or the metrics token; Prometheus text) and
// GET /api/messages/admin/socket-debug (admins: rooms and their sockets), GET and POST
// /api/admin/backup (admins: the backups' state; start one now).
#pragma once

#include "server/api/apicontext.h"

namespace craftchat::api {

class ApiCall;
class ApiRouter;

class AdminApi
{
public:
    explicit AdminApi(ApiContext &ctx)
        : m_ctx(ctx)
    {}
    void install(ApiRouter &router);

private:
    void metrics(const ApiCall &call);
    void socketDebug(const ApiCall &call);
    void backupStatus(const ApiCall &call);
    void startBackup(const ApiCall &call);

    ApiContext &m_ctx;
};

} // namespace craftchat::api
