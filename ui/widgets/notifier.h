// The tray icon (with the unread total) and desktop notifications; clicking a notification
// (or the tray icon) brings the window up with that chat open.
#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QMenu;

namespace craftchat::ui {

class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    void setUnreadTotal(int total);
    int unreadTotal() const { return m_total; }
    void setMenu(QMenu *menu);
    // Shows a desktop notification (when a tray is available) and reports it.
    void show(const QString &chatId, const QString &title, const QString &body);
    QString lastChatId() const { return m_lastChatId; }

    // The tray icon with a badge, for any size.
    static QIcon trayIcon(int unread);

signals:
    void shown(const QString &chatId, const QString &title, const QString &body);
    void chatRequested(const QString &chatId); // a notification was clicked
    void activated();                          // the tray icon was clicked

private:
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastChatId;
    int m_total = 0;
};

} // namespace craftchat::ui
