// POST /api/uploads (and /api/uploads/): any file of at most maxUploadBytes (contract section
// 9). The head is checked before any body byte is read (token 401, disk floor 507, per-user
// limits 429; the size 413 by the HTTP layer's body limit); the body goes to a temporary file
// as it arrives (UploadSink). Images (PNG, JPEG, WebP, GIF by content) must decode (415
// otherwise) and lose their metadata, pixels untouched; the file is renamed into place as
// <uploadDir>/<32 hex digits>.<ext>, recorded in the uploads table, and answered with 201
// {url, name, size, mimeType}.
// GET /uploads/<name>: the stored file, streamed, readable without a token (the name is
// unguessable): images inline with their type, everything else as an attachment with its
// original name; always nosniff, never HTML.
#pragma once

#include "server/api/apicontext.h"
#include "server/http/httpmessage.h"

#include <memory>
#include <optional>

namespace craftchat::api {

class ApiCall;
class ApiRouter;

class UploadsApi
{
public:
    explicit UploadsApi(ApiContext &ctx)
        : m_ctx(ctx)
    {}
    void install(ApiRouter &router);

    // From the HTTP layer, before the body of an upload request is read.
    std::optional<http::HttpResponse> checkHead(const http::HttpRequest &head) const;
    std::shared_ptr<http::HttpBodySink> bodySink(const http::HttpRequest &head) const;

private:
    void upload(const ApiCall &call);
    void serve(const ApiCall &call);
    // 429 with Retry-After when `userId` may not store `bytes` more now; 500 if the store fails.
    std::optional<http::HttpResponse> checkLimits(const QString &userId, qint64 bytes) const;

    ApiContext &m_ctx;
};

} // namespace craftchat::api
