// Always-visible connection state: connected, connecting, reconnecting in N s, offline.
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

private:
    void refresh();

    QPointer<ChatSession> m_session;
    QTimer m_tick;
};

} // namespace craftchat::ui
