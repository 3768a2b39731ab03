#include "ui/widgets/certificatedialogs.h"

#include "common/tls/fingerprint.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace craftchat::ui {

QLabel *createFingerprintLabel(const QByteArray &sha256, QWidget *parent)
{
    auto *label = new QLabel(tls::readableFingerprint(sha256, 4), parent);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setLayoutDirection(Qt::LeftToRight); // hex reads left to right in Arabic too
    label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    label->setMargin(6);
    label->setFrameShape(QFrame::StyledPanel);
    return label;
}

CertificateQuestion::CertificateQuestion(const TlsProblem &problem, QWidget *parent)
    : QDialog(parent)
    , m_problem(problem)
    , m_fingerprint(createFingerprintLabel(tls::sha256Fingerprint(problem.certificate), this))
    , m_trust(new QPushButton(tr("Trust this server"), this))
{
    setObjectName(QStringLiteral("certificateQuestion"));
    setWindowTitle(tr("Check the server's certificate"));
    m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
    m_trust->setObjectName(QStringLiteral("trustCertificate"));
    auto *intro = new QLabel(tr("This computer does not know the certificate of %1 yet. Compare its fingerprint "
                                "with the one the host's screen shows (in CraftChat: Hosted server). Trust it "
                                "only when every group is the same.")
                                 .arg(problem.address()),
                             this);
    intro->setWordWrap(true);
    auto *after = new QLabel(tr("Once trusted, the app connects to this address without asking, and warns you if "
                                "it ever presents another certificate."),
                             this);
    after->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_trust, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel)->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_fingerprint, 0, Qt::AlignHCenter);
    layout->addWidget(after);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        trust();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void CertificateQuestion::trust()
{
    TrustStore().setPin(m_problem.host, m_problem.port, tls::sha256Fingerprint(m_problem.certificate));
}

CertificateChangedWarning::CertificateChangedWarning(const TlsProblem &problem, QWidget *parent)
    : QDialog(parent)
    , m_problem(problem)
    , m_message(new QLabel(this))
    , m_pinned(createFingerprintLabel(problem.pinned, this))
    , m_presented(createFingerprintLabel(tls::sha256Fingerprint(problem.certificate), this))
    , m_forget(new QPushButton(tr("Forget the trusted certificate…"), this))
{
    setObjectName(QStringLiteral("certificateChanged"));
    setWindowTitle(tr("The server's certificate has changed"));
    m_message->setObjectName(QStringLiteral("certificateChangedMessage"));
    m_pinned->setObjectName(QStringLiteral("pinnedFingerprint"));
    m_presented->setObjectName(QStringLiteral("presentedFingerprint"));
    m_forget->setObjectName(QStringLiteral("forgetCertificate"));
    m_message->setWordWrap(true);
    m_message->setText(tr("%1 presented another certificate than the one you trusted before. Someone may be "
                          "listening in on the connection, so it was refused.")
                           .arg(problem.address()));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(48, 48));
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(m_message, 1);
    auto *how = new QLabel(tr("If the host has made a new certificate on purpose (for example after reinstalling "
                              "CraftChat), ask them to read the new fingerprint to you. Then forget the trusted "
                              "certificate, connect again and compare."),
                           this);
    how->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_forget, QDialogButtonBox::ResetRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Trusted before:"), this));
    layout->addWidget(m_pinned, 0, Qt::AlignHCenter);
    layout->addWidget(new QLabel(tr("Presented now:"), this));
    layout->addWidget(m_presented, 0, Qt::AlignHCenter);
    layout->addWidget(how);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_forget, &QPushButton::clicked, this, &CertificateChangedWarning::forget);
}

void CertificateChangedWarning::forget()
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Forget the trusted certificate"),
                                tr("Forget the certificate trusted for %1? Do this only when the host has told you "
                                   "that they made a new one. The next connection asks you to compare the new "
                                   "fingerprint.")
                                    .arg(m_problem.address()),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("forgetConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *forget = box->addButton(tr("Forget it"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, forget] {
        if (box->clickedButton() != forget)
            return;
        TrustStore().removePin(m_problem.address());
        emit pinRemoved(m_problem.address());
        reject();
    });
    box->open();
}

} // namespace craftchat::ui
