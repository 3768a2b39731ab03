#include "ui/widgets/fielderror.h"

#include <QLabel>
#include <QVBoxLayout>

namespace craftchat::ui::fielderror {

QLabel *create(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    label->hide();
    return label;
}

void show(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QWidget *withField(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace craftchat::ui::fielderror
