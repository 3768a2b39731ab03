// Configuration of an Engine.IO server.
#pragma once

#include <QString>
#include <QStringList>

namespace craftchat::engineio {

struct EngineOptions
{
    QString path = QStringLiteral("/socket.io/");
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    qint64 maxPayload = 1'000'000; // bytes of one polling POST body / one WebSocket message
    int upgradeTimeoutMs = 10000;  // probe -> upgrade must complete within this time
    // Output a polling session holds for its client's next GET (bytes in polling form). A
    // client that stops polling while packets keep coming would otherwise make the session
    // buffer without bound until the ping timeout; beyond this the session closes ("transport
    // error", slow consumer). The polling twin of HttpServerLimits::maxWebSocketQueuedBytes:
    // well above maxPayload, so that a client that polls is never cut off by one big message.
    qint64 maxPollBufferBytes = 4 * 1024 * 1024;
    bool allowPolling = true;
    bool allowWebSocket = true;
    bool allowUpgrades = true;
    // Origins allowed by CORS on the polling transport: exact origins, or "*" for any.
    // Empty: no CORS headers (same-origin only).
    QStringList corsOrigins;
    bool corsCredentials = true;
};

} // namespace craftchat::engineio
