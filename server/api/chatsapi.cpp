#include "server/api/chatsapi.h"

#include "server/api/apiauth.h"
#include "server/api/apirouter.h"
#include "server/api/jsonbody.h"
#include "server/api/searchsnippet.h"

#include "server/chat/chatservice.h"
#include "common/chat/contract.h"
#include "common/chat/searchhit.h"
#include "common/chat/validation.h"
#include "server/logging/logcategories.h"
#include "server/storage/chatstore.h"

#include <QRegularExpression>

namespace craftchat::api {

using logging::lcHttp;

namespace {

constexpr int DefaultPageSize = 50;
constexpr int MaxPageSize = 100;

int statusFor(const chat::ChatError &error)
{
    using Kind = chat::ChatError::Kind;
    switch (error.kind) {
    case Kind::InvalidInput: return 400;
    case Kind::Unauthorized: return 403;
    case Kind::Forbidden: return 403;
    case Kind::NotFound: return 404;
    case Kind::RateLimited: return 429;
    case Kind::StoreFailed: return 500;
    }
    return 500;
}

QString httpCodeFor(const chat::ChatError &error)
{
    using Kind = chat::ChatError::Kind;
    switch (error.kind) {
    case Kind::InvalidInput: return code::InvalidInput;
    case Kind::Unauthorized:
    case Kind::Forbidden: return code::Forbidden;
    case Kind::NotFound: return code::NotFound;
    case Kind::RateLimited: return code::RateLimit;
    case Kind::StoreFailed: return code::Internal;
    }
    return code::Internal;
}

} // namespace

void ChatsApi::install(ApiRouter &router)
{
    router.add("POST", QStringLiteral("/api/messages/chats"), [this](const ApiCall &c) { createChat(c); });
    router.add("GET", QStringLiteral("/api/messages/chats"), [this](const ApiCall &c) { listChats(c); });
    router.add("GET", QStringLiteral("/api/messages/chats/:chatId/messages"),
               [this](const ApiCall &c) { history(c); });
    router.add("GET", QStringLiteral("/api/messages/search"), [this](const ApiCall &c) { search(c); });
}

void ChatsApi::createChat(const ApiCall &call)
{
    const auto user = authenticateRole(m_ctx, call, contract::RoleClient,
                                       QStringLiteral("Only clients can start chats"));
    if (!user)
        return;
    const auto body = readJsonBody(call);
    if (!body)
        return;
    FieldReader fields(*body);
    chat::CreateChatRequest request;
    request.clientId = user->id;
    request.craftsmanId = fields.requiredString(QStringLiteral("craftsmanId"), true);
    request.jobId = fields.optionalString(QStringLiteral("jobId"), true);
    request.initialMessage = fields.optionalString(QStringLiteral("initialMessage"));
    if (!fields.ok())
        return call.error(400, code::InvalidInput, fields.error());

    // Chat creations per client per hour; a retry of an existing chat is answered as always.
    if (!m_ctx.limits->allows(RequestLimits::Kind::ChatCreation, user->id)
        && !m_ctx.store->findActiveChat(request.clientId, request.craftsmanId, request.jobId)) {
        m_ctx.limits->admit(call, RequestLimits::Kind::ChatCreation, user->id);
        return;
    }
    const auto result = m_ctx.chat->createChat(request);
    if (!result.ok())
        return call.error(statusFor(result.failure()), httpCodeFor(result.failure()), result.failure().message);
    if (result->created)
        m_ctx.limits->record(RequestLimits::Kind::ChatCreation, user->id);
    call.json(result->created ? 201 : 200, result->chat.toJson());
}

void ChatsApi::listChats(const ApiCall &call)
{
    const auto user = authenticate(m_ctx, call);
    if (!user)
        return;
    const auto chats = m_ctx.store->chatsForUser(user->id);
    if (!chats) {
        qCWarning(lcHttp).noquote() << "listing chats failed:" << chats.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    QJsonArray out;
    for (const chat::ChatDetails &c : *chats)
        out.append(c.toJson());
    call.json(200, out);
}

void ChatsApi::history(const ApiCall &call)
{
    const auto user = authenticate(m_ctx, call);
    if (!user)
        return;
    const QString chatId = call.param(QStringLiteral("chatId"));
    int limit = DefaultPageSize;
    if (const auto text = call.query(QStringLiteral("limit"))) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]{1,9}$"));
        limit = digits.match(*text).hasMatch() ? text->toInt() : 0;
        if (limit < 1 || limit > MaxPageSize)
            return call.error(400, code::InvalidInput,
                              QStringLiteral("limit must be an integer from 1 to %1").arg(MaxPageSize));
    }
    const std::optional<QString> before = call.query(QStringLiteral("before"));
    if (before && before->isEmpty())
        return call.error(400, code::InvalidInput, QStringLiteral("before must be a message id"));
    const std::optional<QString> after = call.query(QStringLiteral("after"));
    if (after && after->isEmpty())
        return call.error(400, code::InvalidInput, QStringLiteral("after must be a message id"));
    if (before && after)
        return call.error(400, code::InvalidInput, QStringLiteral("before and after cannot be used together"));

