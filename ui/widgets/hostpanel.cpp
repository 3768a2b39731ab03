#include "ui/widgets/hostpanel.h"

#include "common/tls/fingerprint.h"
#include "ui/net/apiclient.h"
#include "ui/net/serverhost.h"
#include "ui/util/qrcode.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
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
    , m_backup(new QLabel(this))
    , m_backUpNow(new QPushButton(tr("Back up now…"), this))
    , m_restore(new QPushButton(tr("Restore…"), this))
    , m_api(new ApiClient(this))
    , m_security(new QWidget(this))
    , m_fingerprint(new QLabel(m_security))
    , m_invitation(new QLineEdit(m_security))
    , m_copy(new QPushButton(tr("Copy"), m_security))
    , m_qr(new QLabel(m_security))
    , m_role(new QComboBox(m_security))
    , m_createInvitation(new QPushButton(tr("Create invitation"), m_security))
    , m_invitationState(new QLabel(m_security))
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
    layout->addWidget(m_security);
    m_backup->setWordWrap(true);
    m_backup->setObjectName(QStringLiteral("backupState"));
    m_backUpNow->setObjectName(QStringLiteral("backUpNow"));
    m_restore->setObjectName(QStringLiteral("restore"));
    auto *backupRow = new QHBoxLayout;
    backupRow->addWidget(m_backUpNow);
    backupRow->addWidget(m_restore);
    backupRow->addStretch(1);
    layout->addWidget(m_backup);
    layout->addLayout(backupRow);
    layout->addStretch(1);
    layout->addWidget(buttons);
    connect(m_backUpNow, &QPushButton::clicked, this, &HostPanel::backUpNow);
    connect(m_restore, &QPushButton::clicked, this, &HostPanel::restore);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (host) {
        connect(m_stop, &QPushButton::clicked, host, &ServerHost::stop);
        connect(m_start, &QPushButton::clicked, host, &ServerHost::start);
        connect(host, &ServerHost::started, this, &HostPanel::refresh);
        connect(host, &ServerHost::stopped, this, &HostPanel::refresh);
        connect(host, &ServerHost::backupFinished, this, [this](bool ok, const QString &fileOrError) {
            refresh();
            if (!ok)
                QMessageBox::warning(this, tr("Backup"), tr("The backup failed: %1").arg(fileOrError));
        });
        connect(host, &ServerHost::restoreFinished, this, [this](bool ok, const QString &message) {
            refresh();
            if (ok)
                QMessageBox::information(this, tr("Restore"), message);
            else
                QMessageBox::warning(this, tr("Restore"), message);
        });
        connect(host, &ServerHost::failed, this, [this](const QString &error) {
            refresh();
            m_state->setText(tr("The server could not start: %1").arg(error));
        });
    }
    // How others connect safely: fingerprint, invitation text and QR code.
    m_fingerprint->setObjectName(QStringLiteral("hostFingerprint"));
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextFormat(Qt::PlainText);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_fingerprint->setLayoutDirection(Qt::LeftToRight);
    m_fingerprint->setFrameShape(QFrame::StyledPanel);
    m_fingerprint->setMargin(6);
    m_fingerprint->setAccessibleName(tr("Certificate fingerprint"));
    m_invitation->setObjectName(QStringLiteral("invitationText"));
    m_invitation->setReadOnly(true);
    m_invitation->setLayoutDirection(Qt::LeftToRight);
    m_invitation->setAccessibleName(tr("Invitation"));
    m_copy->setObjectName(QStringLiteral("copyInvitation"));
    m_qr->setObjectName(QStringLiteral("invitationQr"));
    m_qr->setAlignment(Qt::AlignCenter);
    m_qr->setAccessibleName(tr("Invitation as QR code"));
    m_role->setObjectName(QStringLiteral("invitationRole"));
    m_role->addItem(tr("Client"), QStringLiteral("client"));
    m_role->addItem(tr("Craftsman"), QStringLiteral("craftsman"));
    m_role->setAccessibleName(tr("Role of the invited person"));
    m_createInvitation->setObjectName(QStringLiteral("createInvitation"));
    m_invitationState->setObjectName(QStringLiteral("invitationState"));
    m_invitationState->setWordWrap(true);
    auto *fingerprintTitle = new QLabel(tr("Certificate fingerprint: when someone connects for the first time, "
                                           "their app shows it; they compare it with this one."),
                                        m_security);
    fingerprintTitle->setWordWrap(true);
    auto *invitationTitle = new QLabel(tr("Invitation: send it, or let them photograph the QR code. It carries "
                                          "the address and the fingerprint, so their app trusts this server."),
                                       m_security);
    invitationTitle->setWordWrap(true);
    auto *copyRow = new QHBoxLayout;
    copyRow->addWidget(m_invitation, 1);
    copyRow->addWidget(m_copy);
    auto *inviteRow = new QHBoxLayout;
    inviteRow->addWidget(m_role);
    inviteRow->addWidget(m_createInvitation);
    inviteRow->addStretch(1);
    auto *text = new QVBoxLayout;
    text->setContentsMargins(0, 0, 0, 0);
    text->addWidget(fingerprintTitle);
    text->addWidget(m_fingerprint, 0, Qt::AlignLeft);
    text->addWidget(invitationTitle);
    text->addLayout(copyRow);
    text->addLayout(inviteRow);
    text->addWidget(m_invitationState);
    text->addStretch(1);
    auto *security = new QHBoxLayout(m_security);
    security->setContentsMargins(0, 8, 0, 8);
    security->addLayout(text, 1);
    security->addWidget(m_qr, 0, Qt::AlignTop);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_invitation->text());
        m_invitationState->setText(tr("Copied."));
    });
    connect(m_createInvitation, &QPushButton::clicked, this, &HostPanel::createInvitation);
    refresh();
    resize(qMax(660, sizeHint().width()), sizeHint().height());
}

