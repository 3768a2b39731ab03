// POST /api/auth/register, /login, /refresh, /logout and PUT /api/users/me/password.
// Password hashing and verification run off the event loop thread (AsyncPasswordHasher);
// the answer is written when they finish.
#pragma once

#include "server/api/apicontext.h"

#include <QObject>
#include <QString>

namespace craftchat::api {

class ApiCall;
class ApiRouter;

// Seconds a client is told to wait (Retry-After) when the password hashing queue is full.
inline constexpr int BusyRetryAfterSeconds = 2;

// How a failed login names its account in the log: the first 12 hex digits of the SHA-256 of
// the trimmed, lower-cased e-mail (the same address always gives the same tag; the address
// cannot be read back from it).
QString accountTag(const QString &email);

class AuthApi : public QObject
{
    Q_OBJECT
public:
    explicit AuthApi(ApiContext &ctx, QObject *parent = nullptr);
    void install(ApiRouter &router);

private:
    void registerUser(const ApiCall &call);
    void login(const ApiCall &call);
    void refresh(const ApiCall &call);
    void logout(const ApiCall &call);
    void changePassword(const ApiCall &call);

    ApiContext &m_ctx;
    QString m_dummyHash; // verified against for unknown emails, so both failures cost the same
};

} // namespace craftchat::api
