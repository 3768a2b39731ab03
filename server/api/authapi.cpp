#include "server/api/authapi.h"

#include "server/api/apicall.h"
#include "server/api/apirouter.h"
#include "server/api/jsonbody.h"

#include "server/auth/asyncpasswordhasher.h"
#include "server/auth/jwtcodec.h"
#include "common/chat/contract.h"
#include "common/chat/validation.h"
#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"


namespace craftchat::api {

using logging::lcHttp;

namespace {

constexpr int MaxNameLength = 100;

QJsonObject tokenAnswer(const auth::JwtCodec &jwt, const chat::UserProfile &user)
{
    return QJsonObject{{QStringLiteral("token"), jwt.sign(user.id, user.role)},
                       {QStringLiteral("user"), user.toJson()}};
}

} // namespace

AuthApi::AuthApi(ApiContext &ctx, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
{
    // A real argon2id string made off-thread at start-up; until it exists, unknown emails
    // are checked against an invalid hash (which fails fast).
    m_ctx.hasher->hash(QStringLiteral("not the password of anyone"), this,
                       [this](std::optional<QString> hash) {
                           if (hash)
                               m_dummyHash = *hash;
                       });
}

void AuthApi::install(ApiRouter &router)
{
    router.add("POST", QStringLiteral("/api/auth/register"), [this](const ApiCall &c) { registerUser(c); });
    router.add("POST", QStringLiteral("/api/auth/login"), [this](const ApiCall &c) { login(c); });
}

void AuthApi::registerUser(const ApiCall &call)
{
    const auto body = readJsonBody(call);
    if (!body)
        return;
    FieldReader fields(*body);
    const QString fullName = fields.requiredString(QStringLiteral("fullName")).trimmed();
    const QString email = fields.requiredString(QStringLiteral("email")).trimmed().toLower();
    const QString password = fields.requiredString(QStringLiteral("password"));
    const QString role = fields.requiredString(QStringLiteral("role"));
    if (!fields.ok())
        return call.error(400, code::InvalidInput, fields.error());
    if (fullName.isEmpty() || chat::isBlank(fullName) || fullName.size() > MaxNameLength)
        return call.error(400, code::InvalidInput,
                          QStringLiteral("fullName must be 1 to %1 characters").arg(MaxNameLength));
    if (!chat::isValidEmail(email))
        return call.error(400, code::InvalidInput, QStringLiteral("email is not a valid address"));
    if (!chat::isValidPasswordLength(password))
        return call.error(400, code::InvalidInput,
                          QStringLiteral("password must be %1 to %2 characters")
                              .arg(contract::MinPasswordLength).arg(contract::MaxPasswordLength));
    if (role != contract::RoleClient && role != contract::RoleCraftsman)
        return call.error(400, code::InvalidInput, QStringLiteral("role must be 'client' or 'craftsman'"));

    // Taken emails are refused before the (slow) hashing; createUser checks again.
    if (m_ctx.store->userByEmail(email))
        return call.error(409, code::EmailTaken, QStringLiteral("Email already registered"));

    m_ctx.hasher->hash(password, this, [this, call, fullName, email, role](std::optional<QString> hash) {
        if (!hash)
            return call.error(500, code::Internal, QStringLiteral("Could not hash the password"));
        storage::NewUser user;
        user.fullName = fullName;
        user.email = email;
        user.role = role;
        user.passwordHash = *hash;
        const auto created = m_ctx.store->createUser(user);
        if (!created) {
            if (created.error() == storage::StoreError::Conflict)
                return call.error(409, code::EmailTaken, QStringLiteral("Email already registered"));
            qCWarning(lcHttp).noquote() << "register: storing the user failed:" << created.errorMessage();
            return call.error(500, code::Internal, QStringLiteral("Internal server error"));
        }
        qCInfo(lcHttp).noquote() << "user registered" << created->profile.id << "role" << role;
        call.json(201, tokenAnswer(*m_ctx.jwt, created->profile));
    });
}

void AuthApi::login(const ApiCall &call)
{
    const auto body = readJsonBody(call);
    if (!body)
        return;
    FieldReader fields(*body);
    const QString email = fields.requiredString(QStringLiteral("email")).trimmed().toLower();
    const QString password = fields.requiredString(QStringLiteral("password"), false);
    if (!fields.ok())
        return call.error(400, code::InvalidInput, fields.error());

    const auto user = m_ctx.store->userByEmail(email);
    if (!user && user.error() != storage::StoreError::NotFound) {
        qCWarning(lcHttp).noquote() << "login: user lookup failed:" << user.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    const QString hash = user ? user->passwordHash : m_dummyHash;
    std::optional<chat::UserProfile> profile;
    if (user)
        profile = user->profile;
    m_ctx.hasher->verify(password, hash, this, [this, call, profile](bool ok) {
        if (!ok || !profile) {
            qCInfo(logging::lcAuth).noquote() << "login failed";
            return call.error(401, code::Unauthorized, QStringLiteral("Invalid email or password"));
        }
        call.json(200, tokenAnswer(*m_ctx.jwt, *profile));
    });
}

} // namespace craftchat::api