void HostPanel::setAccountToken(const QString &token)
{
    m_api->setToken(token);
    refreshSecurity();
}

void HostPanel::refreshSecurity()
{
    const bool running = m_host && m_host->isRunning();
    const QSslCertificate certificate = running ? m_host->certificate() : QSslCertificate();
    m_security->setVisible(running);
    if (!running)
        return;
    if (certificate.isNull()) {
        // Only without TLS (a build whose server cannot serve it): say so, offer nothing to pin.
        m_fingerprint->setText(tr("This server is not encrypted."));
        m_invitation->clear();
        m_qr->clear();
        m_copy->setEnabled(false);
        m_role->setVisible(false);
        m_createInvitation->setVisible(false);
        return;
    }
    m_fingerprint->setText(tls::readableFingerprint(certificate, 4));
    m_copy->setEnabled(true);
    showInvitation(m_code);
    if (m_api->baseUrl() != m_host->localUrl()) {
        m_api->setBaseUrl(m_host->localUrl());
        m_mode.clear();
        m_api->registrationMode([this, guard = QPointer<HostPanel>(this)](const ApiResult &r, const QString &mode) {
            if (!guard || !r.ok())
                return;
            m_mode = mode;
            refreshSecurity();
        });
    }
    // Closed registration: the invitation needs a code, which a signed-in user creates.
    const bool closed = m_mode == QLatin1String("clients") || m_mode == QLatin1String("invite");
    m_role->setVisible(closed);
    m_createInvitation->setVisible(closed);
    m_createInvitation->setEnabled(!m_api->token().isEmpty());
    if (closed && m_code.isEmpty())
        m_invitationState->setText(m_api->token().isEmpty()
                                       ? tr("Registration on this server needs an invitation code. Sign in to "
                                            "create one.")
                                       : tr("Registration on this server needs an invitation code: create one "
                                            "for the person you invite."));
}

void HostPanel::showInvitation(const QString &code)
{
    m_code = code;
    const Invitation invitation = m_host->invitation(code);
    if (!invitation.isValid()) {
        m_invitation->clear();
        m_qr->clear();
        return;
    }
    const QString text = invitation.toString();
    m_invitation->setText(text);
    m_invitation->setCursorPosition(0);
    const qrcode::Matrix matrix = qrcode::encode(text.toUtf8());
    // About 240 px whatever the version: at least 3 px per module for a phone's camera.
    const int moduleSize = matrix.isNull() ? 1 : qMax(3, 240 / (matrix.size + 2 * qrcode::QuietZoneModules));
    m_qr->setPixmap(QPixmap::fromImage(qrcode::render(matrix, moduleSize)));
}

