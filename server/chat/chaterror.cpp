#include "server/chat/chaterror.h"

#include "common/chat/contract.h"

namespace craftchat::chat {

QString ChatError::code() const
{
    switch (kind) {
    case Kind::InvalidInput: return contract::InvalidInput;
    case Kind::Unauthorized: return contract::Unauthorized;
    case Kind::NotFound: return QStringLiteral("NOT_FOUND");
    case Kind::Forbidden: return QStringLiteral("FORBIDDEN");
    case Kind::RateLimited: return contract::RateLimit;
    case Kind::StoreFailed: return contract::SendMessageError;
    }
    return contract::InvalidInput;
}

} // namespace craftchat::chat
