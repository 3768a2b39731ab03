#include "ui/widgets/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace craftchat::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_mute(new QCheckBox(tr("Mute desktop notifications"), this))
{
    setWindowTitle(tr("Settings"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("العربية"), QStringLiteral("ar"));
    m_language->setAccessibleName(tr("Language"));
    m_theme->addItem(tr("Follow the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setAccessibleName(tr("Theme"));

    QSettings settings;
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.value(languageKey()).toString())));
    m_theme->setCurrentIndex(
        qMax(0, m_theme->findData(settings.value(themeKey(), QStringLiteral("system")).toString())));
    m_mute->setChecked(settings.value(muteKey(), false).toBool());

    auto *form = new QFormLayout;
    form->addRow(tr("&Language"), m_language);
    form->addRow(tr("&Theme"), m_theme);
    form->addRow(QString(), m_mute);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SettingsDialog::save()
{
    QSettings settings;
    const QString language = m_language->currentData().toString();
    if (settings.value(languageKey()).toString() != language) {
        settings.setValue(languageKey(), language);
        emit languageChanged(language);
    }
    const QString theme = m_theme->currentData().toString();
    if (settings.value(themeKey()).toString() != theme) {
        settings.setValue(themeKey(), theme);
        emit themeChanged(theme);
    }
    if (settings.value(muteKey(), false).toBool() != m_mute->isChecked()) {
        settings.setValue(muteKey(), m_mute->isChecked());
        emit muteChanged(m_mute->isChecked());
    }
}

} // namespace craftchat::ui
