// Turns SIGINT and SIGTERM into a Qt signal on the event loop thread (the self-pipe trick:
// the POSIX handler only writes one byte to a socketpair; a QSocketNotifier reads it), so
// shutdown code runs as ordinary event-loop code. SIGHUP becomes reloadRequested() the same
// way (the TLS certificate is read again). SIGPIPE is ignored.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace craftchat::runtime {

class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    // Installs the handlers; only one instance may be active at a time.
    explicit ShutdownSignals(QObject *parent = nullptr);
    // Restores the default handlers.
    ~ShutdownSignals() override;

    bool isActive() const { return m_notifier != nullptr; }

signals:
    void shutdownRequested(int signalNumber);
    void reloadRequested(); // SIGHUP

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace craftchat::runtime
