#include "server/chat/chaterror.h"

#include "common/contract/contract.h"

namespace craftchat::chat {

QString ChatError::code() const
{
    switch (kind) {
    case Kind::InvalidInput:
        return contract::code::InvalidInput;
    case Kind::Unauthorized:
        return contract::code::Unauthorized;
    case Kind::NotFound:
        return QStringLiteral("NOT_FOUND");
    case Kind::Forbidden:
        return QStringLiteral("FORBIDDEN");
    case Kind::RateLimited:
        return contract::code::RateLimit;
    case Kind::StoreFailed:
        return contract::code::SendMessageError;
    }
    return contract::code::InvalidInput;
}

} // namespace craftchat::chat
