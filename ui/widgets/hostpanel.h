// The hosted server's state: its addresses for other computers, its data folder, and
// stop / restart.
#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;

namespace craftchat::ui {

class ServerHost;

class HostPanel : public QDialog
{
    Q_OBJECT
public:
    explicit HostPanel(ServerHost *host, QWidget *parent = nullptr);

private:
    void refresh();

    QPointer<ServerHost> m_host;
    QLabel *m_state;
    QLabel *m_addresses;
    QPushButton *m_stop;
    QPushButton *m_start;
};

} // namespace craftchat::ui
