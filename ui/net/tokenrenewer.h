// Keeps a session's token fresh: tokens live for hours, not weeks, so the app asks the server
// for a new one (POST /api/auth/refresh) once half of the current one's lifetime has passed,
// and again at once after a reconnect when that moment was missed. A refused renewal (401: the
// token was revoked, the password changed, the account deleted) ends the session; a server
// without the endpoint (404) leaves the token as it is.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace craftchat::ui {

class ChatSession;

class TokenRenewer : public QObject
{
    Q_OBJECT
public:
    explicit TokenRenewer(ChatSession *session, QObject *parent = nullptr);

    // When the current token should be renewed (invalid when it has no readable lifetime).
    QDateTime renewalDue() const { return m_due; }
    // The issue and expiry times of a JWT, read without verifying it (only the server can).
    struct Lifetime
    {
        QDateTime issuedAt;
        QDateTime expiresAt;
    };
    static Lifetime lifetimeOf(const QString &token);

public slots:
    // Renews now (when the session is connected), whatever the schedule says.
    void renewNow();

signals:
    void renewed(const QString &token);
    void refused(); // the server no longer accepts this session

private:
    void schedule();
    void renewIfDue();

    QPointer<ChatSession> m_session;
    QTimer m_timer;
    QDateTime m_due;
    bool m_busy = false;
    bool m_unsupported = false;
};

} // namespace craftchat::ui
