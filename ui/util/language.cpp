#include "ui/util/language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace craftchat::ui {

Language::Language(QObject *parent)
    : QObject(parent)
{}

void Language::apply(const QString &code)
{
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    for (QTranslator *old : {m_own, m_qt}) {
        if (old) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
    }
    m_own = new QTranslator(this);
    if (m_own->load(locale, QStringLiteral("craftchat"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(m_own);
    m_qt = new QTranslator(this);
    if (m_qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(m_qt);
    QApplication::setLayoutDirection(locale.textDirection());
    const bool switched = m_code != code;
    m_code = code;
    if (switched)
        emit changed(code);
}

} // namespace craftchat::ui
