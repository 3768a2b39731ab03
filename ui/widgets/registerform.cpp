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
    form->addRow(m_error);
    form->addRow(m_submit);
    for (QLineEdit *edit : {m_name, m_email, m_password})
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
    if (name.isEmpty() || !plausible || !longEnough)
        return;
    emit submitted(name, email, password, m_craftsman->isChecked() ? contract::RoleCraftsman : contract::RoleClient);
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
