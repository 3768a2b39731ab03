#include "ui/widgets/hostpanel.h"

#include "ui/net/serverhost.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace craftchat::ui {

HostPanel::HostPanel(ServerHost *host, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_state(new QLabel(this))
    , m_addresses(new QLabel(this))
    , m_stop(new QPushButton(tr("Stop server"), this))
    , m_start(new QPushButton(tr("Start server"), this))
{
    setWindowTitle(tr("Hosted server"));
    m_addresses->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_addresses->setWordWrap(true);
    m_state->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_start);
    row->addWidget(m_stop);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_addresses);
    layout->addLayout(row);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (host) {
        connect(m_stop, &QPushButton::clicked, host, &ServerHost::stop);
        connect(m_start, &QPushButton::clicked, host, &ServerHost::start);
        connect(host, &ServerHost::started, this, &HostPanel::refresh);
        connect(host, &ServerHost::stopped, this, &HostPanel::refresh);
        connect(host, &ServerHost::failed, this, [this](const QString &error) {
            refresh();
            m_state->setText(tr("The server could not start: %1").arg(error));
        });
    }
    refresh();
    resize(440, 240);
}

void HostPanel::refresh()
{
    const bool running = m_host && m_host->isRunning();
    m_stop->setEnabled(running);
    m_start->setEnabled(m_host && m_host->isAvailable() && !running);
    if (!m_host || !m_host->isAvailable()) {
        m_state->setText(tr("This build of CraftChat cannot host a server."));
        m_addresses->clear();
        return;
    }
    if (!running) {
        m_state->setText(tr("The server is stopped. Data folder: %1").arg(m_host->dataDirectory()));
        m_addresses->clear();
        return;
    }
    m_state->setText(tr("The server is running. Data folder: %1").arg(m_host->dataDirectory()));
    QStringList urls = m_host->networkUrls();
    if (urls.isEmpty())
        urls.append(tr("(no network connection)"));
    m_addresses->setText(tr("Other computers connect to: %1").arg(urls.join(QStringLiteral(", "))));
}

} // namespace craftchat::ui
