#include "server/api/apirouter.h"

namespace craftchat::api {

namespace {

QStringList splitPath(const QString &path)
{
    // "/a/b/" and "/a/b" are the same route; empty segments in the middle are not.
    QString p = path;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    QStringList parts = p.split(QLatin1Char('/'));
    if (!parts.isEmpty() && parts.first().isEmpty())
        parts.removeFirst();
    return parts;
}

} // namespace

void ApiRouter::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.push_back(Route{method, splitPath(pattern), std::move(handler)});
}

bool ApiRouter::match(const Route &route, const QStringList &segments, QHash<QString, QString> &params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &want = route.segments.at(i);
        if (want.startsWith(QLatin1Char(':'))) {
            if (segments.at(i).isEmpty())
                return false;
            found.insert(want.mid(1), segments.at(i));
        } else if (want != segments.at(i)) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

bool ApiRouter::hasRoute(const QByteArray &method, const QString &path) const
{
    const QStringList segments = splitPath(path);
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (route.method == method && match(route, segments, params))
            return true;
    }
    return false;
}

http::HeaderList ApiRouter::corsHeaders(const http::HttpRequest &request) const
{
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return {};
    const QString o = QString::fromUtf8(origin);
    if (!m_corsOrigins.contains(o) && !m_corsOrigins.contains(QStringLiteral("*")))
        return {};
    return {{"access-control-allow-origin", origin}, {"vary", "Origin"}};
}

void ApiRouter::handle(const http::HttpExchangePtr &exchange) const
{
    const http::HttpRequest &request = exchange->request();
    http::HeaderList cors = corsHeaders(request);

    if (request.method == "OPTIONS" && !cors.isEmpty()) {
        http::HttpResponse preflight;
        preflight.status = 204;
        for (const auto &h : cors)
            preflight.setHeader(h.first, h.second);
        preflight.setHeader("access-control-allow-methods", "GET,POST,PUT,DELETE,OPTIONS");
        preflight.setHeader("access-control-allow-headers", "Authorization,Content-Type");
        preflight.setHeader("access-control-max-age", "600");
        exchange->respond(preflight);
        return;
    }

    const QStringList segments = splitPath(request.path);
    // A path that some route names literally ("/api/users/me") belongs to the literal
    // routes only: "DELETE /api/users/me" is 405, not "DELETE /api/users/:id" with id "me".
    bool literalMatch = false;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (match(route, segments, params) && params.isEmpty())
            literalMatch = true;
    }
    bool pathKnown = false;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!match(route, segments, params))
            continue;
        if (literalMatch && !params.isEmpty())
            continue;
        if (route.method != request.method) {
            pathKnown = true;
            continue;
        }
        route.handler(ApiCall(exchange, std::move(params), std::move(cors)));
        return;
    }
    const ApiCall call(exchange, {}, std::move(cors));
    if (pathKnown)
        call.error(405, code::MethodNotAllowed, QStringLiteral("Method not allowed"));
    else
        call.error(404, code::NotFound, QStringLiteral("Not found"));
}

} // namespace craftchat::api
