// The normal users during the attack: a client and a craftsman on the real SocketIoClient,
// the client sending to their chat at a fixed rate (open loop), the craftsman timing each
// new-message from send to receipt.
#pragma once

#include "bench/attackbench/apisetup.h"
#include "bench/chatbench/latencysamples.h"
#include "common/client/socketioclient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <vector>

namespace craftchat::bench {

class NormalPair : public QObject
{
    Q_OBJECT
public:
    NormalPair(const QUrl &url, const ApiUser &client, const ApiUser &craftsman, QString chatId, double rate,
               QObject *parent = nullptr);

    bool connectBoth(int timeoutMs); // blocks (event loop) until both are connected
    void startSending();
    void stopSending();
    void close();

    qint64 sent() const { return m_nextSeq; }
    qint64 received() const { return m_receivedCount; }
    LatencySummary latency() const { return m_latency.summary(); }
    QJsonObject report() const;

private:
    void sendDue();
    void received(const QJsonArray &args);

    client::SocketIoClient m_sender;
    client::SocketIoClient m_receiver;
    QString m_chatId;
    double m_rate = 20;
    QTimer m_tick;
    QElapsedTimer m_clock;
    qint64 m_nextSeq = 0;
    std::vector<qint64> m_sentAtNs; // by sequence number
    std::vector<bool> m_seen;
    qint64 m_receivedCount = 0;
    qint64 m_duplicates = 0;
    LatencySamples m_latency;
    QMap<QString, qint64> m_sendAnswers; // "message-sent", error codes, "no ack"
    QMap<QString, qint64> m_disconnects; // reason -> count, both clients
};

} // namespace craftchat::bench
