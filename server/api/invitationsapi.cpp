#include "server/api/invitationsapi.h"

#include "server/api/apiauth.h"
#include "server/api/apicall.h"
#include "server/api/apirouter.h"
#include "server/api/invitationcode.h"
#include "server/api/jsonbody.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

#include <QJsonArray>

namespace craftchat::api {

using logging::lcHttp;

namespace {

// Who may invite: admins any role, craftsmen clients; clients nobody (403).
std::optional<contract::UserProfile> inviter(const ApiContext &ctx, const ApiCall &call)
{
    std::optional<contract::UserProfile> user = authenticate(ctx, call);
    if (user && user->role != contract::RoleAdmin && user->role != contract::RoleCraftsman) {
        call.error(403, code::Forbidden, QStringLiteral("Only admins and craftsmen can invite"));
        return std::nullopt;
    }
    return user;
}

} // namespace

QJsonObject invitationJson(const storage::Invitation &invitation)
{
    return QJsonObject{
        {QStringLiteral("code"), invitation.code},
        {QStringLiteral("role"), invitation.role},
        {QStringLiteral("expiresAt"), contract::isoTimestamp(invitation.expiresAt)},
        {QStringLiteral("createdBy"), invitation.createdBy ? QJsonValue(*invitation.createdBy) : QJsonValue()},
    };
}

void InvitationsApi::install(ApiRouter &router)
{
    router.add("GET", QStringLiteral("/api/auth/registration"), [this](const ApiCall &call) {
        call.json(200, QJsonObject{{QStringLiteral("mode"), registrationModeName(m_ctx.registration)}});
    });
    router.add("POST", QStringLiteral("/api/invitations"), [this](const ApiCall &c) { create(c); });
    router.add("GET", QStringLiteral("/api/invitations"), [this](const ApiCall &c) { list(c); });
    router.add("DELETE", QStringLiteral("/api/invitations/:code"), [this](const ApiCall &c) { revoke(c); });
}

void InvitationsApi::create(const ApiCall &call)
{
    const auto user = inviter(m_ctx, call);
    if (!user)
        return;
    const auto body = readJsonBody(call);
    if (!body)
        return;
    FieldReader fields(*body);
    const QString role = fields.requiredString(QStringLiteral("role"));
    if (!fields.ok())
        return call.error(400, code::InvalidInput, fields.error());
    int hours = DefaultInvitationHours;
    const QJsonValue hoursValue = body->value(QStringLiteral("expiresInHours"));
    if (!hoursValue.isUndefined() && !hoursValue.isNull()) {
        const double h = hoursValue.toDouble(-1);
        if (!hoursValue.isDouble() || h != double(qint64(h)) || h < 1 || h > MaxInvitationHours)
            return call.error(
                400, code::InvalidInput,
                QStringLiteral("expiresInHours must be a whole number from 1 to %1").arg(MaxInvitationHours));
        hours = int(h);
    }
    if (role != contract::RoleClient && role != contract::RoleCraftsman)
        return call.error(400, code::InvalidInput, QStringLiteral("role must be 'client' or 'craftsman'"));
    if (user->role != contract::RoleAdmin && role != contract::RoleClient)
        return call.error(403, code::Forbidden, QStringLiteral("Craftsmen can only invite clients"));

    storage::NewInvitation invitation;
    invitation.code = newInvitationCode();
    invitation.role = role;
    invitation.createdBy = user->id;
    invitation.expiresAt = contract::nowUtc().addSecs(qint64(hours) * 3600);
    const auto created = m_ctx.store->createInvitation(invitation);
    if (!created) {
        qCWarning(lcHttp).noquote() << "invitation: storing failed:" << created.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    qCInfo(logging::lcAuth).noquote() << "invitation created by" << user->id << "role" << role << "for" << hours << "h";
    call.json(201, invitationJson(*created));
}

void InvitationsApi::list(const ApiCall &call)
{
    const auto user = inviter(m_ctx, call);
    if (!user)
        return;
    const std::optional<QString> creator
        = user->role == contract::RoleAdmin ? std::nullopt : std::optional<QString>(user->id);
    const auto open = m_ctx.store->openInvitations(creator, contract::nowUtc());
    if (!open) {
        qCWarning(lcHttp).noquote() << "invitations: listing failed:" << open.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    QJsonArray list;
    for (const storage::Invitation &invitation : *open)
        list.append(invitationJson(invitation));
    call.json(200, list);
}

void InvitationsApi::revoke(const ApiCall &call)
{
    const auto user = inviter(m_ctx, call);
    if (!user)
        return;
    const QString code = normalisedInvitationCode(call.param(QStringLiteral("code")));
    const auto notFound = [&call] { call.error(404, code::NotFound, QStringLiteral("No such invitation")); };
    if (code.isEmpty())
        return notFound();
    const QDateTime now = contract::nowUtc();
    const auto invitation = m_ctx.store->invitationByCode(code);
    if (!invitation && invitation.error() != storage::StoreError::NotFound) {
        qCWarning(lcHttp).noquote() << "invitation: lookup failed:" << invitation.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    // Another craftsman's invitation is as unknown as a missing one.
    if (!invitation || !invitation->isOpenAt(now)
        || (user->role != contract::RoleAdmin && invitation->createdBy != user->id))
        return notFound();
    const auto revoked = m_ctx.store->revokeInvitation(code, now);
    if (!revoked) {
        if (revoked.error() == storage::StoreError::NotFound)
            return notFound();
        qCWarning(lcHttp).noquote() << "invitation: revoking failed:" << revoked.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    qCInfo(logging::lcAuth).noquote() << "invitation revoked by" << user->id;
    http::HttpResponse response;
    response.status = 204;
    call.respond(response);
}

} // namespace craftchat::api
