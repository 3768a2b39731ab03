#include "bench/chatbench/loadconnection.h"

#include "bench/chatbench/monoclock.h"

#include "common/protocol/enginepacket.h"
#include "common/protocol/socketiopacket.h"

namespace craftchat::bench {

LoadConnection::LoadConnection(int index, int user, ConnectionListener *listener, QObject *parent)
    : QObject(parent)
    , m_listener(listener)
    , m_index(index)
    , m_user(user)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        finishConnect(false, QStringLiteral("TIMEOUT"));
        m_socket.abort();
    });
    connect(&m_socket, &QWebSocket::connected, this, [this] { m_wsOpenMs = monoNowMs(); });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LoadConnection::onTextFrame);
    connect(&m_socket, &QWebSocket::disconnected, this, &LoadConnection::onClosed);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this] { m_listener->otherFrame(this, QStringLiteral("(binary frame)")); });
}

void LoadConnection::open(const QUrl &url, const QString &connectFrame, int timeoutMs)
{
    m_connectFrame = connectFrame;
    m_state = State::Connecting;
    m_connectReported = false;
    m_startedMs = monoNowMs();
    m_connectTimer.start(timeoutMs);
    m_socket.open(url);
}

void LoadConnection::sendText(const QString &frame)
{
    ++m_framesOut;
    m_socket.sendTextMessage(frame);
}

void LoadConnection::close()
{
    if (m_state == State::Connected || m_state == State::Connecting)
        m_socket.close();
}

void LoadConnection::finishConnect(bool ok, const QString &why)
{
    if (m_connectReported)
        return;
    m_connectReported = true;
    m_connectTimer.stop();
    if (ok) {
        m_state = State::Connected;
        m_connectedMs = monoNowMs();
    }
    m_listener->connectionFinished(this, ok, why);
}

void LoadConnection::onTextFrame(const QString &frame)
{
    const double now = monoNowMs();
    // hot path: "42[" is a Socket.IO EVENT on the main namespace
    if (frame.size() > 3 && frame.at(0) == QLatin1Char('4') && frame.at(1) == QLatin1Char('2')
        && frame.at(2) == QLatin1Char('[')) {
        m_listener->eventFrame(this, frame, now);
        return;
    }
    if (frame.size() == 1 && frame.at(0) == QLatin1Char('2')) { // Engine.IO ping
        sendText(QStringLiteral("3"));
        return;
    }
    handleNonEvent(frame, now);
}

void LoadConnection::handleNonEvent(const QString &frame, double now)
{
    Q_UNUSED(now);
    const QByteArray bytes = frame.toUtf8();
    const std::optional<protocol::eio::Packet> packet = protocol::eio::decodeTextFrame(bytes);
    if (!packet) {
        m_listener->otherFrame(this, QStringLiteral("(malformed engine.io frame)"));
        return;
    }
    switch (packet->type) {
    case protocol::eio::PacketType::Open:
        sendText(m_connectFrame);
        return;
    case protocol::eio::PacketType::Ping:
        sendText(QString::fromLatin1(protocol::eio::encodeTextFrame(
            protocol::eio::Packet::text(protocol::eio::PacketType::Pong, packet->data))));
        return;
    case protocol::eio::PacketType::Close:
        m_listener->otherFrame(this, QStringLiteral("(engine.io close)"));
        return;
    case protocol::eio::PacketType::Message:
        break;
    default:
        m_listener->otherFrame(this, QStringLiteral("(engine.io packet %1)").arg(int(packet->type)));
        return;
    }
    protocol::sio::DecodeError error = protocol::sio::DecodeError::None;
    const std::optional<protocol::sio::ParsedText> parsed = protocol::sio::parseText(packet->data, &error);
    if (!parsed) {
        m_listener->otherFrame(this, QStringLiteral("(bad socket.io packet: %1)").arg(protocol::sio::toString(error)));
        return;
    }
    const protocol::sio::Packet &p = parsed->packet;
    switch (p.type) {
    case protocol::sio::PacketType::Connect:
        if (m_state == State::Connecting)
            finishConnect(true, {});
        return;
    case protocol::sio::PacketType::ConnectError: {
        const QJsonObject o = p.data.toObject();
        QString code = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("code")).toString();
        if (code.isEmpty())
            code = p.data.isString() ? p.data.toString() : o.value(QStringLiteral("message")).toString();
        finishConnect(false, QStringLiteral("CONNECT_ERROR:%1").arg(code.left(60)));
        m_socket.abort();
        return;
    }
    case protocol::sio::PacketType::Disconnect:
        m_listener->otherFrame(this, QStringLiteral("(namespace disconnect)"));
        return;
    case protocol::sio::PacketType::Event:
        // an event with an ack id or on another namespace
        m_listener->otherFrame(this, QStringLiteral("(event %1 with ack id / namespace)").arg(p.eventName()));
        return;
    default:
        m_listener->otherFrame(this, QStringLiteral("(socket.io packet %1)").arg(int(p.type)));
        return;
    }
}

void LoadConnection::onClosed()
{
    const State was = m_state;
    m_state = State::Closed;
    if (was == State::Connected)
        m_listener->connectionDropped(this, int(m_socket.closeCode()));
    else
        finishConnect(false, m_socket.error() == QAbstractSocket::UnknownSocketError
                                 ? QStringLiteral("CLOSED:%1").arg(int(m_socket.closeCode()))
                                 : QStringLiteral("WS_ERROR:%1").arg(int(m_socket.error())));
}

} // namespace craftchat::bench
