// attackbench: hostile traffic against a CraftChat server (issue 16). See bench/attackbench/README.md.
#include "bench/attackbench/attackoptions.h"
#include "bench/attackbench/attackrun.h"
#include "common/eventloop/openfilelimit.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

using namespace craftchat::bench;

int main(int argc, char *argv[])
{
    craftchat::eventloop::raiseOpenFileLimit();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("attackbench"));

    QString error;
    bool helpShown = false;
    const std::optional<AttackOptions> options = parseAttackOptions(QCoreApplication::arguments(), &error, &helpShown);
    if (!options) {
        if (helpShown)
            return 0;
        QTextStream(stderr) << "attackbench: " << error << " (see --help)\n";
        return 2;
    }

    AttackRun run(*options);
    // a hard stop whatever happens: setup (at most about a minute), the run, the drain
    const int maxRunMs = int((options->seconds + options->drainSeconds + 120) * 1000);
    QTimer::singleShot(maxRunMs, &app, [] {
        QTextStream(stderr) << "attackbench: hard time limit reached\n";
        std::fflush(stderr);
        ::_exit(3);
    });
    const int code = run.run();
    QTextStream out(stdout);
    out << textReport(run.result());
    if (options->json)
        out << QJsonDocument(run.result()).toJson(QJsonDocument::Compact) << '\n';
    return code;
}
