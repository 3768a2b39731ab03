// The start window's first page: the server's address (the recent ones in a list) with
// Connect, or "Host a server on this computer". An invitation (craftchat://join?...) pasted
// into the address field opens the invitation instead.
#pragma once

#include "ui/net/invitation.h"

#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace craftchat::ui {

class ServerPage : public QWidget
{
    Q_OBJECT
public:
    // canHost: false when this build cannot host a server (the button says why).
    ServerPage(bool canHost, QWidget *parent = nullptr);

    QLineEdit *addressEdit() const { return m_address; }
    QComboBox *recentServersBox() const { return m_recent; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *hostButton() const { return m_hostButton; }
    QLabel *errorLabel() const { return m_error; }

    void showError(const QString &text);
    void setBusy(bool busy);
    // Puts a server that answered at the top of the recent ones.
    void rememberServer(const QUrl &url);

    // The addresses connected to before, newest first (at most MaxRecentServers).
    static QStringList recentServers();
    // "192.168.1.20" -> http://192.168.1.20:3001; "" for what is no http(s) address.
    static QUrl normalizeServerAddress(const QString &text);
    static constexpr int MaxRecentServers = 8;

signals:
    void connectRequested(const QUrl &server);
    void invitationOpened(const craftchat::ui::Invitation &invitation);
    void hostRequested();

private:
    void submit();

    bool m_canHost;
    QComboBox *m_recent;
    QLineEdit *m_address;
    QPushButton *m_connect;
    QPushButton *m_hostButton;
    QLabel *m_error;
};

} // namespace craftchat::ui
