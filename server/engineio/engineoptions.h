// Configuration of an Engine.IO server.
#pragma once

#include <QString>
#include <QStringList>

namespace craftchat::eio {

struct EngineOptions
{
    QString path = QStringLiteral("/socket.io/");
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    qint64 maxPayload = 1'000'000;   // bytes of one polling POST body / one WebSocket message
    int upgradeTimeoutMs = 10000;    // probe -> upgrade must complete within this time
    bool allowPolling = true;
    bool allowWebSocket = true;
    bool allowUpgrades = true;
    // Origins allowed by CORS on the polling transport: exact origins, or "*" for any.
    // Empty: no CORS headers (same-origin only).
    QStringList corsOrigins;
    bool corsCredentials = true;
};

} // namespace craftchat::eio
