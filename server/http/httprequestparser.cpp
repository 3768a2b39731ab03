#include "server/http/httprequestparser.h"

#include <QUrl>

namespace craftchat::http {

HttpRequestParser::HttpRequestParser()
{
    reset();
}

void HttpRequestParser::reset()
{
    m_request = HttpRequest();
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    m_bodyLimit = 0;
    m_lastWasValue = true;
    m_bodyTooLarge = false;
    m_bodySinkFailed = false;
}

const http_parser_settings &HttpRequestParser::settings()
{
    static const http_parser_settings s = [] {
        http_parser_settings init;
        http_parser_settings_init(&init);
        init.on_url = &HttpRequestParser::onUrl;
        init.on_header_field = &HttpRequestParser::onHeaderField;
        init.on_header_value = &HttpRequestParser::onHeaderValue;
        init.on_headers_complete = &HttpRequestParser::onHeadersComplete;
        init.on_body = &HttpRequestParser::onBody;
        init.on_message_complete = &HttpRequestParser::onMessageComplete;
        return init;
    }();
    return s;
}

HttpRequestParser::HeadStep HttpRequestParser::feedHead(const char *data, size_t size)
{
    using Status = HeadStep::Status;
    const size_t used = http_parser_execute(&m_parser, &settings(), data, size);
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_PAUSED)
        return {used, Status::Complete};
    if (error == HPE_HEADER_OVERFLOW)
        return {used, Status::TooLarge};
    if (error != HPE_OK)
        return {used, Status::Malformed};
    return {used, Status::More};
}

bool HttpRequestParser::buildHead()
{
    HttpRequest &r = m_request;
    const char *method = http_method_str(static_cast<http_method>(m_parser.method));
    r.method = QByteArray::fromRawData(method, qsizetype(qstrlen(method))); // static string
    r.httpMajor = m_parser.http_major;
    r.httpMinor = m_parser.http_minor;
    if (r.httpMajor != 1) // the parser also accepts HTTP/0.9 style lines
        return false;
    r.keepAlive = http_should_keep_alive(&m_parser) != 0;
    for (auto &header : r.headers) {
        header.first = std::move(header.first).toLower();
        if (!header.second.isEmpty() && (header.second.endsWith(' ') || header.second.endsWith('\t')))
            header.second = header.second.trimmed();
    }

    http_parser_url url;
    http_parser_url_init(&url);
    if (http_parser_parse_url(r.target.constData(), size_t(r.target.size()), m_parser.method == HTTP_CONNECT, &url)
        != 0)
        return false;
    if (url.field_set & (1 << UF_PATH)) {
        const auto &f = url.field_data[UF_PATH];
        r.path = QUrl::fromPercentEncoding(r.target.mid(f.off, f.len));
    } else {
        r.path = QStringLiteral("/");
    }
    if (url.field_set & (1 << UF_QUERY)) {
        const auto &f = url.field_data[UF_QUERY];
        // Form encoding: '+' is a space ("?q=bob+craftsman"); an encoded plus (%2B) stays a plus.
        QByteArray rawQuery(r.target.constData() + f.off, f.len);
        rawQuery.replace('+', "%20");
        r.query.setQuery(QString::fromUtf8(rawQuery));
    }

    const bool connectionUpgrade = (m_parser.flags & F_CONNECTION_UPGRADE) != 0;
    const bool upgradeHeader = (m_parser.flags & F_UPGRADE) != 0;
    r.upgrade
        = connectionUpgrade && upgradeHeader && r.header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
    return true;
}

void HttpRequestParser::startBody(qint64 bodyLimit)
{
    m_bodyLimit = bodyLimit;
    http_parser_pause(&m_parser, 0);
}

HttpRequestParser::BodyStep HttpRequestParser::feedBody(const char *data, size_t size)
{
    using Status = BodyStep::Status;
    const size_t used = http_parser_execute(&m_parser, &settings(), data, size);
    if (m_bodyTooLarge)
        return {used, Status::TooLarge};
    if (m_bodySinkFailed)
        return {used, Status::SinkFailed};
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_PAUSED)
        return {used, Status::Complete};
    if (error != HPE_OK)
        return {used, Status::Malformed};
    return {used, Status::More};
}

int HttpRequestParser::onUrl(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(p->data);
    self->m_request.target.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onHeaderField(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(p->data);
    auto &headers = self->m_request.headers;
    if (self->m_lastWasValue || headers.isEmpty()) {
        headers.append({QByteArray(at, qsizetype(length)), QByteArray()});
        self->m_lastWasValue = false;
    } else {
        headers.last().first.append(at, qsizetype(length));
    }
    return 0;
}

int HttpRequestParser::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(p->data);
    auto &headers = self->m_request.headers;
    if (headers.isEmpty())
        return 1;
    headers.last().second.append(at, qsizetype(length));
    self->m_lastWasValue = true;
    return 0;
}

int HttpRequestParser::onHeadersComplete(http_parser *p)
{
    // Stop here: the owner decides about limits and upgrades before any body byte.
    http_parser_pause(p, 1);
    return 0;
}

int HttpRequestParser::onBody(http_parser *p, const char *at, size_t length)
{
    auto *self = static_cast<HttpRequestParser *>(p->data);
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

int HttpRequestParser::onMessageComplete(http_parser *p)
{
    // One request at a time: a pipelined next request stays unparsed until this one is answered.
    http_parser_pause(p, 1);
    return 0;
}

} // namespace craftchat::http
