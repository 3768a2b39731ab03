// One attackbench run: setup over HTTP, the normal pair connected, the seven attacks and the
// pair's messages for --seconds (plus --drain for late messages), sampling the server's RSS
// and the attackers alive every 100 ms; then everything is closed and the result returned.
#pragma once

#include "bench/attackbench/attack.h"
#include "bench/attackbench/attackoptions.h"
#include "bench/attackbench/serverprocess.h"

#include <QJsonObject>
#include <memory>
#include <vector>

namespace craftchat::bench {

class AttackRun
{
public:
    explicit AttackRun(AttackOptions options);
    ~AttackRun();

    // 0 ok, 1 setup failure (result() says what), 2 bad usage.
    int run();
    QJsonObject result() const { return m_result; }

private:
    int fail(int code, const QString &what);
    void createAttacks(const AttackTarget &target);

    AttackOptions m_options;
    std::unique_ptr<ServerProcess> m_server;
    std::vector<std::unique_ptr<Attack>> m_attacks;
    QJsonObject m_result;
};

// The human-readable report of a result, targets next to the figures.
QString textReport(const QJsonObject &result);

} // namespace craftchat::bench
