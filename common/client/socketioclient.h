// A Socket.IO v5 client (Engine.IO v4 over WebSocket) as a QObject: the desktop app and the
// tests use it to talk to any server of the contract.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

namespace craftchat::client {

class SocketIoClient : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Connecting,
        Connected,
        Reconnecting
    };
    Q_ENUM(State)

    struct Options
    {
        QUrl url; // http(s)://host:port or ws(s)://host:port
        QString path = QStringLiteral("/socket.io/");
        QString nsp = QStringLiteral("/");
        QJsonObject auth; // sent in the CONNECT packet
        bool reconnect = true;
        int reconnectDelayMs = 1000; // first delay, doubled each attempt
        int reconnectDelayMaxMs = 5000;
        double randomizationFactor = 0.5; // jitter: delay * (1 ± factor)
        int maxReconnectAttempts = -1;    // -1: forever
        int defaultAckTimeoutMs = 10000;
        int connectTimeoutMs = 20000;                      // WebSocket open + Engine.IO open + CONNECT reply
        qint64 maxIncomingMessageBytes = 16 * 1024 * 1024; // per WebSocket message
        int maxAttachments = 10;                           // per incoming binary packet
    };

    // args: the acknowledgement's arguments. timedOut: no ack within the timeout (args empty),
    // or the connection was lost before it came.
    using AckCallback = std::function<void(bool timedOut, const QJsonArray &args)>;
    // Reply function handed to event handlers when the server asked for an ack.
    using AckReply = std::function<void(const QJsonArray &args)>;
    using EventHandler = std::function<void(const QJsonArray &args, const AckReply &reply)>;

    // Binary variants: attachments referenced from args by sio::placeholder(n) (use
    // sio::binaryAt to read them). Plain JSON events/acks arrive with no attachments.
    using BinaryAckCallback
        = std::function<void(bool timedOut, const QJsonArray &args, const QList<QByteArray> &attachments)>;
    using BinaryAckReply = std::function<void(const QJsonArray &args, const QList<QByteArray> &attachments)>;
    using BinaryEventHandler = std::function<void(const QJsonArray &args, const QList<QByteArray> &attachments,
                                                  const BinaryAckReply &reply)>;

    explicit SocketIoClient(QObject *parent = nullptr);
    ~SocketIoClient() override;

    void setOptions(const Options &options);
    const Options &options() const;
    void setAuth(const QJsonObject &auth); // used from the next (re)connect on

    // Asked when the server's certificate does not verify: errors as Qt found them and the
    // server's own (leaf) certificate. True ignores exactly these errors (e.g. the user pinned
    // this certificate's fingerprint); false, or no check set, fails the attempt ("transport
    // error"). Called on the client's thread during the handshake. (The name and signature of
    // helper A's branch for issue 14, so that the two merge as one.)
    using CertificateCheck = std::function<bool(const QList<QSslError> &errors, const QSslCertificate &peer)>;
    void setCertificateCheck(CertificateCheck check);

    void open();  // starts connecting; reconnects automatically per the options
    void close(); // disconnects on purpose (no reconnection)
    // While waiting to reconnect: tries at once (e.g. the network came back, or the user asked),
    // starting the back-off over. Does nothing in any other state.
    void reconnectNow();

    State state() const;
    bool isConnected() const { return state() == State::Connected; }
    QString socketId() const;     // the Socket.IO session id from the CONNECT reply
    int reconnectAttempt() const; // 0 when not reconnecting
    // Milliseconds until the next reconnection attempt, -1 when none is scheduled.
    int msUntilReconnect() const;

    // Sends an event. With an ack callback the server is asked to acknowledge; timeoutMs < 0
    // uses the default. Events emitted while not connected are dropped and the callback is
    // called with timedOut = true right after (queued, never from inside emitEvent; the app
    // keeps its own outbox). Pending acks are failed the same way when the connection drops.
    void emitEvent(const QString &event, const QJsonArray &args = {}, AckCallback ack = {}, int timeoutMs = -1);
    // Same, with binary attachments referenced from args by sio::placeholder(n).
    void emitBinary(const QString &event, const QJsonArray &args, const QList<QByteArray> &attachments,
                    AckCallback ack = {}, int timeoutMs = -1);
    // Same, receiving the attachments of a binary acknowledgement too.
    void emitBinary(const QString &event, const QJsonArray &args, const QList<QByteArray> &attachments,
                    BinaryAckCallback ack, int timeoutMs = -1);

    // Registers a handler for one event (several handlers per event allowed).
    void on(const QString &event, EventHandler handler);
    void onBinary(const QString &event, BinaryEventHandler handler);
    void off(const QString &event);

signals:
    void stateChanged(craftchat::client::SocketIoClient::State state);
    void connected();
    // reason: "io server disconnect", "io client disconnect", "ping timeout",
    // "transport close", "transport error", "parse error"
    void disconnected(const QString &reason);
    // CONNECT_ERROR from the server (data object, e.g. {message, data:{code}}), or a local
    // failure before CONNECT ({message: "..."}).
    void connectError(const QJsonObject &error);
    void reconnecting(int attempt, int delayMs);
    // Every incoming event, after the per-event handlers.
    void eventReceived(const QString &event, const QJsonArray &args);
    // Additionally, for every incoming event that carried binary attachments.
    void binaryEventReceived(const QString &event, const QJsonArray &args, const QList<QByteArray> &attachments);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace craftchat::client
