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

} // namespace

SioTestClient::SioTestClient(quint16 port, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    connect(&m_ws, &QWebSocket::textMessageReceived, this, &SioTestClient::onText);
    connect(&m_ws, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_connected = false;
        emit connectResult();
    });
}

SioTestClient::~SioTestClient()
{
    m_ws.abort();
}

bool SioTestClient::connectTo(const QJsonObject &auth, int timeoutMs)
{
    m_ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(m_port)));
    if (!waitUntil([this] { return m_open || m_closed; }, timeoutMs) || !m_open)
        return false;
    m_ws.sendTextMessage(QStringLiteral("40") + QString::fromUtf8(QJsonDocument(auth).toJson(QJsonDocument::Compact)));
    waitUntil([this] { return m_answered || m_closed; }, timeoutMs);
    return m_connected;
}

void SioTestClient::emitEvent(const QString &event, const QJsonValue &arg)
{
    QJsonArray data{event};
    if (!arg.isUndefined())
        data.append(arg);
    m_ws.sendTextMessage(QStringLiteral("42") + QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
}

qint64 SioTestClient::emitAsync(const QString &event, const QJsonValue &arg)
{
    const qint64 id = m_nextAckId++;
    QJsonArray data{event};
    if (!arg.isUndefined())
        data.append(arg);
    m_ws.sendTextMessage(QStringLiteral("42") + QString::number(id)
                         + QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
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
    if (m_ws.state() == QAbstractSocket::ConnectedState) {
        m_ws.sendTextMessage(QStringLiteral("41"));
        m_ws.flush();
        m_ws.close();
    }
    m_connected = false;
}

bool SioTestClient::waitForClosed(int timeoutMs)
{
    return waitUntil([this] { return m_closed; }, timeoutMs);
}

void SioTestClient::onText(const QString &frame)
{
    if (frame.isEmpty())
        return;
    switch (frame.at(0).toLatin1()) {
    case '0': // Engine.IO OPEN
        m_open = true;
        break;
    case '2': // ping
        m_ws.sendTextMessage(QStringLiteral("3") + frame.mid(1));
        break;
    case '1': // close
        m_closed = true;
        m_connected = false;
        break;
    case '4':
        onSocketIoPacket(frame.mid(1));
        break;
    default:
        break;
    }
}

void SioTestClient::onSocketIoPacket(const QString &packet)
{
    if (packet.isEmpty())
        return;
    const QChar type = packet.at(0);
    qsizetype pos = 1;
    // Only the main namespace is used: no "/nsp," prefix expected.
    qsizetype idStart = pos;
    while (pos < packet.size() && packet.at(pos).isDigit())
        ++pos;
    const QString idText = packet.mid(idStart, pos - idStart);
    const QJsonDocument doc = QJsonDocument::fromJson(packet.mid(pos).toUtf8());

    if (type == QLatin1Char('0')) {
        m_connected = true;
        m_answered = true;
        m_sid = doc.object().value(QStringLiteral("sid")).toString();
        emit connectResult();
    } else if (type == QLatin1Char('4')) {
        m_connectError = doc.object();
        m_answered = true;
        emit connectResult();
    } else if (type == QLatin1Char('1')) {
        m_connected = false;
        m_closed = true;
    } else if (type == QLatin1Char('2')) {
        const QJsonArray data = doc.array();
        if (data.isEmpty())
            return;
        const QString name = data.at(0).toString();
        m_events.append({name, data.size() > 1 ? data.at(1) : QJsonValue(QJsonValue::Undefined)});
        emit eventReceived(name);
    } else if (type == QLatin1Char('3')) {
        const qint64 id = idText.toLongLong();
        m_acks.insert(id, doc.array());
        emit ackReceived(id);
    }
}

} // namespace craftchat::testsupport
