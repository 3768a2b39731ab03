#include "ui/models/typingdebouncer.h"

namespace craftchat::ui {

TypingDebouncer::TypingDebouncer(QObject *parent)
    : QObject(parent)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(3000);
    connect(&m_idle, &QTimer::timeout, this, &TypingDebouncer::stop);
}

void TypingDebouncer::keystroke()
{
    m_idle.start();
    if (!m_typing) {
        m_typing = true;
        emit typingStarted();
    }
}

void TypingDebouncer::stop()
{
    m_idle.stop();
    if (m_typing) {
        m_typing = false;
        emit typingStopped();
    }
}

} // namespace craftchat::ui
