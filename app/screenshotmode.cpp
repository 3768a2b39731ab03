#include "app/screenshotmode.h"

#include "app/hostcertificate.h"

#include "ui/controller/chatcontroller.h"
#include "ui/delegates/chatlistdelegate.h"
#include "ui/delegates/messagedelegate.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/models/typingtracker.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/net/serverhost.h"
#include "ui/widgets/chatlistpanel.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/hostpanel.h"
#include "ui/widgets/mainwindow.h"
#include "ui/widgets/startwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QLinearGradient>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace craftchat::app {

namespace {

// Demo texts go through tr() so the Arabic and German screenshots show translated content.
class Demo
{
    Q_DECLARE_TR_FUNCTIONS(Demo)
public:
    static contract::UserProfile person(const char *id, const QString &name, const QString &role)
    {
        contract::UserProfile p;
        p.id = QString::fromLatin1(id);
        p.fullName = name;
        p.role = role;
        return p;
    }
    static contract::Message message(const QString &id, const contract::UserProfile &from, const QDateTime &at,
                                     const QString &text, bool read, const QString &type = QStringLiteral("text"))
    {
        contract::Message m;
        m.id = id;
        m.chatId = QStringLiteral("chat-kitchen");
        m.sender = from;
        m.messageType = type;
        m.content = text;
        m.timestamp = at;
        m.isRead = read;
        return m;
    }
    static contract::ChatDetails chat(const char *id, const contract::UserProfile &a, const contract::UserProfile &b,
                                      const QString &job, const QString &last, const QString &sender,
                                      const QDateTime &at, int unreadForA)
    {
        contract::ChatDetails c;
        c.id = QString::fromLatin1(id);
        c.participants = {a, b};
        if (!job.isEmpty())
            c.job = contract::JobRef{c.id + QStringLiteral("-job"), job};
        c.lastMessage = last;
        c.lastMessageAt = at;
        c.lastMessageSenderId = sender;
        c.unreadCount.insert(a.id, unreadForA);
        return c;
    }

    static QPixmap kitchenPhoto()
    {
        QPixmap pixmap(480, 360);
        QPainter p(&pixmap);
        QLinearGradient sky(0, 0, 0, 360);
        sky.setColorAt(0, QColor(0xf4, 0xe9, 0xd8));
        sky.setColorAt(1, QColor(0xd9, 0xc3, 0xa5));
        p.fillRect(pixmap.rect(), sky);
        p.fillRect(QRect(0, 240, 480, 120), QColor(0x8d, 0x6e, 0x52));
        p.fillRect(QRect(40, 150, 400, 90), QColor(0xfa, 0xfa, 0xf7));
        for (int i = 0; i < 4; ++i)
            p.fillRect(QRect(50 + i * 98, 160, 88, 70), QColor(0x5d, 0x8a, 0xa8));
        p.fillRect(QRect(60, 40, 140, 90), QColor(0xff, 0xff, 0xff, 200));
        p.fillRect(QRect(300, 60, 110, 70), QColor(0x3e, 0x4a, 0x59));
        return pixmap;
    }

    // A one-page quote as a PDF, so that the file card shows a real first page.
    static QString quotePdf()
    {
        const QString path = QDir::temp().filePath(QStringLiteral("craftchat-demo-quote.pdf"));
        QPdfWriter writer(path);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(72);
        QPainter p(&writer);
        p.fillRect(QRect(0, 0, writer.width(), 90), QColor(0x1f, 0x4e, 0x79));
        p.setPen(Qt::white);
        QFont big = p.font();
        big.setPixelSize(34);
        big.setBold(true);
        p.setFont(big);
        p.drawText(QRect(40, 0, writer.width() - 80, 90), Qt::AlignVCenter, QStringLiteral("Becker Elektro"));
        p.setPen(Qt::black);
        QFont text = p.font();
        text.setPixelSize(22);
        text.setBold(true);
        p.setFont(text);
        p.drawText(QRect(40, 120, writer.width() - 80, 40), Qt::AlignVCenter, tr("Quote"));
        text.setBold(false);
        text.setPixelSize(14);
        p.setFont(text);
        for (int i = 0; i < 14; ++i) {
            p.fillRect(QRect(40, 190 + i * 28, 300 - (i * 37) % 120, 10), QColor(0x90, 0x90, 0x90));
            p.fillRect(QRect(writer.width() - 120, 190 + i * 28, 80, 10), QColor(0x90, 0x90, 0x90));
        }
        p.end();
        return path;
    }

