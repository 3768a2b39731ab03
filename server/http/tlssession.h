// One server-side TLS session (OpenSSL's SSL) on a non-blocking TCP descriptor, from the shared
// SSL_CTX of TlsCredentials. Each step reports what it needs: Done, WantRead / WantWrite (the
// descriptor must become readable / writable before the step is tried again: a read may need
// to write, e.g. a TLS 1.3 key update, and a write to read), Closed (the peer's close_notify
// or end of stream) or Failed. The session does not own the descriptor. Movable, one pointer:
// it is what an idle TLS connection holds besides its own state (the context's
// SSL_MODE_RELEASE_BUFFERS frees the record buffers while nothing is in flight).
#pragma once

#include <QString>
#include <QtGlobal>

#include <memory>

using SSL = struct ssl_st;
using SSL_CTX = struct ssl_ctx_st;

namespace craftchat::http {

class TlsSession
{
public:
    enum class Status : quint8 {
        Done,
        WantRead,
        WantWrite,
        Closed,
        Failed
    };
    struct Step
    {
        qint64 bytes = 0; // > 0 only with Done
        Status status = Status::Done;
    };

    TlsSession() = default;
    // A server session on fd; it keeps a reference to context (so a reloaded certificate
    // does not touch sessions already made).
    TlsSession(SSL_CTX *context, int fd);
    TlsSession(TlsSession &&other) noexcept
        : m_ssl(std::exchange(other.m_ssl, nullptr))
    {}
    TlsSession &operator=(TlsSession &&other) noexcept;
    TlsSession(const TlsSession &) = delete;
    TlsSession &operator=(const TlsSession &) = delete;
    ~TlsSession();

    bool isValid() const { return m_ssl != nullptr; }
    bool isHandshakeDone() const;
    Status handshake();
    // Reads until size bytes are read or nothing more is there (SSL_pending drained): bytes
    // with Done, else why not.
    Step read(char *buffer, qint64 size);
    // Writes at most one TLS record's worth (partial writes). After WantRead/WantWrite the
    // next write must start with the same bytes (at least as many; they may move).
    Step write(const char *data, qint64 size);
    // Sends close_notify as far as the socket takes it; no waiting for the peer's.
    void shutdown();
    // Decrypted or raw bytes inside the session that the descriptor's readiness will not
    // announce again.
    bool hasPending() const;
    // The protocol version (e.g. "TLSv1.3"), for logs and tests.
    QString protocol() const;
    // What the last failed step left in OpenSSL's error queue, for logs; clears it.
    static QString takeErrors();

private:
    Status statusOf(int result) const;

    SSL *m_ssl = nullptr;
};

} // namespace craftchat::http
