// Settings: language (system, English, German, Arabic), light/dark theme, muted notifications,
// and the servers whose certificates this app trusts (pinned), each of which can be forgotten.
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QListWidget;
class QPushButton;

namespace craftchat::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Keys in QSettings
    static QString languageKey() { return QStringLiteral("ui/language"); } // "", "en", "de", "ar"
    static QString themeKey() { return QStringLiteral("ui/theme"); }       // "system", "light", "dark"
    static QString muteKey() { return QStringLiteral("ui/muteNotifications"); }

signals:
    void themeChanged(const QString &theme);
    void languageChanged(const QString &code); // applies at once, windows are rebuilt
    void muteChanged(bool muted);

private:
    void save();
    void loadPins();
    void forgetPin();

    QComboBox *m_language;
    QComboBox *m_theme;
    QCheckBox *m_mute;
    QListWidget *m_pins;
    QPushButton *m_forgetPin;

public:
    QComboBox *languageBox() const { return m_language; }
    QListWidget *pinList() const { return m_pins; }
    QPushButton *forgetPinButton() const { return m_forgetPin; }
};

} // namespace craftchat::ui
