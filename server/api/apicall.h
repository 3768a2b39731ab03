// One HTTP API request being answered: the exchange, the path parameters of its route and
// small helpers to answer with JSON or a contract error {message, code}.
#pragma once

#include "common/contract/contract.h"
#include "server/http/httpserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::api {

// Error codes of the HTTP API: the contract's, and those only HTTP answers carry.
namespace code {
using contract::code::InvalidInput;
using contract::code::InvitationInvalid;
using contract::code::InvitationRole;
using contract::code::LoginThrottled;
using contract::code::RateLimit;
using contract::code::RegistrationClosed;
using contract::code::Unauthorized;
inline const QString Forbidden = QStringLiteral("FORBIDDEN");
inline const QString NotFound = QStringLiteral("NOT_FOUND");
inline const QString MethodNotAllowed = QStringLiteral("METHOD_NOT_ALLOWED");
inline const QString EmailTaken = QStringLiteral("EMAIL_TAKEN");
inline const QString PayloadTooLarge = QStringLiteral("PAYLOAD_TOO_LARGE");
inline const QString UnsupportedMediaType = QStringLiteral("UNSUPPORTED_MEDIA_TYPE");
inline const QString Busy = QStringLiteral("BUSY");        // 503: password hashing queue full
inline const QString DiskLow = QStringLiteral("DISK_LOW"); // 507: data directory nearly full
inline const QString Internal = QStringLiteral("INTERNAL_ERROR");
inline const QString BackupRunning = QStringLiteral("BACKUP_RUNNING");              // 409
inline const QString BackupNotConfigured = QStringLiteral("BACKUP_NOT_CONFIGURED"); // 409
} // namespace code

class ApiCall
{
public:
    ApiCall(http::HttpExchangePtr exchange, QHash<QString, QString> params, http::HeaderList extraHeaders = {});

    const http::HttpRequest &request() const { return m_exchange->request(); }
    const http::HttpExchangePtr &exchange() const { return m_exchange; }
    QString param(const QString &name) const { return m_params.value(name); }
    // A query value, fully decoded; nullopt when absent.
    std::optional<QString> query(const QString &name) const;

    void respond(http::HttpResponse response) const;
    void json(int status, const QJsonObject &body) const;
    void json(int status, const QJsonArray &body) const;
    void error(int status, const QString &code, const QString &message) const;

private:
    http::HttpExchangePtr m_exchange;
    QHash<QString, QString> m_params;
    http::HeaderList m_extraHeaders; // CORS
};

} // namespace craftchat::api
