#include "ui/widgets/serverpage.h"

#include "ui/widgets/fielderror.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace craftchat::ui {

namespace {
const QString RecentServersKey = QStringLiteral("connection/recentServers");
const QString LastServerKey = QStringLiteral("connection/lastServer"); // what older versions kept
} // namespace

ServerPage::ServerPage(bool canHost, QWidget *parent)
    : QWidget(parent)
    , m_canHost(canHost)
    , m_recent(new QComboBox(this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_hostButton(
          new QPushButton(QIcon(QStringLiteral(":/icons/server.svg")), tr("Host a server on this computer"), this))
    , m_error(fielderror::create(this))
{
    auto *intro = new QLabel(tr("Connect to a server"), this);
    QFont bold = intro->font();
    bold.setBold(true);
    intro->setFont(bold);

    // The servers used before, newest first: the last one is already filled in.
    m_recent->setObjectName(QStringLiteral("recentServers"));
    m_recent->setEditable(true);
    m_recent->setInsertPolicy(QComboBox::NoInsert);
    m_recent->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_recent->addItems(recentServers());
    m_recent->setAccessibleName(tr("Server address"));
    m_address = m_recent->lineEdit();
    m_address->setObjectName(QStringLiteral("serverAddress"));
    m_address->setPlaceholderText(tr("Server address or invitation, e.g. https://192.168.1.20:3001"));
    m_address->setAccessibleName(tr("Server address"));
    m_address->setText(m_recent->count() > 0 ? m_recent->itemText(0) : QStringLiteral("http://localhost:3001"));
    auto *addressLabel = new QLabel(tr("&Address"), this);
    addressLabel->setBuddy(m_recent);
    m_connect->setDefault(true);

    auto *orLabel = new QLabel(tr("or"), this);
    orLabel->setAlignment(Qt::AlignCenter);
    orLabel->setEnabled(false);
    m_hostButton->setObjectName(QStringLiteral("hostButton"));
    auto *hostText = new QLabel(tr("Runs the chat server inside this app. Other computers on your "
                                   "network connect to the address shown after it starts."),
                                this);
    hostText->setWordWrap(true);
    hostText->setEnabled(false);
    if (!m_canHost) {
        m_hostButton->setEnabled(false);
        m_hostButton->setToolTip(tr("This build of CraftChat cannot host a server."));
    }

    auto *row = new QHBoxLayout;
    row->addWidget(m_recent, 1);
    row->addWidget(m_connect);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(addressLabel);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addSpacing(16);
    layout->addWidget(orLabel);
    layout->addSpacing(8);
    layout->addWidget(m_hostButton);
    layout->addWidget(hostText);
    layout->addStretch(1);

    connect(m_connect, &QPushButton::clicked, this, &ServerPage::submit);
    connect(m_address, &QLineEdit::returnPressed, this, &ServerPage::submit);
    connect(m_hostButton, &QPushButton::clicked, this, &ServerPage::hostRequested);
}

void ServerPage::submit()
{
    if (Invitation::looksLikeInvitation(m_address->text())) {
        const auto invitation = Invitation::parse(m_address->text());
        if (!invitation) {
            showError(tr("This invitation is not valid. Copy it again from the host's screen."));
            return;
        }
        showError({});
        m_address->setText(invitation->server.toString());
        emit invitationOpened(*invitation);
        return;
    }
    const QUrl url = normalizeServerAddress(m_address->text());
    if (url.isEmpty()) {
        showError(tr("Enter an address like http://192.168.1.20:3001."));
        return;
    }
    showError({});
    emit connectRequested(url);
}

void ServerPage::showError(const QString &text)
{
    fielderror::show(m_error, text);
}

void ServerPage::setBusy(bool busy)
{
    m_connect->setEnabled(!busy);
    m_hostButton->setEnabled(!busy && m_canHost);
}

QStringList ServerPage::recentServers()
{
    QSettings settings;
    QStringList list = settings.value(RecentServersKey).toStringList();
    const QString last = settings.value(LastServerKey).toString();
    if (!last.isEmpty() && !list.contains(last))
        list.append(last);
    return list.mid(0, MaxRecentServers);
}

void ServerPage::rememberServer(const QUrl &url)
{
    QStringList list = recentServers();
    const QString address = url.toString();
    list.removeAll(address);
    list.prepend(address);
    QSettings settings;
    settings.setValue(RecentServersKey, QStringList(list.mid(0, MaxRecentServers)));
    settings.setValue(LastServerKey, address);
    m_recent->clear();
    m_recent->addItems(recentServers());
    m_address->setText(address);
}

QUrl ServerPage::normalizeServerAddress(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("http://"));
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    if (url.port() < 0 && url.scheme() == QLatin1String("http"))
        url.setPort(3001);
    url.setPath(QString());
    return url;
}

} // namespace craftchat::ui
