// What the user sees when TLS needs them (TrustStore's rule):
//  * CertificateQuestion: a server whose certificate nobody trusts yet. Shows its fingerprint
//    (4 lines of 4 groups) and asks to compare it with the host's screen; "Trust" pins it.
//  * CertificateChangedWarning: a pinned server presented another certificate. Shows the old
//    and the new fingerprint and refuses; there is no "continue". Forgetting the old
//    certificate takes a second, explicit confirmation, and the next connection asks again.
#pragma once

#include "ui/net/truststore.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace craftchat::ui {

// A selectable monospace label with a fingerprint in 4 lines of 4 groups.
QLabel *createFingerprintLabel(const QByteArray &sha256, QWidget *parent);

class CertificateQuestion : public QDialog
{
    Q_OBJECT
public:
    explicit CertificateQuestion(const TlsProblem &problem, QWidget *parent = nullptr);

    QLabel *fingerprintLabel() const { return m_fingerprint; }
    QPushButton *trustButton() const { return m_trust; }
    // Accepted: the certificate is pinned for its address.
    void trust();

private:
    TlsProblem m_problem;
    QLabel *m_fingerprint;
    QPushButton *m_trust;
};

class CertificateChangedWarning : public QDialog
{
    Q_OBJECT
public:
    explicit CertificateChangedWarning(const TlsProblem &problem, QWidget *parent = nullptr);

    QLabel *messageLabel() const { return m_message; }
    QLabel *pinnedLabel() const { return m_pinned; }
    QLabel *presentedLabel() const { return m_presented; }
    QPushButton *forgetButton() const { return m_forget; }

signals:
    void pinRemoved(const QString &address);

private:
    void forget();

    TlsProblem m_problem;
    QLabel *m_message;
    QLabel *m_pinned;
    QLabel *m_presented;
    QPushButton *m_forget;
};

} // namespace craftchat::ui
