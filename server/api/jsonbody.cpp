#include "server/api/jsonbody.h"

#include "server/api/apicall.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace craftchat::api {

std::optional<QJsonObject> parseJsonObject(const http::HttpRequest &request, BodyError &error, qsizetype maxBytes)
{
    if (request.body.size() > maxBytes) {
        error = {413, code::PayloadTooLarge, QStringLiteral("Request body too large")};
        return std::nullopt;
    }
    if (request.body.trimmed().isEmpty()) {
        error = {400, code::InvalidInput, QStringLiteral("A JSON object body is required")};
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = {400, code::InvalidInput, QStringLiteral("Malformed JSON body")};
        return std::nullopt;
    }
    if (!doc.isObject()) {
        error = {400, code::InvalidInput, QStringLiteral("The JSON body must be an object")};
        return std::nullopt;
    }
    return doc.object();
}

std::optional<QJsonObject> readJsonBody(const ApiCall &call)
{
    BodyError error;
    auto body = parseJsonObject(call.request(), error);
    if (!body)
        call.error(error.status, error.code, error.message);
    return body;
}

QString FieldReader::requiredString(const QString &key, bool nonEmpty)
{
    if (!ok())
        return {};
    const QJsonValue v = m_object.value(key);
    if (!v.isString()) {
        fail(QStringLiteral("%1 must be a string").arg(key));
        return {};
    }
    const QString s = v.toString();
    if (nonEmpty && s.isEmpty())
        fail(QStringLiteral("%1 must not be empty").arg(key));
    return s;
}

std::optional<QString> FieldReader::optionalString(const QString &key, bool nonEmpty)
{
    if (!ok())
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        fail(QStringLiteral("%1 must be a string").arg(key));
        return std::nullopt;
    }
    const QString s = v.toString();
    if (nonEmpty && s.isEmpty()) {
        fail(QStringLiteral("%1 must not be empty").arg(key));
        return std::nullopt;
    }
    return s;
}

} // namespace craftchat::api
