// Strict reading of a JSON request body: a bounded size, a JSON object, and fields of the
// exact JSON type. Every failure carries the status and {message, code} to answer with.
#pragma once

#include "server/http/httpmessage.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::api {

struct BodyError
{
    int status = 400;
    QString code;
    QString message;
};

inline constexpr qsizetype MaxJsonBodyBytes = 64 * 1024;

// The body as a JSON object. 413 when larger than maxBytes, 400 when empty, malformed or not
// an object.
std::optional<QJsonObject> parseJsonObject(const http::HttpRequest &request, BodyError &error,
                                           qsizetype maxBytes = MaxJsonBodyBytes);

class ApiCall;

// parseJsonObject() of the call's request for a handler: on failure the call is answered with
// the error and nullopt returned, so the handler simply returns.
std::optional<QJsonObject> readJsonBody(const ApiCall &call);

// Field readers over a parsed object. The first failure is kept; later reads are no-ops.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object)
    {}

    // A present string; nonEmpty also refuses "".
    QString requiredString(const QString &key, bool nonEmpty = true);
    // Absent or null: nullopt. A string otherwise (nonEmpty refuses ""), any other type fails.
    std::optional<QString> optionalString(const QString &key, bool nonEmpty = false);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

private:
    const QJsonObject &m_object;
    QString m_error;
};

} // namespace craftchat::api
