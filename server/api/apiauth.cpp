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

std::optional<chat::UserProfile> authenticate(const ApiContext &ctx, const ApiCall &call)
{
    std::optional<chat::TokenVerifier::Verified> verified = authenticateToken(ctx, call);
    if (!verified)
        return std::nullopt;
    return std::move(verified->user);
}

std::optional<chat::TokenVerifier::Verified> authenticateToken(const ApiContext &ctx, const ApiCall &call)
{
    QString reason;
    const QString token = bearerToken(call.request());
    std::optional<chat::TokenVerifier::Verified> user;
    if (!token.isEmpty())
        user = ctx.verifier->verifyWithClaims(token, &reason);
    if (!user) {
        qCInfo(logging::lcAuth).noquote() << "HTTP authentication failed:"
                                          << (token.isEmpty() ? QStringLiteral("no bearer token") : reason)
                                          << call.request().method << call.request().path;
        call.error(401, code::Unauthorized, QStringLiteral("Authentication required"));
    }
    return user;
}

std::optional<chat::UserProfile> authenticateRole(const ApiContext &ctx, const ApiCall &call,
                                                  const QString &role, const QString &why)
{
    std::optional<chat::UserProfile> user = authenticate(ctx, call);
    if (user && user->role != role) {
        call.error(403, code::Forbidden, why);
        return std::nullopt;
    }
    return user;
}

} // namespace craftchat::api
