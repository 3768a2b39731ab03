// The red line under a form field that says what is wrong with it: one look for every form.
#pragma once

class QLabel;
class QString;
class QWidget;

namespace craftchat::ui::fielderror {

// A hidden, word-wrapping error label.
QLabel *create(QWidget *parent);
// Shows `text` (or hides the label when it is empty).
void show(QLabel *label, const QString &text);
// The field with its error label right under it.
QWidget *withField(QWidget *field, QLabel *error, QWidget *parent);

} // namespace craftchat::ui::fielderror
