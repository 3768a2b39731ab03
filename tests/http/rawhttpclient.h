// Test helper: a raw QTcpSocket HTTP/1.1 client that writes bytes verbatim and parses the
// server's responses, waiting on the event loop (the server runs in the same thread).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpSocket>
#include <optional>

namespace craftchat::http::test {

struct RawReply
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
};

class RawHttpClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 5000);
    void send(const QByteArray &bytes);
    // One complete response (head + Content-Length body), or nullopt on timeout/close.
    // withBody false: the reply to a HEAD request (Content-Length but no body bytes).
    std::optional<RawReply> readReply(int timeoutMs = 10000, bool withBody = true);
    // True once the server has closed the connection and every byte was read.
    bool waitClosed(int timeoutMs = 10000);
    // True if no byte arrives within the given time.
    bool staysSilent(int timeoutMs);
    QTcpSocket &socket() { return m_socket; }
    QByteArray takeBuffered();

private:
    std::optional<RawReply> tryParse(bool withBody);
    bool waitForData(int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace craftchat::http::test
