// The app's language: CraftChat's own translations and Qt's, the default locale and the layout
// direction, switchable while the app runs (the windows are then rebuilt in the new language).
#pragma once

#include <QObject>

class QTranslator;

namespace craftchat::ui {

class Language : public QObject
{
    Q_OBJECT
public:
    explicit Language(QObject *parent = nullptr);

    // code: "en", "de", "ar", or "" for the system's language.
    void apply(const QString &code);
    QString code() const { return m_code; }

signals:
    void changed(const QString &code);

private:
    QString m_code;
    QTranslator *m_own = nullptr;
    QTranslator *m_qt = nullptr;
};

} // namespace craftchat::ui
