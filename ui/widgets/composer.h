// The message composer: Enter sends, Shift+Enter adds a line, a counter near the length
// limit, an attach button for photos, and debounced typing-start / typing-stop.
#pragma once

#include <QPlainTextEdit>
#include <QWidget>

class QFrame;
class QLabel;
class QMimeData;
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
    // Up arrow in an empty field: edit the last own message, as in other messengers.
    void editLastRequested();
    void escapePressed();
    // Files (or a picture, saved to a temporary file) pasted into the field.
    void filesPasted(const QStringList &paths);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
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
    QToolButton *attachButton() const { return m_attach; }
    // The line above the field: what the next message answers, or that a message is edited.
    void showReply(const QString &sender, const QString &text);
    void showEditing(const QString &originalText);
    void hideBanner();
    bool isBannerVisible() const;
    QLabel *bannerText() const { return m_bannerText; }
    QToolButton *bannerCancelButton() const { return m_bannerCancel; }

signals:
    void sendRequested(const QString &text);
    void attachRequested();
    void editLastRequested();
    // The reply or edit was given up (the banner's cross, or Escape).
    void bannerCancelled();
    void filesPasted(const QStringList &paths);
    void typingStarted();
    void typingStopped();

public slots:
    void submit();

private:
    void updateCounter();

    ComposerEdit *m_edit;
    QFrame *m_banner;
    QLabel *m_bannerTitle;
    QLabel *m_bannerText;
    QToolButton *m_bannerCancel;
    QToolButton *m_attach;
    QToolButton *m_send;
    QLabel *m_counter;
    TypingDebouncer *m_typing;
    int m_maxLength;
    bool m_settingText = false;
};

} // namespace craftchat::ui
