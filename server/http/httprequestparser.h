// The request side of an HTTP/1.1 connection without a socket: libhttp-parser fed with
// bytes as they arrive, collecting one request's head (method, target, headers, path, query,
// upgrade) and body into an HttpRequest. It stops at the end of the head, so that its owner
// decides about limits, upgrades and body sinks before any body byte is read, and at the end
// of the message, so that a pipelined next request stays unparsed.
//
// HttpConnection owns one per connection; fuzz/fuzz_http.cpp drives the same code.
#pragma once

#include "server/http/httpmessage.h"

#include <cstdint>
#include <limits>

#include <http_parser.h>

namespace craftchat::http {

// http_parser's content_length when the head announced none.
inline constexpr auto NoContentLength = std::numeric_limits<uint64_t>::max();

class HttpRequestParser
{
public:
    HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Ready for the next request: an empty HttpRequest, the parser at its start.
    void reset();

    struct HeadStep
    {
        enum class Status : quint8 {
            More,
            Complete,
            Malformed,
            TooLarge
        };
        size_t used = 0; // bytes of the input the parser took
        Status status = Status::More;
    };
    // Head bytes. Complete: the parser stopped on the last LF of the head (`used` counts up
    // to, not including, that LF). TooLarge: the parser's own header limit was hit.
    HeadStep feedHead(const char *data, size_t size);

    // After a complete head: fills in method, version, keep-alive, headers (names lower
    // case, values without trailing blanks), path (percent-decoded), query (form-decoded)
    // and upgrade. False when the request line is not HTTP/1.x or the target is no URL.
    bool buildHead();

    bool chunked() const { return (m_parser.flags & F_CHUNKED) != 0; }
    uint64_t contentLength() const { return m_parser.content_length; }
    bool hasBody() const { return chunked() || (contentLength() != NoContentLength && contentLength() > 0); }
    bool isGet() const { return m_parser.method == HTTP_GET; }

    // Goes on after the head, accepting at most bodyLimit body bytes.
    void startBody(qint64 bodyLimit);

    struct BodyStep
    {
        enum class Status : quint8 {
            More,
            Complete,
            Malformed,
            TooLarge,
            SinkFailed
        };
        size_t used = 0;
        Status status = Status::More;
    };
    // Body bytes (chunked or not); Complete: the message ended (what follows in the input
    // belongs to the next request).
    BodyStep feedBody(const char *data, size_t size);

    HttpRequest &request() { return m_request; }
    const HttpRequest &request() const { return m_request; }

private:
    static int onUrl(http_parser *p, const char *at, size_t length);
    static int onHeaderField(http_parser *p, const char *at, size_t length);
    static int onHeaderValue(http_parser *p, const char *at, size_t length);
    static int onHeadersComplete(http_parser *p);
    static int onBody(http_parser *p, const char *at, size_t length);
    static int onMessageComplete(http_parser *p);
    static const http_parser_settings &settings();

    http_parser m_parser;
    HttpRequest m_request;
    qint64 m_bodyLimit = 0;
    bool m_lastWasValue = true; // header callback bookkeeping
    bool m_bodyTooLarge = false;
    bool m_bodySinkFailed = false;
};

} // namespace craftchat::http