    const auto participation = m_ctx.store->participation(chatId, user->id);
    if (!participation) {
        qCWarning(lcHttp).noquote() << "participation check failed:" << participation.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    if (*participation == storage::Participation::None) {
        const auto chat = m_ctx.store->chatById(chatId);
        if (!chat && chat.error() == storage::StoreError::NotFound)
            return call.error(404, code::NotFound, QStringLiteral("Chat not found"));
        return call.error(403, code::Forbidden, QStringLiteral("Not a participant of this chat"));
    }
    const auto page = after ? m_ctx.store->messagesAfter(chatId, *after, limit)
                            : m_ctx.store->messagesPage(chatId, before, limit);
    if (!page) {
        if (page.error() == storage::StoreError::InvalidArgument || page.error() == storage::StoreError::NotFound)
            return call.error(400, code::InvalidInput,
                              after ? QStringLiteral("after does not name a message of this chat")
                                    : QStringLiteral("before does not name a message of this chat"));
        qCWarning(lcHttp).noquote() << "loading messages failed:" << page.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    QJsonArray out;
    for (const chat::Message &m : *page)
        out.append(m.toJson());
    call.json(200, out);
}

void ChatsApi::search(const ApiCall &call)
{
    const auto user = authenticate(m_ctx, call);
    if (!user)
        return;
    const QString q = call.query(QStringLiteral("q")).value_or(QString());
    if (chat::isBlank(q))
        return call.error(400, code::InvalidInput, QStringLiteral("q must not be blank"));
    int limit = contract::DefaultSearchLimit;
    if (const auto text = call.query(QStringLiteral("limit"))) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]{1,9}$"));
        limit = digits.match(*text).hasMatch() ? text->toInt() : 0;
        if (limit < 1 || limit > contract::MaxSearchLimit)
            return call.error(400, code::InvalidInput,
                              QStringLiteral("limit must be an integer from 1 to %1").arg(contract::MaxSearchLimit));
    }
    const std::optional<QString> chatId = call.query(QStringLiteral("chatId"));
    if (chatId) {
        const auto participation = chatId->isEmpty() ? storage::StoreResult<storage::Participation>(
                                                           storage::Participation::None)
                                                     : m_ctx.store->participation(*chatId, user->id);
        if (!participation) {
            qCWarning(lcHttp).noquote() << "participation check failed:" << participation.errorMessage();
            return call.error(500, code::Internal, QStringLiteral("Internal server error"));
        }
        if (*participation == storage::Participation::None)
            return call.error(403, code::Forbidden, QStringLiteral("Not a participant of this chat"));
    }
    const QStringList words = searchWords(q);
    if (words.isEmpty())
        return call.json(200, QJsonArray{}); // only punctuation: no word can match
    const auto hits = m_ctx.store->searchMessages(user->id, words, chatId, limit);
    if (!hits) {
        qCWarning(lcHttp).noquote() << "search failed:" << hits.errorMessage();
        return call.error(500, code::Internal, QStringLiteral("Internal server error"));
    }
    QJsonArray out;
    for (const storage::StoredSearchHit &hit : *hits)
        out.append(chat::SearchHit{hit.message, makeSnippet(hit.marked)}.toJson());
    call.json(200, out);
}

} // namespace craftchat::api
