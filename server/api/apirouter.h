// Method + path pattern -> handler. Patterns are literal segments and ":name" parameters
// ("/api/messages/chats/:chatId/messages"). Unknown paths are 404 NOT_FOUND, a known path
// with another method 405. CORS: configured origins get Access-Control-Allow-Origin and
// OPTIONS preflights are answered; other origins get no CORS headers (same-origin only).
#pragma once

#include "server/api/apicall.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace craftchat::api {

class ApiRouter
{
public:
    using Handler = std::function<void(const ApiCall &call)>;

    void setCorsOrigins(const QStringList &origins) { m_corsOrigins = origins; }
    void add(const QByteArray &method, const QString &pattern, Handler handler);
    // Answers every exchange (the HttpServer fallback of the Engine.IO server).
    void handle(const http::HttpExchangePtr &exchange) const;
    // Whether a route of that method matches the path.
    bool hasRoute(const QByteArray &method, const QString &path) const;
    http::HeaderList corsHeaders(const http::HttpRequest &request) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    static bool match(const Route &route, const QStringList &segments, QHash<QString, QString> &params);

    std::vector<Route> m_routes;
    QStringList m_corsOrigins;
};

} // namespace craftchat::api
