// HTTP setup phase: registers the users and creates the chats through the contract's API,
// with a bounded number of requests in flight.
#pragma once

#include "bench/chatbench/benchoptions.h"
#include "bench/chatbench/latencysamples.h"

#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QObject>
#include <functional>
#include <optional>
#include <vector>

namespace craftchat::bench {

struct BenchUser
{
    bool valid = false;
    bool client = false; // else craftsman
    QString id;
    QString token;
};

struct BenchChat
{
    QString id;
    int client = 0;    // user index
    int craftsman = 0; // user index
};

struct SetupResult
{
    std::vector<BenchUser> users;
    std::vector<BenchChat> chats;
    int usersOk = 0;
    int chatsWanted = 0;
    LatencySamples registerMs;
    LatencySamples createChatMs;
    QMap<QString, int> errors; // "what:code" -> count
    int rateLimitedAnswers = 0;
    double seconds = 0;
    QJsonObject toJson(int clients, int craftsmen) const;
};

class HttpSetup : public QObject
{
    Q_OBJECT
public:
    HttpSetup(const BenchOptions &options, QString runId, QObject *parent = nullptr);

    // Blocks (running the event loop) until every user and chat is done or has failed.
    SetupResult run();
    // GET /health until 200 or timeoutMs.
    bool waitHealthy(double timeoutMs);

private:
    struct Answer
    {
        int status = 0; // 0 = network error or timeout
        QJsonObject body;
        QString code;
    };
    using AnswerHandler = std::function<void(const Answer &)>;

    void request(const QByteArray &verb, const QString &path, const QJsonObject &body, const QString &token,
                 AnswerHandler handler);
    // Runs task(i, done) for i in [0, n) with at most concurrency tasks unfinished.
    void runPool(int n, int concurrency, const std::function<void(int, std::function<void()>)> &task);
    void registerUser(int index, int attempt, std::function<void()> done);
    void createChat(int pair, int attempt, std::function<void()> done);
    void noteError(const QString &what, const Answer &answer);
    bool shouldRetry(const Answer &answer, int attempt);

    const BenchOptions &m_options;
    QString m_runId;
    QNetworkAccessManager m_network;
    SetupResult m_result;
    std::vector<std::pair<int, int>> m_pairs;
    std::vector<std::optional<BenchChat>> m_made;
};

} // namespace craftchat::bench
