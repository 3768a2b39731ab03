// The find bar of the open chat (Ctrl+F): a search field, "2 of 7", previous and next, and a
// close button. It only edits and reports; ConversationPane runs the search and the jumps.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace craftchat::ui {

class FindBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindBar(QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QLabel *countLabel() const { return m_count; }
    QToolButton *nextButton() const { return m_next; }         // older
    QToolButton *previousButton() const { return m_previous; } // newer
    QString query() const;
    // "3 of 12", "No matches", or "" while nothing was searched.
    void setPosition(int current, int total, bool searching);
    void open();

signals:
    // The words changed (after a short pause in typing); "" when cleared.
    void queryChanged(const QString &query);
    void nextRequested();
    void previousRequested();
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_field;
    QLabel *m_count;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_close;
    QTimer *m_debounce;
};

} // namespace craftchat::ui
