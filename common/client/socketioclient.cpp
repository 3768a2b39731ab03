#include "common/client/socketioclient.h"

#include "common/client/ackregistry.h"
#include "common/client/reconnectbackoff.h"

#include "common/protocol/enginepacket.h"
#include "common/protocol/socketiopacket.h"

#include <QHash>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <algorithm>

namespace craftchat::client {

namespace {

// Bounds for the heartbeat values a server may announce (hostile input).
constexpr int MinHeartbeatMs = 1;
constexpr int MaxHeartbeatMs = 10 * 60 * 1000;
// How long a closed socket may take to flush its last frames before it is dropped.
constexpr int CloseFlushMs = 2000;

// The message of the connectError for a transport that failed before the CONNECT reply,
// worded as socket.io-client words it.
QString failureMessage(const QString &reason)
{
    if (reason == QLatin1String("transport error") || reason == QLatin1String("transport close"))
        return QStringLiteral("websocket error");
    return reason;
}

} // namespace

class SocketIoClient::Private
{
public:
    explicit Private(SocketIoClient *owner)
        : q(owner)
        , acks(owner)
    {
        reconnectTimer.setSingleShot(true);
        pingWatchdog.setSingleShot(true);
        connectTimer.setSingleShot(true);
        QObject::connect(&reconnectTimer, &QTimer::timeout, q, [this] { startTransport(); });
        QObject::connect(&pingWatchdog, &QTimer::timeout, q, [this] { transportLost(QStringLiteral("ping timeout")); });
        QObject::connect(&connectTimer, &QTimer::timeout, q, [this] { transportLost(QStringLiteral("timeout")); });
    }

    SocketIoClient *q;
    Options options;
    State state = State::Disconnected;
    QPointer<QWebSocket> socket;
    CertificateCheck certificateCheck;
    quint64 epoch = 0;        // one per transport, so late ack replies are dropped
    bool engineOpen = false;  // Engine.IO open packet received
    bool ioConnected = false; // Socket.IO CONNECT reply received
    QString sid;
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    protocol::sio::Decoder decoder;

    QTimer reconnectTimer;
    QTimer pingWatchdog;
    QTimer connectTimer;
    int attempt = 0;

    AckRegistry acks;
    QHash<QString, QList<BinaryEventHandler>> handlers;

    void setState(State s)
    {
        if (state == s)
            return;
        state = s;
        emit q->stateChanged(s);
    }

    QUrl endpoint() const
    {
        QUrl url = options.url;
        const QString scheme = url.scheme().toLower();
        url.setScheme(scheme == QLatin1String("https") || scheme == QLatin1String("wss") ? QStringLiteral("wss")
                                                                                         : QStringLiteral("ws"));
        QString path = options.path.isEmpty() ? QStringLiteral("/socket.io/") : options.path;
        if (!path.startsWith(QLatin1Char('/')))
            path.prepend(QLatin1Char('/'));
        if (!path.endsWith(QLatin1Char('/')))
            path.append(QLatin1Char('/'));
        url.setPath(path);
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("EIO"), QStringLiteral("4"));
        query.addQueryItem(QStringLiteral("transport"), QStringLiteral("websocket"));
        url.setQuery(query);
        url.setFragment({});
        return url;
    }

