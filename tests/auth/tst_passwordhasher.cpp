// PasswordHasher (argon2id) and AsyncPasswordHasher (off the event loop thread).
#include "server/auth/asyncpasswordhasher.h"
#include "server/auth/passwordhasher.h"

#include <QtTest>

using namespace craftchat::auth;

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private slots:
    void hashVerifiesOnlyTheRightPassword()
    {
        const PasswordHasher hasher(PasswordHashLimits::minimum());
        const auto hash = hasher.hash(QStringLiteral("correct horse battery"));
        QVERIFY(hash.has_value());
        QVERIFY(hash->startsWith(QLatin1String("$argon2id$v=19$")));
        QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse battery"), *hash));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horse battery "), *hash));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("Correct horse battery"), *hash));
        QVERIFY(!PasswordHasher::verify(QString(), *hash));
    }

    void hashesAreSalted()
    {
        const PasswordHasher hasher(PasswordHashLimits::minimum());
        const auto first = hasher.hash(QStringLiteral("same password"));
        const auto second = hasher.hash(QStringLiteral("same password"));
        QVERIFY(first && second);
        QVERIFY(*first != *second);
        QVERIFY(PasswordHasher::verify(QStringLiteral("same password"), *second));
    }

    void unicodePasswordsUseUtf8()
    {
        const PasswordHasher hasher(PasswordHashLimits::minimum());
        const QString password = QStringLiteral("p\u00e4ssw\u00f6rd-\U0001F600");
        const auto hash = hasher.hash(password);
        QVERIFY(hash);
        QVERIFY(PasswordHasher::verify(password, *hash));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("passwrd-"), *hash));
    }

    void garbageHashIsFalse_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::newRow("empty") << QString();
        QTest::newRow("text") << QStringLiteral("not a hash");
        QTest::newRow("plain password") << QStringLiteral("secret123");
        QTest::newRow("truncated") << QStringLiteral("$argon2id$v=19$m=8,t=1,p=1$");
        QTest::newRow("bad base64") << QStringLiteral("$argon2id$v=19$m=8,t=1,p=1$!!!!$????");
        QTest::newRow("unknown algorithm") << QStringLiteral("$scrypt$ln=15,r=8,p=1$AAAA$BBBB");
        QTest::newRow("overlong") << QStringLiteral("$argon2id$v=19$m=8,t=1,p=1$") + QString(500, QLatin1Char('A'));
        QTest::newRow("non-latin1") << QStringLiteral("$argon2id$\u4e2d\u6587");
    }

    void garbageHashIsFalse()
    {
        QFETCH(QString, hash);
        QVERIFY(!PasswordHasher::verify(QStringLiteral("secret123"), hash));
    }

    void hashOfOtherLimitsStillVerifies()
    {
        // The hash string carries its own parameters.
        const PasswordHasher small(PasswordHashLimits::minimum());
        const PasswordHashLimits otherLimits{3, 2 * PasswordHashLimits::minimum().memLimit + 8192};
        const PasswordHasher other(otherLimits);
        const auto hash = other.hash(QStringLiteral("pw-12345678"));
        QVERIFY(hash);
        QVERIFY(PasswordHasher::verify(QStringLiteral("pw-12345678"), *hash));
        QVERIFY(!other.needsRehash(*hash));
        QVERIFY(small.needsRehash(*hash));
        QVERIFY(small.needsRehash(QStringLiteral("garbage")));
    }

    void interactiveLimitsAreTheDefault()
    {
        const PasswordHasher hasher;
        QCOMPARE(hasher.limits().opsLimit, PasswordHashLimits::interactive().opsLimit);
        QCOMPARE(hasher.limits().memLimit, PasswordHashLimits::interactive().memLimit);
        QCOMPARE(PasswordHashLimits::interactive().memLimit, size_t(64) * 1024 * 1024);
    }

    void overlongPasswordIsRefused()
    {
        const PasswordHasher hasher(PasswordHashLimits::minimum());
        QVERIFY(!hasher.hash(QString(PasswordHasher::MaxPasswordBytes + 1, QLatin1Char('x'))));
    }

    void asyncHashAndVerifyDeliverOnCallerThread()
    {
        AsyncPasswordHasher async(PasswordHasher(PasswordHashLimits::minimum()), 2);
        QObject context;
        std::optional<QString> hash;
        bool hashDone = false;
        QThread *hashThread = nullptr;
        async.hash(QStringLiteral("hunter2hunter2"), &context, [&](std::optional<QString> result) {
            hash = std::move(result);
            hashThread = QThread::currentThread();
            hashDone = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(hashDone, 30000);
        QCOMPARE(hashThread, QThread::currentThread());
        QVERIFY(hash);

        int good = -1;
        int bad = -1;
        async.verify(QStringLiteral("hunter2hunter2"), *hash, &context, [&](bool ok) { good = ok; });
        async.verify(QStringLiteral("hunter3hunter3"), *hash, &context, [&](bool ok) { bad = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(good != -1 && bad != -1, 30000);
        QCOMPARE(good, 1);
        QCOMPARE(bad, 0);
    }

    void asyncCallbackDroppedWhenContextIsGone()
    {
        AsyncPasswordHasher async(PasswordHasher(PasswordHashLimits::minimum()), 1);
        auto *context = new QObject;
        bool called = false;
        async.hash(QStringLiteral("whatever-password"), context, [&](std::optional<QString>) { called = true; });
        delete context;
        async.waitForDone();
        // A second job with a live context proves the queue has been delivered.
        QObject alive;
        bool secondCalled = false;
        async.verify(QStringLiteral("x"), QStringLiteral("garbage"), &alive, [&](bool) { secondCalled = true; });
        QTRY_VERIFY_WITH_TIMEOUT(secondCalled, 30000);
        QVERIFY(!called);
    }
};

QTEST_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
