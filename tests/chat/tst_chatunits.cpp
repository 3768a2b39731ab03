// Unit tests of the chat domain's small parts: the sliding-window rate limiter, the
// connection registry, the metrics counters and their Prometheus text, recent sends.
#include "server/chat/chatcache.h"
#include "server/chat/chatmetrics.h"
#include "server/chat/connectionregistry.h"
#include "server/chat/ratelimiter.h"
#include "server/chat/recentsends.h"

#include <QTest>

using namespace craftchat::chat;
using namespace craftchat::contract;

class TestChatUnits : public QObject
{
    Q_OBJECT

private slots:
    void rateLimiterSlidingWindow_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<qint64>("probeAt");
        QTest::addColumn<bool>("allowed");
        // 3 actions at t=0, 10, 20 s with limit 3; the window is 60 s.
        QTest::newRow("at the limit") << 3 << qint64(30'000) << false;
        QTest::newRow("just before the first expires") << 3 << qint64(59'999) << false;
        QTest::newRow("first expired") << 3 << qint64(60'000) << true;
        QTest::newRow("higher limit") << 4 << qint64(30'000) << true;
    }

    void rateLimiterSlidingWindow()
    {
        QFETCH(int, limit);
        QFETCH(qint64, probeAt);
        QFETCH(bool, allowed);
        RateLimiter limiter(limit, 60'000);
        for (qint64 t : {0, 10'000, 20'000}) {
            QVERIFY(limiter.allows(QStringLiteral("u"), t));
            limiter.record(QStringLiteral("u"), t);
        }
        QCOMPARE(limiter.allows(QStringLiteral("u"), probeAt), allowed);
        QVERIFY(limiter.allows(QStringLiteral("someone else"), probeAt));
    }

    void rateLimiterCountsOnlyRecorded()
    {
        RateLimiter limiter(2, 1000);
        QVERIFY(limiter.allows(QStringLiteral("u"), 0));
        QVERIFY(limiter.allows(QStringLiteral("u"), 1)); // asking does not count
        limiter.record(QStringLiteral("u"), 2);
        QCOMPARE(limiter.count(QStringLiteral("u"), 3), 1);
        limiter.record(QStringLiteral("u"), 4);
        QVERIFY(!limiter.allows(QStringLiteral("u"), 5));
        limiter.prune(2000);
        QCOMPARE(limiter.trackedUsers(), 0);
        QVERIFY(limiter.allows(QStringLiteral("u"), 2000));
    }

    void rateLimiterUnrecordGivesTheSlotBack()
    {
        RateLimiter limiter(2, 1000);
        limiter.record(QStringLiteral("u"), 10);
        limiter.record(QStringLiteral("u"), 20);
        QVERIFY(!limiter.allows(QStringLiteral("u"), 30));
        limiter.unrecord(QStringLiteral("u"), 20);
        QCOMPARE(limiter.count(QStringLiteral("u"), 30), 1);
        limiter.unrecord(QStringLiteral("u"), 999); // not there: nothing happens
        QCOMPARE(limiter.count(QStringLiteral("u"), 30), 1);
        limiter.unrecord(QStringLiteral("u"), 10);
        QCOMPARE(limiter.trackedUsers(), 0);
    }

    void rateLimiterForgetAndBound()
    {
        RateLimiter limiter(5, 1000);
        limiter.record(QStringLiteral("u"), 10);
        limiter.record(QStringLiteral("u"), 20);
        limiter.forget(QStringLiteral("u"));
        QCOMPARE(limiter.count(QStringLiteral("u"), 30), 0);
        QCOMPARE(limiter.trackedUsers(), 0);

        // At most 16 keys: a new one past the bound first drops expired keys, then the
        // eighth (+1) whose last action is the oldest.
        limiter.setMaxTracked(16);
        for (int i = 0; i < 16; ++i)
            limiter.record(QStringLiteral("k%1").arg(i), 100 + i);
        QCOMPARE(limiter.trackedUsers(), 16);
        limiter.record(QStringLiteral("k3"), 200); // known key: nothing dropped
        QCOMPARE(limiter.trackedUsers(), 16);
        limiter.record(QStringLiteral("new"), 300);
        QCOMPARE(limiter.trackedUsers(), 14); // 16 - 3 + 1
        QCOMPARE(limiter.count(QStringLiteral("k0"), 300), 0);
        QCOMPARE(limiter.count(QStringLiteral("k1"), 300), 0);
        QCOMPARE(limiter.count(QStringLiteral("k2"), 300), 0);
        QCOMPARE(limiter.count(QStringLiteral("k3"), 300), 2); // its last action was recent
        QCOMPARE(limiter.count(QStringLiteral("k4"), 300), 1);
        // Once the window has passed, expired keys make the room.
        limiter.record(QStringLiteral("k4"), 1150);
        for (int i = 0; i < 3; ++i)
            limiter.record(QStringLiteral("more%1").arg(i), 1150);
        limiter.record(QStringLiteral("late"), 1200);
        // k5..k15 expired by then: k3, k4, new, more0..2, late remain.
        QCOMPARE(limiter.trackedUsers(), 7);
    }

    void registryTracksSocketsPerUser()
    {
        ConnectionRegistry registry;
        QCOMPARE(registry.add(QStringLiteral("s1"), QStringLiteral("alice"), QStringLiteral("client"), 1), 1);
        QCOMPARE(registry.add(QStringLiteral("s2"), QStringLiteral("alice"), QStringLiteral("client"), 2), 2);
        QCOMPARE(registry.add(QStringLiteral("s3"), QStringLiteral("bob"), QStringLiteral("craftsman"), 3), 1);
        QCOMPARE(registry.connectionCount(), 3);
        QCOMPARE(registry.onlineUserCount(), 2);
        QCOMPARE(registry.userOf(QStringLiteral("s2")), QStringLiteral("alice"));
        QCOMPARE(registry.socketsOf(QStringLiteral("alice")),
                 (QSet<QString>{QStringLiteral("s1"), QStringLiteral("s2")}));
        QCOMPARE(registry.entry(QStringLiteral("s3"))->role, QStringLiteral("craftsman"));

        QCOMPARE(registry.remove(QStringLiteral("s1")), QStringLiteral("alice"));
        QCOMPARE(registry.socketCount(QStringLiteral("alice")), 1);
        QCOMPARE(registry.remove(QStringLiteral("s2")), QStringLiteral("alice"));
        QVERIFY(!registry.isOnline(QStringLiteral("alice")));
        QCOMPARE(registry.onlineUserCount(), 1);
        QCOMPARE(registry.remove(QStringLiteral("unknown")), QString());
        QCOMPARE(registry.connectionCount(), 1);
    }

    void metricsRender()
    {
        ChatMetrics metrics;
        metrics.countEvent(QStringLiteral("send-message"));
        metrics.countEvent(QStringLiteral("send-message"));
        metrics.countEvent(QStringLiteral("made-up"));
        metrics.countError(QStringLiteral("RATE_LIMIT"));
        const qint64 now = 1'000'000'000;
        metrics.countMessage(now - 61'000); // outside the last minute
        metrics.countMessage(now - 5'000);
        metrics.countMessage(now);
        QCOMPARE(metrics.messagesTotal(), quint64(3));
        QCOMPARE(metrics.messagesLastMinute(now), 2);

        const QByteArray text = metrics.renderPrometheus(ChatMetrics::Gauges{7, 4, 3}, now);
        const QList<QByteArray> lines = text.split('\n');
        QVERIFY(lines.contains("chat_socket_connections 7"));
        QVERIFY(lines.contains("chat_online_users 4"));
        QVERIFY(lines.contains("chat_active_chats 3"));
        QVERIFY(lines.contains("chat_messages_per_minute 2"));
        QVERIFY(lines.contains("chat_messages_total 3"));
        QVERIFY(lines.contains("chat_socket_events_total{event=\"send-message\"} 2"));
        QVERIFY(lines.contains("chat_socket_events_total{event=\"other\"} 1"));
        QVERIFY(lines.contains("chat_socket_errors_total{code=\"RATE_LIMIT\"} 1"));
        QVERIFY(lines.contains("# TYPE chat_messages_total counter"));
        QVERIFY(text.endsWith('\n'));
    }

    void chatCacheAppliesMessages()
    {
        ChatCache cache(2);
        ChatDetails chat;
        chat.id = QStringLiteral("c1");
        chat.participants
            = {UserProfile{QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("client"), {}, {}},
               UserProfile{QStringLiteral("b"), QStringLiteral("B"), QStringLiteral("craftsman"), {}, {}}};
        chat.unreadCount = {{QStringLiteral("a"), 0}, {QStringLiteral("b"), 0}};
        cache.put(chat);
        Message m;
        m.chatId = QStringLiteral("c1");
        m.sender = chat.participants.at(0);
        m.content = QStringLiteral("hello");
        m.timestamp = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        const ChatDetails *updated = cache.applyMessage(m);
        QVERIFY(updated);
        QCOMPARE(updated->lastMessage, std::optional<QString>(QStringLiteral("hello")));
        QCOMPARE(updated->lastMessageSenderId, std::optional<QString>(QStringLiteral("a")));
        QCOMPARE(updated->lastMessageAt, std::optional<QDateTime>(m.timestamp));
        QCOMPARE(updated->unreadCount.value(QStringLiteral("b")), 1);
        QCOMPARE(updated->unreadCount.value(QStringLiteral("a")), 0);
        QVERIFY(ChatCache::isParticipant(*updated, QStringLiteral("b")));
        QVERIFY(!ChatCache::isParticipant(*updated, QStringLiteral("z")));

        m.chatId = QStringLiteral("unknown");
        QVERIFY(!cache.applyMessage(m));
        // Bounded: a third chat empties a full cache of two.
        chat.id = QStringLiteral("c2");
        cache.put(chat);
        QCOMPARE(cache.size(), 2);
        chat.id = QStringLiteral("c3");
        cache.put(chat);
        QCOMPARE(cache.size(), 1);
        QVERIFY(cache.find(QStringLiteral("c3")));
    }

    void recentSendsFindsByChatAndId()
    {
        RecentSends recent(2, 1000);
        MessageSent a{true, QStringLiteral("m1"), QDateTime(), QStringLiteral("c1"), QStringLiteral("x")};
        MessageSent b{true, QStringLiteral("m2"), QDateTime(), QStringLiteral("c2"), QStringLiteral("x")};
        MessageSent c{true, QStringLiteral("m3"), QDateTime(), QStringLiteral("c1"), QStringLiteral("y")};
        recent.remember(QStringLiteral("u"), a, 0);
        recent.remember(QStringLiteral("u"), b, 10);
        QCOMPARE(recent.find(QStringLiteral("u"), QStringLiteral("c1"), QStringLiteral("x"))->messageId,
                 QStringLiteral("m1"));
        QCOMPARE(recent.find(QStringLiteral("u"), QStringLiteral("c2"), QStringLiteral("x"))->messageId,
                 QStringLiteral("m2"));
        QVERIFY(!recent.find(QStringLiteral("v"), QStringLiteral("c1"), QStringLiteral("x")));
        recent.remember(QStringLiteral("u"), c, 20); // capacity 2: the oldest goes
        QVERIFY(!recent.find(QStringLiteral("u"), QStringLiteral("c1"), QStringLiteral("x")));
        recent.prune(1015);
        QVERIFY(!recent.find(QStringLiteral("u"), QStringLiteral("c2"), QStringLiteral("x")));
        QVERIFY(recent.find(QStringLiteral("u"), QStringLiteral("c1"), QStringLiteral("y")));
    }
};

QTEST_MAIN(TestChatUnits)
#include "tst_chatunits.moc"