    void startTransport()
    {
        dropSocket();
        ++epoch;
        engineOpen = false;
        ioConnected = false;
        sid.clear();
        decoder = protocol::sio::Decoder(options.maxAttachments);

        auto *ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, q);
        socket = ws;
        const quint64 maxMessage = quint64(std::max<qint64>(options.maxIncomingMessageBytes, 1024));
        ws->setMaxAllowedIncomingMessageSize(maxMessage);
        ws->setMaxAllowedIncomingFrameSize(maxMessage);
        QObject::connect(ws, &QWebSocket::textMessageReceived, q, [this](const QString &message) { onText(message); });
        QObject::connect(ws, &QWebSocket::binaryMessageReceived, q,
                         [this](const QByteArray &message) { onBinary(message); });
        QObject::connect(ws, &QWebSocket::disconnected, q,
                         [this] { transportLost(QStringLiteral("transport close")); });
        QObject::connect(ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), q,
                         [this](QAbstractSocket::SocketError error) {
                             transportLost(error == QAbstractSocket::RemoteHostClosedError
                                               ? QStringLiteral("transport close")
                                               : QStringLiteral("transport error"));
                         });
        QObject::connect(ws, &QWebSocket::sslErrors, q, [this, ws](const QList<QSslError> &errors) {
            if (certificateCheck && certificateCheck(errors, ws->sslConfiguration().peerCertificate()))
                ws->ignoreSslErrors(errors);
        });
        connectTimer.start(std::max(options.connectTimeoutMs, 1));
        ws->open(QNetworkRequest(endpoint()));
    }

    // Detaches the current socket and lets it finish closing on its own.
    void dropSocket(bool graceful = false)
    {
        QWebSocket *ws = socket.data();
        socket = nullptr;
        if (!ws)
            return;
        QObject::disconnect(ws, nullptr, q, nullptr);
        if (graceful && ws->state() == QAbstractSocket::ConnectedState) {
            QObject::connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
            QTimer::singleShot(CloseFlushMs, ws, &QObject::deleteLater);
            ws->close();
        } else {
            ws->abort();
            ws->deleteLater();
        }
    }

    void stopTimers()
    {
        pingWatchdog.stop();
        connectTimer.stop();
    }

    void sendEngineText(QByteArrayView socketIoText)
    {
        if (!socket)
            return;
        QString frame;
        frame.reserve(socketIoText.size() + 1);
        frame.append(QLatin1Char('4'));
        frame.append(QString::fromUtf8(socketIoText));
        socket->sendTextMessage(frame);
    }

    void sendPacket(const protocol::sio::Packet &packet)
    {
        const protocol::sio::EncodedPacket encoded = protocol::sio::encode(packet);
        sendEngineText(encoded.text);
        if (socket)
            for (const QByteArray &bytes : encoded.attachments)
                socket->sendBinaryMessage(bytes);
    }

    // The transport is gone (or unusable): clean up, then reconnect when allowed.
    void transportLost(const QString &reason)
    {
        if (!socket)
            return;
        const bool wasConnected = ioConnected;
        ioConnected = false;
        engineOpen = false;
        stopTimers();
        dropSocket();
        decoder.reset();
        QPointer<SocketIoClient> guard(q);
        if (wasConnected)
            emit q->disconnected(reason);
        else if (guard)
            emit q->connectError(QJsonObject{{QStringLiteral("message"), failureMessage(reason)}});
        if (!guard)
            return;
        acks.failAll();
        if (!guard || socket) // a handler may have reopened or closed us
            return;
        if (options.reconnect && state != State::Disconnected)
            scheduleReconnect();
        else
            setState(State::Disconnected);
    }

    void scheduleReconnect()
    {
        ++attempt;
        if (options.maxReconnectAttempts >= 0 && attempt > options.maxReconnectAttempts) {
            attempt = 0;
            setState(State::Disconnected);
            return;
        }
        const int delayMs
            = ReconnectBackoff(options.reconnectDelayMs, options.reconnectDelayMaxMs, options.randomizationFactor)
                  .delayMs(attempt);
        setState(State::Reconnecting);
        reconnectTimer.start(delayMs);
        emit q->reconnecting(attempt, delayMs);
    }

    void protocolError() { transportLost(QStringLiteral("parse error")); }

    void onText(const QString &message)
    {
        const QByteArray utf8 = message.toUtf8();
        const auto packet = protocol::eio::decodeTextFrame(utf8);
        if (!packet) {
            protocolError();
            return;
        }
        switch (packet->type) {
        case protocol::eio::PacketType::Open:
            onEngineOpen(packet->data);
            break;
        case protocol::eio::PacketType::Ping:
            if (!engineOpen)
                return protocolError();
            socket->sendTextMessage(QStringLiteral("3"));
            pingWatchdog.start(pingIntervalMs + pingTimeoutMs);
            break;
        case protocol::eio::PacketType::Close:
            transportLost(QStringLiteral("transport close"));
            break;
        case protocol::eio::PacketType::Message:
            if (!engineOpen)
                return protocolError();
            handleDecoded(decoder.feedText(QByteArrayView(packet->data)));
            break;
        case protocol::eio::PacketType::Pong:
        case protocol::eio::PacketType::Upgrade:
        case protocol::eio::PacketType::Noop:
            break;
        }
    }

    void onBinary(const QByteArray &message)
    {
        if (!engineOpen)
            return protocolError();
        handleDecoded(decoder.feedBinary(message));
    }

    void onEngineOpen(const QByteArray &json)
    {
        if (engineOpen)
            return protocolError();
        QJsonParseError error;
        const QJsonObject open = QJsonDocument::fromJson(json, &error).object();
        const QJsonValue interval = open.value(QLatin1String("pingInterval"));
        const QJsonValue timeout = open.value(QLatin1String("pingTimeout"));
        if (error.error != QJsonParseError::NoError || !open.value(QLatin1String("sid")).isString()
            || !interval.isDouble() || !timeout.isDouble())
            return protocolError();
        pingIntervalMs = int(std::clamp(interval.toDouble(), double(MinHeartbeatMs), double(MaxHeartbeatMs)));
        pingTimeoutMs = int(std::clamp(timeout.toDouble(), double(MinHeartbeatMs), double(MaxHeartbeatMs)));
        engineOpen = true;
        pingWatchdog.start(pingIntervalMs + pingTimeoutMs);

        protocol::sio::Packet connect;
        connect.type = protocol::sio::PacketType::Connect;
        connect.nsp = options.nsp.isEmpty() ? QStringLiteral("/") : options.nsp;
        if (!options.auth.isEmpty())
            connect.data = options.auth;
        sendPacket(connect);
    }

    void handleDecoded(protocol::sio::Decoder::Result result)
    {
        if (result.error != protocol::sio::DecodeError::None)
            return protocolError();
        if (result.packet)
            handlePacket(std::move(*result.packet));
    }

    void handlePacket(protocol::sio::Packet packet)
    {
        const QString nsp = options.nsp.isEmpty() ? QStringLiteral("/") : options.nsp;
        if (packet.nsp != nsp)
            return; // another namespace multiplexed on this connection: not ours
        switch (packet.type) {
        case protocol::sio::PacketType::Connect:
            onConnectReply(packet.data.toObject());
            break;
        case protocol::sio::PacketType::ConnectError:
            onConnectError(packet.data);
            break;
        case protocol::sio::PacketType::Disconnect:
            onServerDisconnect();
            break;
        case protocol::sio::PacketType::Event:
        case protocol::sio::PacketType::BinaryEvent:
            if (ioConnected)
                onEvent(packet);
            break;
        case protocol::sio::PacketType::Ack:
        case protocol::sio::PacketType::BinaryAck:
            if (ioConnected)
                onAck(packet);
            break;
        }
    }

    void onConnectReply(const QJsonObject &data)
    {
        if (ioConnected)
            return;
        const QString id = data.value(QLatin1String("sid")).toString();
        if (id.isEmpty())
            return protocolError();
        sid = id;
        ioConnected = true;
        connectTimer.stop();
        attempt = 0;
        setState(State::Connected);
        emit q->connected();
    }

    // The server ended the session: close the socket gracefully and cancel any pending
    // reconnection. The caller then moves to Disconnected and tells its listeners.
    void endSessionWithoutReconnect()
    {
        ioConnected = false;
        stopTimers();
        dropSocket(true);
        decoder.reset();
        attempt = 0;
        reconnectTimer.stop();
    }

    // The server refused us (middleware error, unknown namespace): no reconnection, as
    // socket.io-client does.
    void onConnectError(const QJsonValue &data)
    {
        QJsonObject error
            = data.isObject() ? data.toObject() : QJsonObject{{QStringLiteral("message"), data.toString()}};
        endSessionWithoutReconnect();
        QPointer<SocketIoClient> guard(q);
        setState(State::Disconnected);
        if (guard)
            emit q->connectError(error);
    }

    void onServerDisconnect()
    {
        const bool wasConnected = ioConnected;
        endSessionWithoutReconnect();
        QPointer<SocketIoClient> guard(q);
        setState(State::Disconnected);
        if (guard && wasConnected)
            emit q->disconnected(QStringLiteral("io server disconnect"));
        if (guard)
            acks.failAll();
    }

    BinaryAckReply makeReply(const QString &nsp, qint64 id)
    {
        if (id < 0)
            return {};
        QPointer<SocketIoClient> guard(q);
        const quint64 replyEpoch = epoch;
        auto sent = std::make_shared<bool>(false);
        return [guard, replyEpoch, sent, nsp, id](const QJsonArray &args, const QList<QByteArray> &attachments) {
            if (!guard || *sent)
                return;
            Private *d = guard->d.get();
            if (d->epoch != replyEpoch || !d->ioConnected)
                return;
            *sent = true;
            d->sendPacket(protocol::sio::Packet::ack(nsp, id, args, attachments));
        };
    }

    void onEvent(const protocol::sio::Packet &packet)
    {
        const QString name = packet.eventName();
        const QJsonArray args = packet.arguments();
        const BinaryAckReply reply = makeReply(packet.nsp, packet.id);
        const QList<BinaryEventHandler> list = handlers.value(name);
        QPointer<SocketIoClient> guard(q);
        for (const BinaryEventHandler &handler : list) {
            handler(args, packet.attachments, reply);
            if (!guard)
                return;
        }
        emit q->eventReceived(name, args);
        if (guard && !packet.attachments.isEmpty())
            emit q->binaryEventReceived(name, args, packet.attachments);
    }

    void onAck(const protocol::sio::Packet &packet)
    {
        // An unknown id (never asked, or already timed out) is ignored.
        acks.resolve(packet.id, packet.data.toArray(), packet.attachments);
    }

    void emitPacket(const QString &event, const QJsonArray &args, const QList<QByteArray> &attachments,
                    BinaryAckCallback ack, int timeoutMs)
    {
        if (!ioConnected || !socket) {
            if (ack)
                QTimer::singleShot(0, q, [ack] { ack(true, {}, {}); });
            return;
        }
        const int timeout = timeoutMs < 0 ? options.defaultAckTimeoutMs : timeoutMs;
        const qint64 id = ack ? acks.add(std::move(ack), timeout) : -1;
        const QString nsp = options.nsp.isEmpty() ? QStringLiteral("/") : options.nsp;
        sendPacket(protocol::sio::Packet::event(nsp, event, args, attachments, id));
    }
};

