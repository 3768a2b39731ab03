// POST /api/uploads: the raw bytes of a PNG, JPEG or WebP (recognised by content, at most
// maxUploadBytes) stored as <uploadDir>/<32 hex digits>.<ext>; answers 201 {url}.
// GET /uploads/<name>: the stored file, readable without a token (the name is unguessable).
#pragma once

#include "server/api/apicontext.h"

namespace craftchat::api {

class ApiCall;
class ApiRouter;

class UploadsApi
{
public:
    explicit UploadsApi(ApiContext &ctx) : m_ctx(ctx) {}
    void install(ApiRouter &router);

private:
    void upload(const ApiCall &call);
    void serve(const ApiCall &call);

    ApiContext &m_ctx;
};

} // namespace craftchat::api
