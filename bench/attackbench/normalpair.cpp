#include "bench/attackbench/normalpair.h"

#include <QEventLoop>
#include <QJsonArray>

namespace craftchat::bench {

namespace {
constexpr int TickMs = 5;
constexpr int AckTimeoutMs = 10000;
const QString ContentPrefix = QStringLiteral("AB~");

QJsonObject countsToJson(const QMap<QString, qint64> &counts)
{
    QJsonObject out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.insert(it.key(), double(it.value()));
    return out;
}
} // namespace

NormalPair::NormalPair(const QUrl &url, const ApiUser &client, const ApiUser &craftsman, QString chatId, double rate,
                       QObject *parent)
    : QObject(parent)
    , m_chatId(std::move(chatId))
    , m_rate(rate)
{
    client::SocketIoClient::Options options;
    options.url = url;
    options.defaultAckTimeoutMs = AckTimeoutMs;
    options.auth = {{QStringLiteral("token"), client.token}};
    m_sender.setOptions(options);
    options.auth = {{QStringLiteral("token"), craftsman.token}};
    m_receiver.setOptions(options);
    for (client::SocketIoClient *c : {&m_sender, &m_receiver})
        connect(c, &client::SocketIoClient::disconnected, this,
                [this](const QString &reason) { ++m_disconnects[reason]; });
    m_receiver.on(QStringLiteral("new-message"),
                  [this](const QJsonArray &args, const client::SocketIoClient::AckReply &) { received(args); });
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(TickMs);
    connect(&m_tick, &QTimer::timeout, this, &NormalPair::sendDue);
}

bool NormalPair::connectBoth(int timeoutMs)
{
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    auto check = [&] {
        if (m_sender.isConnected() && m_receiver.isConnected())
            loop.quit();
    };
    connect(&m_sender, &client::SocketIoClient::connected, &loop, check);
    connect(&m_receiver, &client::SocketIoClient::connected, &loop, check);
    m_sender.open();
    m_receiver.open();
    loop.exec();
    return m_sender.isConnected() && m_receiver.isConnected();
}

void NormalPair::startSending()
{
    m_clock.start();
    m_tick.start();
}

void NormalPair::stopSending()
{
    m_tick.stop();
}

void NormalPair::close()
{
    m_sender.close();
    m_receiver.close();
}

void NormalPair::sendDue()
{
    const qint64 due = qint64(double(m_clock.nsecsElapsed()) / 1e9 * m_rate);
    while (m_nextSeq < due) {
        const qint64 seq = m_nextSeq++;
        m_sentAtNs.push_back(m_clock.nsecsElapsed());
        m_seen.push_back(false);
        const QJsonObject message{{QStringLiteral("chatId"), m_chatId},
                                  {QStringLiteral("messageType"), QStringLiteral("text")},
                                  {QStringLiteral("content"), QString(ContentPrefix + QString::number(seq))},
                                  {QStringLiteral("clientMessageId"), QStringLiteral("ab-%1").arg(seq)}};
        m_sender.emitEvent(QStringLiteral("send-message"), QJsonArray{message},
                           [this](bool timedOut, const QJsonArray &args) {
                               if (timedOut) {
                                   ++m_sendAnswers[QStringLiteral("no ack")];
                                   return;
                               }
                               const QString code = args.at(0).toObject().value(QStringLiteral("code")).toString();
                               ++m_sendAnswers[code.isEmpty() ? QStringLiteral("message-sent") : code];
                           });
    }
}

void NormalPair::received(const QJsonArray &args)
{
    const QString content = args.at(0).toObject().value(QStringLiteral("content")).toString();
    if (!content.startsWith(ContentPrefix))
        return;
    bool ok = false;
    const qint64 seq = content.mid(ContentPrefix.size()).toLongLong(&ok);
    if (!ok || seq < 0 || seq >= qint64(m_sentAtNs.size()))
        return;
    if (m_seen[size_t(seq)]) {
        ++m_duplicates;
        return;
    }
    m_seen[size_t(seq)] = true;
    ++m_receivedCount;
    m_latency.add(double(m_clock.nsecsElapsed() - m_sentAtNs[size_t(seq)]) / 1e6);
}

QJsonObject NormalPair::report() const
{
    return {{QStringLiteral("rate"), m_rate},
            {QStringLiteral("sent"), double(m_nextSeq)},
            {QStringLiteral("received"), double(m_receivedCount)},
            {QStringLiteral("lost"), double(m_nextSeq - m_receivedCount)},
            {QStringLiteral("duplicates"), double(m_duplicates)},
            {QStringLiteral("sendToOtherMs"), m_latency.summary().toJson()},
            {QStringLiteral("sendAnswers"), countsToJson(m_sendAnswers)},
            {QStringLiteral("disconnects"), countsToJson(m_disconnects)}};
}

} // namespace craftchat::bench
