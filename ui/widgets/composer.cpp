#include "ui/widgets/composer.h"

#include "common/contract/contract.h"
#include "ui/models/typingdebouncer.h"

#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QTemporaryFile>
#include <QToolButton>
#include <QUrl>
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
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && document()->isEmpty()) {
        event->accept();
        emit editLastRequested();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        emit escapePressed();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool ComposerEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || source->hasUrls() || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerEdit::insertFromMimeData(const QMimeData *source)
{
    QStringList files;
    if (source->hasUrls()) {
        for (const QUrl &url : source->urls())
            if (url.isLocalFile())
                files << url.toLocalFile();
    }
    if (files.isEmpty() && source->hasImage()) {
        // A picture from the clipboard (a screenshot): sent as a PNG.
        const QImage image = qvariant_cast<QImage>(source->imageData());
        QTemporaryFile file(QDir::tempPath() + QStringLiteral("/craftchat-paste-XXXXXX.png"));
        file.setAutoRemove(false);
        if (!image.isNull() && file.open() && image.save(&file, "PNG")) {
            file.close();
            files << file.fileName();
        }
    }
    if (!files.isEmpty()) {
        emit filesPasted(files);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

Composer::Composer(QWidget *parent)
    : QWidget(parent)
    , m_edit(new ComposerEdit(this))
    , m_banner(new QFrame(this))
    , m_bannerTitle(new QLabel(m_banner))
    , m_bannerText(new QLabel(m_banner))
    , m_bannerCancel(new QToolButton(m_banner))
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
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setToolTip(tr("Attach a file (Ctrl+Shift+A)"));
    m_attach->setAccessibleName(tr("Attach a file"));
    m_attach->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_send->setIcon(QIcon(QStringLiteral(":/icons/send.svg")));
    m_send->setIconSize(QSize(24, 24));
    m_send->setAutoRaise(true);
    m_send->setToolTip(tr("Send (Enter)"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setEnabled(false);
    m_counter->setVisible(false);
    m_counter->setAccessibleName(tr("Characters left"));

    // The banner: "Reply to Ada" / "Edit message", the text, and a cross to give it up.
    m_banner->setObjectName(QStringLiteral("composerBanner"));
    m_banner->setFrameShape(QFrame::NoFrame);
    m_banner->setStyleSheet(QStringLiteral("#composerBanner { border-left: 3px solid palette(highlight);"
                                           " border-right: 3px solid palette(highlight); }"));
    QFont bold = m_bannerTitle->font();
    bold.setBold(true);
    m_bannerTitle->setFont(bold);
    m_bannerTitle->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_bannerText->setObjectName(QStringLiteral("composerBannerText"));
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerCancel->setObjectName(QStringLiteral("composerBannerCancel"));
    m_bannerCancel->setText(QStringLiteral("\u2715"));
    m_bannerCancel->setAutoRaise(true);
    m_bannerCancel->setToolTip(tr("Cancel (Esc)"));
    m_bannerCancel->setAccessibleName(tr("Cancel"));
    auto *bannerTexts = new QVBoxLayout;
    bannerTexts->setSpacing(0);
    bannerTexts->addWidget(m_bannerTitle);
    bannerTexts->addWidget(m_bannerText);
    auto *bannerRow = new QHBoxLayout(m_banner);
    bannerRow->setContentsMargins(8, 2, 4, 2);
    bannerRow->addLayout(bannerTexts, 1);
    bannerRow->addWidget(m_bannerCancel, 0, Qt::AlignVCenter);
    m_banner->hide();
    connect(m_bannerCancel, &QToolButton::clicked, this, [this] {
        hideBanner();
        emit bannerCancelled();
    });
    connect(m_edit, &ComposerEdit::escapePressed, this, [this] {
        if (!isBannerVisible())
            return;
        hideBanner();
        emit bannerCancelled();
    });
    connect(m_edit, &ComposerEdit::editLastRequested, this, &Composer::editLastRequested);
    connect(m_edit, &ComposerEdit::filesPasted, this, &Composer::filesPasted);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 6, 8, 6);
    outer->setSpacing(4);
    outer->addWidget(m_banner);
    auto *row = new QHBoxLayout;
    outer->addLayout(row);
    row->setContentsMargins(0, 0, 0, 0);
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

void Composer::showReply(const QString &sender, const QString &text)
{
    m_bannerTitle->setText(tr("Reply to %1").arg(sender));
    m_bannerText->setText(m_bannerText->fontMetrics().elidedText(text.simplified(), Qt::ElideRight, 420));
    m_banner->show();
    focusEditor();
}

void Composer::showEditing(const QString &originalText)
{
    m_bannerTitle->setText(tr("Edit message"));
    m_bannerText->setText(m_bannerText->fontMetrics().elidedText(originalText.simplified(), Qt::ElideRight, 420));
    m_banner->show();
    setText(originalText);
    QTextCursor cursor = m_edit->textCursor();
    cursor.movePosition(QTextCursor::End);
    m_edit->setTextCursor(cursor);
    focusEditor();
}

void Composer::hideBanner()
{
    m_banner->hide();
}

bool Composer::isBannerVisible() const
{
    return !m_banner->isHidden();
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
