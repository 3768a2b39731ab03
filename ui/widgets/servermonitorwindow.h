// Admins: the server's sockets and rooms (socket-debug), refreshed live.
#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QTreeView;

namespace craftchat::ui {

class ApiClient;
class SocketDebugModel;

class ServerMonitorWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ServerMonitorWindow(ApiClient *api, QWidget *parent = nullptr);

    SocketDebugModel *model() const { return m_model; }
    void refresh();
    void showProblem(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void readSnapshot();

    ApiClient *m_api;
    SocketDebugModel *m_model;
    QTreeView *m_tree;
    QLabel *m_summary;
    QTimer m_timer;
    bool m_busy = false;
};

} // namespace craftchat::ui
