// Test helper: a raw Socket.IO v5 client over one Engine.IO WebSocket. It writes and reads
// the packets exactly as they travel (e.g. "2[\"hello\"]", "0/admin,{}"), without any codec
// of the project, and answers Engine.IO pings by itself unless told not to.
#pragma once

#include "tests/support/wstestclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <optional>

namespace craftchat::testsupport {

class SioRawClient : public QObject
{
    Q_OBJECT
public:
    explicit SioRawClient(QObject *parent = nullptr);

    // Opens the Engine.IO session (reads the OPEN packet). autoPong answers pings.
    bool open(const QUrl &url, bool autoPong = true, int timeoutMs = 10000);
    const QJsonObject &openPacket() const { return m_open; }

    // Sends CONNECT for nsp ("/" or "/name") with an optional auth object and returns the
    // server's answer (the Socket.IO packet text, e.g. "0{\"sid\":\"...\"}").
    std::optional<QByteArray> connectNamespace(const QString &nsp = QStringLiteral("/"),
                                               const std::optional<QJsonObject> &auth = std::nullopt,
                                               int timeoutMs = 10000);
    // The socket id from the last successful CONNECT answer.
    QString socketId(const QString &nsp = QStringLiteral("/")) const { return m_socketIds.value(nsp); }

    // One Socket.IO packet in an Engine.IO MESSAGE ("4" is prepended).
    void send(const QByteArray &packet) { m_ws.sendText("4" + packet); }
    // A binary attachment (one binary Engine.IO frame).
    void sendAttachment(const QByteArray &bytes) { m_ws.sendBinary(bytes); }
    void sendEngineText(const QByteArray &frame) { m_ws.sendText(frame); }

    // The next Socket.IO packet text (Engine.IO MESSAGE without its "4"); nullopt on timeout
    // or when the next frame is not a text MESSAGE.
    std::optional<QByteArray> nextPacket(int timeoutMs = 10000);
    // The next binary attachment.
    std::optional<QByteArray> nextAttachment(int timeoutMs = 10000);
    // True if nothing arrives within the time (used only to prove an absence).
    bool staysQuiet(int timeoutMs);

    bool waitDisconnected(int timeoutMs = 10000) { return m_ws.waitDisconnected(timeoutMs); }
    bool isConnected() const { return m_ws.isConnected(); }
    WsTestClient &ws() { return m_ws; }

    // Splits "2/nsp,12[...]"-style packets: JSON data part of a text packet (after type,
    // attachment count, namespace and ack id).
    static QJsonValue dataOf(const QByteArray &packet);

private:
    WsTestClient m_ws;
    QJsonObject m_open;
    QHash<QString, QString> m_socketIds;
};

} // namespace craftchat::testsupport
