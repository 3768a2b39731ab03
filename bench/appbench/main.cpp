// appbench: the desktop app opening a chat of 100,000 messages and scrolling back through
// 1,000 of them, against a real server on loopback (offscreen, no display needed). Prints the
// time until the newest page is on screen, the time to scroll back, and the process's memory
// (RSS now and at its peak). Not a test: run it by hand, figures in docs/PERFORMANCE.md.
//   QT_QPA_PLATFORM=offscreen build/bench/appbench/appbench [--messages 100000] [--scroll 1000]
#include "bench/databench/datagen.h"
#include "tests/support/testserver.h"
#include "ui/controller/chatcontroller.h"
#include "ui/models/chatlistmodel.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/util/resources.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace craftchat;

namespace {
// "VmRSS" / "VmHWM" of /proc/self/status in MiB.
double memoryMiB(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key) + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

template <typename Pred>
bool waitFor(Pred pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption messagesOpt(QStringLiteral("messages"), QStringLiteral("Messages in the chat."),
                                   QStringLiteral("n"), QStringLiteral("100000"));
    QCommandLineOption scrollOpt(QStringLiteral("scroll"), QStringLiteral("Messages to scroll back."),
                                 QStringLiteral("n"), QStringLiteral("1000"));
    parser.addOptions({messagesOpt, scrollOpt});
    parser.process(app);
    const qint64 messages = parser.value(messagesOpt).toLongLong();
    const int scroll = parser.value(scrollOpt).toInt();
    ui::initResources();

    QTemporaryDir dir;
    bench::DataSetOptions data;
    data.dataDirectory = dir.path();
    data.messages = messages;
    data.chats = 1;
    data.clients = 1;
    data.craftsmen = 1;
    QElapsedTimer timer;
    timer.start();
    if (const QString error = bench::generateDataSet(data, [](const QString &) {}); !error.isEmpty()) {
        say(QStringLiteral("data set failed: ") + error);
        return 1;
    }
    say(QStringLiteral("data set: %1 messages in one chat, %2 ms").arg(messages).arg(timer.elapsed()));
    // databench's generator names the file as its own store opens it; the server's is craftchat.sqlite.
    if (!QFile::rename(dir.filePath(QStringLiteral("craftchat.sqlite3")),
                       dir.filePath(QStringLiteral("craftchat.sqlite")))) {
        say(QStringLiteral("cannot move the data set into place"));
        return 1;
    }

    testsupport::TestServer server(dir.path());
    if (!server.start()) {
        say(QStringLiteral("server did not start"));
        return 1;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    contract::UserProfile me;
    me.id = bench::userId(0);
    me.fullName = QStringLiteral("Kunde 0");
    me.role = QStringLiteral("client");
    const QString token = testsupport::TestServer::mintToken(me.id, me.role, now, now + 3600);

    auto *session = new ui::ChatSession;
    session->start(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())), token, me);
    auto *controller = new ui::ChatController(session, new ui::Outbox(QString()));
    auto *images = new ui::ImageCache(session->api());
    auto *window = new ui::MainWindow(controller, images);
    window->resize(1040, 700);
    window->show();
    if (!waitFor(
            [&] {
                return session->state() == ui::ChatSession::ConnectionState::Connected
                       && controller->chats()->rowCount() == 1;
            },
            30000)) {
        say(QStringLiteral("not connected"));
        return 1;
    }
    const double rssBefore = memoryMiB("VmRSS:");

    ui::ConversationView *view = window->conversation()->view();
    ui::MessageModel *model = controller->messages();
    timer.restart();
    window->openChat(bench::chatId(0));
    if (!waitFor([&] { return model->rowCount() >= ui::ChatController::PageSize; }, 30000))
        return 1;
    view->viewport()->repaint();
    const qint64 openMs = timer.elapsed();
    const int firstRows = model->rowCount();
    const double rssOpen = memoryMiB("VmRSS:");

    // Scroll back like a user dragging to the top: each time at the top, the next page comes.
    timer.restart();
    int pages = 0;
    QList<qint64> pageMs;
    while (model->rowCount() < firstRows + scroll) {
        const int before = model->rowCount();
        QElapsedTimer page;
        page.start();
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->minimum() + 1);
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->minimum());
        if (!waitFor([&] { return model->rowCount() > before; }, 30000)) {
            say(QStringLiteral("no older page after %1 rows").arg(before));
            return 1;
        }
        view->viewport()->repaint();
        pageMs << page.elapsed();
        ++pages;
    }
    const qint64 scrollMs = timer.elapsed();
    std::sort(pageMs.begin(), pageMs.end());
    const double rssScrolled = memoryMiB("VmRSS:");

    say(QStringLiteral("open chat (%1 messages stored): newest page (%2 rows) on screen in %3 ms")
            .arg(messages)
            .arg(firstRows)
            .arg(openMs));
    say(QStringLiteral("scroll back %1 messages: %2 pages in %3 ms (page p50 %4 ms, max %5 ms)")
            .arg(model->rowCount() - firstRows)
            .arg(pages)
            .arg(scrollMs)
            .arg(pageMs.at(pageMs.size() / 2))
            .arg(pageMs.last()));
    say(QStringLiteral("RSS: %1 MiB before opening, %2 MiB with the chat open, %3 MiB after scrolling; peak %4 MiB "
                       "(the in-process server included)")
            .arg(rssBefore, 0, 'f', 1)
            .arg(rssOpen, 0, 'f', 1)
            .arg(rssScrolled, 0, 'f', 1)
            .arg(memoryMiB("VmHWM:"), 0, 'f', 1));
    session->stop();
    delete window;
    delete images;
    delete controller;
    delete session;
    return 0;
}
