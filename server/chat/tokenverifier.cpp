#include "server/chat/tokenverifier.h"

#include "server/auth/jwtcodec.h"
#include "server/storage/chatstore.h"

namespace craftchat::chat {

std::optional<UserProfile> TokenVerifier::verify(const QString &token, QString *reason) const
{
    const auto fail = [reason](const QString &why) -> std::optional<UserProfile> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    if (token.isEmpty())
        return fail(QStringLiteral("missing"));
    const auth::JwtVerifyResult result = m_codec.verify(token);
    if (!result)
        return fail(auth::jwtErrorName(result.error()));
    const auto user = m_store.userById(result.value().userId);
    if (!user)
        return fail(user.error() == storage::StoreError::NotFound ? QStringLiteral("unknown-user")
                                                                  : QStringLiteral("store-error"));
    return user->profile;
}

} // namespace craftchat::chat
