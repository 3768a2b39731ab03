// Who is typing in which chat (from user-typing). An entry expires by itself when no
// typing-stop arrives (a peer that went away), after timeoutMs.
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace craftchat::ui {

class TypingTracker : public QObject
{
    Q_OBJECT
public:
    explicit TypingTracker(QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    void setCurrentUserId(const QString &userId) { m_userId = userId; }

    // Own events (several sockets of the same user) are ignored.
    void setTyping(const QString &chatId, const QString &userId, bool typing);
    // A message from that user ends their typing at once.
    void messageArrived(const QString &chatId, const QString &userId);
    void clear();

    bool isTyping(const QString &chatId) const;
    QStringList typingUsers(const QString &chatId) const;

signals:
    // Whether anyone types in chatId changed, or who.
    void typingChanged(const QString &chatId, bool anyoneTyping);

private:
    static QString key(const QString &chatId, const QString &userId);

    QHash<QString, QTimer *> m_expiry; // chatId + '\n' + userId
    QString m_userId;
    int m_timeoutMs = 6000;
};

} // namespace craftchat::ui
