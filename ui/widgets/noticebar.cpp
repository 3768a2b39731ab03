#include "ui/widgets/noticebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace craftchat::ui {

NoticeBar::NoticeBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("noticeBar"));
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setAccessibleName(tr("Close"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(12, 6, 8, 6);
    row->addWidget(m_text, 1);
    row->addWidget(m_action);
    row->addWidget(m_close);
    connect(m_action, &QPushButton::clicked, this, &NoticeBar::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void NoticeBar::showNotice(Kind kind, const QString &text, const QString &actionText, bool closable)
{
    const QString colours = kind == Kind::Error ? QStringLiteral("background: #fdecea; color: #8a1c13;")
                                                : QStringLiteral("background: #fff4d6; color: #6b4e00;");
    setStyleSheet(QStringLiteral("#noticeBar { %1 border: none; } #noticeBar QLabel { %1 }").arg(colours));
    m_text->setText(text);
    setAccessibleName(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    m_close->setVisible(closable);
    show();
}

void NoticeBar::setText(const QString &text)
{
    m_text->setText(text);
    setAccessibleName(text);
}

QString NoticeBar::text() const
{
    return m_text->text();
}

} // namespace craftchat::ui
