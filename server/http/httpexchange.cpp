// HttpExchange: one request of an HttpConnection and its single answer. The connection
// detaches it on close, so a late respond() never touches a deleted socket.
#include "server/http/httpconnection.h"

namespace craftchat::http {

HttpExchange::HttpExchange(HttpRequest request, HttpConnection *connection)
    : m_request(std::move(request))
    , m_connection(connection)
{}

void HttpExchange::respond(const HttpResponse &response)
{
    if (m_responded || m_detached)
        return;
    HttpConnection *connection = m_connection.data();
    if (!connection)
        return;
    m_responded = true;
    connection->respond(this, response);
}

bool HttpExchange::isOpen() const
{
    return !m_responded && !m_detached && !m_connection.isNull();
}

void HttpExchange::detach(bool runAbortCallback)
{
    if (m_detached)
        return;
    m_detached = true;
    m_connection.clear();
    if (runAbortCallback && !m_responded && m_onAbort) {
        const auto callback = std::move(m_onAbort);
        m_onAbort = nullptr;
        callback();
    }
}

} // namespace craftchat::http
