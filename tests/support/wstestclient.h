// Test helper: a QWebSocket that records every frame it receives, in order, so that a test
// can read them one by one with a timeout. Optionally answers Engine.IO pings ("2" -> "3")
// on its own, without queueing them.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>
#include <optional>

namespace craftchat::testsupport {

struct WsFrame
{
    bool binary = false;
    QByteArray data; // UTF-8 text or raw bytes
};

class WsTestClient : public QObject
{
    Q_OBJECT
public:
    explicit WsTestClient(QObject *parent = nullptr);
    ~WsTestClient() override;

    // Opens the connection; true once connected.
    bool open(const QUrl &url, int timeoutMs = 10000);
    void sendText(const QByteArray &utf8) { m_socket.sendTextMessage(QString::fromUtf8(utf8)); }
    void sendBinary(const QByteArray &bytes) { m_socket.sendBinaryMessage(bytes); }

    // The next frame received (waiting for it); nullopt on timeout.
    std::optional<WsFrame> next(int timeoutMs = 10000);
    // The next text frame; a binary frame in between makes it fail (nullopt).
    std::optional<QByteArray> nextText(int timeoutMs = 10000);
    qsizetype pendingFrames() const { return m_frames.size(); }

    void setAutoPong(bool on) { m_autoPong = on; }
    int pongsSent() const { return m_pongsSent; }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // True once the server closed the connection (or it was lost).
    bool waitDisconnected(int timeoutMs = 10000);
    QWebSocket &socket() { return m_socket; }

signals:
    void frameQueued();

private:
    QWebSocket m_socket;
    QList<WsFrame> m_frames;
    bool m_autoPong = false;
    int m_pongsSent = 0;
    bool m_disconnected = false;
};

} // namespace craftchat::testsupport
