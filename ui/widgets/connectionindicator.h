// Always-visible connection state: connected, connecting, reconnecting in N s, offline; and
// whether it is encrypted: a lock for https, "Not encrypted" for http:// to another computer
// (http to this computer is not shown: nothing crosses the network).
#pragma once

#include "ui/net/chatsession.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace craftchat::ui {

class ConnectionIndicator : public QLabel
{
    Q_OBJECT
public:
    explicit ConnectionIndicator(ChatSession *session, QWidget *parent = nullptr);

    static QString describe(ChatSession::ConnectionState state, int secondsLeft);
    enum class Security {
        Encrypted,    // https
        NotEncrypted, // http to another computer
        Local,        // http to this computer (loopback)
    };
    static Security security(const QUrl &server);
    // "" for Local.
    static QString describeSecurity(Security security);

private:
    void refresh();

    QPointer<ChatSession> m_session;
    QTimer m_tick;
};

} // namespace craftchat::ui
