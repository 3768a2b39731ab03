#include "server/api/apiauth.h"

#include "server/chat/tokenverifier.h"
#include "server/logging/logcategories.h"

namespace craftchat::api {

QString bearerToken(const http::HttpRequest &request)
{
    const QByteArray header = request.header("authorization").trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space <= 0)
        return {};
    if (header.left(space).toLower() != "bearer")
        return {};
    const QByteArray token = header.mid(space + 1).trimmed();
    if (token.isEmpty() || token.contains(' ') || token.contains('\t'))
        return {};
    return QString::fromLatin1(token);
}

namespace {
// The token of a request head, verified (signature, expiry, token version, revocation); a
// failure is logged, nothing is answered.
std::optional<chat::TokenVerifier::Verified> verifyRequest(const ApiContext &ctx, const http::HttpRequest &request)
{
    QString reason;
    const QString token = bearerToken(request);
    std::optional<chat::TokenVerifier::Verified> verified;
    if (!token.isEmpty())
        verified = ctx.verifier->verifyWithClaims(token, &reason);
    if (!verified) {
        qCInfo(logging::lcAuth).noquote()
            << "HTTP authentication failed:" << (token.isEmpty() ? QStringLiteral("no bearer token") : reason)
            << request.method << request.path;
    }
    return verified;
}
} // namespace

std::optional<contract::UserProfile> authenticateRequest(const ApiContext &ctx, const http::HttpRequest &request)
{
    std::optional<chat::TokenVerifier::Verified> verified = verifyRequest(ctx, request);
    if (!verified)
        return std::nullopt;
    return std::move(verified->user);
}

std::optional<chat::TokenVerifier::Verified> authenticateToken(const ApiContext &ctx, const ApiCall &call)
{
    std::optional<chat::TokenVerifier::Verified> verified = verifyRequest(ctx, call.request());
    if (!verified)
        call.error(401, code::Unauthorized, QStringLiteral("Authentication required"));
    return verified;
}

std::optional<contract::UserProfile> authenticate(const ApiContext &ctx, const ApiCall &call)
{
    std::optional<chat::TokenVerifier::Verified> verified = authenticateToken(ctx, call);
    if (!verified)
        return std::nullopt;
    return std::move(verified->user);
}

std::optional<contract::UserProfile> authenticateRole(const ApiContext &ctx, const ApiCall &call, const QString &role,
                                                      const QString &why)
{
    std::optional<contract::UserProfile> user = authenticate(ctx, call);
    if (user && user->role != role) {
        call.error(403, code::Forbidden, why);
        return std::nullopt;
    }
    return user;
}

} // namespace craftchat::api
