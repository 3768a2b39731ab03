// The create-account tab: name, e-mail, password, role (client or craftsman) and an invitation
// code (pre-filled from an invitation; required when the server's registration mode needs one
// for the chosen role), checked before they are sent; the server's refusals are shown next to
// the field they concern.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace craftchat::ui {

class RegisterForm : public QWidget
{
    Q_OBJECT
public:
    explicit RegisterForm(QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QRadioButton *craftsmanButton() const { return m_craftsman; }
    QPushButton *submitButton() const { return m_submit; }
    QLabel *emailErrorLabel() const { return m_emailError; }
    QLineEdit *inviteCodeEdit() const { return m_inviteCode; }
    QLabel *inviteCodeErrorLabel() const { return m_inviteCodeError; }
    QLabel *errorLabel() const { return m_error; }

    void setInviteCode(const QString &code);
    // The server's GET /api/auth/registration: "open", "clients" or "invite".
    void setRegistrationMode(const QString &mode);
    QString registrationMode() const { return m_mode; }
    bool inviteCodeRequired() const;
    // A 403 of POST /api/auth/register: REGISTRATION_CLOSED, INVITATION_INVALID or
    // INVITATION_ROLE; false for other codes.
    bool showRefusal(const QString &code);

    // The e-mail is taken (409), or another refusal of the server.
    void showEmailTaken();
    void showError(const QString &text);

signals:
    // Only when every field passed its check; role is the contract's "client" or "craftsman".
    void submitted(const QString &fullName, const QString &email, const QString &password, const QString &role,
                   const QString &inviteCode);

private:
    void submit();
    void updateInviteHint();

    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_nameError;
    QLabel *m_emailError;
    QLabel *m_passwordError;
    QLabel *m_error;
    QRadioButton *m_client;
    QRadioButton *m_craftsman;
    QLineEdit *m_inviteCode;
    QLabel *m_inviteCodeError;
    QPushButton *m_submit;
    QString m_mode = QStringLiteral("open");
};

} // namespace craftchat::ui