    static void fill(ui::ChatController *controller, ui::ImageCache *images, bool asClient)
    {
        const QString client = QStringLiteral("client");
        const QString craftsman = QStringLiteral("craftsman");
        const auto mia = person("u-mia", tr("Mia Hoffmann"), client);
        const auto carl = person("u-carl", tr("Carl Becker"), craftsman);
        const auto sofia = person("u-sofia", tr("Sofia Marino"), craftsman);
        const auto jonas = person("u-jonas", tr("Jonas Weber"), craftsman);
        const auto lea = person("u-lea", tr("Lea Schmidt"), craftsman);
        const auto tom = person("u-tom", tr("Tom Richter"), client);
        const auto anna = person("u-anna", tr("Anna Keller"), client);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime yesterday = now.addDays(-1);

        QList<contract::ChatDetails> chats;
        if (asClient) {
            chats << chat("chat-kitchen", mia, carl, tr("Kitchen wiring"), tr("Great, see you Thursday at 9!"), mia.id,
                          now.addSecs(-60 * 2), 0)
                  << chat("chat-bath", mia, sofia, tr("Bathroom tiles"), tr("I can bring samples of the grey tiles."),
                          sofia.id, now.addSecs(-60 * 34), 2)
                  << chat("chat-roof", mia, jonas, tr("Roof repair"), tr("The quote is attached."), jonas.id, yesterday,
                          1)
                  << chat("chat-fence", mia, lea, tr("Garden fence"), tr("Thanks for the quick help!"), mia.id,
                          now.addDays(-4), 0);
        } else {
            chats << chat("chat-kitchen", carl, mia, tr("Kitchen wiring"), tr("Great, see you Thursday at 9!"), mia.id,
                          now.addSecs(-60 * 2), 1)
                  << chat("chat-garage", carl, tom, tr("Garage lights"), tr("Could you also check the fuse box?"),
                          tom.id, now.addSecs(-60 * 50), 3)
                  << chat("chat-office", carl, anna, tr("Office sockets"), tr("Invoice received, thank you."), carl.id,
                          now.addDays(-3), 0);
        }
        controller->chats()->setChats(chats);
        controller->chats()->setTyping(asClient ? QStringLiteral("chat-bath") : QStringLiteral("chat-garage"), true);

        const QString photo = QStringLiteral("/uploads/demo-kitchen.png");
        images->insert(photo, kitchenPhoto());
        QList<contract::Message> history{
            message(QStringLiteral("m1"), mia, yesterday.addSecs(-3600),
                    tr("Hello Carl, the kitchen needs four new sockets and a line for the oven."), true),
            message(QStringLiteral("m2"), carl, yesterday.addSecs(-3000),
                    tr("Hello Mia! That is no problem. Could you send me a photo of the wall?"), true),
            message(QStringLiteral("m3"), mia, yesterday.addSecs(-2900), photo, true, QStringLiteral("image")),
            message(QStringLiteral("m4"), carl, now.addSecs(-60 * 20),
                    tr("Thanks. I can do it on Thursday morning, it takes about four hours."), true),
            message(QStringLiteral("m5"), carl, now.addSecs(-60 * 19), tr("The material costs around 180 €."), true),
            message(QStringLiteral("m5b"), carl, now.addSecs(-60 * 18), QUrl::fromLocalFile(quotePdf()).toString(),
                    true, QStringLiteral("file")),
            message(QStringLiteral("m5c"), mia, now.addSecs(-60 * 3), QString(), true, QStringLiteral("deleted")),
            message(QStringLiteral("m6"), mia, now.addSecs(-60 * 2), tr("Great, see you Thursday at 9!"), !asClient),
        };
        // A reply with its quote, an edited message, a file with its first page, a tombstone.
        history[3].replyTo = contract::ReplyPreview{QStringLiteral("m3"), mia.id, QStringLiteral("image"), photo};
        history[4].editedAt = now.addSecs(-60 * 17);
        history[5].attachment = contract::Attachment{tr("Quote kitchen.pdf"), 48213, QStringLiteral("application/pdf")};
        history[6].deletedAt = now.addSecs(-60 * 3);
        history[7].replyTo
            = contract::ReplyPreview{QStringLiteral("m5b"), carl.id, QStringLiteral("file"), tr("Quote kitchen.pdf")};
        controller->openChat(QStringLiteral("chat-kitchen"));
        controller->messages()->setHistory(history);
        if (asClient) {
            controller->outbox()->enqueue(QStringLiteral("chat-kitchen"), QStringLiteral("text"),
                                          tr("Should I clear the cupboards before?"));
        } else {
            controller->typing()->setTimeoutMs(600000);
            controller->typing()->setTyping(QStringLiteral("chat-kitchen"), mia.id, true);
        }
    }
};

// A hosted server as the host panel shows it while running with TLS: this machine's addresses
// and a certificate made like host mode's (in a temporary folder).
class DemoHost : public ui::ServerHost
{
public:
    DemoHost(const QSslCertificate &certificate, QObject *parent)
        : ui::ServerHost(parent)
        , m_certificate(certificate)
    {}
    bool isAvailable() const override { return true; }
    bool isRunning() const override { return true; }
    void start() override {}
    void stop() override {}
    QUrl localUrl() const override { return QUrl(QStringLiteral("https://127.0.0.1:3001")); }
    QString dataDirectory() const override { return QStringLiteral("~/.local/share/CraftChat/server"); }
    bool isNew() const override { return false; }
    std::optional<Administrator> administrator() const override { return std::nullopt; }
    QSslCertificate certificate() const override { return m_certificate; }
    BackupState backupState() const override
    {
        BackupState state;
        state.folder = QStringLiteral("~/Documents/CraftChat backups");
        state.lastBackupAt = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
        return state;
    }

private:
    QSslCertificate m_certificate;
};

int hostPanelScreenshot(const QString &outputPath)
{
    QTemporaryDir dir;
    const auto certificate = HostCertificate::ensure(dir.path());
    if (!certificate)
        return 1;
    auto *host = new DemoHost(certificate->certificate, qApp);
    auto *panel = new ui::HostPanel(host);
    panel->show();
    QTimer::singleShot(800, panel,
                       [panel, outputPath] { QCoreApplication::exit(panel->grab().save(outputPath) ? 0 : 1); });
    return QCoreApplication::exec();
}

} // namespace

