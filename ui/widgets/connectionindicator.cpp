#include "ui/widgets/connectionindicator.h"

#include <QHostAddress>

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

ConnectionIndicator::Security ConnectionIndicator::security(const QUrl &server)
{
    const QString scheme = server.scheme().toLower();
    if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        return Security::Encrypted;
    const QString host = server.host().toLower();
    // No server yet (a demo session) counts as local: nothing crosses a network.
    if (host.isEmpty() || host == QLatin1String("localhost") || QHostAddress(host).isLoopback())
        return Security::Local;
    return Security::NotEncrypted;
}

QString ConnectionIndicator::describeSecurity(Security security)
{
    switch (security) {
    case Security::Encrypted:
        return tr("Encrypted");
    case Security::NotEncrypted:
        return tr("Not encrypted");
    case Security::Local:
        break;
    }
    return {};
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
    QString text = describe(state, m_session->secondsUntilReconnect());
    QString html
        = QStringLiteral("<span style=\"color:%1\">●</span> %2").arg(QLatin1String(colour), text.toHtmlEscaped());
    const Security secure = security(m_session->serverUrl());
    const QString securityText = describeSecurity(secure);
    if (secure == Security::Encrypted)
        html += QStringLiteral(" · <img src=\":/icons/lock.svg\" width=\"12\" height=\"12\"> %1")
                    .arg(securityText.toHtmlEscaped());
    else if (secure == Security::NotEncrypted)
        html += QStringLiteral(" · <img src=\":/icons/lock-open.svg\" width=\"12\" height=\"12\"> "
                               "<span style=\"color:#b00020\">%1</span>")
                    .arg(securityText.toHtmlEscaped());
    if (!securityText.isEmpty())
        text += QStringLiteral(", ") + securityText;
    setText(html);
    setToolTip(secure == Security::NotEncrypted ? tr("Messages and passwords cross the network unencrypted. Ask the "
                                                     "server's host for an https:// address.")
                                                : QString());
    setAccessibleName(tr("Connection: %1").arg(text));
    if (state == ChatSession::ConnectionState::Reconnecting)
        m_tick.start();
    else
        m_tick.stop();
}

} // namespace craftchat::ui
