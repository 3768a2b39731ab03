// Turns keystrokes into typing-start / typing-stop: one start when typing begins, one stop
// after idleMs without a keystroke or when the message is sent.
#pragma once

#include <QObject>
#include <QTimer>

namespace craftchat::ui {

class TypingDebouncer : public QObject
{
    Q_OBJECT
public:
    explicit TypingDebouncer(QObject *parent = nullptr);

    void setIdleMs(int ms) { m_idle.setInterval(ms); }
    int idleMs() const { return m_idle.interval(); }
    bool isTyping() const { return m_typing; }

    void keystroke(); // the text changed by the user
    void stop();      // sent, cleared or the chat was left: stop now if typing

signals:
    void typingStarted();
    void typingStopped();

private:
    QTimer m_idle;
    bool m_typing = false;
};

} // namespace craftchat::ui
