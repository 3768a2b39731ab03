#include "bench/attackbench/serverprocess.h"

#include <QFile>
#include <QHostAddress>
#include <QTcpServer>

namespace craftchat::bench {

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &program, QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    { // a free port: bind port 0, remember it, let it go (the server binds it right after)
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free port: ") + probe.errorString();
            return false;
        }
        m_port = probe.serverPort();
    }
    m_process.setProgram(program);
    m_process.setArguments({QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                            QString::number(m_port), QStringLiteral("--data-dir"),
                            m_dir.filePath(QStringLiteral("data")), QStringLiteral("--password-hash"),
                            QStringLiteral("minimum"), QStringLiteral("--rate-limit"), QStringLiteral("1000000"),
                            QStringLiteral("--log-level"), QStringLiteral("warning")});
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("server.log")));
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("server.log")), QIODevice::Append);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        *error = program + QStringLiteral(": ") + m_process.errorString();
        return false;
    }
    return true;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QString ServerProcess::logTail(int lines) const
{
    QFile file(m_dir.filePath(QStringLiteral("server.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QLatin1Char('\n'));
}

} // namespace craftchat::bench
