// The configurable limits of the chat domain (docs/API.md: send-message, rate limit).
#pragma once

#include <QtGlobal>

namespace craftchat::chat {

struct ChatLimits
{
    int messagesPerWindow = 30;     // stored messages per user in any window
    qint64 rateWindowMs = 60'000;
    int maxSocketsPerUser = 5;      // simultaneous sockets per user
};

} // namespace craftchat::chat
