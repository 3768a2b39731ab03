#include "tests/support/wstestclient.h"

#include <QDeadlineTimer>
#include <QSignalSpy>

#include <algorithm>

namespace craftchat::testsupport {

WsTestClient::WsTestClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (m_autoPong && text == QLatin1String("2")) {
            m_socket.sendTextMessage(QStringLiteral("3"));
            ++m_pongsSent;
            return;
        }
        m_frames.append({false, text.toUtf8()});
        emit frameQueued();
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        m_frames.append({true, bytes});
        emit frameQueued();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_disconnected = true; });
}

WsTestClient::~WsTestClient()
{
    disconnect(&m_socket, nullptr, this, nullptr);
    m_socket.abort();
}

bool WsTestClient::open(const QUrl &url, int timeoutMs)
{
    m_disconnected = false;
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    QSignalSpy gone(&m_socket, &QWebSocket::disconnected);
    QSignalSpy failed(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    m_socket.open(url);
    const QDeadlineTimer deadline(timeoutMs);
    while (connected.isEmpty() && gone.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
        connected.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    return !connected.isEmpty();
}

std::optional<WsFrame> WsTestClient::next(int timeoutMs)
{
    if (m_frames.isEmpty()) {
        QSignalSpy spy(this, &WsTestClient::frameQueued);
        const QDeadlineTimer deadline(timeoutMs);
        while (m_frames.isEmpty() && !deadline.hasExpired())
            spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    if (m_frames.isEmpty())
        return std::nullopt;
    return m_frames.takeFirst();
}

std::optional<QByteArray> WsTestClient::nextText(int timeoutMs)
{
    const auto frame = next(timeoutMs);
    if (!frame || frame->binary)
        return std::nullopt;
    return frame->data;
}

bool WsTestClient::waitDisconnected(int timeoutMs)
{
    if (!m_disconnected) {
        QSignalSpy spy(&m_socket, &QWebSocket::disconnected);
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_disconnected && !deadline.hasExpired())
            spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    return m_disconnected;
}

} // namespace craftchat::testsupport
