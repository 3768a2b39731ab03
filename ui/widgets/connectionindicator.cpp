#include "ui/widgets/connectionindicator.h"

namespace craftchat::ui {

ConnectionIndicator::ConnectionIndicator(ChatSession *session, QWidget *parent)
    : QLabel(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("connectionIndicator"));
    setTextFormat(Qt::RichText);
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &ConnectionIndicator::refresh);
    connect(session, &ChatSession::connectionStateChanged, this, &ConnectionIndicator::refresh);
    connect(session, &ChatSession::reconnectScheduled, this, &ConnectionIndicator::refresh);
    refresh();
}

QString ConnectionIndicator::describe(ChatSession::ConnectionState state, int secondsLeft)
{
    switch (state) {
    case ChatSession::ConnectionState::Connected:
        return tr("Connected");
    case ChatSession::ConnectionState::Connecting:
        return tr("Connecting…");
    case ChatSession::ConnectionState::Reconnecting:
        if (secondsLeft > 0)
            return tr("Reconnecting in %n s", nullptr, secondsLeft);
        return tr("Reconnecting…");
    case ChatSession::ConnectionState::Offline:
        break;
    }
    return tr("Offline");
}

void ConnectionIndicator::refresh()
{
    if (!m_session)
        return;
    const auto state = m_session->state();
    const char *colour = "#9e9e9e";
    if (state == ChatSession::ConnectionState::Connected)
        colour = "#2e9d4f";
    else if (state == ChatSession::ConnectionState::Connecting || state == ChatSession::ConnectionState::Reconnecting)
        colour = "#e0a100";
    const QString text = describe(state, m_session->secondsUntilReconnect());
    setText(QStringLiteral("<span style=\"color:%1\">●</span> %2").arg(QLatin1String(colour), text.toHtmlEscaped()));
    setAccessibleName(tr("Connection: %1").arg(text));
    if (state == ChatSession::ConnectionState::Reconnecting)
        m_tick.start();
    else
        m_tick.stop();
}

} // namespace craftchat::ui
