#include "server/http/tlssession.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <utility>

namespace craftchat::http {

TlsSession::TlsSession(SSL_CTX *context, int fd)
    : m_ssl(SSL_new(context))
{
    if (!m_ssl)
        return;
    if (SSL_set_fd(m_ssl, fd) != 1) {
        SSL_free(std::exchange(m_ssl, nullptr));
        return;
    }
    SSL_set_accept_state(m_ssl);
}

TlsSession &TlsSession::operator=(TlsSession &&other) noexcept
{
    if (this != &other) {
        if (m_ssl)
            SSL_free(m_ssl);
        m_ssl = std::exchange(other.m_ssl, nullptr);
    }
    return *this;
}

TlsSession::~TlsSession()
{
    if (m_ssl)
        SSL_free(m_ssl);
}

bool TlsSession::isHandshakeDone() const
{
    return m_ssl && SSL_is_init_finished(m_ssl);
}

TlsSession::Status TlsSession::statusOf(int result) const
{
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        return Status::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Status::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        return Status::Closed;
    case SSL_ERROR_SYSCALL:
        // End of stream without close_notify, or a reset: the connection is over either way.
        return ERR_peek_error() == 0 ? Status::Closed : Status::Failed;
    default:
        return Status::Failed;
    }
}

TlsSession::Status TlsSession::handshake()
{
    if (!m_ssl)
        return Status::Failed;
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    return result == 1 ? Status::Done : statusOf(result);
}

TlsSession::Step TlsSession::read(char *buffer, qint64 size)
{
    if (!m_ssl)
        return {0, Status::Failed};
    qint64 total = 0;
    while (total < size) {
        ERR_clear_error();
        std::size_t n = 0;
        const int result = SSL_read_ex(m_ssl, buffer + total, std::size_t(size - total), &n);
        if (result == 1) {
            total += qint64(n);
            continue;
        }
        const Status status = statusOf(result);
        if (total > 0)
            return {total, Status::Done}; // the end (or the wait) shows at the next read
        return {0, status};
    }
    return {total, Status::Done};
}

TlsSession::Step TlsSession::write(const char *data, qint64 size)
{
    if (!m_ssl)
        return {0, Status::Failed};
    ERR_clear_error();
    std::size_t n = 0;
    const int result = SSL_write_ex(m_ssl, data, std::size_t(size), &n);
    if (result == 1)
        return {qint64(n), Status::Done};
    return {0, statusOf(result)};
}

void TlsSession::shutdown()
{
    if (!m_ssl || !SSL_is_init_finished(m_ssl))
        return;
    ERR_clear_error();
    SSL_shutdown(m_ssl);
    ERR_clear_error();
}

bool TlsSession::hasPending() const
{
    return m_ssl && SSL_has_pending(m_ssl) == 1;
}

QString TlsSession::protocol() const
{
    return m_ssl ? QString::fromLatin1(SSL_get_version(m_ssl)) : QString();
}

QString TlsSession::takeErrors()
{
    QString text;
    while (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.isEmpty())
            text += QLatin1String("; ");
        text += QString::fromLatin1(buffer);
    }
    return text.isEmpty() ? QStringLiteral("connection ended") : text;
}

} // namespace craftchat::http