void HostPanel::createInvitation()
{
    if (!m_host || !m_host->isRunning())
        return;
    m_createInvitation->setEnabled(false);
    const QString role = m_role->currentData().toString();
    m_api->createInvitation(
        role, [this, guard = QPointer<HostPanel>(this), role](const ApiResult &r, const QString &code) {
            if (!guard)
                return;
            m_createInvitation->setEnabled(true);
            if (!r.ok()) {
                m_invitationState->setText(tr("No invitation was created: %1").arg(r.errorMessage));
                return;
            }
            showInvitation(code);
            m_invitationState->setText(role == QLatin1String("craftsman")
                                           ? tr("Invitation for a craftsman, valid for 7 days and for one account.")
                                           : tr("Invitation for a client, valid for 7 days and for one account."));
        });
}

QString HostPanel::backupText(const QDateTime &lastBackupAt, const QDateTime &now, bool *stale)
{
    if (!lastBackupAt.isValid()) {
        *stale = true;
        return tr("No backup yet. Back up now to a USB disk or another computer.");
    }
    const qint64 seconds = qMax<qint64>(0, lastBackupAt.secsTo(now));
    const qint64 hours = seconds / 3600;
    const qint64 days = hours / 24;
    const QString age = days >= 1    ? tr("%n day(s) ago", nullptr, int(days))
                        : hours >= 1 ? tr("%n hour(s) ago", nullptr, int(hours))
                                     : tr("less than an hour ago");
    const QString when = QLocale().toString(lastBackupAt.toLocalTime(), QLocale::ShortFormat);
    *stale = days >= StaleBackupDays;
    if (*stale)
        return tr("Warning: the last backup is old (%1, %2). Back up now.").arg(when, age);
    return tr("Last backup: %1 (%2).").arg(when, age);
}

void HostPanel::refreshBackup()
{
    if (!m_host || !m_host->isAvailable()) {
        m_backup->clear();
        m_backUpNow->setEnabled(false);
        m_restore->setEnabled(false);
        return;
    }
    const ServerHost::BackupState state = m_host->backupState();
    bool stale = false;
    QString text = backupText(state.lastBackupAt, QDateTime::currentDateTimeUtc(), &stale);
    if (state.running)
        text = tr("A backup is being written…");
    else if (!state.lastError.isEmpty())
        text += QLatin1Char(' ') + tr("The last attempt failed: %1").arg(state.lastError);
    text += QLatin1Char(' ') + tr("Daily backups go to %1.").arg(state.folder);
    m_backup->setText(text);
    m_backup->setStyleSheet(stale || !state.lastError.isEmpty() ? QStringLiteral("color: #b00020;") : QString());
    m_backUpNow->setEnabled(m_host->isRunning() && !state.running);
    m_restore->setEnabled(!m_host->isRunning());
    m_restore->setToolTip(m_host->isRunning() ? tr("Stop the server to restore a backup.") : QString());
}

void HostPanel::backUpNow()
{
    if (!m_host)
        return;
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Folder for backups"), m_host->backupState().folder);
    if (folder.isEmpty())
        return;
    m_host->backUpNow(folder);
    m_backUpNow->setEnabled(false);
    m_backup->setText(tr("A backup is being written…"));
}

void HostPanel::restore()
{
    if (!m_host || m_host->isRunning())
        return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Restore a backup"), m_host->backupState().folder,
                                                      tr("CraftChat backups (craftchat-backup-*.tar)"));
    if (file.isEmpty())
        return;
    const auto answer = QMessageBox::warning(
        this, tr("Restore a backup"),
        tr("Replace the server's data with the backup %1?\n\nEverything written since that backup is no longer "
           "shown. The current data folder is kept next to it under a new name.")
            .arg(file),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_restore->setEnabled(false);
    m_start->setEnabled(false);
    m_backup->setText(tr("Restoring and verifying the backup…"));
    m_host->restoreFrom(file);
}

void HostPanel::refresh()
{
    refreshBackup();
    refreshSecurity();
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
    m_addresses->setText(tr("Other computers connect to: %1").arg(urls.join(QStringLiteral("  "))));
}

} // namespace craftchat::ui
