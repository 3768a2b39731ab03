#include "server/api/authapi.h"

#include "server/api/apiauth.h"
#include "server/api/apicall.h"
#include "server/api/apirouter.h"
#include "server/api/invitationcode.h"
#include "server/api/jsonbody.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "common/contract/validation.h"
#include "server/auth/asyncpasswordhasher.h"
#include "server/auth/jwtcodec.h"
#include "server/chat/chatservice.h"
#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

#include <QCryptographicHash>

#include <atomic>
#include <memory>

namespace craftchat::api {

using logging::lcHttp;

namespace {

constexpr int MaxNameLength = 100;

QJsonObject tokenAnswer(const auth::JwtCodec &jwt, const contract::UserProfile &user, int tokenVersion)
{
    return QJsonObject{{QStringLiteral("token"), jwt.sign(user.id, user.role, tokenVersion)},
                       {QStringLiteral("user"), user.toJson()}};
}

QString passwordRule(const QString &field = QStringLiteral("password"))
{
    return QStringLiteral("%1 must be %2 to %3 characters")
        .arg(field)
        .arg(contract::MinPasswordLength)
        .arg(contract::MaxPasswordLength);
}

// The job of a call waits in the hasher's queue; when the call's client leaves first, the
// job is dropped instead of hashed.
auth::AsyncPasswordHasher::CancelFlag cancelOnAbort(const ApiCall &call)
{
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    call.exchange()->setOnAbort([cancelled] { cancelled->store(true); });
    return cancelled;
}

// The hasher's queue is full: 503 with Retry-After, nothing hashed. `client`: the call's
// client address (X-Forwarded-For only from trusted proxies), for the log.
void answerBusy(const ApiCall &call, const QString &client)
{
    qCInfo(logging::lcAuth).noquote() << "password hashing queue full: 503 to" << client << call.request().path;
    http::HttpResponse response
        = http::HttpResponse::error(503, QStringLiteral("The server is busy, try again in a few seconds"), code::Busy);
    response.setHeader("Retry-After", QByteArray::number(BusyRetryAfterSeconds));
    call.respond(response);
}

} // namespace

QString accountTag(const QString &email)
{
    const QByteArray digest
        = QCryptographicHash::hash(email.trimmed().toLower().toUtf8(), QCryptographicHash::Sha256).toHex();
    return QString::fromLatin1(digest.left(12));
}

AuthApi::AuthApi(ApiContext &ctx, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
{
    // A real argon2id string made off-thread at start-up; until it exists, unknown emails
    // are checked against an invalid hash (which fails fast).
    m_ctx.hasher->hash(QStringLiteral("not the password of anyone"), this, [this](std::optional<QString> hash) {
        if (hash)
            m_dummyHash = *hash;
    });
}

void AuthApi::install(ApiRouter &router)
{
    router.add("POST", QStringLiteral("/api/auth/register"), [this](const ApiCall &c) { registerUser(c); });
    router.add("POST", QStringLiteral("/api/auth/login"), [this](const ApiCall &c) { login(c); });
    router.add("POST", QStringLiteral("/api/auth/refresh"), [this](const ApiCall &c) { refresh(c); });
    router.add("POST", QStringLiteral("/api/auth/logout"), [this](const ApiCall &c) { logout(c); });
    router.add("PUT", QStringLiteral("/api/users/me/password"), [this](const ApiCall &c) { changePassword(c); });
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
    const std::optional<QString> givenRole = fields.optionalString(QStringLiteral("role"));
    const std::optional<QString> inviteText = fields.optionalString(QStringLiteral("inviteCode"));
    if (!fields.ok())
        return call.error(400, code::InvalidInput, fields.error());
    if (fullName.isEmpty() || contract::isBlank(fullName) || fullName.size() > MaxNameLength)
        return call.error(400, code::InvalidInput,
                          QStringLiteral("fullName must be 1 to %1 characters").arg(MaxNameLength));
    if (!contract::isValidEmail(email))
        return call.error(400, code::InvalidInput, QStringLiteral("email is not a valid address"));
    if (!contract::isValidPasswordLength(password))
        return call.error(400, code::InvalidInput, passwordRule());
    // Without an invitation the role is required; with one it may be left out (the
    // invitation's role is taken).
    const bool hasInvite = inviteText && !inviteText->trimmed().isEmpty();
    if (givenRole ? (*givenRole != contract::RoleClient && *givenRole != contract::RoleCraftsman) : !hasInvite)
        return call.error(400, code::InvalidInput, QStringLiteral("role must be 'client' or 'craftsman'"));

    // Who may register is settled before anything about the email is told.
    QString role = givenRole.value_or(QString());
    QString inviteCode;
    if (hasInvite) {
        // One answer for unknown, used, expired and revoked codes.
        const auto refuseInvalid
            = [&call] { call.error(403, code::InvitationInvalid, QStringLiteral("The invitation code is not valid")); };
        inviteCode = normalisedInvitationCode(*inviteText);
        if (inviteCode.isEmpty())
            return refuseInvalid();
        const auto invitation = m_ctx.store->invitationByCode(inviteCode);
        if (!invitation && invitation.error() != storage::StoreError::NotFound) {
            qCWarning(lcHttp).noquote() << "register: invitation lookup failed:" << invitation.errorMessage();
            return call.error(500, code::Internal, QStringLiteral("Internal server error"));
        }
        if (!invitation || !invitation->isOpenAt(contract::nowUtc())) {
            qCInfo(logging::lcAuth).noquote()
                << "registration with an invalid invitation from" << m_ctx.limits->clientAddress(call).toString();
            return refuseInvalid();
        }
        if (givenRole && *givenRole != invitation->role)
            return call.error(403, code::InvitationRole,
                              QStringLiteral("This invitation is for a %1 account").arg(invitation->role));
        role = invitation->role;
    } else if (needsInvitation(m_ctx.registration, role)) {
        return call.error(403, code::RegistrationClosed,
                          QStringLiteral("Registration as %1 needs an invitation code").arg(role));
    }

    // Taken emails are refused before the (slow) hashing; createUser checks again.
    if (m_ctx.store->userByEmail(email))
        return call.error(409, code::EmailTaken, QStringLiteral("Email already registered"));
    const QString address = m_ctx.limits->addressKey(call);
    if (!m_ctx.limits->admit(call, RequestLimits::Kind::Registration, address))
        return;
    if (!m_ctx.limits->admitDiskSpace(call))
        return;

    const QString client = m_ctx.limits->clientAddress(call).toString();
    const bool queued = m_ctx.hasher->hash(
        password, this,
        [this, call, fullName, email, role, inviteCode](std::optional<QString> hash) {
            if (!hash)
                return call.error(500, code::Internal, QStringLiteral("Could not hash the password"));
            storage::NewUser user;
            user.fullName = fullName;
            user.email = email;
            user.role = role;
            user.passwordHash = *hash;
            // With an invitation, the user and the redeemed invitation are one transaction:
            // of two registrations with one code, the second finds it used.
            const auto created = inviteCode.isEmpty()
                                     ? m_ctx.store->createUser(user)
                                     : m_ctx.store->createUserWithInvitation(user, inviteCode, contract::nowUtc());
            if (!created) {
                if (created.error() == storage::StoreError::Conflict)
                    return call.error(409, code::EmailTaken, QStringLiteral("Email already registered"));
                if (created.error() == storage::StoreError::NotFound)
                    return call.error(403, code::InvitationInvalid, QStringLiteral("The invitation code is not valid"));
                qCWarning(lcHttp).noquote() << "register: storing the user failed:" << created.errorMessage();
                return call.error(500, code::Internal, QStringLiteral("Internal server error"));
            }
            qCInfo(lcHttp).noquote() << "user registered" << created->profile.id << "role" << role
                                     << (inviteCode.isEmpty() ? "" : "with an invitation");
            call.json(201, tokenAnswer(*m_ctx.jwt, created->profile, created->tokenVersion));
        },
        cancelOnAbort(call));
    if (!queued)
        return answerBusy(call, client);
    // Counted once it is on its way (not after the hash), so a burst of parallel requests
    // cannot all pass the check before the first one is stored.
    m_ctx.limits->record(RequestLimits::Kind::Registration, address);
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

    const QString account = accountTag(email);
    // Throttled before the account is even looked up: the answer is the same whether the
    // email exists or not, and whatever the password.
    const std::optional<LoginAttempt> attempt = m_ctx.limits->beginLogin(call, account);
    if (!attempt)
        return;
    const auto user = m_ctx.store->userByEmail(email);
    if (!user && user.error() != storage::StoreError::NotFound) {
        m_ctx.limits->loginNotTried(*attempt);
        qCWarning(lcHttp).noquote() << "login: user lookup failed:" << user.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    const bool usable = user && !user->isDeleted();
    const QString hash = usable ? user->passwordHash : m_dummyHash;
    std::optional<contract::UserProfile> profile;
    int tokenVersion = 0;
    if (usable) {
        profile = user->profile;
        tokenVersion = user->tokenVersion;
    }
    const QString client = m_ctx.limits->clientAddress(call).toString();
    const LoginAttempt counted = *attempt;
    const bool queued = m_ctx.hasher->verify(
        password, hash, this,
        [this, call, profile, tokenVersion, client, account, counted](bool ok) {
            if (!ok || !profile) {
                // One line per failure with the address and a short hash of the account, for
                // fail2ban and the like (documented in docs/API.md, Logging). The attempt
                // stays counted as a failure.
                qCInfo(logging::lcAuth).noquote() << "login failed from" << client << "account" << account;
                return call.error(401, code::Unauthorized, QStringLiteral("Invalid email or password"));
            }
            m_ctx.limits->loginSucceeded(counted);
            call.json(200, tokenAnswer(*m_ctx.jwt, *profile, tokenVersion));
        },
        cancelOnAbort(call));
    if (!queued) {
        m_ctx.limits->loginNotTried(counted);
        answerBusy(call, client);
    }
}

void AuthApi::refresh(const ApiCall &call)
{
    const auto verified = authenticateToken(m_ctx, call);
    if (!verified)
        return;
    // A fresh token of the same version; the presented one stays valid until it expires.
    call.json(200, tokenAnswer(*m_ctx.jwt, verified->user, verified->claims.tokenVersion));
}

void AuthApi::logout(const ApiCall &call)
{
    const auto verified = authenticateToken(m_ctx, call);
    if (!verified)
        return;
    const auth::JwtClaims &claims = verified->claims;
    const auto revoked = m_ctx.store->revokeToken(claims.userId, claims.revocationKey(), claims.expiresAt);
    if (!revoked) {
        qCWarning(lcHttp).noquote() << "logout: storing the revocation failed:" << revoked.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    qCInfo(logging::lcAuth).noquote() << "token revoked (logout) of user" << claims.userId;
    // Sockets that connected with this token go too (the user's other sessions stay).
    m_ctx.chat->disconnectToken(claims.userId, chat::TokenVerifier::tokenTag(claims));
    http::HttpResponse response;
    response.status = 204;
    call.respond(response);
}

void AuthApi::changePassword(const ApiCall &call)
{
    const auto verified = authenticateToken(m_ctx, call);
    if (!verified)
        return;
    const auto body = readJsonBody(call);
    if (!body)
        return;
    FieldReader fields(*body);
    const QString currentPassword = fields.requiredString(QStringLiteral("currentPassword"), false);
    const QString newPassword = fields.requiredString(QStringLiteral("newPassword"), false);
    if (!fields.ok())
        return call.error(400, code::InvalidInput, fields.error());
    if (!contract::isValidPasswordLength(newPassword))
        return call.error(400, code::InvalidInput, passwordRule(QStringLiteral("newPassword")));
    const QString userId = verified->user.id;
    const auto stored = m_ctx.store->userById(userId);
    if (!stored) {
        qCWarning(lcHttp).noquote() << "password change: user lookup failed:" << stored.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    const QString client = m_ctx.limits->clientAddress(call).toString();
    const bool queued = m_ctx.hasher->verify(
        currentPassword, stored->passwordHash, this,
        [this, call, userId, newPassword, client](bool ok) {
            if (!ok) {
                qCInfo(logging::lcAuth).noquote() << "password change failed from" << client << "user" << userId;
                return call.error(401, code::Unauthorized, QStringLiteral("Invalid email or password"));
            }
            const bool hashing = m_ctx.hasher->hash(
                newPassword, this,
                [this, call, userId](std::optional<QString> hash) {
                    if (!hash)
                        return call.error(500, code::Internal, QStringLiteral("Could not hash the password"));
                    const auto changed = m_ctx.store->changePassword(userId, *hash);
                    if (!changed) {
                        if (changed.error() == storage::StoreError::NotFound)
                            return call.error(401, code::Unauthorized, QStringLiteral("Authentication required"));
                        qCWarning(lcHttp).noquote() << "password change: storing failed:" << changed.errorMessage();
                        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
                    }
                    qCInfo(logging::lcAuth).noquote() << "password changed, older tokens revoked, user" << userId;
                    // Sockets opened with an older token are closed; the client reconnects with the new one.
                    m_ctx.chat->disconnectUser(userId, QStringLiteral("the password changed"));
                    call.json(200, tokenAnswer(*m_ctx.jwt, changed->profile, changed->tokenVersion));
                },
                cancelOnAbort(call));
            if (!hashing)
                answerBusy(call, client);
        },
        cancelOnAbort(call));
    if (!queued)
        answerBusy(call, client);
}

} // namespace craftchat::api
