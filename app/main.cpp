// CraftChat desktop app: language, theme, then the app flow (see ui/controller/appcontroller.h).
#include "embeddedserverhost.h"

#include "controller/appcontroller.h"
#include "util/resources.h"
#include "util/theme.h"
#include "widgets/settingsdialog.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace craftchat;

namespace {
void installTranslations(QApplication &app)
{
    const QString chosen = QSettings().value(ui::SettingsDialog::languageKey()).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("craftchat"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    QApplication::setLayoutDirection(locale.textDirection());
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication::setApplicationName(QStringLiteral("CraftChat"));
    QApplication::setOrganizationName(QStringLiteral("CraftChat"));
    QApplication::setApplicationVersion(QStringLiteral(CRAFTCHAT_VERSION));
    QApplication app(argc, argv);
    QApplication::setDesktopFileName(QStringLiteral("craftchat"));
    QApplication::setQuitOnLastWindowClosed(true);
    ui::initResources();
    installTranslations(app);
    const QString themeName = QSettings().value(ui::SettingsDialog::themeKey()).toString();
    ui::theme::apply(themeName == QLatin1String("dark") ? ui::theme::Mode::Dark
                     : themeName == QLatin1String("light") ? ui::theme::Mode::Light
                                                           : ui::theme::Mode::System);

    app::EmbeddedServerHost host;
    ui::AppController controller(&host);
    QObject::connect(&app, &QApplication::aboutToQuit, &controller, &ui::AppController::shutdown);
    controller.start();
    return app.exec();
}
