// The server side of the transport tests: a WebSocketHandler that records what a
// WebSocketConnection delivers (texts, binaries, the close) and echoes on demand.
#pragma once

#include "server/http/websocketconnection.h"

#include <QByteArray>
#include <QList>
#include <QObject>

namespace craftchat::testsupport {

class WebSocketRecorder : public QObject, public http::WebSocketHandler
{
    Q_OBJECT
public:
    void webSocketMessage(http::WebSocketConnection *socket, const QByteArray &message, bool binary) override
    {
        (binary ? binaries : texts).append(message);
        if (echo && binary)
            socket->sendBinary(message + QByteArray(1, '\0'));
        else if (echo)
            socket->sendText("echo:" + message);
        emit received();
    }
    void webSocketClosed(http::WebSocketConnection *socket) override
    {
        ++closedCalls;
        // Read now: the connection deletes itself once it is closed.
        lastPeerCloseCode = socket->peerCloseCode();
        emit closed();
    }
    void webSocketDeleted(http::WebSocketConnection *) override { ++deletedCalls; }

    QList<QByteArray> texts;
    QList<QByteArray> binaries;
    int closedCalls = 0;
    quint16 lastPeerCloseCode = 0; // of the connection webSocketClosed was told about last
    int deletedCalls = 0;
    bool echo = false; // text comes back as "echo:<text>", binary with a 0 byte appended

signals:
    void received();
    void closed();
};

} // namespace craftchat::testsupport
