#include "server/api/jobsapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"
#include "server/api/jsonbody.h"

#include "common/contract/contract.h"
#include "common/contract/validation.h"
#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

namespace craftchat::api {

namespace {
constexpr int MaxTitleLength = 200;
}

void JobsApi::install(ApiRouter &router)
{
    router.add("POST", QStringLiteral("/api/jobs"), [this](const ApiCall &call) {
        const auto user
            = authenticateRole(m_ctx, call, contract::RoleClient, QStringLiteral("Only clients can create jobs"));
        if (!user)
            return;
        const auto body = readJsonBody(call);
        if (!body)
            return;
        FieldReader fields(*body);
        const QString title = fields.requiredString(QStringLiteral("title")).trimmed();
        if (!fields.ok())
            return call.error(400, code::InvalidInput, fields.error());
        if (title.isEmpty() || contract::isBlank(title) || title.size() > MaxTitleLength)
            return call.error(400, code::InvalidInput,
                              QStringLiteral("title is required (at most %1 characters)").arg(MaxTitleLength));
        if (!m_ctx.limits->admit(call, RequestLimits::Kind::JobCreation, user->id))
            return;
        const auto job = m_ctx.store->createJob(user->id, title);
        if (!job) {
            qCWarning(logging::lcHttp).noquote() << "creating a job failed:" << job.errorMessage();
            return call.error(500, code::Internal, QStringLiteral("Internal server error"));
        }
        m_ctx.limits->record(RequestLimits::Kind::JobCreation, user->id);
        call.json(201, QJsonObject{{QStringLiteral("_id"), job->id},
                                   {QStringLiteral("title"), job->title},
                                   {QStringLiteral("clientId"), job->clientId}});
    });
}

} // namespace craftchat::api
