// One running app session for the end-to-end tests: what AppController builds after signing
// in (session, outbox, controller, image cache, main window), plus the questions the tests ask
// of it: what the model holds and what the conversation view shows.
#pragma once

#include "tests/ui/viewprobe.h"
#include "ui/controller/chatcontroller.h"
#include "ui/models/messagemodel.h"
#include "ui/models/outbox.h"
#include "ui/net/chatsession.h"
#include "ui/net/imagecache.h"
#include "ui/widgets/composer.h"
#include "ui/widgets/conversationpane.h"
#include "ui/widgets/conversationview.h"
#include "ui/widgets/mainwindow.h"

#include "tests/support/testserver.h"

#include <QApplication>
#include <QTest>

namespace e2e {

using namespace craftchat;
using namespace craftchat::ui;
using testsupport::TestUser;

// One running app session: what AppController builds after signing in.
struct AppSession
{
    AppSession(const QUrl &server, const TestUser &user, const QString &outboxPath)
    {
        contract::UserProfile me;
        me.id = user.id;
        me.fullName = user.fullName;
        me.role = user.role;
        session = new ChatSession;
        // As AppController does: the session knows its user before the controller is made;
        // events only arrive once the event loop runs.
        session->start(server, user.token, me);
        auto *outbox = new Outbox(outboxPath);
        outbox->load();
        controller = new ChatController(session, outbox);
        images = new ImageCache(session->api());
        window = new MainWindow(controller, images);
        window->resize(900, 640);
        window->show();
    }
    ~AppSession()
    {
        session->stop();
        delete window;
        delete images;
        delete controller;
        delete session;
    }
    int countContent(const QString &text) const
    {
        int n = 0;
        for (int r = 0; r < controller->messages()->rowCount(); ++r)
            n += controller->messages()->index(r, 0).data(MessageModel::ContentRole).toString() == text;
        return n;
    }
    QString lastImageUrl() const
    {
        for (int r = controller->messages()->rowCount() - 1; r >= 0; --r) {
            const QModelIndex i = controller->messages()->index(r, 0);
            if (i.data(MessageModel::TypeRole).toString() == QLatin1String("image"))
                return i.data(MessageModel::ContentRole).toString();
        }
        return {};
    }
    int countType(const QString &type) const
    {
        int n = 0;
        for (int r = 0; r < controller->messages()->rowCount(); ++r)
            n += controller->messages()->index(r, 0).data(MessageModel::TypeRole).toString() == type;
        return n;
    }
    QModelIndex lastImage() const
    {
        for (int r = controller->messages()->rowCount() - 1; r >= 0; --r) {
            const QModelIndex i = controller->messages()->index(r, 0);
            if (i.data(MessageModel::TypeRole).toString() == QLatin1String("image"))
                return i;
        }
        return {};
    }
    MessageModel::State stateOf(const QString &text) const
    {
        for (int r = 0; r < controller->messages()->rowCount(); ++r) {
            const QModelIndex i = controller->messages()->index(r, 0);
            if (i.data(MessageModel::ContentRole).toString() == text)
                return MessageModel::State(i.data(MessageModel::StateRole).toInt());
        }
        return MessageModel::State::Failed;
    }
    void type(const QString &text)
    {
        ComposerEdit *edit = window->conversation()->composer()->editor();
        edit->setFocus();
        QTest::keyClicks(edit, text);
    }
    void send(const QString &text)
    {
        type(text);
        QTest::keyClick(window->conversation()->composer()->editor(), Qt::Key_Return);
    }

    ConversationView *view() const { return window->conversation()->view(); }
    // The last row with this text, and whether the conversation view shows it painted.
    QModelIndex rowWithContent(const QString &text) const
    {
        return viewprobe::findRow(controller->messages(), MessageModel::ContentRole, text);
    }
    bool shows(const QString &text) const { return viewprobe::rowShown(view(), rowWithContent(text)); }

    ChatSession *session;
    ChatController *controller;
    ImageCache *images;
    MainWindow *window;
};

inline bool activate(QWidget *window)
{
    window->raise();
    window->activateWindow();
    QApplication::setActiveWindow(window);
    return QTest::qWaitForWindowActive(window);
}

} // namespace e2e
