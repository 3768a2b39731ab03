#include "tests/support/siotestclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

#include <functional>

namespace craftchat::testsupport {

namespace {

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5);
    }
    return true;
}

QByteArray compactJson(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

SioTestClient::SioTestClient(quint16 port, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    connect(&m_raw.ws().socket(), &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_connected = false;
        emit connectResult();
    });
}

bool SioTestClient::connectTo(const QJsonObject &auth, int timeoutMs)
{
    // While the raw client reads the handshake itself, queued frames are not taken here.
    disconnect(m_queueConnection);
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(m_port));
    if (!m_raw.open(url, true, timeoutMs))
        return false;
    if (const auto answer = m_raw.connectNamespace(QStringLiteral("/"), auth, timeoutMs))
        onSocketIoPacket(*answer);
    m_queueConnection = connect(&m_raw.ws(), &WsTestClient::frameQueued, this, &SioTestClient::takeQueuedFrames);
    takeQueuedFrames(); // what came with the answer
    return m_connected;
}

void SioTestClient::emitEvent(const QString &event, const QJsonValue &arg)
{
    QJsonArray data{event};
    if (!arg.isUndefined())
        data.append(arg);
    m_raw.send("2" + compactJson(data));
}

qint64 SioTestClient::emitAsync(const QString &event, const QJsonValue &arg)
{
    const qint64 id = m_nextAckId++;
    QJsonArray data{event};
    if (!arg.isUndefined())
        data.append(arg);
    m_raw.send("2" + QByteArray::number(id) + compactJson(data));
    return id;
}

std::optional<QJsonArray> SioTestClient::waitForAck(qint64 id, int timeoutMs)
{
    if (!waitUntil([this, id] { return m_acks.contains(id) || m_closed; }, timeoutMs) || !m_acks.contains(id))
        return std::nullopt;
    return m_acks.take(id);
}

std::optional<QJsonArray> SioTestClient::emitWithAck(const QString &event, const QJsonValue &arg, int timeoutMs)
{
    return waitForAck(emitAsync(event, arg), timeoutMs);
}

QList<QJsonValue> SioTestClient::eventsNamed(const QString &name) const
{
    QList<QJsonValue> out;
    for (const auto &e : m_events) {
        if (e.first == name)
            out.append(e.second);
    }
    return out;
}

bool SioTestClient::waitForEvents(const QString &name, int n, int timeoutMs)
{
    return waitUntil([this, &name, n] { return count(name) >= n; }, timeoutMs);
}

QJsonValue SioTestClient::waitForEvent(const QString &name, int timeoutMs)
{
    if (!waitForEvents(name, 1, timeoutMs))
        return QJsonValue(QJsonValue::Undefined);
    return eventsNamed(name).constLast();
}

void SioTestClient::disconnectFromServer()
{
    QWebSocket &socket = m_raw.ws().socket();
    if (socket.state() == QAbstractSocket::ConnectedState) {
        m_raw.send("1");
        socket.flush();
        socket.close();
    }
    m_connected = false;
}

bool SioTestClient::waitForClosed(int timeoutMs)
{
    return waitUntil([this] { return m_closed; }, timeoutMs);
}

void SioTestClient::takeQueuedFrames()
{
    while (m_raw.ws().pendingFrames() > 0) {
        const auto frame = m_raw.ws().next(0);
        if (!frame || frame->binary || frame->data.isEmpty())
            continue;
        if (frame->data.at(0) == '4') {
            onSocketIoPacket(frame->data.mid(1));
        } else if (frame->data.at(0) == '1') { // Engine.IO CLOSE
            m_closed = true;
            m_connected = false;
        }
    }
}

void SioTestClient::onSocketIoPacket(const QByteArray &packet)
{
    if (packet.isEmpty())
        return;
    const QJsonValue data = SioRawClient::dataOf(packet);
    switch (packet.at(0)) {
    case '0': // CONNECT
        m_connected = true;
        m_sid = data.toObject().value(QStringLiteral("sid")).toString();
        emit connectResult();
        break;
    case '4': // CONNECT_ERROR
        m_connectError = data.toObject();
        emit connectResult();
        break;
    case '1': // DISCONNECT
        m_connected = false;
        m_closed = true;
        break;
    case '2': { // EVENT (only the main namespace is used: no "/nsp," prefix)
        const QJsonArray args = data.toArray();
        if (args.isEmpty())
            return;
        const QString name = args.at(0).toString();
        m_events.append({name, args.size() > 1 ? args.at(1) : QJsonValue(QJsonValue::Undefined)});
        emit eventReceived(name);
        break;
    }
    case '3': { // ACK
        qsizetype end = 1;
        while (end < packet.size() && packet.at(end) >= '0' && packet.at(end) <= '9')
            ++end;
        const qint64 id = packet.mid(1, end - 1).toLongLong();
        m_acks.insert(id, data.toArray());
        emit ackReceived(id);
        break;
    }
    default:
        break;
    }
}

} // namespace craftchat::testsupport
