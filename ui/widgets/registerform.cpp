#include "ui/widgets/registerform.h"

#include "common/contract/contract.h"
#include "common/contract/validation.h"
#include "ui/widgets/fielderror.h"
#include "ui/widgets/startwindow.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace craftchat::ui {

namespace contract = craftchat::contract;

RegisterForm::RegisterForm(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_nameError(fielderror::create(this))
    , m_emailError(fielderror::create(this))
    , m_passwordError(fielderror::create(this))
    , m_error(fielderror::create(this))
    , m_inviteCode(new QLineEdit(this))
    , m_inviteCodeError(fielderror::create(this))
    , m_submit(new QPushButton(tr("Create account"), this))
{
    m_name->setObjectName(QStringLiteral("registerName"));
    m_name->setAccessibleName(tr("Full name"));
    m_name->setMaxLength(100);
    m_email->setObjectName(QStringLiteral("registerEmail"));
    m_email->setAccessibleName(tr("Email"));
    m_password->setObjectName(QStringLiteral("registerPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_password->setPlaceholderText(tr("At least %n characters", nullptr, contract::MinPasswordLength));
    auto *roleBox = new QWidget(this);
    m_client = new QRadioButton(tr("I need work done (client)"), roleBox);
    m_craftsman = new QRadioButton(tr("I offer work (craftsman)"), roleBox);
    m_client->setChecked(true);
    auto *roles = new QVBoxLayout(roleBox);
    roles->setContentsMargins(0, 0, 0, 0);
    roles->addWidget(m_client);
    roles->addWidget(m_craftsman);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Full name"), fielderror::withField(m_name, m_nameError, this));
    form->addRow(tr("E&mail"), fielderror::withField(m_email, m_emailError, this));
    form->addRow(tr("Pass&word"), fielderror::withField(m_password, m_passwordError, this));
    form->addRow(tr("Role"), roleBox);
    m_inviteCode->setObjectName(QStringLiteral("registerInviteCode"));
    m_inviteCode->setAccessibleName(tr("Invitation code"));
    m_inviteCode->setMaxLength(64);
    m_inviteCodeError->setObjectName(QStringLiteral("registerInviteCodeError"));
    form->addRow(tr("&Invitation code"), fielderror::withField(m_inviteCode, m_inviteCodeError, this));
    updateInviteHint();
    connect(m_craftsman, &QRadioButton::toggled, this, &RegisterForm::updateInviteHint);
    form->addRow(m_error);
    form->addRow(m_submit);
    for (QLineEdit *edit : {m_name, m_email, m_password, m_inviteCode})
        connect(edit, &QLineEdit::returnPressed, this, &RegisterForm::submit);
    connect(m_submit, &QPushButton::clicked, this, &RegisterForm::submit);
}

void RegisterForm::submit()
{
    const QString name = m_name->text().trimmed();
    const QString email = m_email->text().trimmed();
    const QString password = m_password->text();
    const bool plausible = contract::isValidEmail(email);
    const bool longEnough = password.size() >= contract::MinPasswordLength;
    fielderror::show(m_nameError, name.isEmpty() ? tr("Enter your full name.") : QString());
    fielderror::show(m_emailError, plausible ? QString() : tr("Enter a valid email address."));
    fielderror::show(m_passwordError,
                     longEnough ? QString() : tr("Use at least %n characters.", nullptr, contract::MinPasswordLength));
    fielderror::show(m_error, {});
    const QString code = m_inviteCode->text().trimmed();
    const bool codeMissing = code.isEmpty() && inviteCodeRequired();
    fielderror::show(m_inviteCodeError, codeMissing ? tr("This server needs an invitation code for this account. Ask "
                                                         "the host for an invitation.")
                                                    : QString());
    if (name.isEmpty() || !plausible || !longEnough || codeMissing)
        return;
    emit submitted(name, email, password, m_craftsman->isChecked() ? contract::RoleCraftsman : contract::RoleClient,
                   code);
}

void RegisterForm::setInviteCode(const QString &code)
{
    m_inviteCode->setText(code);
    fielderror::show(m_inviteCodeError, {});
}

void RegisterForm::setRegistrationMode(const QString &mode)
{
    m_mode = mode;
    updateInviteHint();
}

bool RegisterForm::inviteCodeRequired() const
{
    return m_mode == QLatin1String("invite") || (m_mode == QLatin1String("clients") && m_craftsman->isChecked());
}

void RegisterForm::updateInviteHint()
{
    m_inviteCode->setPlaceholderText(inviteCodeRequired() ? tr("Required on this server")
                                                          : tr("Only if you have an invitation"));
}

bool RegisterForm::showRefusal(const QString &code)
{
    QString text;
    if (code == contract::code::RegistrationClosed)
        text = tr("This server creates this account only with an invitation. Ask the host for an invitation code.");
    else if (code == contract::code::InvitationInvalid)
        text = tr("This invitation code is not valid: it may have been used, expired or withdrawn. Ask the host for "
                  "a new one.");
    else if (code == contract::code::InvitationRole)
        text = tr("This invitation is for the other role. Choose the role the invitation was made for.");
    else
        return false;
    fielderror::show(m_inviteCodeError, text);
    return true;
}

void RegisterForm::showEmailTaken()
{
    fielderror::show(m_emailError, tr("An account with this email already exists."));
}

void RegisterForm::showError(const QString &text)
{
    fielderror::show(m_error, text);
}

} // namespace craftchat::ui
