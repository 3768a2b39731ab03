// The message composer: Enter sends, Shift+Enter adds a line, a counter near the length
// limit, an attach button for photos, and debounced typing-start / typing-stop.
#pragma once

#include <QPlainTextEdit>
#include <QWidget>

class QLabel;
class QToolButton;

namespace craftchat::ui {

class TypingDebouncer;

// The text field itself: Enter (without Shift) asks to send.
class ComposerEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit ComposerEdit(QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void submitRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

class Composer : public QWidget
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    ComposerEdit *editor() const { return m_edit; }
    TypingDebouncer *typing() const { return m_typing; }
    QString text() const;
    void setText(const QString &text);
    void setMaxLength(int max)
    {
        m_maxLength = max;
        updateCounter();
    }
    void focusEditor();

signals:
    void sendRequested(const QString &text);
    void attachRequested();
    void typingStarted();
    void typingStopped();

public slots:
    void submit();

private:
    void updateCounter();

    ComposerEdit *m_edit;
    QToolButton *m_attach;
    QToolButton *m_send;
    QLabel *m_counter;
    TypingDebouncer *m_typing;
    int m_maxLength;
    bool m_settingText = false;
};

} // namespace craftchat::ui
