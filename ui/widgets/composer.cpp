#include "ui/widgets/composer.h"

#include "common/contract/contract.h"
#include "ui/models/typingdebouncer.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace craftchat::ui {

ComposerEdit::ComposerEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message…"));
    setAccessibleName(tr("Message"));
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(this, &QPlainTextEdit::textChanged, this, [this] { updateGeometry(); });
}

QSize ComposerEdit::sizeHint() const
{
    const int lines = qBound(1, int(document()->size().height()), 6);
    const int h = fontMetrics().lineSpacing() * lines + 2 * int(document()->documentMargin()) + 4;
    return {300, h};
}

QSize ComposerEdit::minimumSizeHint() const
{
    return {100, fontMetrics().lineSpacing() + 2 * int(document()->documentMargin()) + 4};
}

void ComposerEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        event->accept();
        emit submitRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

Composer::Composer(QWidget *parent)
    : QWidget(parent)
    , m_edit(new ComposerEdit(this))
    , m_attach(new QToolButton(this))
    , m_send(new QToolButton(this))
    , m_counter(new QLabel(this))
    , m_typing(new TypingDebouncer(this))
    , m_maxLength(contract::MaxTextLength)
{
    setObjectName(QStringLiteral("composer"));
    m_attach->setIcon(QIcon(QStringLiteral(":/icons/attach.svg")));
    m_attach->setIconSize(QSize(22, 22));
    m_attach->setAutoRaise(true);
    m_attach->setToolTip(tr("Attach a photo (Ctrl+Shift+A)"));
    m_attach->setAccessibleName(tr("Attach a photo"));
    m_attach->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_send->setIcon(QIcon(QStringLiteral(":/icons/send.svg")));
    m_send->setIconSize(QSize(24, 24));
    m_send->setAutoRaise(true);
    m_send->setToolTip(tr("Send (Enter)"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setEnabled(false);
    m_counter->setVisible(false);
    m_counter->setAccessibleName(tr("Characters left"));

    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 6, 8, 6);
    row->setSpacing(6);
    row->addWidget(m_attach, 0, Qt::AlignBottom);
    auto *column = new QVBoxLayout;
    column->setSpacing(0);
    column->addWidget(m_edit);
    column->addWidget(m_counter, 0, Qt::AlignTrailing);
    row->addLayout(column, 1);
    row->addWidget(m_send, 0, Qt::AlignBottom);

    connect(m_edit, &ComposerEdit::submitRequested, this, &Composer::submit);
    connect(m_send, &QToolButton::clicked, this, &Composer::submit);
    connect(m_attach, &QToolButton::clicked, this, &Composer::attachRequested);
    connect(m_typing, &TypingDebouncer::typingStarted, this, &Composer::typingStarted);
    connect(m_typing, &TypingDebouncer::typingStopped, this, &Composer::typingStopped);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateCounter();
        if (m_settingText)
            return;
        if (m_edit->document()->isEmpty())
            m_typing->stop();
        else
            m_typing->keystroke();
    });
}

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::setText(const QString &text)
{
    m_settingText = true;
    m_edit->setPlainText(text);
    m_settingText = false;
    m_typing->stop();
}

void Composer::focusEditor()
{
    m_edit->setFocus(Qt::OtherFocusReason);
}

void Composer::updateCounter()
{
    const int length = int(m_edit->toPlainText().size());
    const bool blank = m_edit->toPlainText().trimmed().isEmpty();
    const bool tooLong = length > m_maxLength;
    m_send->setEnabled(!blank && !tooLong);
    m_counter->setVisible(length > m_maxLength - 500);
    m_counter->setText(tr("%1 / %2").arg(length).arg(m_maxLength));
    m_counter->setStyleSheet(tooLong ? QStringLiteral("color: #d32f2f; font-weight: bold;") : QString());
}

void Composer::submit()
{
    const QString text = m_edit->toPlainText();
    if (text.trimmed().isEmpty() || text.size() > m_maxLength)
        return;
    m_typing->stop();
    emit sendRequested(text);
    setText(QString());
}

} // namespace craftchat::ui
