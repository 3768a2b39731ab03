// chatbench: load generator for the CraftChat wire contract. See bench/chatbench/README.md.
#include "bench/chatbench/benchoptions.h"
#include "bench/chatbench/benchrun.h"
#include "bench/chatbench/comparereport.h"
#include "bench/chatbench/durabilitycheck.h"
#include "bench/chatbench/report.h"
#include "common/eventloop/epolleventdispatcher.h"
#include "common/eventloop/openfilelimit.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <unistd.h>

using namespace craftchat::bench;

namespace {

void printResult(const QJsonObject &result, bool jsonOnly)
{
    QTextStream out(stdout);
    if (!jsonOnly)
        out << humanReport(result) << '\n';
    out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    // epoll instead of Qt's poll()-based dispatchers: their cost per wake-up grows with the
    // number of sockets (CHATBENCH_QT_DISPATCHER=1 keeps Qt's, for comparison)
    if (qEnvironmentVariableIntValue("CHATBENCH_QT_DISPATCHER") == 0) {
        auto *dispatcher = new craftchat::eventloop::EpollEventDispatcher;
        if (dispatcher->isValid())
            QCoreApplication::setEventDispatcher(dispatcher);
        else
            delete dispatcher;
    }
    craftchat::eventloop::raiseOpenFileLimit(); // every socket is a descriptor
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chatbench"));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() > 1 && args.at(1) == QLatin1String("compare"))
        return runCompare(args.mid(2));
    if (args.size() > 1 && args.at(1) == QLatin1String("verify-durability"))
        return runDurabilityCheck(args.mid(2));

    QString error;
    bool helpShown = false;
    const std::optional<BenchOptions> options = parseBenchOptions(args, &error, &helpShown);
    if (!options) {
        if (helpShown)
            return 0;
        QTextStream(stderr) << "chatbench: " << error << " (see --help)\n";
        return 2;
    }

    if (!options->caFile.isEmpty()) {
        // Every QNetworkAccessManager request and QWebSocket of the run trusts this CA too.
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(options->caFile, QSsl::Pem);
        if (authorities.isEmpty()) {
            QTextStream(stderr) << "chatbench: no PEM certificate in " << options->caFile << "\n";
            return 2;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(authorities);
        QSslConfiguration::setDefaultConfiguration(tls);
    }

    BenchRun run(*options);
    // hard limit: print what there is and leave, even from inside a phase
    QTimer::singleShot(int(options->maxRun * 1000), &app, [&run, &options] {
        QTextStream(stderr) << "chatbench: --max-run reached\n";
        printResult(run.result(), options->jsonOnly);
        std::fflush(stdout);
        ::_exit(3);
    });
    const int code = run.run();
    printResult(run.result(), options->jsonOnly);
    return code;
}
