// A slim bar across the conversation for what the user must know now: the connection is down
// (with "Retry now"), a file could not be attached. Text, an optional action, a close button.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace craftchat::ui {

class NoticeBar : public QFrame
{
    Q_OBJECT
public:
    enum class Kind {
        Warning,
        Error
    };

    explicit NoticeBar(QWidget *parent = nullptr);

    // Shows the bar; actionText "" hides the action button; closable adds a close button.
    void showNotice(Kind kind, const QString &text, const QString &actionText = {}, bool closable = true);
    void setText(const QString &text);
    QString text() const;
    QPushButton *actionButton() const { return m_action; }

signals:
    void actionTriggered();

private:
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
};

} // namespace craftchat::ui
