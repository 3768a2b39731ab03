// Settings: language (system, English, German, Arabic), light/dark theme, muted notifications.
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;

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

    QComboBox *m_language;
    QComboBox *m_theme;
    QCheckBox *m_mute;

public:
    QComboBox *languageBox() const { return m_language; }
};

} // namespace craftchat::ui
