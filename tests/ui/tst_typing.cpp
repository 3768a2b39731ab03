#include "ui/models/typingdebouncer.h"
#include "ui/models/typingtracker.h"

#include <QSignalSpy>
#include <QTest>

using craftchat::ui::TypingDebouncer;
using craftchat::ui::TypingTracker;

class TestTyping : public QObject
{
    Q_OBJECT
private slots:
    void trackerStartsAndStops()
    {
        TypingTracker t;
        t.setCurrentUserId(QStringLiteral("me"));
        QSignalSpy spy(&t, &TypingTracker::typingChanged);
        t.setTyping(QStringLiteral("c1"), QStringLiteral("u1"), true);
        t.setTyping(QStringLiteral("c1"), QStringLiteral("u1"), true); // repeated: no new signal
        QCOMPARE(spy.size(), 1);
        QVERIFY(t.isTyping(QStringLiteral("c1")));
        QVERIFY(!t.isTyping(QStringLiteral("c2")));
        QCOMPARE(t.typingUsers(QStringLiteral("c1")), QStringList{QStringLiteral("u1")});
        t.setTyping(QStringLiteral("c1"), QStringLiteral("u1"), false);
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.last().at(1).toBool(), false);
        QVERIFY(!t.isTyping(QStringLiteral("c1")));
    }

    void ownEventsAreIgnored()
    {
        TypingTracker t;
        t.setCurrentUserId(QStringLiteral("me"));
        QSignalSpy spy(&t, &TypingTracker::typingChanged);
        t.setTyping(QStringLiteral("c1"), QStringLiteral("me"), true);
        QCOMPARE(spy.size(), 0);
        QVERIFY(!t.isTyping(QStringLiteral("c1")));
    }

    void trackerExpiresWithoutStop()
    {
        TypingTracker t;
        t.setTimeoutMs(50);
        QSignalSpy spy(&t, &TypingTracker::typingChanged);
        t.setTyping(QStringLiteral("c1"), QStringLiteral("u1"), true);
        QVERIFY(t.isTyping(QStringLiteral("c1")));
        QTRY_VERIFY_WITH_TIMEOUT(!t.isTyping(QStringLiteral("c1")), 5000);
        QCOMPARE(spy.size(), 2);
    }

    void messageEndsTyping()
    {
        TypingTracker t;
        t.setTyping(QStringLiteral("c1"), QStringLiteral("u1"), true);
        t.setTyping(QStringLiteral("c1"), QStringLiteral("u2"), true);
        t.messageArrived(QStringLiteral("c1"), QStringLiteral("u1"));
        QCOMPARE(t.typingUsers(QStringLiteral("c1")), QStringList{QStringLiteral("u2")});
        t.clear();
        QVERIFY(!t.isTyping(QStringLiteral("c1")));
    }

    void debouncerSendsOneStartAndOneStop()
    {
        TypingDebouncer d;
        d.setIdleMs(60);
        QSignalSpy started(&d, &TypingDebouncer::typingStarted);
        QSignalSpy stopped(&d, &TypingDebouncer::typingStopped);
        for (int i = 0; i < 20; ++i)
            d.keystroke();
        QCOMPARE(started.size(), 1);
        QCOMPARE(stopped.size(), 0);
        QVERIFY(stopped.wait(5000));
        QCOMPARE(stopped.size(), 1);
        QVERIFY(!d.isTyping());
        d.keystroke();
        QCOMPARE(started.size(), 2);
        d.stop(); // on send
        QCOMPARE(stopped.size(), 2);
        d.stop();
        QCOMPARE(stopped.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestTyping)
#include "tst_typing.moc"
