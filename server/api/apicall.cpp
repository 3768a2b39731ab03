#include "server/api/apicall.h"

#include <QJsonDocument>

namespace craftchat::api {

ApiCall::ApiCall(http::HttpExchangePtr exchange, QHash<QString, QString> params, http::HeaderList extraHeaders)
    : m_exchange(std::move(exchange))
    , m_params(std::move(params))
    , m_extraHeaders(std::move(extraHeaders))
{}

std::optional<QString> ApiCall::query(const QString &name) const
{
    const QUrlQuery &q = request().query;
    if (!q.hasQueryItem(name))
        return std::nullopt;
    return q.queryItemValue(name, QUrl::FullyDecoded);
}

void ApiCall::respond(http::HttpResponse response) const
{
    for (const auto &h : m_extraHeaders)
        response.setHeader(h.first, h.second);
    m_exchange->respond(response);
}

void ApiCall::json(int status, const QJsonObject &body) const
{
    respond(http::HttpResponse::json(status, QJsonDocument(body)));
}

void ApiCall::json(int status, const QJsonArray &body) const
{
    respond(http::HttpResponse::json(status, QJsonDocument(body)));
}

void ApiCall::error(int status, const QString &code, const QString &message) const
{
    respond(http::HttpResponse::error(status, message, code));
}

} // namespace craftchat::api
