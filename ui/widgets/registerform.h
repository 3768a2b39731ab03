// The create-account tab: name, e-mail, password and role (client or craftsman), checked
// before they are sent; the server's refusals are shown next to the field they concern.
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

    // The e-mail is taken (409), or another refusal of the server.
    void showEmailTaken();
    void showError(const QString &text);

signals:
    // Only when every field passed its check; role is the contract's "client" or "craftsman".
    void submitted(const QString &fullName, const QString &email, const QString &password, const QString &role);

private:
    void submit();

    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_nameError;
    QLabel *m_emailError;
    QLabel *m_passwordError;
    QLabel *m_error;
    QRadioButton *m_client;
    QRadioButton *m_craftsman;
    QPushButton *m_submit;
};

} // namespace craftchat::ui
