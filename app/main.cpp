// CraftChat desktop app: language, theme, then the app flow (see ui/controller/appcontroller.h).
#include "app/embeddedserverhost.h"
#include "app/screenshotmode.h"

#include "ui/controller/appcontroller.h"
#include "ui/net/invitation.h"
#include "ui/util/language.h"
#include "ui/util/resources.h"
#include "ui/util/theme.h"
#include "ui/widgets/settingsdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

using namespace craftchat;

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
    const QCommandLineOption as(
        QStringLiteral("as"),
        QStringLiteral("Demo side: client, craftsman, start (the start window) or host (the host panel)."),
        QStringLiteral("role"), QStringLiteral("client"));
    parser.addOptions({language, theme, screenshot, as});
    parser.addPositionalArgument(QStringLiteral("invitation"),
                                 QStringLiteral("A craftchat://join?... invitation to open."),
                                 QStringLiteral("[invitation]"));
    parser.process(app);

    ui::initResources();
    ui::Language appLanguage;
    appLanguage.apply(parser.isSet(language) ? parser.value(language)
                                             : QSettings().value(ui::SettingsDialog::languageKey()).toString());
    const QString themeName
        = parser.isSet(theme) ? parser.value(theme) : QSettings().value(ui::SettingsDialog::themeKey()).toString();
    ui::theme::apply(themeName == QLatin1String("dark")    ? ui::theme::Mode::Dark
                     : themeName == QLatin1String("light") ? ui::theme::Mode::Light
                                                           : ui::theme::Mode::System);

    if (parser.isSet(screenshot))
        return app::takeScreenshot(parser.value(as), parser.value(screenshot));

    app::EmbeddedServerHost host;
    ui::AppController controller(&host, &appLanguage);
    QObject::connect(&app, &QApplication::aboutToQuit, &controller, &ui::AppController::shutdown);
    const QStringList arguments = parser.positionalArguments();
    if (!arguments.isEmpty() && ui::Invitation::looksLikeInvitation(arguments.first()))
        controller.openInvitation(arguments.first());
    else
        controller.start();
    return app.exec();
}
