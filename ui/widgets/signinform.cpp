#include "ui/widgets/signinform.h"

#include "common/contract/validation.h"
#include "ui/widgets/fielderror.h"
#include "ui/widgets/startwindow.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace craftchat::ui {

SignInForm::SignInForm(QWidget *parent)
    : QWidget(parent)
    , m_email(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_emailError(fielderror::create(this))
    , m_error(fielderror::create(this))
    , m_submit(new QPushButton(tr("Sign in"), this))
{
    m_email->setObjectName(QStringLiteral("loginEmail"));
    m_email->setAccessibleName(tr("Email"));
    m_email->setText(QSettings().value(StartWindow::LastEmailKey).toString());
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_submit->setDefault(true);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Email"), fielderror::withField(m_email, m_emailError, this));
    form->addRow(tr("&Password"), m_password);
    form->addRow(m_error);
    form->addRow(m_submit);
    for (QLineEdit *edit : {m_email, m_password})
        connect(edit, &QLineEdit::returnPressed, this, &SignInForm::submit);
    connect(m_submit, &QPushButton::clicked, this, &SignInForm::submit);
}

void SignInForm::submit()
{
    const QString email = m_email->text().trimmed();
    const bool plausible = contract::isValidEmail(email);
    fielderror::show(m_emailError, plausible ? QString() : tr("Enter a valid email address."));
    fielderror::show(m_error, m_password->text().isEmpty() ? tr("Enter your password.") : QString());
    if (plausible && !m_password->text().isEmpty())
        emit submitted(email, m_password->text());
}

void SignInForm::showError(const QString &text)
{
    fielderror::show(m_error, text);
    if (!text.isEmpty()) {
        m_password->selectAll();
        m_password->setFocus();
    }
}

void SignInForm::focusFirstEmpty()
{
    (m_email->text().isEmpty() ? m_email : m_password)->setFocus();
}

} // namespace craftchat::ui
