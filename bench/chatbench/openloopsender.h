// Open-loop schedule: message i is due at start + i / rate whether or not the server has
// answered earlier ones. A precise single-shot timer wakes up for the next due message and
// sends everything due (bounded per wake-up so the event loop keeps reading frames).
#pragma once

#include <QObject>
#include <QTimer>
#include <functional>

namespace craftchat::bench {

class OpenLoopSender : public QObject
{
    Q_OBJECT
public:
    using SendFunction = std::function<void(double scheduledMs)>;

    explicit OpenLoopSender(QObject *parent = nullptr);

    // Sends round(rate * seconds) messages; emits finished() after the last one, or after
    // seconds + 10 s with truncated() > 0 if the tool could not keep up.
    void start(double rate, double seconds, SendFunction send);
    qint64 truncated() const { return m_total - m_next; }
    bool isRunning() const { return m_running; }

signals:
    void finished();

private:
    void tick();

    QTimer m_timer;
    SendFunction m_send;
    double m_startMs = 0;
    double m_perMs = 0;
    double m_hardEndMs = 0;
    qint64 m_total = 0;
    qint64 m_next = 0;
    bool m_running = false;
};

} // namespace craftchat::bench