int takeScreenshot(const QString &role, const QString &outputPath)
{
    if (role == QLatin1String("start")) {
        auto *start = new ui::StartWindow(nullptr);
        start->show();
        QTimer::singleShot(500, start,
                           [start, outputPath] { QCoreApplication::exit(start->grab().save(outputPath) ? 0 : 1); });
        return QCoreApplication::exec();
    }
    if (role == QLatin1String("host"))
        return hostPanelScreenshot(outputPath);
    const bool asClient = role != QLatin1String("craftsman");
    auto *session = new ui::ChatSession(qApp);
    session->api()->setBaseUrl(QUrl(QStringLiteral("https://192.168.1.20:3001"))); // shown as encrypted
    const auto me = asClient ? Demo::person("u-mia", Demo::tr("Mia Hoffmann"), QStringLiteral("client"))
                             : Demo::person("u-carl", Demo::tr("Carl Becker"), QStringLiteral("craftsman"));
    session->presentAs(me, ui::ChatSession::ConnectionState::Connected);
    auto *controller = new ui::ChatController(session, new ui::Outbox(QString()), qApp);
    controller->setNetworkEnabled(false);
    controller->setWindowActive(true);
    auto *images = new ui::ImageCache(session->api(), qApp);
    auto *window = new ui::MainWindow(controller, images);
    window->chatList()->delegate()->setNow(QDateTime::currentDateTimeUtc());
    Demo::fill(controller, images, asClient);
    window->resize(1100, 720);
    window->show();
    window->conversation()->composer()->focusEditor();
    QTimer::singleShot(800, window, [window, outputPath] {
        window->conversation()->view()->scrollToBottomNow();
        QTimer::singleShot(300, window, [window, outputPath] {
            const bool ok = window->grab().save(outputPath);
            QCoreApplication::exit(ok ? 0 : 1);
        });
    });
    return QCoreApplication::exec();
}

} // namespace craftchat::app