SocketIoClient::SocketIoClient(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{}

SocketIoClient::~SocketIoClient()
{
    d->dropSocket();
}

void SocketIoClient::setOptions(const Options &options)
{
    d->options = options;
}

const SocketIoClient::Options &SocketIoClient::options() const
{
    return d->options;
}

void SocketIoClient::setAuth(const QJsonObject &auth)
{
    d->options.auth = auth;
}

void SocketIoClient::setCertificateCheck(CertificateCheck check)
{
    d->certificateCheck = std::move(check);
}

void SocketIoClient::open()
{
    if (d->socket && d->state != State::Disconnected)
        return; // already connecting or connected
    d->reconnectTimer.stop();
    d->attempt = 0;
    d->setState(State::Connecting);
    d->startTransport();
}

void SocketIoClient::reconnectNow()
{
    if (d->state != State::Reconnecting || !d->reconnectTimer.isActive())
        return;
    d->reconnectTimer.stop();
    d->attempt = 0;
    d->startTransport();
}

void SocketIoClient::close()
{
    d->reconnectTimer.stop();
    d->attempt = 0;
    const bool wasConnected = d->ioConnected;
    if (wasConnected) {
        protocol::sio::Packet bye;
        bye.type = protocol::sio::PacketType::Disconnect;
        bye.nsp = d->options.nsp.isEmpty() ? QStringLiteral("/") : d->options.nsp;
        d->sendPacket(bye);
    }
    d->ioConnected = false;
    d->engineOpen = false;
    d->stopTimers();
    d->dropSocket(true);
    d->decoder.reset();
    QPointer<SocketIoClient> guard(this);
    d->setState(State::Disconnected);
    if (guard && wasConnected)
        emit disconnected(QStringLiteral("io client disconnect"));
    if (guard)
        d->acks.failAll();
}

SocketIoClient::State SocketIoClient::state() const
{
    return d->state;
}

QString SocketIoClient::socketId() const
{
    return d->ioConnected ? d->sid : QString();
}

int SocketIoClient::reconnectAttempt() const
{
    return d->state == State::Reconnecting ? d->attempt : 0;
}

int SocketIoClient::msUntilReconnect() const
{
    return d->reconnectTimer.isActive() ? d->reconnectTimer.remainingTime() : -1;
}

void SocketIoClient::emitEvent(const QString &event, const QJsonArray &args, AckCallback ack, int timeoutMs)
{
    BinaryAckCallback wrapped;
    if (ack)
        wrapped = [ack = std::move(ack)](bool timedOut, const QJsonArray &a, const QList<QByteArray> &) {
            ack(timedOut, a);
        };
    d->emitPacket(event, args, {}, std::move(wrapped), timeoutMs);
}

void SocketIoClient::emitBinary(const QString &event, const QJsonArray &args, const QList<QByteArray> &attachments,
                                AckCallback ack, int timeoutMs)
{
    BinaryAckCallback wrapped;
    if (ack)
        wrapped = [ack = std::move(ack)](bool timedOut, const QJsonArray &a, const QList<QByteArray> &) {
            ack(timedOut, a);
        };
    d->emitPacket(event, args, attachments, std::move(wrapped), timeoutMs);
}

void SocketIoClient::emitBinary(const QString &event, const QJsonArray &args, const QList<QByteArray> &attachments,
                                BinaryAckCallback ack, int timeoutMs)
{
    d->emitPacket(event, args, attachments, std::move(ack), timeoutMs);
}

void SocketIoClient::on(const QString &event, EventHandler handler)
{
    if (!handler)
        return;
    onBinary(event, [handler = std::move(handler)](const QJsonArray &args, const QList<QByteArray> &,
                                                   const BinaryAckReply &reply) {
        AckReply plain;
        if (reply)
            plain = [reply](const QJsonArray &a) { reply(a, {}); };
        handler(args, plain);
    });
}

void SocketIoClient::onBinary(const QString &event, BinaryEventHandler handler)
{
    if (handler)
        d->handlers[event].append(std::move(handler));
}

void SocketIoClient::off(const QString &event)
{
    d->handlers.remove(event);
}

} // namespace craftchat::client
