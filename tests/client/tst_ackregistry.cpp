// AckRegistry: ids, resolution, timeouts and failing everything, each callback exactly once.
#include "common/client/ackregistry.h"

#include <QTest>
#include <memory>

using craftchat::client::AckRegistry;

namespace {
struct Call
{
    bool timedOut = false;
    QJsonArray args;
    QList<QByteArray> attachments;
};
} // namespace

class TestAckRegistry : public QObject
{
    Q_OBJECT
private slots:
    void idsCountUp();
    void resolveCallsOnce();
    void timeoutCallsOnce();
    void failAllCallsEveryCallback();
    void callbackMayDestroyRegistry();
    void destructionDoesNotCallBack();
};

void TestAckRegistry::idsCountUp()
{
    QObject parent;
    AckRegistry acks(&parent);
    QCOMPARE(acks.add({}, 10000), 0);
    QCOMPARE(acks.add({}, 10000), 1);
    QCOMPARE(acks.add({}, 10000), 2);
    QCOMPARE(acks.size(), 3);
}

void TestAckRegistry::resolveCallsOnce()
{
    QObject parent;
    AckRegistry acks(&parent);
    QList<Call> calls;
    const qint64 id = acks.add(
        [&](bool t, const QJsonArray &a, const QList<QByteArray> &b) {
            calls.append({t, a, b});
        },
        10000);
    QVERIFY(!acks.resolve(id + 1, {}, {}));
    QVERIFY(acks.resolve(id, {"ok", 1}, {QByteArray("x")}));
    QVERIFY(!acks.resolve(id, {"again"}, {}));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0).timedOut, false);
    QCOMPARE(calls.at(0).args, (QJsonArray{"ok", 1}));
    QCOMPARE(calls.at(0).attachments, QList<QByteArray>{"x"});
    QCOMPARE(acks.size(), 0);
    QCOMPARE(parent.findChildren<QObject *>().size(), 0); // the timer is gone
}

void TestAckRegistry::timeoutCallsOnce()
{
    QObject parent;
    AckRegistry acks(&parent);
    QList<Call> calls;
    const qint64 id = acks.add(
        [&](bool t, const QJsonArray &a, const QList<QByteArray> &b) {
            calls.append({t, a, b});
        },
        50);
    QTRY_COMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0).timedOut, true);
    QVERIFY(calls.at(0).args.isEmpty());
    QVERIFY(!acks.resolve(id, {"late"}, {})); // a late ack is ignored
    QCOMPARE(calls.size(), 1);
    QCOMPARE(acks.size(), 0);
}

void TestAckRegistry::failAllCallsEveryCallback()
{
    QObject parent;
    AckRegistry acks(&parent);
    int timedOut = 0;
    for (int i = 0; i < 3; ++i)
        acks.add([&](bool t, const QJsonArray &, const QList<QByteArray> &) { timedOut += t ? 1 : 100; }, 10000);
    acks.failAll();
    QCOMPARE(timedOut, 3);
    QCOMPARE(acks.size(), 0);
    acks.failAll();
    QCOMPARE(timedOut, 3);
}

void TestAckRegistry::callbackMayDestroyRegistry()
{
    QObject parent;
    auto acks = std::make_unique<AckRegistry>(&parent);
    int calls = 0;
    for (int i = 0; i < 3; ++i)
        acks->add(
            [&](bool, const QJsonArray &, const QList<QByteArray> &) {
                ++calls;
                acks.reset();
            },
            10000);
    acks->failAll();
    QCOMPARE(calls, 1);
    QVERIFY(!acks);
}

void TestAckRegistry::destructionDoesNotCallBack()
{
    QObject parent;
    int calls = 0;
    {
        AckRegistry acks(&parent);
        acks.add([&](bool, const QJsonArray &, const QList<QByteArray> &) { ++calls; }, 10);
    }
    QCOMPARE(parent.findChildren<QObject *>().size(), 0); // no timer left to fire
    QCOMPARE(calls, 0);
}

QTEST_MAIN(TestAckRegistry)
#include "tst_ackregistry.moc"
