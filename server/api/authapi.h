// POST /api/auth/register and POST /api/auth/login. Password hashing and verification run
// off the event loop thread (AsyncPasswordHasher); the answer is written when they finish.
#pragma once

#include "server/api/apicontext.h"

#include <QObject>
#include <QString>

namespace craftchat::api {

class ApiCall;
class ApiRouter;

class AuthApi : public QObject
{
    Q_OBJECT
public:
    explicit AuthApi(ApiContext &ctx, QObject *parent = nullptr);
    void install(ApiRouter &router);

private:
    void registerUser(const ApiCall &call);
    void login(const ApiCall &call);

    ApiContext &m_ctx;
    QString m_dummyHash; // verified against for unknown emails, so both failures cost the same
};

} // namespace craftchat::api
