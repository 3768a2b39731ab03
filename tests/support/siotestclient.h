// The convenient Socket.IO v5 client of the tests: events by name, acks, a record of every
// event received so tests can wait for and inspect them. It speaks through the raw client
// (SioRawClient: "40{auth}" to connect, "42[...]" events, "42<id>[...]" with an ack, pings
// answered), deliberately independent of the app's client.
#pragma once

#include "tests/support/siorawclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <optional>

namespace craftchat::testsupport {

class SioTestClient : public QObject
{
    Q_OBJECT
public:
    explicit SioTestClient(quint16 port, QObject *parent = nullptr);

    // Opens the WebSocket and sends CONNECT with `auth` (no data when auth is empty and
    // sendAuth is false). Waits for CONNECT or CONNECT_ERROR; true when connected.
    bool connectTo(const QJsonObject &auth, int timeoutMs = 10000);
    bool connectWithToken(const QString &token, int timeoutMs = 10000)
    {
        return connectTo(QJsonObject{{QStringLiteral("token"), token}}, timeoutMs);
    }
    bool isConnected() const { return m_connected; }
    QString socketId() const { return m_sid; }
    // The CONNECT_ERROR data, when the server refused.
    std::optional<QJsonObject> connectError() const { return m_connectError; }

    void emitEvent(const QString &event, const QJsonValue &arg);
    // Emits with an ack id and waits for the ack; nullopt on timeout.
    std::optional<QJsonArray> emitWithAck(const QString &event, const QJsonValue &arg, int timeoutMs = 10000);

    // Emits with an ack id without waiting; waitForAck() collects the answer.
    qint64 emitAsync(const QString &event, const QJsonValue &arg);
    std::optional<QJsonArray> waitForAck(qint64 id, int timeoutMs = 10000);

    // Events received so far (name -> first argument), in arrival order.
    QList<QPair<QString, QJsonValue>> events() const { return m_events; }
    QList<QJsonValue> eventsNamed(const QString &name) const;
    int count(const QString &name) const { return int(eventsNamed(name).size()); }
    // Waits until at least `n` events of that name have arrived.
    bool waitForEvents(const QString &name, int n = 1, int timeoutMs = 10000);
    // The last event of that name (after waiting for it); Undefined when none came.
    QJsonValue waitForEvent(const QString &name, int timeoutMs = 10000);
    void clearEvents() { m_events.clear(); }

    // Sends the Socket.IO DISCONNECT and closes the WebSocket.
    void disconnectFromServer();
    // True once the server closed the namespace or the connection.
    bool isClosed() const { return m_closed; }
    bool waitForClosed(int timeoutMs = 10000);

    // Raw access for protocol-level tests: one Engine.IO text frame.
    void sendRaw(const QString &frame) { m_raw.sendEngineText(frame.toUtf8()); }
    SioRawClient &raw() { return m_raw; }

signals:
    void eventReceived(const QString &name);
    void ackReceived(qint64 id);
    void connectResult();

private:
    void takeQueuedFrames();
    void onSocketIoPacket(const QByteArray &packet);

    quint16 m_port;
    SioRawClient m_raw;
    QMetaObject::Connection m_queueConnection;
    bool m_connected = false;
    bool m_closed = false;
    QString m_sid;
    std::optional<QJsonObject> m_connectError;
    QList<QPair<QString, QJsonValue>> m_events;
    QHash<qint64, QJsonArray> m_acks;
    qint64 m_nextAckId = 0;
};

} // namespace craftchat::testsupport
