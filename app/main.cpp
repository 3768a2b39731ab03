// CraftChat desktop app: language, theme, then the app flow (see ui/controller/appcontroller.h).
#include "app/embeddedserverhost.h"
#include "app/screenshotmode.h"

#include "ui/controller/appcontroller.h"
#include "ui/util/resources.h"
#include "ui/util/theme.h"
#include "ui/widgets/settingsdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace craftchat;

namespace {
void installTranslations(QApplication &app, const QString &override)
{
    const QString chosen = override.isEmpty()
        ? QSettings().value(ui::SettingsDialog::languageKey()).toString() : override;
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
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CraftChat desktop messenger"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption language(QStringLiteral("lang"), QStringLiteral("Language (en, de, ar)."),
                                      QStringLiteral("code"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light, dark or system."),
                                   QStringLiteral("name"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the main window with demo data to a PNG and exit."),
                                        QStringLiteral("file"));
    const QCommandLineOption as(QStringLiteral("as"), QStringLiteral("Demo side: client, craftsman or start (the start window)."),
                                QStringLiteral("role"), QStringLiteral("client"));
    parser.addOptions({language, theme, screenshot, as});
    parser.process(app);

    ui::initResources();
    installTranslations(app, parser.value(language));
    const QString themeName = parser.isSet(theme) ? parser.value(theme)
                                                  : QSettings().value(ui::SettingsDialog::themeKey()).toString();
    ui::theme::apply(themeName == QLatin1String("dark") ? ui::theme::Mode::Dark
                     : themeName == QLatin1String("light") ? ui::theme::Mode::Light
                                                           : ui::theme::Mode::System);

    if (parser.isSet(screenshot))
        return app::takeScreenshot(parser.value(as), parser.value(screenshot));

    app::EmbeddedServerHost host;
    ui::AppController controller(&host);
    QObject::connect(&app, &QApplication::aboutToQuit, &controller, &ui::AppController::shutdown);
    controller.start();
    return app.exec();
}
