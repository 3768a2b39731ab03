// --start-server: craftchat-server on a free loopback port with a temporary data directory,
// cheap password hashes and no message rate limit; its log goes to a file in that directory.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace craftchat::bench {

class ServerProcess
{
public:
    ~ServerProcess();
    bool start(const QString &program, QString *error);
    void stop(); // SIGTERM, then SIGKILL after 5 s
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() == QProcess::Running; }
    QString logTail(int lines) const;
    QStringList arguments() const { return m_process.arguments(); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace craftchat::bench
