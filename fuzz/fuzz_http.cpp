// libFuzzer target: the request path of the HTTP server (server/http/httprequestparser.h,
// the code HttpConnection runs): request heads, Content-Length and chunked bodies, pipelined
// requests, the percent-decoded path and the form-decoded query.
//
// Input: the first byte picks the size of the pieces the bytes arrive in (1..256), the rest
// is what a client sends on one connection. Requests are parsed one after the other, with
// the server's limits (head size, body size), until the input ends or a request fails.
#include "server/http/httprequestparser.h"

#include <QUrlQuery>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using craftchat::http::HttpRequestParser;

namespace {
constexpr qsizetype MaxHeadBytes = 8192;
constexpr qint64 MaxBodyBytes = 65536;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t piece = size_t(data[0]) + 1;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    size_t left = size - 1;

    HttpRequestParser parser;
    while (left > 0) {
        parser.reset();
        // The head, in pieces, never more than the head limit allows (as HttpConnection reads).
        qsizetype headBytes = 0;
        HttpRequestParser::HeadStep head;
        while (left > 0) {
            const size_t room = std::min<size_t>({piece, left, size_t(MaxHeadBytes + 1 - headBytes)});
            if (room == 0)
                return 0; // 431
            head = parser.feedHead(bytes, room);
            if (head.used > room)
                std::abort();
            headBytes += qsizetype(head.used);
            bytes += head.used;
            left -= head.used;
            if (head.status != HttpRequestParser::HeadStep::Status::More)
                break;
        }
        if (head.status != HttpRequestParser::HeadStep::Status::Complete)
            return 0;
        if (!parser.buildHead())
            return 0;
        const auto &request = parser.request();
        if (request.httpMajor != 1 || request.method.isEmpty() || request.path.isNull())
            std::abort();
        (void)request.header("content-type");
        (void)request.hasHeader("authorization");
        (void)request.query.queryItems(QUrl::FullyDecoded);
        if (request.upgrade)
            return 0; // the descriptor goes to the WebSocket layer
        // The parser stopped on the last LF of the head; it reads it again in the body phase,
        // which every request goes through (without a body it ends at that LF).
        if (!parser.chunked() && parser.contentLength() > quint64(MaxBodyBytes))
            return 0; // 413 before any body byte
        parser.startBody(MaxBodyBytes);
        HttpRequestParser::BodyStep body;
        while (left > 0) {
            const size_t offered = std::min(piece, left);
            body = parser.feedBody(bytes, offered);
            if (body.used > offered)
                std::abort();
            if (body.status == HttpRequestParser::BodyStep::Status::TooLarge
                || body.status == HttpRequestParser::BodyStep::Status::Malformed)
                return 0;
            bytes += body.used;
            left -= body.used;
            if (body.status == HttpRequestParser::BodyStep::Status::Complete)
                break;
        }
        if (body.status != HttpRequestParser::BodyStep::Status::Complete)
            return 0;
        if (parser.request().bodyBytes > MaxBodyBytes || parser.request().body.size() != parser.request().bodyBytes)
            std::abort();
    }
    return 0;
}
