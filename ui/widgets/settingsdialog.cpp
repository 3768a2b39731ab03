#include "ui/widgets/settingsdialog.h"

#include "common/tls/fingerprint.h"
#include "ui/net/truststore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace craftchat::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_mute(new QCheckBox(tr("Mute desktop notifications"), this))
    , m_pins(new QListWidget(this))
    , m_forgetPin(new QPushButton(tr("Forget…"), this))
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
    m_pins->setObjectName(QStringLiteral("trustedServers"));
    m_pins->setAccessibleName(tr("Trusted server certificates"));
    m_pins->setMaximumHeight(120);
    m_forgetPin->setObjectName(QStringLiteral("forgetPin"));
    loadPins();
    connect(m_pins, &QListWidget::currentRowChanged, this, [this](int row) { m_forgetPin->setEnabled(row >= 0); });
    connect(m_forgetPin, &QPushButton::clicked, this, &SettingsDialog::forgetPin);
    auto *pinRow = new QHBoxLayout;
    pinRow->addWidget(m_pins, 1);
    pinRow->addWidget(m_forgetPin, 0, Qt::AlignTop);
    form->addRow(tr("Trusted certificates"), pinRow);
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

void SettingsDialog::loadPins()
{
    m_pins->clear();
    const QMap<QString, QByteArray> pins = TrustStore().pins();
    for (auto it = pins.cbegin(); it != pins.cend(); ++it) {
        auto *item = new QListWidgetItem(it.key(), m_pins);
        item->setData(Qt::UserRole, it.key());
        item->setToolTip(tls::readableFingerprint(it.value(), 4));
    }
    m_forgetPin->setEnabled(false);
}

void SettingsDialog::forgetPin()
{
    QListWidgetItem *item = m_pins->currentItem();
    if (!item)
        return;
    const QString address = item->data(Qt::UserRole).toString();
    const auto answer = QMessageBox::warning(
        this, tr("Forget the trusted certificate"),
        tr("Forget the certificate trusted for %1? The next connection asks you to compare its fingerprint again.")
            .arg(address),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    TrustStore().removePin(address);
    loadPins();
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
