#include "tests/support/siorawclient.h"

#include <QJsonDocument>

namespace craftchat::testsupport {

SioRawClient::SioRawClient(QObject *parent)
    : QObject(parent)
{}

bool SioRawClient::open(const QUrl &url, bool autoPong, int timeoutMs)
{
    m_ws.setAutoPong(autoPong);
    if (!m_ws.open(url, timeoutMs))
        return false;
    const auto frame = m_ws.nextText(timeoutMs);
    if (!frame || !frame->startsWith('0'))
        return false;
    m_open = QJsonDocument::fromJson(frame->mid(1)).object();
    return !m_open.value(QStringLiteral("sid")).toString().isEmpty();
}

std::optional<QByteArray> SioRawClient::connectNamespace(const QString &nsp, const std::optional<QJsonObject> &auth,
                                                         int timeoutMs)
{
    QByteArray packet = "0";
    if (nsp != QLatin1String("/"))
        packet += nsp.toUtf8() + ',';
    if (auth)
        packet += QJsonDocument(*auth).toJson(QJsonDocument::Compact);
    send(packet);
    auto answer = nextPacket(timeoutMs);
    if (answer && answer->startsWith('0')) {
        const QJsonObject data = dataOf(*answer).toObject();
        m_socketIds.insert(nsp, data.value(QStringLiteral("sid")).toString());
    }
    return answer;
}

std::optional<QByteArray> SioRawClient::nextPacket(int timeoutMs)
{
    const auto frame = m_ws.next(timeoutMs);
    if (!frame || frame->binary || !frame->data.startsWith('4'))
        return std::nullopt;
    return frame->data.mid(1);
}

std::optional<QByteArray> SioRawClient::nextAttachment(int timeoutMs)
{
    const auto frame = m_ws.next(timeoutMs);
    if (!frame || !frame->binary)
        return std::nullopt;
    return frame->data;
}

bool SioRawClient::staysQuiet(int timeoutMs)
{
    return !m_ws.next(timeoutMs).has_value();
}

QJsonValue SioRawClient::dataOf(const QByteArray &packet)
{
    qsizetype i = 1; // after the type digit
    const qsizetype dash = packet.indexOf('-');
    if ((packet.startsWith('5') || packet.startsWith('6')) && dash > 0)
        i = dash + 1;
    if (i < packet.size() && packet.at(i) == '/') {
        const qsizetype comma = packet.indexOf(',', i);
        i = comma < 0 ? packet.size() : comma + 1;
    }
    while (i < packet.size() && packet.at(i) >= '0' && packet.at(i) <= '9')
        ++i;
    if (i >= packet.size())
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray json = packet.mid(i);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    // A bare string (CONNECT_ERROR may carry one).
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

} // namespace craftchat::testsupport
