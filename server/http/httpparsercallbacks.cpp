// The libhttp-parser callbacks of HttpConnection: they collect the request head and body
// into the connection's HttpRequest and pause the parser at the end of the head and of the
// message, so that the connection decides about limits and upgrades itself.
#include "server/http/httpconnection.h"

namespace craftchat::http {

const http_parser_settings &HttpConnection::parserSettings()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &HttpConnection::onMessageBegin;
        s.on_url = &HttpConnection::onUrl;
        s.on_header_field = &HttpConnection::onHeaderField;
        s.on_header_value = &HttpConnection::onHeaderValue;
        s.on_headers_complete = &HttpConnection::onHeadersComplete;
        s.on_body = &HttpConnection::onBody;
        s.on_message_complete = &HttpConnection::onMessageComplete;
        return s;
    }();
    return settings;
}

int HttpConnection::onMessageBegin(http_parser *)
{
    return 0;
}

int HttpConnection::onUrl(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(p->data);
    self->m_request.target.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeaderField(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(p->data);
    auto &headers = self->m_request.headers;
    if (self->m_lastWasValue || headers.isEmpty()) {
        headers.append({QByteArray(at, qsizetype(length)), QByteArray()});
        self->m_lastWasValue = false;
    } else {
        headers.last().first.append(at, qsizetype(length));
    }
    return 0;
}

int HttpConnection::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(p->data);
    auto &headers = self->m_request.headers;
    if (headers.isEmpty())
        return 1;
    headers.last().second.append(at, qsizetype(length));
    self->m_lastWasValue = true;
    return 0;
}

int HttpConnection::onHeadersComplete(http_parser *p)
{
    // Stop here: the connection decides about limits and upgrades before any body byte.
    http_parser_pause(p, 1);
    return 0;
}

int HttpConnection::onBody(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpConnection *>(p->data);
    HttpRequest &request = self->m_request;
    if (quint64(request.bodyBytes) + length > quint64(self->m_bodyLimit)) {
        self->m_bodyTooLarge = true;
        return 1;
    }
    request.bodyBytes += qint64(length);
    if (request.bodySink) {
        if (!request.bodySink->write(at, qsizetype(length))) {
            self->m_bodySinkFailed = true;
            return 1;
        }
        return 0;
    }
    request.body.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onMessageComplete(http_parser *p)
{
    // One request at a time: a pipelined next request stays unparsed until this one is answered.
    http_parser_pause(p, 1);
    return 0;
}

} // namespace craftchat::http
