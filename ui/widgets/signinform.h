// The sign-in tab: e-mail and password, checked before they are sent; the server's answer is
// shown under the fields.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace craftchat::ui {

class SignInForm : public QWidget
{
    Q_OBJECT
public:
    explicit SignInForm(QWidget *parent = nullptr);

    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *submitButton() const { return m_submit; }
    QLabel *errorLabel() const { return m_error; }

    void showError(const QString &text);
    void focusFirstEmpty();

signals:
    // Only with a plausible e-mail address and a password.
    void submitted(const QString &email, const QString &password);

private:
    void submit();

    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_emailError;
    QLabel *m_error;
    QPushButton *m_submit;
};

} // namespace craftchat::ui
