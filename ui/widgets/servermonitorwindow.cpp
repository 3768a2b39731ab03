#include "ui/widgets/servermonitorwindow.h"

#include "ui/models/socketdebugmodel.h"
#include "ui/net/apiclient.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QTreeView>
#include <QVBoxLayout>

namespace craftchat::ui {

ServerMonitorWindow::ServerMonitorWindow(ApiClient *api, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_api(api)
    , m_model(new SocketDebugModel(this))
    , m_tree(new QTreeView(this))
    , m_summary(new QLabel(this))
{
    setWindowTitle(tr("Server monitor"));
    setObjectName(QStringLiteral("serverMonitor"));
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("Rooms and sockets"));
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_summary->setAccessibleName(tr("Summary"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    resize(640, 420);
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &ServerMonitorWindow::refresh);
}

void ServerMonitorWindow::refresh()
{
    if (m_busy || m_api->token().isEmpty())
        return;
    m_busy = true;
    // Names first (one request), then the rooms; ids stay in the tooltips.
    m_api->users(
        QString(), QString(),
        [guard = QPointer<ServerMonitorWindow>(this)](const ApiResult &r, const QList<contract::UserProfile> &users) {
            if (!guard)
                return;
            if (r.ok()) {
                QHash<QString, QString> names;
                for (const contract::UserProfile &u : users)
                    names.insert(u.id, u.fullName);
                guard->m_model->setUserNames(names);
            }
            guard->readSnapshot();
        });
}

void ServerMonitorWindow::readSnapshot()
{
    m_api->socketDebug([guard = QPointer<ServerMonitorWindow>(this)](const ApiResult &r, const QJsonObject &o) {
        if (!guard)
            return;
        guard->m_busy = false;
        const QString time = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
        if (!r.ok()) {
            guard->m_summary->setText(tr("Cannot read the server's state: %1").arg(r.errorMessage));
            return;
        }
        if (!guard->m_model->setSnapshot(o)) {
            guard->m_summary->setText(tr("The server sent an unexpected answer."));
            return;
        }
        guard->m_tree->expandAll();
        guard->m_summary->setText(tr("%1 connections, %2 rooms (updated %3)")
                                      .arg(guard->m_model->totalConnections())
                                      .arg(guard->m_model->totalRooms())
                                      .arg(time));
    });
}

void ServerMonitorWindow::showProblem(const QString &text)
{
    m_summary->setText(text);
}

void ServerMonitorWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void ServerMonitorWindow::hideEvent(QHideEvent *event)
{
    m_timer.stop();
    QWidget::hideEvent(event);
}

} // namespace craftchat::ui
