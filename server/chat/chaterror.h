// A refused chat operation: the kind (which maps to the socket `error` code or an HTTP
// status) and a short English reason.
#pragma once

#include "common/contract/events.h"

#include <QString>

namespace craftchat::chat {

struct ChatError
{
    enum class Kind {
        InvalidInput, // 400 / INVALID_INPUT
        Unauthorized, // socket: not a participant (UNAUTHORIZED); HTTP: 403
        NotFound,     // HTTP 404
        Forbidden,    // HTTP 403 (wrong role, another client's job)
        RateLimited,  // 429 / RATE_LIMIT
        StoreFailed,  // SEND_MESSAGE_ERROR / 500
    };

    Kind kind = Kind::InvalidInput;
    QString message;

    QString code() const; // the contract's code for the socket `error` event
    contract::ErrorPayload payload() const { return contract::ErrorPayload{message, code()}; }

    static ChatError invalid(const QString &message) { return {Kind::InvalidInput, message}; }
    static ChatError notAuthorized() { return {Kind::Unauthorized, QStringLiteral("Not authorized")}; }
    static ChatError rateLimited() { return {Kind::RateLimited, QStringLiteral("Rate limit exceeded")}; }
    static ChatError storeFailed(const QString &message) { return {Kind::StoreFailed, message}; }
};

} // namespace craftchat::chat
