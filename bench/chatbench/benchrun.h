// The benchmark script: setup -> connect -> settle -> warm-up -> steady or max, with the
// bookkeeping of every socket and message. Produces one JSON result object.
#pragma once

#include "bench/chatbench/benchoptions.h"
#include "bench/chatbench/httpsetup.h"
#include "bench/chatbench/loadconnection.h"
#include "bench/chatbench/looplagmonitor.h"
#include "bench/chatbench/measurementwindow.h"
#include "bench/chatbench/messageledger.h"
#include "bench/chatbench/openloopsender.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <vector>

namespace craftchat::bench {

class BenchRun : public QObject, public ConnectionListener
{
    Q_OBJECT
public:
    explicit BenchRun(BenchOptions options, QObject *parent = nullptr);

    // Runs every phase; returns the exit code (0 ok, 1 setup/connect failure).
    int run();
    // The result so far (complete after run()).
    QJsonObject result();

    void connectionFinished(LoadConnection *connection, bool ok, const QString &why) override;
    void connectionDropped(LoadConnection *connection, int closeCode) override;
    void eventFrame(LoadConnection *connection, QStringView frame, double arrivedMs) override;
    void otherFrame(LoadConnection *connection, const QString &what) override;

private:
    struct StepVerdict
    {
        QJsonObject report;
        bool pass = false;
        bool toolBound = false;
        bool backlogNotCleared = false;
        double rate = 0;
    };

    void progress(const QString &line) const;
    bool setupPhase();
    bool connectPhase();
    void prepareSending();
    void sendOne(PhaseStats &phase, double scheduledMs);
    LoadConnection *pickConnection(int user);
    void runLoad(PhaseStats &phase, double rate, double seconds);
    bool drain(const PhaseStats &phase, double timeoutMs);
    void warmupPhase();
    void steadyPhase();
    void maxPhase();
    StepVerdict runStep(double rate, int number);
    void onNewMessage(LoadConnection *connection, QStringView frame, double now);
    void onMessageSent(LoadConnection *connection, QStringView frame, double now);
    void onError(LoadConnection *connection, QStringView frame);
    qint64 popPending(LoadConnection *connection);
    void killServerForDurabilityCheck();
    void startPeakPoll();
    void stopPeakPoll();
    void closeAll();
    QJsonObject resourcesJson();
    QJsonObject eventsJson() const;

    BenchOptions m_options;
    QString m_runId;
    QString m_cmidPrefix;
    QUrl m_wsUrl;
    int m_clients = 0;
    int m_craftsmen = 0;
    SetupResult m_setup;
    std::vector<QString> m_connectFrames; // per user
    std::vector<LoadConnection *> m_connections;
    std::vector<std::vector<LoadConnection *>> m_userConnections;
    std::vector<int> m_live;       // connected sockets per user
    std::vector<int> m_roundRobin; // per user
    std::vector<int> m_chatOrder;
    std::vector<QString> m_chatFramePrefix; // per chat: 42["send-message",{"chatId":...,"content":"
    QString m_padding;
    qint64 m_nextMessage = 0;
    std::vector<qint32> m_chatOfMessage; // seq -> chat index
    bool m_serverKilled = false;

    MessageLedger m_ledger;
    OpenLoopSender m_sender;
    LoopLagMonitor m_lagMonitor;
    QTimer m_peakPoll;
    qint64 m_peakRssKB = 0;

    // connect phase
    int m_connectNext = 0;
    int m_connectDone = 0;
    int m_connectOk = 0;
    std::vector<int> m_connectQueue;
    LatencySamples m_connectAuthMs;
    LatencySamples m_wsOpenMs;

    // counters
    qint64 m_framesIn = 0;
    qint64 m_chatUpdated = 0;
    qint64 m_newChatNotifications = 0;
    qint64 m_foreignNewMessages = 0;
    qint64 m_unmatchedSent = 0;
    qint64 m_duplicateSent = 0;
    qint64 m_drops = 0;
    QMap<QString, int> m_connectErrors;
    QMap<QString, int> m_otherEvents;
    QMap<QString, int> m_unattributedErrors;
    bool m_shuttingDown = false;

    // resources
    ProcSample m_srvStart, m_srvAfterSetup, m_srvAfterConnect, m_srvAfterSettle, m_srvEnd;
    WindowFigures m_connectWindow;
    WindowFigures m_measuredWindow;
    bool m_haveMeasuredWindow = false;
    double m_selfCpuAtStart = 0;
    QJsonObject m_result;
    QStringList m_warnings;
};

} // namespace craftchat::bench
