// POST /api/messages/chats (clients start a chat), GET /api/messages/chats (the caller's
// chats, newest activity first), GET /api/messages/chats/:chatId/messages (history pages,
// before= or after=), GET /api/messages/search (full-text search in the caller's chats).
#pragma once

#include "server/api/apicontext.h"

namespace craftchat::api {

class ApiCall;
class ApiRouter;

class ChatsApi
{
public:
    explicit ChatsApi(ApiContext &ctx) : m_ctx(ctx) {}
    void install(ApiRouter &router);

private:
    void createChat(const ApiCall &call);
    void listChats(const ApiCall &call);
    void history(const ApiCall &call);
    void search(const ApiCall &call);

    ApiContext &m_ctx;
};

} // namespace craftchat::api
