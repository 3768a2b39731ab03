// The configurable limits of the chat domain (docs/API.md: send-message, rate limit).
#pragma once

#include <QtGlobal>

namespace craftchat::chat {

struct ChatLimits
{
    int messagesPerWindow = 30;     // stored messages per user in any window
    qint64 rateWindowMs = 60'000;
    int maxSocketsPerUser = 5;      // simultaneous sockets per user
    // typing-start/-stop and join-chat, each per socket: a token bucket of this many events
    // per second that holds up to `socketEventBurst` (0: no limit). Events over it are dropped
    // with one error RATE_LIMIT per second and kind.
    int socketEventsPerSecond = 10;
    int socketEventBurst = 20;
    // edit-message: a text may be edited this long after it was sent (CRAFTCHAT_EDIT_WINDOW_SECONDS).
    qint64 editWindowSeconds = 48 * 3600;
};

} // namespace craftchat::chat
